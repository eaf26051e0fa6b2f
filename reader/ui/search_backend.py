"""The reader's search, backed by reader.search (the SQLite FTS5 index).

The index lives in the cache directory and is brought up to date on first use
(only changed files are read); both that and each query run in worker threads,
which is why the index is opened lazily under a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.contracts import SearchCancelled, SearchHit, SearchResults

if TYPE_CHECKING:
    from reader.search.index import Index


class IndexUnavailable(ValueError):
    """The index cannot be opened or updated now (another reader, full disk …)."""


#: How many hits one query shows.
PAGE_SIZE = 50

RANKING_LABELS = {"recency": "按时间（新→旧）", "bm25": "按相关度"}


class IndexSearch:
    """The reader's :class:`~reader.contracts.SearchBackend`: the content directory's index."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self._lock = threading.Lock()
        self._index: Index | None = None  # opened on first use
        self.problems: list[str] = []
        #: Why search cannot be offered at all (the reader reads the files instead).
        self._unavailable: str | None = None

    def unavailable(self, why: str) -> None:
        """The reader could not use the index (a full disk …): every query says ``why``."""
        with self._lock:
            self._unavailable = why
            if self._index is not None:
                self._index.close()
                self._index = None

    def adopt(self, index: Index) -> None:
        """Search ``index`` (the reader's own, still syncing) instead of opening one.

        Queries then run on what is already indexed, at once: the search screen
        never waits for the reader's sync (which keeps the index up to date).
        """
        with self._lock:
            if self._index is None:
                self._index = index

    def prepare(
        self,
        progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> bool:
        """Open the index and sync it with the content; False if cancelled."""
        from reader.search.index import unavailable_message
        from reader.search.opening import open_synced, problem_lines

        with self._lock:
            if self._unavailable is not None:
                raise IndexUnavailable(self._unavailable)
            if self._index is not None:
                return True
            try:
                index, report = open_synced(self.content_dir, progress, should_cancel)
            except (sqlite3.Error, OSError) as error:
                # Not a crash: say why; the next query tries again.
                raise IndexUnavailable(unavailable_message(error)) from error
            if report.cancelled:
                index.close()
                return False
            self.problems = problem_lines(report.problems)
            self._index = index
            return True

    def __call__(
        self, query: str, offset: int = 0, should_cancel: Callable[[], bool] | None = None
    ) -> SearchResults:
        """Run ``query``; raises ValueError (QueryError) with a message for a bad one."""
        from reader.search import engine

        self.prepare()
        assert self._index is not None
        # The page without the exact total: the screen asks count() once it is shown.
        with self._damage_reported():
            try:
                result = engine.search(
                    self._index,
                    query,
                    limit=PAGE_SIZE,
                    offset=offset,
                    should_cancel=should_cancel,
                    with_total=False,
                )
            except engine.SearchCancelled as stopped:
                raise SearchCancelled from stopped
        hits = [
            SearchHit(
                id=hit.id,
                title=hit.title,
                section=hit.section,
                date=hit.date.isoformat() if hit.date else None,
                snippet=hit.snippet,
                spans=hit.snippet_spans,
            )
            for hit in result.hits
        ]
        return SearchResults(result.total, hits, RANKING_LABELS.get(result.ranking, result.ranking))

    def count(self, query: str) -> int:
        """The exact number of matches of ``query`` (a valid query: it was just searched)."""
        from reader.search.engine import count

        self.prepare()
        assert self._index is not None
        with self._damage_reported():
            return count(self._index, query)

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        """Damage met by a query: the index is told (the reader rebuilds it); one message here."""
        from reader.search.index import damage_error

        try:
            yield
        except sqlite3.DatabaseError as error:
            if not damage_error(error) or self._index is None:
                raise
            self._index.report_damage(error)
            if self._index.on_damage is None:  # nobody else rebuilds it: do it now
                self._index.sync()
            raise IndexUnavailable(
                "搜索索引已损坏，正在重建，请稍后再搜（index damaged）"
            ) from error

    def close(self) -> None:
        """Close the index (on exit)."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
