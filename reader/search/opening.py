"""Open a content directory's index and sync it, or fall back: the one place this is done.

* :func:`open_synced` opens the index and brings it up to date (closing it
  again on failure); ``zhpaper search`` (waiting for a lock) and the reader's
  search (saying why it cannot search) call it, and so does
* :func:`open_catalog`, the reader's catalogue for a content directory: the
  index, or the files read directly when the index cannot be used.
  ``reader.cli.read`` passes it to the app, which calls it in a worker thread.

What an error means (busy, full disk, damage …) is decided by
:func:`reader.search.database.classify`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.contracts import OpenedCatalog, SyncOutcome
from reader.search.catalog import SqliteCatalog
from reader.search.index import Index, SyncReport, damage_error, unavailable_message
from reader.store.loader import load_content
from reader.store.memory import MemoryCatalog

#: Errors that make the index unusable for now: the reader then reads the files.
#: (ValueError: the cache directory lies inside the content directory.)
UNUSABLE = (sqlite3.Error, OSError, ValueError)


def problem_lines(problems: Iterable[tuple[object, str]]) -> list[str]:
    """``FILE: problem`` lines, as the reader's ``!`` list shows them."""
    return [f"{path}: {problem}" for path, problem in problems]


def open_synced(
    content_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[Index, SyncReport]:
    """``content_dir``'s index, brought up to date, and what the sync did.

    Raises what opening or syncing raised (``sqlite3.Error``, ``OSError``,
    ``ValueError``), with the index closed again.
    """
    index = Index(content_dir)
    try:
        return index, index.sync(progress=progress, should_cancel=should_cancel)
    except BaseException:
        index.close()
        raise


def _from_files(
    content_dir: Path, error: Exception, on_fallback: Callable[[str], None] | None
) -> OpenedCatalog:
    """The catalogue read straight from the files, when the index cannot be used.

    For a lock held by another reader, an unwritable cache or a full disk
    (issues 7 and 12): the reader still opens, with a note saying why search
    is unavailable; ``on_fallback(why)`` tells the search screen the same.
    """
    why = f"{unavailable_message(error)}；直接读取文件，搜索不可用"
    if on_fallback is not None:
        on_fallback(why)
    result = load_content(content_dir)
    problems = [str(p) for p in result.problems]
    return OpenedCatalog(MemoryCatalog(result.pages), problems, notice=why)


def open_catalog(
    content_dir: Path,
    *,
    background: bool = False,
    on_index: Callable[[Index], None] | None = None,
    on_fallback: Callable[[str], None] | None = None,
) -> OpenedCatalog:
    """The catalogue the reader uses for ``content_dir``: the SQLite index, always.

    The one place the catalogue is chosen (bundled paper and archives alike).
    Runs in a worker thread, never on the UI thread.

    * ``background=False``: the index is brought up to date before returning
      (tests, small directories; the call costs a full sync).
    * ``background=True``: nothing proportional to the archive is done here.
      The result carries ``sync`` for the app to run in a worker, and ``ready``
      says whether the index can be shown before that (it holds a finished
      index) or the app must show build progress first.

    ``on_index`` receives the opened :class:`Index` (the reader's search shares it);
    ``on_fallback(why)`` is called when the files are read instead.
    """
    try:
        index = open_synced(content_dir)[0] if not background else Index(content_dir)
    except UNUSABLE as error:
        return _from_files(content_dir, error, on_fallback)
    if on_index is not None:
        on_index(index)
    catalog = SqliteCatalog(index)
    if not background:
        return OpenedCatalog(catalog, problem_lines(index.problems()))

    def sync(
        progress: Callable[[int, int], None] | None, should_cancel: Callable[[], bool] | None
    ) -> SyncOutcome:
        report = index.sync(progress=progress, should_cancel=should_cancel)
        return SyncOutcome(report.changed > 0, problem_lines(index.problems()), report.cancelled)

    def from_files(error: Exception) -> OpenedCatalog:
        index.close()
        return _from_files(content_dir, error, on_fallback)

    def watch_damage(listener: Callable[[str], None]) -> None:
        index.on_damage = listener

    # A finished index: one row and a clean reading order (an interrupted build
    # leaves order_dirty set, and is resumed with progress shown).
    try:
        has_rows = index.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
        ready = has_rows and index.meta("order_dirty") == "0"
    except sqlite3.DatabaseError as error:
        if not damage_error(error):
            raise
        index.report_damage(error)  # the first sync moves it aside and rebuilds
        ready = False
    notice = None
    if index.moved_aside is not None:
        notice = f"搜索索引已损坏（{index.rebuilt}），已移到 {index.moved_aside}，正在重建"
    return OpenedCatalog(
        catalog,
        (),
        sync=sync,
        ready=ready,
        notice=notice,
        watch_damage=watch_damage,
        from_files=from_files,
    )
