"""Where am I: an article's paper · date (周X) · 第N版 版名 · 栏目, fitted to a width.

The reading pane and the article list title say where their article or scope
sits in the paper. Titles are cut by the pane, so the longest form that fits is
chosen (the full date, then the short one, then fewer parts) instead of letting
the border cut it mid-word. Unknown parts are left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.cells import cell_len

from reader.contracts import Level, Node
from reader.model import PageRef
from reader.ui.text import elide, visible, weekday


def page_name(number: int | None, name: str | None) -> str:
    """``第3版 要闻``, ``第3版``, ``要闻`` or ``""``."""
    parts = [f"第{number}版" if number is not None else "", visible(name or "")]
    return " ".join(p for p in parts if p)


def _date_forms(date: dt.date | None) -> list[str]:
    if date is None:
        return [""]
    day = weekday(date)
    return [
        f"{date.year}年{date.month}月{date.day}日 {day}",
        f"{date.isoformat()} {day}",
        f"{date.month}-{date.day} {day}",
        f"{date.month}-{date.day}",
    ]


def where_forms(ref: PageRef, section: str | None) -> list[str]:
    """Every way of saying where ``ref``/``section`` is, longest first."""
    paper = visible(ref.paper or "")
    page = page_name(ref.number, ref.name)
    short_page = f"{ref.number}版" if ref.number is not None else page
    sect = visible(section or "")
    full, iso, month_day, bare = _date_forms(ref.date) if ref.date else ("",) * 4
    forms = [
        _join([paper, full, page, sect]),
        _join([paper, iso, page, sect]),
        _join([iso, page, sect]),
        _join([month_day, page, sect]),
        _join([month_day, short_page, sect]),
        _join([bare, short_page, sect]),
        _join([bare, sect]),
        sect,
        _join([bare, short_page]),
    ]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]] or [""]


def _join(parts: Sequence[str]) -> str:
    return " · ".join(p for p in parts if p)


def fit(forms: Sequence[str], width: int, *suffixes: str) -> str:
    """The first of ``forms`` no wider than ``width``, with the first of ``suffixes``
    that still fits (the place matters more than the count).

    When no form fits, the shortest is cut with an ellipsis (no stray space before it).
    """
    for form in forms:
        if not form:
            return next((s.removeprefix(" · ") for s in suffixes if cell_len(s) <= width), "")
        if cell_len(form) <= width:
            return form + next((s for s in suffixes if cell_len(form + s) <= width), "")
    return elide(forms[-1].rstrip(), width).replace(" …", "…")


def scope_forms(node: Node) -> list[str]:
    """Ways of naming a tree node's scope for the article list's title, longest first."""
    scope = node.scope
    paper = scope.get(Level.PAPER)
    paper_name = visible(paper) if isinstance(paper, str) else ""
    if node.level in (Level.PAPER, Level.YEAR, Level.MONTH):
        year, month = scope.get(Level.YEAR), scope.get(Level.MONTH)
        when = f"{year}年" if year is not None else ""
        when += f"{month}月" if month is not None else ""
        if node.value is None and node.level is not Level.PAPER:
            when = "日期不详"
        named = [_join([paper_name, when]), when] if when else [paper_name]
        return [f for f in named if f] or [node.label]
    date = scope.get(Level.DATE)
    page = scope.get(Level.PAGE)
    number, name = page if isinstance(page, tuple) else (None, None)
    section = scope.get(Level.SECTION)
    ref = PageRef(
        paper if isinstance(paper, str) else None,
        date if isinstance(date, dt.date) else None,
        number,
        name,
    )
    forms = where_forms(ref, section if isinstance(section, str) else None)
    return forms if forms != [""] else [node.label]
