"""The contracts between the layers: what the reader asks of the rest, in one place.

Everything that crosses from the engine (``reader.store``, ``reader.search``)
to the interface (``reader.ui``) or the command line (``reader.cli``) is typed
here, below both, so neither side imports the other's modules for a type:

* the **catalogue** (:class:`Catalog`): the sidebar tree, windows of article
  summaries and whole articles. Two implementations keep it:
  :class:`reader.store.memory.MemoryCatalog` (loaded pages in memory: tests,
  the fallback when the index cannot be used) and
  :class:`reader.search.catalog.SqliteCatalog` (answered from the index, so a
  million-article archive opens as fast as one page);
* **opening** a content directory (:class:`OpenedCatalog`,
  :class:`SyncOutcome`): a catalogue plus the sync still to run in a worker;
* **search** (:class:`SearchBackend`, :class:`SearchResults`,
  :class:`SearchHit`): what the ``/`` screen asks of the index.

A :class:`Scope` is a path down the tree (paper › year › month › date › page ›
section). ``None`` as a value means *unknown* (an undated edition, an
unnumbered page), which is different from the level not being filtered at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol, cast

from reader.model import Article, ArticleKind

#: A page is identified by its number and its name; either may be unknown.
PageKey = tuple[int | None, str | None]


class Level(StrEnum):
    """The levels of the sidebar tree, outermost first."""

    PAPER = "paper"
    YEAR = "year"
    MONTH = "month"
    DATE = "date"
    PAGE = "page"
    SECTION = "section"


LEVEL_ORDER: tuple[Level, ...] = tuple(Level)


@dataclass(frozen=True, slots=True)
class Scope:
    """A set of articles: those matching every (level, value) filter."""

    filters: tuple[tuple[Level, object], ...] = ()

    def narrow(self, level: Level, value: object) -> Scope:
        """This scope, further limited to ``level == value``."""
        return Scope((*self.filters, (level, value)))

    def get(self, level: Level, default: object = None) -> object:
        for lvl, value in self.filters:
            if lvl is level:
                return value
        return default

    def has(self, level: Level) -> bool:
        return any(lvl is level for lvl, _ in self.filters)

    def within(self, other: Scope) -> bool:
        """Whether every article of this scope is in ``other`` (it has all of other's filters)."""
        return all(pair in self.filters for pair in other.filters)


ROOT = Scope()


@dataclass(frozen=True, slots=True)
class Node:
    """One row of the sidebar tree."""

    level: Level
    value: object
    label: str
    count: int
    scope: Scope


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list needs to draw one row (no paragraphs)."""

    id: str
    kind: ArticleKind
    title: str
    kicker: str | None
    byline: str
    char_count: int
    paper: str | None
    date: dt.date | None
    page: PageKey
    section: str | None


class Catalog(Protocol):
    """Read access to a collection of articles, in display order.

    *Display order* is the order of the sidebar tree and of every list: papers
    by name, editions newest first (``newest_first=False``: oldest first),
    undated last, and within one edition the reading order of the printed
    pages (page by number, then the order on the page).
    """

    def children(self, scope: Scope, level: Level, newest_first: bool = True) -> list[Node]:
        """The distinct values of ``level`` within ``scope``, with article counts.

        Order: papers by name, years/months/dates newest first (or oldest first),
        pages by number, sections in reading order. Unknown values come last.
        """
        ...

    def count(self, scope: Scope) -> int:
        """How many articles ``scope`` holds."""
        ...

    def summaries(
        self, scope: Scope, offset: int, limit: int, newest_first: bool = True
    ) -> Sequence[ArticleSummary]:
        """A window of ``scope``'s articles in display order."""
        ...

    def position(self, scope: Scope, article_id: str, newest_first: bool = True) -> int | None:
        """Index of ``article_id`` within ``scope``, or None if it is not there."""
        ...

    def step(
        self,
        article_id: str | None,
        direction: int,
        skip: AbstractSet[str] = frozenset(),
        newest_first: bool = True,
    ) -> str | None:
        """The id of the first article after (1) or before (-1) ``article_id`` in
        display order over the whole catalogue whose id is not in ``skip``.

        ``article_id`` None starts from the first (or, going back, the last)
        article. None when there is no such article. "Next unread" is
        ``step(here, 1, read_ids)``; "next article" is ``step(here, 1)``.
        """
        ...

    def article(self, article_id: str) -> Article | None:
        """One whole article, or None if no such id."""
        ...

    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        """How many of ``ids`` lie within ``scope`` (read counts → unread counts)."""
        ...

    def ids(self, scope: Scope) -> list[str]:
        """Every article id in ``scope``, in no particular order (marking a node read)."""
        ...


def unknown_label(level: Level) -> str:
    """How the UI names an unknown value: honestly, never a guess."""
    return {
        Level.PAPER: "未注明报纸",
        Level.YEAR: "日期不详",
        Level.MONTH: "日期不详",
        Level.DATE: "日期不详",
        Level.PAGE: "版次不详",
        Level.SECTION: "无栏目",
    }[level]


def node_label(level: Level, value: object) -> str:
    """The sidebar label for one value of ``level``."""
    if level is Level.PAGE:
        number, name = cast(PageKey, value)
        if number is None and name is None:
            return unknown_label(level)
        if number is None:
            return str(name)
        return f"第{number}版 {name}" if name else f"第{number}版"
    if value is None:
        return unknown_label(level)
    if level is Level.YEAR:
        return f"{value}年"
    if level is Level.MONTH:
        return f"{value}月"
    if level is Level.DATE:
        assert isinstance(value, dt.date)
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


# ---------------------------------------------------------------------------
# Opening a content directory (reader.search.opening → reader.ui.app)


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What bringing the catalogue up to date did."""

    #: Whether anything changed (then the tree and list are redrawn).
    changed: bool
    #: Every content file that is currently (partly) unreadable.
    problems: Sequence[str] = ()
    cancelled: bool = False


#: ``sync(progress(done, total), should_cancel()) -> SyncOutcome``; runs in a worker.
CatalogSync = Callable[[Callable[[int, int], None], Callable[[], bool]], SyncOutcome]


@dataclass(frozen=True, slots=True)
class OpenedCatalog:
    """A catalogue and the content problems met while opening it (files skipped …).

    With ``sync`` set, the catalogue still has to be brought up to date: the app
    runs it in a background worker. If ``ready``, the catalogue is shown at once
    and refreshed when the sync changed something; if not (an index being built),
    the app shows the build's progress first.
    """

    catalog: Catalog
    problems: Sequence[str] = field(default_factory=tuple)
    sync: CatalogSync | None = None
    ready: bool = True
    #: Said once to the user (e.g. why the index is not used).
    notice: str | None = None
    #: ``watch_damage(listener)``: ``listener(reason)`` is called (from any
    #: thread) when the index turns out to be damaged; the app then rebuilds it
    #: by running ``sync`` again, with progress.
    watch_damage: Callable[[Callable[[str], None]], None] | None = None
    #: ``from_files(error)``: the catalogue read straight from the files, for
    #: when the first sync fails (a full disk): the reader shows the articles
    #: and says why search is unavailable.
    from_files: Callable[[Exception], OpenedCatalog] | None = None


#: ``content_dir -> OpenedCatalog``; the app calls it in a worker thread.
CatalogOpener = Callable[[Path], OpenedCatalog]


# ---------------------------------------------------------------------------
# Search (reader.ui.search_backend → reader.ui.screens.search)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result as the search screen shows it."""

    id: str
    title: str
    section: str | None
    date: str | None
    snippet: str
    #: (start, end) of each match inside ``snippet``.
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of results, the total, and how they were ranked (said in the UI)."""

    #: None: not counted yet (:meth:`SearchBackend.count` gives it).
    total: int | None
    hits: Sequence[SearchHit]
    ranking: str = ""


class SearchCancelled(Exception):
    """A search stopped because ``should_cancel()`` said so."""


class SearchBackend(Protocol):
    """What the search screen asks of a search engine. Every method runs in a worker."""

    def prepare(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> bool:
        """Make the index ready (build or sync it, with progress); False if cancelled.

        Raises ValueError with a user-facing message when the index cannot be
        used now (another reader holds it, the disk is full …).
        """
        ...

    def __call__(
        self, query: str, offset: int = 0, should_cancel: Callable[[], bool] | None = None
    ) -> SearchResults:
        """The page of results for ``query`` starting at ``offset``.

        Raises ValueError with a user-facing message for a malformed query, and
        :class:`SearchCancelled` when ``should_cancel()`` said stop (a newer
        keystroke replaced this query).
        """
        ...

    def count(self, query: str) -> int:
        """The exact number of matches (asked once a page with ``total=None`` is shown)."""
        ...
