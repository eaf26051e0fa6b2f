"""``zhpaper search QUERY [--content DIR] [--json] [--limit N]``.

The JSON output is a contract other tools rely on::

    {"total": N, "hits": [{"id", "title", "section", "date", "snippet"}, …]}

The index is built (or brought up to date) first; when that means reading
files, a progress line goes to stderr, never to stdout.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.read import add_content_argument
from reader.errors import UserError, say

if TYPE_CHECKING:
    from reader.search.database import Trouble
    from reader.search.engine import SearchResult
    from reader.search.index import Index, SyncReport
    from reader.search.query import Query


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Declare ``zhpaper search``."""
    parser = subparsers.add_parser(
        name,
        help="search the paper (simplified/traditional, full/half width folded)",
        description=(
            'Search articles. Words are ANDed; "exact phrase"; -exclude; '
            "section:NAME (or its start: section:党旗 finds 党旗领航); by:NAME (or its start); "
            "date:2024, date:2024-05, date:2024-05-01 or date:FROM..TO. "
            "Each hit shows its id in [brackets]: 'zhpaper show ID' prints the article."
        ),
    )
    parser.add_argument(
        "query",
        metavar="QUERY",
        nargs="+",
        help="what to find; several words are one query. A word starting with - (an "
        "exclusion) goes after --: zhpaper search -- 总统 -访问",
    )
    add_content_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (a stable contract)")
    parser.add_argument("--limit", metavar="N", type=int, default=20, help="hits to show (20)")


class _ProgressLine:
    """A one-line progress display on stderr, drawn only if indexing takes a while."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.drawn and time.monotonic() - self.started < 0.3 and done < total:
            return
        self.drawn = True
        percent = f" {100 * done // total}%" if total else ""
        say(f"\rindexing: {done}/{total} files{percent}", end="", file=sys.stderr)

    def finish(self) -> None:
        if self.drawn:
            say(file=sys.stderr)


#: How long to wait for another zhpaper that holds the index locked.
LOCK_WAIT_SECONDS = 60.0


def open_waiting(content: Path, progress: Callable[[int, int], None]) -> tuple[Index, SyncReport]:
    """Open ``content``'s index and bring it up to date, waiting for another zhpaper.

    Another live zhpaper holding the index locked is waited for (with a note on
    stderr, up to :data:`LOCK_WAIT_SECONDS`); a full disk, a lock that outlasts
    the wait or an unwritable cache become one clear :class:`UserError`.
    """
    from reader.search.database import Trouble, classify, db_path
    from reader.search.opening import open_synced

    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    told = False
    while True:
        try:
            return open_synced(content, progress)
        except (sqlite3.DatabaseError, OSError) as error:
            trouble = classify(error)
            if trouble is Trouble.BUSY and time.monotonic() < deadline:
                if not told:
                    say(
                        "zhpaper: waiting for another zhpaper that is updating the search index…",
                        file=sys.stderr,
                    )
                    told = True
                time.sleep(0.5)
                continue
            raise UserError(_index_trouble(error, trouble, db_path(content))) from None


def _index_trouble(error: Exception, trouble: Trouble, path: Path) -> str:
    from reader.search.database import Trouble

    if trouble is Trouble.BUSY:
        return (
            f"the search index {path} is locked by another zhpaper "
            f"(waited {LOCK_WAIT_SECONDS:.0f} s); try again when it has finished"
        )
    if trouble is Trouble.FULL:
        return f"the disk is full: cannot update the search index {path}; free some space"
    reason = error.strerror if isinstance(error, OSError) else str(error)
    return (
        f"cannot use the search index {path}: {reason}; "
        "set ZHPAPER_CACHE_DIR to a writable directory"
    )


def rebuilt_note(index: Index) -> str | None:
    """The line that says a damaged index was moved aside and rebuilt (None if it was not)."""
    if index.moved_aside is None or index.rebuilt is None:
        return None
    return (
        f"zhpaper: note: the search index was {index.rebuilt}; "
        f"moved aside to {index.moved_aside} and rebuilt"
    )


def _search(index: Index, query: Query, limit: int, progress: _ProgressLine) -> SearchResult:
    """Run ``query``; damage met by the query rebuilds the index and runs it again."""
    from reader.search.engine import search
    from reader.search.index import damage_error

    try:
        return search(index, query, limit=limit)
    except sqlite3.DatabaseError as error:
        if not damage_error(error):
            raise
        index.report_damage(error)
        index.sync(progress=progress)
        progress.finish()
        return search(index, query, limit=limit)


def open_index(content: Path | None) -> tuple[Index, _ProgressLine]:
    """The index of ``content`` (default: the library or the bundled paper), up to date.

    What ``search`` and ``show`` share: a missing directory is a :class:`UserError`,
    indexing shows a progress line on stderr, and files that could not be read
    are named there. The caller closes the index.
    """
    from reader.cli.read import default_content_dir
    from reader.store.loader import KEPT_AS

    content = content if content is not None else default_content_dir()
    if not content.is_dir():
        raise UserError(f"content directory not found: {content}")
    progress = _ProgressLine()
    index, report = open_waiting(content, progress)
    progress.finish()
    for path, problem in report.problems:
        # File names and problems quote content: never raw on a terminal.
        what = "note" if KEPT_AS in problem else "warning: skipped"
        say(f"zhpaper: {what} {path}: {problem}", file=sys.stderr)
    return index, progress


def run(args: argparse.Namespace) -> int:
    """Run one search and print it (human-readable or JSON)."""
    from reader.search.query import QueryError, parse_query

    if args.limit < 0:
        raise UserError("--limit must be 0 or more")
    try:
        query = parse_query(" ".join(args.query))
    except QueryError as error:
        # English for the command line, the reader's Chinese after it.
        raise UserError(f"bad query: {error.english} ({error})") from None
    index, progress = open_index(args.content)
    try:
        result = _search(index, query, args.limit, progress)
        note = rebuilt_note(index)
        if note:
            say(note, file=sys.stderr)
    finally:
        index.close()
    if args.json:
        hits = [
            {
                "id": hit.id,
                "title": hit.title,
                "section": hit.section,
                "date": hit.date.isoformat() if hit.date else None,
                "snippet": hit.snippet,
            }
            for hit in result.hits
        ]
        json.dump({"total": result.total, "hits": hits}, sys.stdout, ensure_ascii=False)
        say()
        return 0
    ranking = "newest first" if result.ranking == "recency" else "best match first (bm25)"
    say(f"{result.total} articles match; {ranking}")
    for hit in result.hits:
        where = " · ".join(
            part
            for part in (hit.paper, hit.date.isoformat() if hit.date else None, hit.section)
            if part
        )
        say()
        say(f"{hit.title or '(无题)'}  [{hit.id}]")
        if where:
            say(f"  {where}")
        say(f"  {hit.snippet}")
    if result.total is not None and result.total > len(result.hits):
        say()
        say(f"(showing {len(result.hits)} of {result.total}; --limit N shows more)")
    return 0
