"""Newspaper page PDFs → articles, read in the order a reader's eye takes them.

``import_pdf_bytes(data, source=…)`` is the entry point for the importer and
the fetcher: it reads the PDF's text layer (pdfminer.six, in a child process
with bounded time and memory: :mod:`reader.pdf.extract`), rebuilds lines from
glyph positions (:mod:`reader.pdf.lines`), the reading order from the page's
geometry (:mod:`reader.pdf.order`) and the articles from that order
(:mod:`reader.pdf.structure`). Every character of the text layer ends up in an
article or in the page's furniture (header and footer lines), which the
report lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reader.importer import id_prefix_for
from reader.importer.parse import articles_from
from reader.model import Page, PageRef
from reader.pdf.extract import MAX_PDF_BYTES, PdfProblem, looks_like_pdf, read_pdf_layers
from reader.pdf.page import PageReading, read_page

SCANNED = "no text layer: scanned page; OCR is not supported"
#: A page whose glyphs are mostly without Unicode values cannot be read as text.
MAX_UNMAPPED_SHARE = 0.5


@dataclass(slots=True)
class PdfPageImport:
    """One printed page read from a PDF: for the CLI to write and report."""

    source: str
    page: Page
    notes: list[str] = field(default_factory=list)
    joins: int = 0
    furniture: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how many items, and how many column breaks were joined."""
        kinds: dict[str, int] = {}
        for article in self.page.articles:
            kinds[article.kind.value] = kinds.get(article.kind.value, 0) + 1
        counted = ", ".join(f"{n} {kind}" for kind, n in kinds.items()) or "nothing"
        return (
            f"{counted}; PDF text layer; {self.joins} column break(s) joined; "
            f"{len(self.notes)} note(s)"
        )

    def report_lines(self) -> list[str]:
        """Notes, then the furniture lines (printed on the page, not articles)."""
        lines = list(self.notes)
        lines.extend(f"page furniture (not an article): {text}" for text in self.furniture)
        return lines


def _to_page(reading: PageReading, ref: PageRef, id_prefix: str) -> Page:
    return Page(ref=ref, articles=articles_from(reading.drafts, id_prefix=id_prefix, ref=ref))


def import_pdf_bytes(
    data: bytes,
    *,
    source: str,
    paper: str | None = None,
    date: dt.date | None = None,
    page_number: int | None = None,
    page_name: str | None = None,
) -> list[PdfPageImport]:
    """Read a page PDF into one :class:`PdfPageImport` per page that has text.

    What is given overrides what the page header says (paper, date, number,
    name). ``source`` names the file or URL: ids derive from it. Raises
    :class:`PdfProblem` with a one-line message for a scan without a text
    layer, a damaged, encrypted or huge PDF.
    """
    layers = read_pdf_layers(data)
    results: list[PdfPageImport] = []
    skipped: list[str] = []
    for layer in layers:
        ink = [g for g in layer.glyphs if not g.text.isspace()]
        if not ink:
            skipped.append(f"page {layer.number}: no text layer (scanned?), skipped")
            continue
        if layer.unmapped > MAX_UNMAPPED_SHARE * len(ink):
            raise PdfProblem(
                "unmapped",
                f"text layer unreadable: {layer.unmapped} of {len(ink)} characters have no "
                "Unicode value (fonts without a mapping); OCR is not supported",
            )
        reading = read_page(layer)
        header = reading.header
        number = page_number if page_number is not None else header.number
        if page_number is not None and len(layers) > 1:
            number = page_number + layer.number - 1
        ref = PageRef(
            paper=paper or header.paper,
            date=date or header.date,
            number=number,
            name=page_name or header.name,
        )
        name = source if len(layers) == 1 else f"{source}#page{layer.number}"
        results.append(
            PdfPageImport(
                source=name,
                page=_to_page(reading, ref, id_prefix_for(name)),
                notes=[*skipped, *reading.notes],
                joins=reading.joins,
                furniture=reading.furniture,
            )
        )
        skipped = []
    if not results:
        raise PdfProblem("scanned", SCANNED)
    return results


def import_pdf_file(path: Path, **ref: object) -> list[PdfPageImport]:
    """Read a page PDF file; see :func:`import_pdf_bytes`. Raises PdfProblem or OSError."""
    path = Path(path)
    if path.stat().st_size > MAX_PDF_BYTES:
        raise PdfProblem("huge", f"PDF larger than {MAX_PDF_BYTES // 1_048_576} MiB: not a page")
    return import_pdf_bytes(path.read_bytes(), source=path.name, **ref)  # type: ignore[arg-type]


__all__ = [
    "SCANNED",
    "PdfPageImport",
    "PdfProblem",
    "import_pdf_bytes",
    "import_pdf_file",
    "looks_like_pdf",
]
