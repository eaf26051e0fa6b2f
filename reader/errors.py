"""Errors that reach the user as one clear line, never a traceback; and every line printed."""

from __future__ import annotations

import sys
from typing import TextIO


def say(text: str = "", *, file: TextIO | None = None, end: str = "\n") -> None:
    """Print one line of the CLI's output, always through the terminal-safe sanitiser.

    Lines quote file names and content from strangers: escape sequences, other
    controls and the surrogates of non-UTF-8 file names are shown as visible
    symbols (see :func:`reader.store.sanitize.visible_controls`), never sent raw.
    A leading carriage return (a progress line redrawn in place) is kept.
    """
    from reader.store.sanitize import visible_controls

    redraw = "\r" if text.startswith("\r") else ""
    line = redraw + visible_controls(text.removeprefix("\r"), keep_newlines=False)
    print(line, end=end, file=file if file is not None else sys.stdout, flush=bool(redraw))


class UserError(Exception):
    """A problem the user can fix (bad argument, unreadable file …).

    ``reader.__main__`` prints it as ``zhpaper: error: <message>`` and exits with
    ``exit_code``.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        from reader.store.sanitize import visible_controls

        # Messages quote file names and file content: keep the terminal safe.
        super().__init__(visible_controls(message, keep_newlines=False))
        self.exit_code = exit_code
