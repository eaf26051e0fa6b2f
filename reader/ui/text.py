"""Content text → Rich ``Text``: never markup, never raw control characters."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.text import Text

try:  # The store's sanitizer is the one the CLI uses too: same result everywhere.
    from reader.store.sanitize import visible_controls as _visible_controls
except ImportError:  # pragma: no cover - until reader.store.sanitize lands
    _visible_controls = None


def _fallback_visible(text: str) -> str:
    # Control characters (C0, C1, DEL) and bidi controls shown as U+FFFD.
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    return "".join(out)


def visible(text: str) -> str:
    """``text`` with control characters made visible (safe to send to a terminal)."""
    if _visible_controls is not None:
        # Every UI line is one line: a newline in a title would break the row layout.
        return _visible_controls(text, keep_newlines=False)
    return _fallback_visible(text)


def plain(text: str, style: str = "") -> Text:
    """A Rich ``Text`` holding ``text`` literally (no markup parsing)."""
    return Text(visible(text), style=style, no_wrap=True, overflow="ignore")


def elide(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut at a character boundary to at most ``width`` cells, with an ellipsis if cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    used = 0
    out: list[str] = []
    for char in text:
        size = cell_len(char)
        if used + size > room:
            break
        out.append(char)
        used += size
    return "".join(out) + ellipsis if room >= 0 else ""
