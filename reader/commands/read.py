"""`zhpaper read` (the default command): open the reader on a content directory."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import UserError
from reader.store.locate import bundled_content_dir

if TYPE_CHECKING:
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
        help="content directory to read (default: the bundled paper)",
    )


def open_catalog(content_dir: Path) -> OpenedCatalog:
    """Build the catalogue the reader uses for ``content_dir``.

    The one place the catalogue is chosen: switch to the SQLite catalogue for
    large archives here. Runs in a worker thread, never on the UI thread.
    """
    from reader.store.loader import load_content
    from reader.store.memory import MemoryCatalog
    from reader.ui.app import OpenedCatalog

    result = load_content(content_dir)
    return OpenedCatalog(MemoryCatalog(result.pages), [str(p) for p in result.problems])


def run(args: argparse.Namespace) -> int:
    content_dir: Path = args.content or bundled_content_dir()
    if not content_dir.is_dir():
        raise UserError(f"{content_dir}: not a directory")
    # Textual is imported only now: the other commands never pay for it.
    from reader.ui.app import ReaderApp
    from reader.ui.search_backend import IndexSearch

    search = IndexSearch(content_dir)
    try:
        ReaderApp(content_dir, open_catalog, search).run()
    finally:
        search.close()
    return 0
