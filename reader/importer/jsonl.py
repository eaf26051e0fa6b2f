"""Bulk import of archives as JSON Lines: one article per line.

Each line is an object with ``title``, ``date`` and ``paragraphs``, and optionally
``id``, ``paper``, ``page`` (a number, a name, or ``{"number", "name"}``),
``page_name``, ``pdf`` (the printed page's PDF), ``section``, ``kind``, ``kicker``,
``subtitle``, ``dateline``, ``byline`` (a list of ``{"role", "name"}`` or of names,
or one string), ``url`` and ``source`` (a source or credit line). Every other key
is kept unchanged in the article's ``extra`` mapping: nothing the archive says is
dropped.

Consecutive lines of the same paper, date and page become one page file (the
layout of :func:`reader.store.writer.page_path`). The import is resumable: a
journal beside the output records how many lines are safely on disk, and merging
by article id makes replaying a line harmless. Ids are unique and stable (see
:mod:`reader.importer.ids`). Existing content is never overwritten: an article
id that is already stored with different text is a conflict unless ``force`` is
given; what an older zhpaper stored without the fields it could not keep (or, for
a reprint, under its original's id) is upgraded in place.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from reader.errors import UserError
from reader.importer.ids import IdAssigner, derived_id
from reader.model import ARTICLE_KINDS, Article, ArticleKind, Byline, Page, PageRef
from reader.store.loader import ContentError, load_page_file
from reader.store.names import path_key
from reader.store.writer import merge_with_stored, page_path, too_large, write_page

#: How often (seconds) the resume journal is brought up to date.
JOURNAL_INTERVAL_S = 2.0
#: A batch of import --jsonl is written when it holds this many articles or pages.
BATCH_ARTICLES = 5_000
BATCH_PAGES = 1_000
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


class RecordError(ValueError):
    """One line that cannot become an article."""


@dataclass
class BulkReport:
    """What a bulk import did."""

    articles: int = 0
    pages: int = 0
    lines: int = 0
    resumed_at: int = 0
    unchanged: int = 0
    #: Articles an older import stored incompletely (fields of schema 2, a reprint
    #: under its original's id), brought up to date.
    upgraded: int = 0
    errors: list[str] = field(default_factory=list)


# Progress callback: (bytes or lines done, total or None, articles written so far).
Progress = Callable[[int, int | None, int], None]


def _text(value: Any, name: str, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise RecordError(f"'{name}' is missing")
        return None
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a string, not {type(value).__name__}")
    return value


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError("'date' must be a string YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise RecordError(f"'date' is not a date (YYYY-MM-DD): {value!r}") from None


def _page(record: dict[str, Any]) -> tuple[int | None, str | None]:
    value = record.get("page")
    name = _text(record.get("page_name"), "page_name")
    number: int | None = None
    if isinstance(value, dict):
        number = value.get("number")
        name = _text(value.get("name"), "page.name") or name
    elif isinstance(value, str) and not value.isdigit():
        name = value
    elif value not in (None, ""):
        number = value  # type: ignore[assignment]
    if isinstance(number, str) and number.isdigit():
        number = int(number)
    if number is not None and (
        isinstance(number, bool) or not isinstance(number, int) or number < 1
    ):
        raise RecordError(f"'page' must be a page number ≥ 1, not {number!r}")
    return number, name


def _byline(value: Any) -> tuple[Byline, ...]:
    if value in (None, "", []):
        return ()
    items = [value] if isinstance(value, str | dict) else value
    if not isinstance(items, list):
        raise RecordError("'byline' must be a list")
    byline = []
    for item in items:
        if isinstance(item, str):
            byline.append(Byline(role="", name=item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            byline.append(Byline(role=str(item.get("role") or ""), name=item["name"]))
        else:
            raise RecordError("each byline entry must be a name or {role, name}")
    return tuple(byline)


#: Keys that become article (or page) fields; every other key goes to ``extra``.
KNOWN_KEYS = frozenset(
    {
        "id",
        "title",
        "date",
        "paragraphs",
        "paper",
        "page",
        "page_name",
        "pdf",
        "section",
        "kind",
        "kicker",
        "subtitle",
        "dateline",
        "byline",
        "url",
        "source",
    }
)


def _extra(record: dict[str, Any]) -> dict[str, Any]:
    extra = {key: value for key, value in record.items() if key not in KNOWN_KEYS}
    date = record.get("date")
    if isinstance(date, str) and len(date) > 10:
        extra["date"] = date  # a time of day or zone: the article keeps only the date
    return extra


def parse_record(record: Any, *, paper: str | None = None) -> Article:
    """One JSON object → an Article (raises RecordError with a clear message)."""
    if not isinstance(record, dict):
        raise RecordError(f"a line must hold a JSON object, not {type(record).__name__}")
    title = _text(record.get("title"), "title", required=True) or ""
    paragraphs = record.get("paragraphs")
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise RecordError("'paragraphs' must be a list of strings")
    paragraphs = [p for p in paragraphs if p.strip()]
    paper_name = _text(record.get("paper"), "paper") or paper
    date = _date(record.get("date"))
    number, page_name = _page(record)
    kind = record.get("kind") or "article"
    if kind not in ARTICLE_KINDS:
        raise RecordError(f"unknown kind {kind!r} (one of {', '.join(sorted(ARTICLE_KINDS))})")
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        article_id = derived_id(paper_name, date, title, paragraphs)
    else:
        article_id = str(raw_id)
        if not set(article_id) <= _ID_CHARS or len(article_id) > 128:
            raise RecordError(f"'id' may hold only A–Z a–z 0–9 . _ - (≤128): {article_id!r}")
    return Article(
        id=article_id,
        title=title,
        paragraphs=tuple(paragraphs),
        kind=ArticleKind(kind),
        section=_text(record.get("section"), "section"),
        kicker=_text(record.get("kicker"), "kicker"),
        subtitle=_text(record.get("subtitle"), "subtitle"),
        dateline=_text(record.get("dateline"), "dateline"),
        byline=_byline(record.get("byline")),
        page=PageRef(
            paper=paper_name,
            date=date,
            number=number,
            name=page_name,
            pdf=_text(record.get("pdf"), "pdf"),
        ),
        url=_text(record.get("url"), "url"),
        source=_text(record.get("source"), "source"),
        extra=_extra(record),
    )


class _PageWriter:
    """Holds the articles of the pages met in one batch and writes each page once.

    Real archives interleave pages (lines alternate page 1 and page 2): writing a
    page file at each change of page rewrote and fsynced it once per line. Pages
    are kept in memory until the batch holds ``BATCH_ARTICLES`` articles or
    ``BATCH_PAGES`` pages (or the input ends), then each is written (or merged
    with what is stored) once.
    """

    def __init__(self, root: Path, force: bool, report: BulkReport) -> None:
        self.root = root
        self.force = force
        self.report = report
        #: Per page: its articles and the id each had before it was made unique
        #: (see reader.importer.ids), in input order.
        self.pending: dict[PageRef, tuple[list[Article], list[str]]] = {}
        self.held = 0

    def add(self, article: Article, first_id: str) -> bool:
        """Add one article; returns True when the batch (this article included) was written."""
        articles, first_ids = self.pending.setdefault(article.page, ([], []))
        articles.append(article)
        first_ids.append(first_id)
        self.held += 1
        if self.held >= BATCH_ARTICLES or len(self.pending) >= BATCH_PAGES:
            self.flush()
            return True
        return False

    def held_for(self, ref: PageRef) -> list[Article]:
        """The articles of ``ref``'s edition held in this batch, not yet on disk."""
        return [
            article
            for held, (articles, _ids) in self.pending.items()
            if held.paper == ref.paper and held.date == ref.date
            for article in articles
        ]

    def flush(self) -> None:
        for ref, (articles, first_ids) in self.pending.items():
            page = Page(ref, tuple(articles))
            path = page_path(self.root, page)
            if path.exists():
                page = self._merge(path, page, first_ids)
            if page.articles:
                write_page(page, path, force=True)
                self.report.pages += 1
        self.pending.clear()
        self.held = 0

    def _merge(self, path: Path, page: Page, first_ids: list[str]) -> Page:
        merged = merge_with_stored(path, page, replace=self.force, first_ids=first_ids)
        self.report.unchanged += merged.unchanged  # a re-run or a resume: nothing to do
        self.report.upgraded += len(merged.upgraded)
        self.report.articles -= merged.unchanged + len(merged.upgraded)
        return merged.page if merged.changed else Page(merged.page.ref, ())


