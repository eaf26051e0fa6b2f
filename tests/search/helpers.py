"""Helpers for the search tests: small content directories built from model objects."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from reader.model import Article, ArticleKind, Byline, Page, PageRef
from reader.store.writer import page_path, write_page


def make_page(
    paper: str | None,
    date: dt.date | None,
    number: int | None,
    articles: list[tuple[str, str | None, str]],
    *,
    name: str | None = None,
    prefix: str | None = None,
) -> Page:
    """A page of (title, section, body) articles with ids derived from the page."""
    ref = PageRef(paper=paper, date=date, number=number, name=name)
    raw = f"{paper}-{date}-{number}-{name}"
    key = prefix or "p" + hashlib.sha256(raw.encode()).hexdigest()[:8]
    return Page(
        ref,
        tuple(
            Article(
                id=f"{key}-{i}",
                title=title,
                section=section,
                paragraphs=tuple(p for p in body.split("\n") if p),
                byline=(Byline("记者", f"记者{i % 3}"), Byline("通讯员", "武组轩")),
                kind=ArticleKind.ARTICLE,
                page=ref,
            )
            for i, (title, section, body) in enumerate(articles)
        ),
    )


def write_content(root: Path, pages: list[Page]) -> dict[str, Path]:
    """Write pages as content files; returns page id prefix → file path."""
    paths = {}
    for page in pages:
        path = page_path(root, page)
        write_page(page, path, force=True)
        paths[page.articles[0].id.rsplit("-", 1)[0] if page.articles else str(path)] = path
    return paths
