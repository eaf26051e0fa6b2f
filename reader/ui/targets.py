"""Where a move through the paper lands: pure questions to the catalogue.

Each function answers one "getting around" command with a :class:`Target`
(the article to open, and what to tell the user). They run in the main
screen's worker, never on the UI thread: some read every edition of a paper
(go to a date), which costs tens of milliseconds on a large archive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.contracts import Catalog, Level, Scope
from reader.model import Article


@dataclass(frozen=True, slots=True)
class Target:
    """An article to open (None: stay), what to say, and where in it to start."""

    article_id: str | None
    notice: str | None = None
    at_end: bool = False


def _paper_scope(paper: str | None) -> Scope:
    return Scope(((Level.PAPER, paper),))


def _edition_scope(paper: str | None, day: dt.date | None) -> Scope:
    return Scope(((Level.PAPER, paper), (Level.DATE, day)))


def _first(catalog: Catalog, scope: Scope, newest_first: bool) -> str | None:
    summaries = catalog.summaries(scope, 0, 1, newest_first)
    return summaries[0].id if summaries else None


def step_target(
    catalog: Catalog,
    here: str | None,
    direction: int,
    skip: frozenset[str],
    newest_first: bool,
    unread: bool,
    at_end: bool = False,
) -> Target:
    """Next/previous (unread) article: one indexed query (``Catalog.step``)."""
    found = catalog.step(here, direction, skip, newest_first)
    if found is not None:
        return Target(found, at_end=at_end)
    if unread:
        return Target(None, "没有更多未读文章")
    return Target(None, "已是最后一篇" if direction > 0 else "已是第一篇")


def _papers(catalog: Catalog, paper: str | None) -> list[str | None]:
    """``paper`` if given (the one being read), else every paper."""
    if paper is not None:
        return [paper]
    return [node.value for node in catalog.children(Scope(), Level.PAPER)]  # type: ignore[misc]


def newest_edition(catalog: Catalog, paper: str | None, newest_first: bool) -> Target:
    """The first article of the newest edition of ``paper`` (or of any paper)."""
    best: tuple[dt.date, str | None] | None = None
    for name in _papers(catalog, paper):
        dates = [
            n.value
            for n in catalog.children(_paper_scope(name), Level.DATE)
            if isinstance(n.value, dt.date)
        ]
        if dates and (best is None or max(dates) > best[0]):
            best = (max(dates), name)
    if best is None:
        return Target(None, "没有注明日期的报纸")
    return Target(_first(catalog, _edition_scope(best[1], best[0]), newest_first))


def edition_on(catalog: Catalog, paper: str | None, day: dt.date, newest_first: bool) -> Target:
    """The edition of ``day``, or the nearest one before it (after it, if none is before)."""
    name = paper if paper is not None else next(iter(_papers(catalog, None)), None)
    dates = sorted(
        n.value
        for n in catalog.children(_paper_scope(name), Level.DATE)
        if isinstance(n.value, dt.date)
    )
    if not dates:
        return Target(None, "没有注明日期的报纸")
    earlier = [d for d in dates if d <= day]
    chosen = earlier[-1] if earlier else dates[0]
    notice = None
    if chosen != day:
        notice = f"{day.isoformat()} 没有报纸，转到 {chosen.isoformat()}"
    return Target(_first(catalog, _edition_scope(name, chosen), newest_first), notice)


def page_step(catalog: Catalog, article: Article, direction: int, newest_first: bool) -> Target:
    """The first article of the next or previous page (版) of the same edition."""
    ref = article.page
    edition = _edition_scope(ref.paper, ref.date)
    pages = catalog.children(edition, Level.PAGE)
    keys = [node.value for node in pages]
    here = (ref.number, ref.name)
    index = keys.index(here) + direction if here in keys else -1
    if not 0 <= index < len(pages):
        return Target(None, "已是最后一版" if direction > 0 else "已是第一版")
    return Target(_first(catalog, pages[index].scope, newest_first))


def scope_ids(catalog: Catalog, scope: Scope) -> list[str]:
    """Every article id in ``scope`` (to mark a whole section, page, day or paper)."""
    return catalog.ids(scope)