def _stored_articles(root: Path, ref: PageRef) -> Iterator[Article]:
    """The articles already stored for the edition of ``ref`` (its date's directory)."""
    if ref.date is None:
        return
    directory = page_path(root, Page(ref)).parent
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*.yaml")):
        try:
            yield from load_page_file(path).articles
        except ContentError:
            continue  # merging into it refuses it, with its reason


def import_records(
    records: Iterable[Any],
    out: Path,
    *,
    paper: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_checkpoint: Callable[[int], None] | None = None,
    start_line: int = 0,
) -> BulkReport:
    """Import parsed JSON objects (one per article) into the content directory ``out``.

    ``on_checkpoint(n)`` is called whenever the first ``n`` records are safely on disk.
    Records that cannot be imported are reported in ``errors``, never silently dropped.
    The first ``start_line`` records are already on disk (a resumed import): they
    are only counted, so that ids come out as in one uninterrupted run.
    """
    report = BulkReport(resumed_at=start_line)
    writer = _PageWriter(out, force, report)
    # An edition's ids are checked against what is stored and what this batch holds.
    ids = IdAssigner(lambda ref: [*_stored_articles(out, ref), *writer.held_for(ref)])
    line_no = start_line
    safe_line = start_line
    last_checkpoint = time.monotonic()
    for line_no, record in enumerate(records, start=1):
        if line_no > start_line:
            report.lines += 1
        if isinstance(record, RecordError):
            if line_no > start_line:
                report.errors.append(f"line {line_no}: {record}")
            continue
        try:
            parsed = parse_record(record, paper=paper)
        except RecordError as error:
            if line_no > start_line:
                report.errors.append(f"line {line_no}: {error}")
            continue
        article = ids.assign(parsed, given=record.get("id") not in (None, ""))
        if line_no <= start_line:
            continue
        if (why := too_large(article)) is not None:
            report.errors.append(f"line {line_no}: {why}")
            continue
        if writer.add(article, parsed.id):
            safe_line = line_no
        report.articles += 1
        now = time.monotonic()
        if on_checkpoint and now - last_checkpoint >= JOURNAL_INTERVAL_S:
            on_checkpoint(safe_line)
            last_checkpoint = now
        if progress and report.lines % 500 == 0:
            progress(line_no, None, report.articles)
    writer.flush()
    if on_checkpoint:
        on_checkpoint(line_no)
    return report


