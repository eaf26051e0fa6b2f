"""The reader's search, backed by reader.search (the SQLite FTS5 index).

The index lives in the cache directory and is brought up to date on first use
(only changed files are read); both that and each query run in worker threads,
which is why the index is opened lazily under a lock.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.contracts import SearchHit, SearchResults

if TYPE_CHECKING:
    from reader.search.index import Index


class IndexUnavailable(ValueError):
    """The index cannot be opened or updated now (another reader, full disk …)."""


def unavailable_message(error: Exception) -> str:
    """What to tell the user when the index cannot be used (issue 7)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return "另一个 zhpaper 正在更新搜索索引，请稍后再搜（index busy）"
    if code == 13 or getattr(error, "errno", None) == errno.ENOSPC:  # SQLITE_FULL
        return "磁盘已满，无法建立搜索索引（disk full）"
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"搜索索引不可用：{reason}"


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
        from reader.search.index import Index

        with self._lock:
            if self._index is not None:
                return True
            try:
                index = Index(self.content_dir)
                report = index.sync(progress=progress, should_cancel=should_cancel)
            except (sqlite3.Error, OSError) as error:
                # Not a crash: say why; the next query tries again.
                raise IndexUnavailable(unavailable_message(error)) from error
            if report.cancelled:
                index.close()
                return False
            self.problems = [f"{path}: {problem}" for path, problem in report.problems]
            self._index = index
            return True

    def __call__(self, query: str) -> SearchResults:
        """Run ``query``; raises ValueError (QueryError) with a message for a bad one."""
        from reader.search.engine import search

        self.prepare()
        assert self._index is not None
        # The page without the exact total: the screen asks count() once it is shown.
        result = search(self._index, query, limit=PAGE_SIZE, with_total=False)
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
        return count(self._index, query)

    def close(self) -> None:
        """Close the index (on exit)."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
