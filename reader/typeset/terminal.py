"""Make the whole process measure East-Asian-ambiguous characters as two cells.

Rich and Textual measure every string with the functions of ``rich.cells``
(Textual's own ``textual._cells.cell_len`` is ``rich.cells.cached_cell_len``).
Those functions read two module globals at call time: ``load_cell_table`` (the
width table) and ``_is_single_cell_widths`` (a fast path for strings of known
one-cell characters). Replacing both, and clearing rich's LRU caches, switches
the measure for the process — Textual's layout, clipping and padding included —
so a terminal that draws “ ” ‘ ’ — … · two cells wide and the app agree.

This module is the one adapter for those private names of rich (checked against
rich 14 and 15; :data:`RICH_INTERNALS`). If they are missing,
:func:`set_ambiguous_wide` returns False and changes nothing, and the
``ambiguous_wide`` wrapping option (our lines only) remains; a test asserts
that :func:`missing_rich_internals` is empty, so an upgrade that removes them
fails the suite instead of quietly losing the feature. Call it once at
start-up, before any widget renders.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import rich.cells as _rc

from reader.typeset import wrap as _wrap
from reader.typeset._lbdata import AMBIGUOUS

__all__ = ["ambiguous_wide_active", "missing_rich_internals", "set_ambiguous_wide"]

#: The names of ``rich.cells`` this module reads or replaces.
RICH_INTERNALS = (
    "load_cell_table",
    "_is_single_cell_widths",
    "_SINGLE_CELLS",
    "get_character_cell_size",
    "cached_cell_len",
)

_ORIGINAL: dict[str, Any] = {}


def _ambiguous_ranges() -> list[tuple[int, int]]:
    return [
        (int(a, 16), int(b, 16))
        for a, b in (pair.split(",") for pair in "".join(AMBIGUOUS).split(";"))
    ]


def _widen(widths: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The table's ranges plus (first, last, 2) for every ambiguous range, minus
    whatever the table already gives a width other than 1 (marks, wide)."""
    out = list(widths)
    taken = sorted((a, b) for a, b, _ in widths)
    for first, last in _ambiguous_ranges():
        cursor = first
        for a, b in taken:
            if b < cursor or a > last:
                continue
            if a > cursor:
                out.append((cursor, a - 1, 2))
            cursor = max(cursor, b + 1)
        if cursor <= last:
            out.append((cursor, last, 2))
    return sorted(out)


def missing_rich_internals() -> list[str]:
    """The names of :data:`RICH_INTERNALS` this rich lacks (empty: all there)."""
    return [name for name in RICH_INTERNALS if not hasattr(_rc, name)]


def ambiguous_wide_active() -> bool:
    """Whether :func:`set_ambiguous_wide` has switched the process measure."""
    return bool(_ORIGINAL)


def set_ambiguous_wide(enabled: bool) -> bool:
    """Switch rich's (and so Textual's) cell measure for ambiguous characters.

    Returns True when the measure now is as asked, False when this rich has
    not the expected internals (then nothing was changed).
    """
    if enabled == ambiguous_wide_active():
        return True
    load: Callable[..., Any] | None = getattr(_rc, "load_cell_table", None)
    single: Callable[[str], bool] | None = getattr(_rc, "_is_single_cell_widths", None)
    singles: frozenset[str] | None = getattr(_rc, "_SINGLE_CELLS", None)
    if load is None or single is None or singles is None:
        return False
    if enabled:
        _ORIGINAL.update(load_cell_table=load, _is_single_cell_widths=single)

        @functools.cache
        def load_wide(unicode_version: str = "auto") -> Any:
            table = load(unicode_version)
            return table._replace(widths=_widen(list(table.widths)))

        ambiguous = frozenset(
            chr(cp) for first, last in _ambiguous_ranges() if first < 0x3000
            for cp in range(first, last + 1)
        )  # fmt: skip
        _rc.load_cell_table = load_wide
        _rc._is_single_cell_widths = frozenset(singles - ambiguous).issuperset
    else:
        _rc.load_cell_table = _ORIGINAL.pop("load_cell_table")
        _rc._is_single_cell_widths = _ORIGINAL.pop("_is_single_cell_widths")
    for cached in ("get_character_cell_size", "cached_cell_len"):
        clear = getattr(getattr(_rc, cached, None), "cache_clear", None)
        if clear is not None:
            clear()
    _wrap.reset_measure_caches()
    return True