def _open_text(path: Path) -> tuple[IO[bytes], IO[str]]:
    raw = path.open("rb")
    stream: IO[bytes] = cast(IO[bytes], gzip.GzipFile(fileobj=raw)) if path.suffix == ".gz" else raw
    return raw, io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict")


def _lines(text: IO[str]) -> Iterator[Any]:
    for line in text:
        if not line.strip():
            yield RecordError("empty line")
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as error:
            yield RecordError(f"not valid JSON ({error.msg} at column {error.colno})")


def journal_path(out: Path, source: Path) -> Path:
    """Where the resume journal of importing ``source`` into ``out`` lives."""
    key = hashlib.sha1(os.fsencode(source.resolve())).hexdigest()[:12]
    return out / f".zhpaper-import-{key}.json"


def import_jsonl(
    source: Path,
    out: Path,
    *,
    paper: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BulkReport:
    """Import a JSON Lines file (``.gz`` too), resuming an interrupted run."""
    try:
        stat = source.stat()
    except OSError as error:
        raise UserError(f"cannot read {source}: {error.strerror}") from None
    out.mkdir(parents=True, exist_ok=True)
    journal = journal_path(out, source)
    start = 0
    identity = {"source": path_key(source.resolve()), "size": stat.st_size, "paper": paper}
    if journal.exists():
        try:
            saved = json.loads(journal.read_text(encoding="utf-8"))
            if {k: saved.get(k) for k in identity} == identity:
                start = int(saved["lines_done"])
        except (ValueError, KeyError, OSError):
            start = 0

    def checkpoint(lines_done: int) -> None:
        tmp = journal.with_suffix(".tmp")
        tmp.write_text(json.dumps({**identity, "lines_done": lines_done}), encoding="utf-8")
        os.replace(tmp, journal)

    raw, text = _open_text(source)
    total = stat.st_size

    def byte_progress(_line: int, _total: int | None, articles: int) -> None:
        if progress:
            progress(raw.tell(), total, articles)

    try:
        with raw, text:
            report = import_records(
                _lines(text),
                out,
                paper=paper,
                force=force,
                progress=byte_progress,
                on_checkpoint=checkpoint,
                start_line=start,
            )
    except UnicodeDecodeError:
        raise UserError(f"{source} is not UTF-8 text (JSON Lines must be UTF-8)") from None
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise UserError(f"cannot read {source}: {error}") from None
    journal.unlink(missing_ok=True)
    if progress:
        progress(total, total, report.articles)
    return report
