"""Raw newspaper page text → the content model (see :mod:`reader.importer.parse`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.importer.encoding import Decoded, EncodingProblem, decode_bytes
from reader.importer.parse import ImportNote, parse_page
from reader.model import Page

#: Raw pages bigger than this are not one page of text.
MAX_RAW_BYTES = 16 * 1024 * 1024
_HEX_RUN = re.compile(r"[0-9a-f]{8,}")


@dataclass(slots=True)
class ImportReport:
    """What happened to one raw file: for the CLI to print."""

    source: str
    encoding: str
    crlf: bool
    page: Page
    notes: list[ImportNote] = field(default_factory=list)
    joins: int = 0

    @property
    def article_count(self) -> int:
        return len(self.page.articles)

    def summary(self) -> str:
        """One line: how many items, the encoding, how many column breaks joined."""
        kinds: dict[str, int] = {}
        for article in self.page.articles:
            kinds[article.kind.value] = kinds.get(article.kind.value, 0) + 1
        counted = ", ".join(f"{n} {kind}" for kind, n in kinds.items()) or "nothing"
        line_ends = "CRLF" if self.crlf else "LF"
        return (
            f"{counted}; {self.encoding.upper()} {line_ends}; "
            f"{self.joins} column break(s) joined; {len(self.notes)} note(s)"
        )


def id_prefix_for(name: str) -> str:
    """Stable id prefix from a raw file's name: its own hex hash if it has one.

    ``000_f7f43db65705d640.txt`` → ``f7f43db6``; other names → the first 8 hex
    digits of the SHA-256 of the name (so re-importing gives the same ids).
    """
    stem = Path(name).stem.lower()
    match = _HEX_RUN.search(stem)
    if match:
        return match.group()[:8]
    # Bytes as the file system has them: a name that is not UTF-8 (GBK from an
    # archive unzipped on Linux) hashes losslessly too.
    return hashlib.sha256(os.fsencode(Path(name).name)).hexdigest()[:8]


def import_text(
    decoded: Decoded,
    *,
    source: str,
    paper: str | None = None,
    date: dt.date | None = None,
    page_number: int | None = None,
    page_name: str | None = None,
) -> ImportReport:
    """Structure already decoded text; ``source`` names the raw file (ids derive from it)."""
    page, notes, joins = parse_page(
        decoded.text,
        id_prefix=id_prefix_for(source),
        paper=paper,
        date=date,
        page_number=page_number,
        page_name=page_name,
    )
    # Bytes replaced while decoding come first at their line: the user must see them.
    replaced = [ImportNote(line, message) for line, message in decoded.replaced]
    return ImportReport(
        source=source,
        encoding=decoded.encoding,
        crlf=decoded.crlf,
        page=page,
        notes=sorted(replaced + notes, key=lambda note: note.line),
        joins=joins,
    )


def import_bytes(data: bytes, *, source: str, **ref: object) -> ImportReport:
    """Decode (UTF-8/16, GB18030) and structure one raw page. Raises EncodingProblem."""
    return import_text(decode_bytes(data), source=source, **ref)  # type: ignore[arg-type]


def import_file(path: Path, **ref: object) -> ImportReport:
    """Read, decode and structure one raw page file.

    Raises :class:`EncodingProblem` (binary, undecodable, too large) or OSError.
    """
    path = Path(path)
    if path.stat().st_size > MAX_RAW_BYTES:
        raise EncodingProblem(f"larger than {MAX_RAW_BYTES // 1_048_576} MiB: not one page")
    return import_bytes(path.read_bytes(), source=path.name, **ref)


__all__ = [
    "Decoded",
    "EncodingProblem",
    "ImportNote",
    "ImportReport",
    "decode_bytes",
    "id_prefix_for",
    "import_bytes",
    "import_file",
    "import_text",
]
