"""Content text → what the UI draws: never markup, never raw control characters."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len

from reader.store.sanitize import visible_controls


def visible(text: str) -> str:
    """``text`` safe for one terminal line: every control character made visible.

    The same sanitizer as ``export`` and ``search`` (one character for one, so
    offsets into the text stay valid); newlines too, since every UI line is one
    line and a newline in a title would break the row layout.
    """
    return visible_controls(text, keep_newlines=False)


def elide(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut at a character boundary to at most ``width`` cells, with an ellipsis if cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    if room < 0:
        return ""
    used = 0
    out: list[str] = []
    for char in text:
        size = cell_len(char)
        if used + size > room:
            break
        out.append(char)
        used += size
    return "".join(out) + ellipsis


def weekday(date: dt.date) -> str:
    """The Chinese weekday of ``date``: 周一 … 周日 (as a newspaper's masthead gives it)."""
    return "周" + "一二三四五六日"[date.weekday()]


def group_digits(number: int) -> str:
    """``number`` with thousands separators (294,068), as counts are shown everywhere."""
    return f"{number:,}"
