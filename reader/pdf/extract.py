"""Read a PDF's text layer in a child process with bounded time and memory.

pdfminer.six parses in pure Python and trusts the file: a small PDF can inflate
a stream to gigabytes or nest objects without end. So the work happens in
``python -m reader.pdf.worker`` with an address-space limit (POSIX) and a
deadline; whatever goes wrong comes back as one :class:`PdfProblem` line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

from reader.pdf.layer import PageLayer, layer_from_json

#: Bigger than this, a file is not one printed page (a page PDF is 0.1–20 MiB).
MAX_PDF_BYTES = 64 * 1024 * 1024
#: Seconds the worker may take for one PDF.
TIMEOUT_SECONDS = 60.0
#: Address space of the worker (pdfminer needs ~100 MiB for a dense page).
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
#: The PDF standard allows junk before the header; readers look this far.
MAGIC_WINDOW = 1024


class PdfProblem(ValueError):
    """A PDF that cannot be imported; the message is one line for the user."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def looks_like_pdf(data: bytes) -> bool:
    """Whether ``data`` starts (within the first KiB) with a PDF header."""
    return PDF_MAGIC in data[:MAGIC_WINDOW]


def _limit_memory(limit: int) -> Callable[[], None] | None:
    try:
        import resource
    except ImportError:  # not POSIX: only the deadline applies
        return None

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def read_pdf_layers(
    data: bytes, *, timeout: float = TIMEOUT_SECONDS, memory: int = MEMORY_LIMIT_BYTES
) -> list[PageLayer]:
    """The text layer of every page of ``data``. Raises :class:`PdfProblem`.

    ``timeout`` (seconds) and ``memory`` (bytes of address space) bound the
    child process that parses it.
    """
    if len(data) > MAX_PDF_BYTES:
        raise PdfProblem("huge", f"PDF larger than {MAX_PDF_BYTES // 1_048_576} MiB: not a page")
    if not looks_like_pdf(data):
        raise PdfProblem("damaged", "not a PDF (no %PDF- header)")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader.pdf.worker"],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_memory(memory),
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfProblem(
            "huge", f"PDF too complex: not read within {timeout:g} s (damaged or not a page)"
        ) from None
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        if "MemoryError" in last or done.returncode < 0:
            raise PdfProblem(
                "huge",
                f"PDF too large to read: needs more than {memory // 1_048_576} MiB",
            )
        raise PdfProblem("damaged", f"damaged PDF: reader failed ({last[:120] or done.returncode})")
    try:
        payload = json.loads(done.stdout)
    except ValueError:
        raise PdfProblem("damaged", "damaged PDF: the reader's output was cut short") from None
    if "error" in payload:
        raise PdfProblem(str(payload["error"]), str(payload["message"]))
    return [layer_from_json(page) for page in payload["pages"]]


__all__ = ["MAX_PDF_BYTES", "PdfProblem", "looks_like_pdf", "read_pdf_layers"]
