"""Where the bundled paper lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_content_dir() -> Path:
    """The content/ directory shipped with zhpaper.

    An installed wheel carries it as ``reader/content``; a source checkout
    (editable install) has it at the top level, beside ``reader/``.
    """
    in_wheel = _PACKAGE / "content"
    if in_wheel.is_dir():
        return in_wheel
    return _PACKAGE.parent / "content"
