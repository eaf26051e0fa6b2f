"""The reader's screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen


def install_once(app: App[Any], name: str, make: Callable[[], Screen[Any]]) -> str:
    """Install the screen ``make`` builds as ``name``, unless it is already; ``name``.

    Screens kept between openings (help, palette, date box, bookmarks): closing a
    screen removes its widgets some time later, and that removal laid the whole
    screen out again under a later key; built at each opening, it cost the key
    frames of its own.
    """
    if not app.is_screen_installed(name):
        app.install_screen(make(), name)
    return name
