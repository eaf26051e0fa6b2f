"""Which panes show, and how wide, for a terminal width and the pane being used.

Plain Python (the screen applies it as inline styles): a change of layout then
touches the three panes and nothing else. Done with CSS classes on the screen,
every enter and escape restyled every widget of the screen, component classes
and all (about 30 ms of a 120×40 redraw).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The panes, in order: the tree of sections, the list of articles, the article.
PANE_NAMES = ("sidebar", "list", "reader")
#: Below this width only one pane is shown at a time.
NARROW_WIDTH = 100
#: Below this width the sidebar is hidden while the reader has focus.
WIDE_WIDTH = 160

SIDEBAR_WIDTH = 28
LIST_WIDTH = 44
#: At medium widths while reading: a slimmer list leaves the text its full measure.
LIST_WIDTH_READING = 32


@dataclass(frozen=True)
class PaneStyle:
    """One pane: shown or not, and its width (cells, or ``1fr`` for the rest)."""

    shown: bool
    width: int | str


def pane_styles(width: int, focused: str) -> dict[str, PaneStyle]:
    """The style of each pane (by name) at terminal ``width`` with pane ``focused`` in use."""
    if width < NARROW_WIDTH:
        return {name: PaneStyle(name == focused, "1fr") for name in PANE_NAMES}
    reading = focused == "reader" and width < WIDE_WIDTH
    return {
        "sidebar": PaneStyle(not reading, SIDEBAR_WIDTH),
        "list": PaneStyle(True, LIST_WIDTH_READING if reading else LIST_WIDTH),
        "reader": PaneStyle(True, "1fr"),
    }


def width_class(width: int) -> str | None:
    """The screen's class for a terminal ``width``: ``-narrow``, ``-medium`` or none."""
    if width < NARROW_WIDTH:
        return "-narrow"
    if width < WIDE_WIDTH:
        return "-medium"
    return None
