"""A catalogue held in memory: for tests and small content directories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, cast

from reader.contracts import (
    ArticleSummary,
    Level,
    Node,
    PageKey,
    Scope,
    node_label,
)
from reader.model import Article, Page


def summarize(article: Article) -> ArticleSummary:
    """The list-row view of an article."""
    return ArticleSummary(
        id=article.id,
        kind=article.kind,
        title=article.title,
        kicker=article.kicker,
        byline=article.byline_text(),
        char_count=article.char_count,
        paper=article.page.paper,
        date=article.page.date,
        page=(article.page.number, article.page.name),
        section=article.section,
    )


def level_value(article: Article, level: Level) -> object:
    """The value an article has at one level of the tree."""
    ref = article.page
    match level:
        case Level.PAPER:
            return ref.paper
        case Level.YEAR:
            return ref.date.year if ref.date else None
        case Level.MONTH:
            return ref.date.month if ref.date else None
        case Level.DATE:
            return ref.date
        case Level.PAGE:
            return (ref.number, ref.name)
        case Level.SECTION:
            return article.section
    raise ValueError(level)


def _newest_first(value: object) -> tuple[int, object]:
    if value is None:
        return (1, 0)
    if isinstance(value, dt.date):
        return (0, -value.toordinal())
    assert isinstance(value, int)
    return (0, -value)


def _page_order(value: object) -> tuple[int, int, str]:
    number, name = cast(PageKey, value)
    return (1 if number is None else 0, number or 0, name or "")


def _by_name(value: object) -> tuple[int, str]:
    return (1, "") if value is None else (0, str(value))


_ORDER: dict[Level, Callable[[object], Any] | None] = {
    Level.PAPER: _by_name,
    Level.YEAR: _newest_first,
    Level.MONTH: _newest_first,
    Level.DATE: _newest_first,
    Level.PAGE: _page_order,
    Level.SECTION: None,  # reading order: first appearance
}


def reading_order(article: Article) -> tuple[object, ...]:
    """Sort key: paper, date (oldest first), page; a stable sort keeps the order on the page."""
    return article.page.sort_key()


def newest_edition_first(article: Article) -> tuple[object, ...]:
    """Sort key of display order: paper, date newest first, undated last.

    Used as a stable sort over reading order, which keeps each edition's own order.
    """
    ref = article.page
    return (
        ref.paper is None,
        ref.paper or "",
        ref.date is None,
        -(ref.date or dt.date.min).toordinal(),
    )


class MemoryCatalog:
    """Implements :class:`reader.contracts.Catalog` over a list of pages."""

    def __init__(self, pages: Iterable[Page]) -> None:
        articles = [a for page in pages for a in page.articles]
        # sorted() is stable, so articles keep their order on the page.
        self._articles: list[Article] = sorted(articles, key=reading_order)
        self._by_id: dict[str, Article] = {a.id: a for a in self._articles}
        self._newest: list[Article] = sorted(self._articles, key=newest_edition_first)

    def _ordered(self, newest_first: bool) -> list[Article]:
        return self._newest if newest_first else self._articles

    def _select(self, scope: Scope, newest_first: bool = True) -> list[Article]:
        return [
            a
            for a in self._ordered(newest_first)
            if all(level_value(a, level) == value for level, value in scope.filters)
        ]

    def children(self, scope: Scope, level: Level, newest_first: bool = True) -> list[Node]:
        counts: dict[object, int] = {}
        # Sections come in order of first appearance in reading order.
        for article in self._select(scope, newest_first=False):
            value = level_value(article, level)
            counts[value] = counts.get(value, 0) + 1
        values = list(counts)
        order = _ORDER[level]
        if order is not None:
            values.sort(key=order)
            if not newest_first and order is _newest_first:
                known = [v for v in values if v is not None]
                values = known[::-1] + [v for v in values if v is None]
        return [
            Node(level, v, node_label(level, v), counts[v], scope.narrow(level, v)) for v in values
        ]

    def count(self, scope: Scope) -> int:
        return len(self._select(scope))

    def summaries(
        self, scope: Scope, offset: int, limit: int, newest_first: bool = True
    ) -> Sequence[ArticleSummary]:
        selected = self._select(scope, newest_first)
        return [summarize(a) for a in selected[offset : offset + limit]]

    def position(self, scope: Scope, article_id: str, newest_first: bool = True) -> int | None:
        for index, article in enumerate(self._select(scope, newest_first)):
            if article.id == article_id:
                return index
        return None

    def step(
        self,
        article_id: str | None,
        direction: int,
        skip: AbstractSet[str] = frozenset(),
        newest_first: bool = True,
    ) -> str | None:
        ordered = self._ordered(newest_first)
        if article_id is None:
            index = -1 if direction > 0 else len(ordered)
        else:
            found = next((i for i, a in enumerate(ordered) if a.id == article_id), None)
            if found is None:
                return None
            index = found
        index += direction
        while 0 <= index < len(ordered):
            if ordered[index].id not in skip:
                return ordered[index].id
            index += direction
        return None

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        return sum(1 for a in self._select(scope) if a.id in ids)

    def ids(self, scope: Scope) -> list[str]:
        return [a.id for a in self._select(scope)]


__all__ = ["MemoryCatalog", "PageKey", "level_value", "reading_order", "summarize"]
