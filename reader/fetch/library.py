"""Fetched articles → content files, through the writer: atomic, merged by id.

Ids come from the article's URL (never its title or text: a reprinted story
is two articles), prefixed by a slug of the source's host so that all the
undated or unnumbered items of one source share one stable file per day.
A page file that already exists is merged: new ids are appended, an id whose
text changed on the site is replaced, the rest is left as it was.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import UserError
from reader.fetch.items import Item
from reader.model import Article, Page, PageRef
from reader.store.loader import ContentError, load_page_file
from reader.store.writer import page_path, write_page

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._]+")


def source_slug(url: str) -> str:
    """A short id prefix naming a source: its host without ``www.``."""
    host = urllib.parse.urlsplit(url).hostname or "web"
    host = host.removeprefix("www.")
    return _SLUG_UNSAFE.sub("_", host)[:48] or "web"


def article_id(url: str, slug: str) -> str:
    """The stable id of the article at ``url``: ``SLUG-<12 hex of the URL's hash>``."""
    digest = hashlib.sha256(urllib.parse.urldefrag(url)[0].encode("utf-8")).hexdigest()
    return f"{slug}-{digest[:12]}"


def to_article(item: Item, slug: str) -> Article:
    """The model value of a fetched item."""
    edition = item.edition
    return Article(
        id=article_id(item.url, slug),
        title=item.title,
        paragraphs=item.paragraphs,
        kind=item.kind,
        section=item.section,
        kicker=item.kicker,
        subtitle=item.subtitle,
        dateline=item.dateline,
        byline=item.byline,
        page=PageRef(
            paper=edition.paper,
            date=edition.date,
            number=edition.number,
            name=edition.name,
            pdf=edition.pdf,
        ),
        url=item.url,
        source=item.source,
        # Image URLs (a photo item's picture, inline pictures): kept, not shown.
        extra={"images": list(item.images)} if item.images else {},
    )


@dataclass
class Written:
    """What writing one crawl did to the library."""

    new: list[str] = field(default_factory=list)  # ids stored for the first time
    updated: list[str] = field(default_factory=list)  # ids whose text changed on the site
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)


def _pages(articles: Iterable[Article]) -> list[Page]:
    grouped: dict[PageRef, list[Article]] = {}
    for article in articles:
        grouped.setdefault(article.page, []).append(article)
    return [Page(ref, tuple(items)) for ref, items in grouped.items()]


def _merge(path: Path, page: Page, written: Written) -> Page | None:
    """``page`` merged into the file at ``path``; None when nothing changed."""
    try:
        stored = load_page_file(path)
    except ContentError as error:
        raise UserError(
            f"{path} exists and cannot be read, so it is left alone: {error.problems[0]}"
        ) from None
    merged = list(stored.articles)
    position = {a.id: i for i, a in enumerate(merged)}
    changed = False
    for article in page.articles:
        at = position.get(article.id)
        if at is None:
            position[article.id] = len(merged)
            merged.append(article)
            written.new.append(article.id)
            changed = True
        elif merged[at] != article:
            merged[at] = article
            written.updated.append(article.id)
            changed = True
        else:
            written.unchanged += 1
    return Page(stored.ref, tuple(merged)) if changed else None


def write_items(items: Iterable[Item], out: Path, slug: str) -> Written:
    """Store ``items`` under ``out`` (created if needed), one page file per printed page."""
    written = Written()
    seen: set[str] = set()
    articles = []
    for item in items:
        article = to_article(item, slug)
        if article.id in seen:
            continue  # the same URL listed twice in one crawl
        seen.add(article.id)
        articles.append(article)
    for page in _pages(articles):
        path = page_path(out, page)
        if path.exists():
            merged = _merge(path, page, written)
            if merged is None:
                continue
            page = merged
        else:
            written.new.extend(a.id for a in page.articles)
        write_page(page, path, force=True)
        written.files.append(path)
    return written


__all__ = ["Written", "article_id", "source_slug", "to_article", "write_items"]
