"""`zhpaper read` (the default command): open the reader on a content directory."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from functools import partial
from multiprocessing import resource_tracker
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import UserError
from reader.store.locate import bundled_content_dir

if TYPE_CHECKING:
    from reader.search.index import Index
    from reader.ui.app import OpenedCatalog


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    parser = subparsers.add_parser(
        name,
        help="open the reader (the default when no command is given)",
        description="Open the three-pane reader on a content directory.",
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        default=None,
        help="content directory to read (default: your library of fetched papers when it "
        "holds articles, else the bundled paper)",
    )
    parser.add_argument(
        "--bundled",
        action="store_true",
        help="read the bundled paper even when your library holds articles",
    )


def _problem_lines(index: Index) -> list[str]:
    return [f"{path}: {problem}" for path, problem in index.problems()]


def _from_files(content_dir: Path, why: str) -> OpenedCatalog:
    """The catalogue read straight from the files, when the index cannot be opened.

    Only for a lock held by another reader or an unwritable cache (issue 7): the
    reader still opens, with a note saying why it is slower.
    """
    from reader.store.loader import load_content
    from reader.store.memory import MemoryCatalog
    from reader.ui.app import OpenedCatalog

    result = load_content(content_dir)
    problems = [str(p) for p in result.problems]
    return OpenedCatalog(MemoryCatalog(result.pages), problems, notice=why)


def open_catalog(
    content_dir: Path,
    *,
    background: bool = False,
    on_index: Callable[[Index], None] | None = None,
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

    ``on_index`` receives the opened :class:`Index` (the reader's search shares it).
    """
    from reader.search.catalog import SqliteCatalog
    from reader.search.index import Index
    from reader.ui.app import OpenedCatalog, SyncOutcome

    try:
        index = Index(content_dir)
    except (sqlite3.Error, OSError, ValueError) as error:  # ValueError: cache inside content
        return _from_files(content_dir, f"搜索索引不可用（{error}），直接读取文件")
    if on_index is not None:
        on_index(index)
    catalog = SqliteCatalog(index)

    def sync(
        progress: Callable[[int, int], None] | None, should_cancel: Callable[[], bool] | None
    ) -> SyncOutcome:
        report = index.sync(progress=progress, should_cancel=should_cancel)
        return SyncOutcome(report.changed > 0, _problem_lines(index), report.cancelled)

    if not background:
        try:
            outcome = sync(None, None)
        except (sqlite3.Error, OSError) as error:
            index.close()
            return _from_files(content_dir, f"搜索索引不可用（{error}），直接读取文件")
        return OpenedCatalog(catalog, outcome.problems)
    # A finished index: one row and a clean reading order (an interrupted build
    # leaves order_dirty set, and is resumed with progress shown).
    has_rows = index.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    ready = has_rows and index.meta("order_dirty") == "0"
    return OpenedCatalog(catalog, (), sync=sync, ready=ready)


def _holds_content(directory: Path) -> bool:
    """Whether ``directory`` holds at least one content file (stops at the first)."""
    try:
        return next(directory.rglob("page-*.yaml"), None) is not None
    except OSError:
        return False


def default_content_dir() -> Path:
    """The user's library when it holds articles, else the bundled paper."""
    from reader.state.paths import library_dir

    library = library_dir()
    return library if _holds_content(library) else bundled_content_dir()


def run(args: argparse.Namespace) -> int:
    if args.content is not None and args.bundled:
        raise UserError("give either --content DIR or --bundled, not both")
    content_dir: Path = args.content or (
        bundled_content_dir() if args.bundled else default_content_dir()
    )
    if not content_dir.is_dir():
        raise UserError(f"{content_dir}: not a directory")
    # Textual is imported only now: the other commands never pay for it.
    from reader.ui.app import ReaderApp
    from reader.ui.search_backend import IndexSearch

    # Index builds prepare files in worker processes, whose resource tracker
    # needs a real stderr to hand on: start it before Textual captures stderr
    # (inside the app its fileno() is -1: "bad value(s) in fds_to_keep").
    resource_tracker.ensure_running()
    search = IndexSearch(content_dir)
    # The search screen shares the reader's index: it searches what is indexed
    # at once instead of waiting for (or racing) the reader's own sync.
    opener = partial(open_catalog, background=True, on_index=search.adopt)
    try:
        ReaderApp(content_dir, opener, search).run()
    finally:
        search.close()
    return 0
