"""A pane's border title chosen among ways of naming it, fitted to the pane's width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from reader.ui.where import fit


class FittedTitle:
    """The longest of a pane's names (with a count suffix) that fits its border.

    The owner calls :meth:`fit` when its width changes; the title is set only
    when it changes (setting one redraws the pane).
    """

    def __init__(self, pane: Widget, empty: str = "") -> None:
        self._pane = pane
        self._empty = empty
        self._forms: tuple[str, ...] = ()
        self._suffixes: tuple[str, ...] = ()
        self._prefix = ""
        self._shown: Text | None = None

    def set(self, forms: Sequence[str], *suffixes: str, prefix: str = "") -> None:
        """Name the pane by the first of ``forms`` that fits, after ``prefix`` (e.g. ★)."""
        self._forms, self._suffixes, self._prefix = tuple(forms), suffixes, prefix
        self.fit()

    def fit(self) -> None:
        """Choose the title again for the pane's width now."""
        if not self._forms and not self._prefix:
            return
        room = max(self._pane.size.width - 4 - cell_len(self._prefix), 8)
        # A str title is parsed as markup: names from content must go in as Text.
        title = Text(self._prefix + (fit(self._forms, room, *self._suffixes) or self._empty))
        if title != self._shown:
            self._shown = title
            self._pane.border_title = title
