"""`zhpaper read` (the default command): open the reader on a content directory."""

from __future__ import annotations

import argparse
import os
from collections.abc import MutableMapping
from functools import partial
from multiprocessing import resource_tracker
from pathlib import Path

from reader.errors import UserError
from reader.store.locate import bundled_content_dir


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


def add_content_argument(parser: argparse.ArgumentParser) -> None:
    """``--content DIR`` as the commands that read content take it (default: the library)."""
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="content directory (default: your library when it holds articles, else the bundled paper)",
    )


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


#: How long (ms) a lone escape byte waits for the rest of a key's escape sequence.
ESCAPE_DELAY_MS = 10


def quick_escape(environ: MutableMapping[str, str]) -> None:
    """Let escape (back, close) answer without Textual's default 100 ms wait.

    A terminal writes a key's whole escape sequence (arrows, PageDown) at once, and
    SSH and tmux pass it on in one piece, so 10 ms tells a lone escape from the
    start of a sequence as well as 100 ms does (tmux's own ``escape-time`` is 10 ms
    by default since tmux 3.5, for the same reason). The user's own ``ESCDELAY`` (the
    variable ncurses and Textual read, in ms) wins. Set before Textual is imported:
    it reads the variable once.
    """
    environ.setdefault("ESCDELAY", str(ESCAPE_DELAY_MS))


def run(args: argparse.Namespace) -> int:
    if args.content is not None and args.bundled:
        raise UserError("give either --content DIR or --bundled, not both")
    content_dir: Path = args.content or (
        bundled_content_dir() if args.bundled else default_content_dir()
    )
    if not content_dir.is_dir():
        raise UserError(f"{content_dir}: not a directory")
    quick_escape(os.environ)
    # Textual is imported only now: the other commands never pay for it.
    from reader.search.opening import open_catalog
    from reader.ui.app import ReaderApp
    from reader.ui.search_backend import IndexSearch

    # Index builds prepare files in worker processes, whose resource tracker
    # needs a real stderr to hand on: start it before Textual captures stderr
    # (inside the app its fileno() is -1: "bad value(s) in fds_to_keep").
    resource_tracker.ensure_running()
    search = IndexSearch(content_dir)
    # The search screen shares the reader's index: it searches what is indexed
    # at once instead of waiting for (or racing) the reader's own sync.
    opener = partial(
        open_catalog, background=True, on_index=search.adopt, on_fallback=search.unavailable
    )
    try:
        ReaderApp(content_dir, opener, search).run()
    finally:
        search.close()
    return 0
