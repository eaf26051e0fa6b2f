"""Fetched articles → content files, through the writer: atomic, merged by id.

One file per printed page (the layout of :func:`reader.store.writer.page_path`).
A page file that already exists is merged by article id: new ids are
appended, an article whose text changed on the site replaces ours (the site
is the authority), the rest is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.model import Article, Page, PageRef
from reader.store.durable import one_process_at_a_time
from reader.store.writer import merge_with_stored, page_path, write_page

#: Lock file (``.zhpaper-fetch.lock``) in the library while a page file is merged.
LOCK_NAME = ".zhpaper-fetch"


@dataclass
class Written:
    """What writing fetched articles did to the library."""

    new: list[str] = field(default_factory=list)  # ids stored for the first time
    updated: list[str] = field(default_factory=list)  # ids whose text changed on the site
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)


def _pages(articles: Iterable[Article]) -> list[Page]:
    grouped: dict[PageRef, dict[str, Article]] = {}
    for article in articles:
        # The same URL listed twice in one crawl is one article.
        grouped.setdefault(article.page, {}).setdefault(article.id, article)
    return [Page(ref, tuple(by_id.values())) for ref, by_id in grouped.items()]


def write_articles(
    articles: Iterable[Article], out: Path, written: Written | None = None
) -> Written:
    """Store ``articles`` under ``out`` (created if needed); counts go into ``written``."""
    written = written if written is not None else Written()
    out.mkdir(parents=True, exist_ok=True)
    for page in _pages(articles):
        # `r` in the reader and a cron `zhpaper fetch` may merge into one file at once.
        with one_process_at_a_time(out / LOCK_NAME):
            _write_page(out, page, written)
    return written


def _write_page(out: Path, page: Page, written: Written) -> None:
    path = page_path(out, page)
    if path.exists():
        merged = merge_with_stored(path, page, replace=True)
        written.new += merged.new
        written.updated += merged.replaced + merged.upgraded
        written.unchanged += merged.unchanged
        if not merged.changed:
            return
        page = merged.page
    else:
        written.new.extend(a.id for a in page.articles)
    write_page(page, path, force=True)
    written.files.append(path)


__all__ = ["Written", "write_articles"]
