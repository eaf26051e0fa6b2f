"""`zhpaper import`: raw newspaper page text → content files (YAML)."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
from collections import Counter
from pathlib import Path

from reader.cli.import_jsonl import run_jsonl
from reader.errors import UserError, say
from reader.importer import EncodingProblem, ImportReport, import_file
from reader.pdf import PdfPageImport, PdfProblem, import_pdf_file, looks_like_pdf
from reader.store.sanitize import visible_controls
from reader.store.writer import page_path, write_page


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _page_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 999:
        raise argparse.ArgumentTypeError(f"not a page number 1-999: {text!r}")
    return int(text)


def _paper(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned or visible_controls(cleaned) != cleaned:
        raise argparse.ArgumentTypeError("paper name must be non-empty, without control characters")
    return cleaned


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Register ``import`` and its options."""
    parser = subparsers.add_parser(
        name,
        help="turn raw page text or page PDFs into content files",
        description=(
            "Structure raw newspaper page text (UTF-8, UTF-16 or GB18030/GBK; LF or CRLF) "
            "into content files under DIR: sections, kickers, headlines, datelines and "
            "bylines, photo credits; paragraphs split by column breaks are joined. Nothing "
            "is dropped: what cannot be classified is kept as a paragraph and reported. "
            "What the page does not say (paper, date, page) stays unknown unless given. "
            "A PDF (recognised by its %%PDF- header) is read from its text layer in the "
            "order a reader follows the printed page: header (paper, date, page and its "
            "name), section banners, headlines, columns, photo captions; a scan without "
            "a text layer is refused (OCR is not supported)."
        ),
    )
    parser.add_argument(
        "raw",
        nargs="*",
        type=Path,
        metavar="RAW.txt|PAGE.pdf",
        help="raw page text, or a printed page's PDF (read from its text layer)",
    )
    parser.add_argument(
        "--jsonl",
        type=Path,
        metavar="FILE",
        help=(
            "bulk-import an archive of JSON Lines (one article per line; .gz too) instead of"
            " raw pages; shows progress and resumes where an interrupted run stopped"
        ),
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="content directory to write into"
    )
    parser.add_argument("--paper", type=_paper, metavar="NAME", help="the paper's name")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the edition's date")
    parser.add_argument("--page", type=_page_number, metavar="N", help="the page number")
    parser.add_argument(
        "--force", action="store_true", help="overwrite content files that already exist"
    )


#: Notes printed one by one; past these, the rest are counted by kind.
SHOWN_NOTES = 30


def _report(report: ImportReport | PdfPageImport, target: Path) -> None:
    # File names come from strangers too: never raw control characters.
    say(f"{report.source} → {target}")
    say(f"  {report.summary()}")
    notes = report.report_lines() if isinstance(report, PdfPageImport) else report.notes
    for note in notes[:SHOWN_NOTES]:
        say(f"  {note}")
    rest = Counter(
        str(getattr(note, "message", note)).split(":")[0] for note in notes[SHOWN_NOTES:]
    )
    if rest:
        kinds = "; ".join(f"{count:,}× {kind}" for kind, count in rest.most_common())
        say(f"  … and {rest.total():,} more notes: {kinds}")


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return looks_like_pdf(handle.read(1024))


def _read_one(raw: Path, args: argparse.Namespace) -> list[ImportReport | PdfPageImport]:
    """Structure one input file: a page PDF (by its header, whatever its name) or raw text."""
    ref = {"paper": args.paper, "date": args.date, "page_number": args.page}
    try:
        if _is_pdf(raw):
            return list(import_pdf_file(raw, **ref))
        return [import_file(raw, **ref)]
    except (EncodingProblem, PdfProblem) as problem:
        raise UserError(f"{raw}: {problem}") from None
    except OSError as error:
        raise UserError(f"{raw}: cannot read: {error.strerror}") from None


def run(args: argparse.Namespace) -> int:
    """Import each raw file; stop at the first file that cannot be read or written."""
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is not a directory")
    if args.jsonl is not None:
        if args.raw:
            raise UserError("give either raw page files or --jsonl FILE, not both")
        if args.date or args.page:
            raise UserError("--date and --page apply to raw pages; JSON Lines carry their own")
        return run_jsonl(args.jsonl, out, paper=args.paper, force=args.force)
    if not args.raw:
        raise UserError("nothing to import: give raw page files, or --jsonl FILE")
    # Read and structure everything first, so a bad file is named before any write.
    reports: list[ImportReport | PdfPageImport] = []
    for raw in args.raw:
        if raw.is_dir():
            raise UserError(f"{raw}: is a directory; give the raw page files")
        if not raw.is_file():
            raise UserError(f"{raw}: no such file")
        reports.extend(_read_one(raw, args))
    # What was read stays until the end: no collector passes over it while writing.
    gc.freeze()
    targets = [page_path(out, report.page) for report in reports]
    if len(set(targets)) != len(targets) and not args.force:
        raise UserError("two inputs would be written to the same file; import them separately")
    for report, target in zip(reports, targets, strict=True):
        if not report.page.articles:
            message = f"{report.source}: no text found, nothing written"
            say(message)
            continue
        write_page(report.page, target, force=args.force, source=report.source)
        _report(report, target)
    return 0
