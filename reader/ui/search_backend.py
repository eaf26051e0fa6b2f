"""The reader's search, backed by reader.search (the SQLite FTS5 index).

The index lives in the cache directory and is brought up to date on first use
(only changed files are read); both that and each query run in worker threads,
which is why the index is opened lazily under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.ui.screens.search import SearchHit, SearchResults

if TYPE_CHECKING:
    from reader.search.index import Index

#: How many hits one query shows.
PAGE_SIZE = 50

RANKING_LABELS = {"recency": "按日期（新→旧）", "bm25": "按相关度（bm25）"}


class IndexSearch:
    """``query → SearchResults`` over the content directory's index."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self._lock = threading.Lock()
        self._index: Index | None = None  # opened on first use
        self.problems: list[str] = []

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
            index = Index(self.content_dir)
            report = index.sync(progress=progress, should_cancel=should_cancel)
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
        result = search(self._index, query, limit=PAGE_SIZE)
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

    def match_spans(self, text: str, query: str) -> list[tuple[int, int]]:
        """Where ``query`` matches in ``text`` (for highlighting in the reader)."""
        from reader.search.engine import match_spans

        return match_spans(text, query)

    def close(self) -> None:
        """Close the index (on exit)."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
