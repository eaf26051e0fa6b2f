"""Which panes show, and how wide, for each terminal width and pane in use (reader.ui.panes).

Plain Python: the screen only applies what these functions return, so the rules
a user sees (one pane on a narrow terminal, the sidebar giving way to the text
at medium widths) are checked here without starting Textual.
"""

from __future__ import annotations

import pytest

from reader.ui.panes import (
    LIST_WIDTH,
    LIST_WIDTH_READING,
    NARROW_WIDTH,
    PANE_NAMES,
    SIDEBAR_WIDTH,
    pane_styles,
    width_class,
)

#: The widths at and around each bound, and the sizes users run at (80, 120, 200).
WIDTHS = (60, 80, 99, 100, 120, 159, 160, 200)


def _shown(width: int, focused: str) -> set[str]:
    return {name for name, style in pane_styles(width, focused).items() if style.shown}


@pytest.mark.parametrize(
    ("width", "named"),
    [
        (60, "-narrow"),
        (99, "-narrow"),
        (100, "-medium"),
        (120, "-medium"),
        (159, "-medium"),
        (160, None),
        (200, None),
    ],
)
def test_width_class_at_the_bounds(width: int, named: str | None) -> None:
    assert width_class(width) == named


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("focused", PANE_NAMES)
def test_every_pane_has_a_style_and_a_width(width: int, focused: str) -> None:
    styles = pane_styles(width, focused)
    assert tuple(styles) == PANE_NAMES
    for style in styles.values():
        assert style.width == "1fr" or (isinstance(style.width, int) and style.width > 0)
    # The pane in use is always on screen: focus never goes to a hidden pane.
    assert styles[focused].shown


@pytest.mark.parametrize("width", [60, 80, 99])
@pytest.mark.parametrize("focused", PANE_NAMES)
def test_narrow_shows_exactly_the_pane_in_use_at_full_width(width: int, focused: str) -> None:
    styles = pane_styles(width, focused)
    assert _shown(width, focused) == {focused}
    assert styles[focused].width == "1fr"
    assert width_class(width) == "-narrow"


@pytest.mark.parametrize("width", [100, 120, 159])
def test_medium_hides_the_sidebar_only_while_reading(width: int) -> None:
    assert _shown(width, "sidebar") == set(PANE_NAMES)
    assert _shown(width, "list") == set(PANE_NAMES)
    assert _shown(width, "reader") == {"list", "reader"}


@pytest.mark.parametrize("width", [100, 120, 159])
def test_medium_narrows_the_list_while_reading(width: int) -> None:
    for focused in ("sidebar", "list"):
        styles = pane_styles(width, focused)
        assert styles["sidebar"].width == SIDEBAR_WIDTH
        assert styles["list"].width == LIST_WIDTH
        assert styles["reader"].width == "1fr"
    reading = pane_styles(width, "reader")
    assert reading["list"].width == LIST_WIDTH_READING
    assert reading["reader"].width == "1fr"


@pytest.mark.parametrize("width", [160, 200])
@pytest.mark.parametrize("focused", PANE_NAMES)
def test_wide_shows_all_three_at_their_widths_whatever_is_in_use(width: int, focused: str) -> None:
    styles = pane_styles(width, focused)
    assert _shown(width, focused) == set(PANE_NAMES)
    assert (styles["sidebar"].width, styles["list"].width) == (SIDEBAR_WIDTH, LIST_WIDTH)
    assert styles["reader"].width == "1fr"


def test_crossing_a_bound_by_one_cell_changes_the_layout() -> None:
    # 99 → 100: from one pane to several; 159 → 160: the sidebar stays while reading.
    assert _shown(99, "reader") == {"reader"}
    assert _shown(100, "reader") == {"list", "reader"}
    assert _shown(159, "reader") == {"list", "reader"}
    assert _shown(160, "reader") == set(PANE_NAMES)
    assert pane_styles(159, "reader")["list"].width == LIST_WIDTH_READING
    assert pane_styles(160, "reader")["list"].width == LIST_WIDTH


@pytest.mark.parametrize("width", [w for w in WIDTHS if w >= NARROW_WIDTH])
@pytest.mark.parametrize("focused", PANE_NAMES)
def test_the_text_always_keeps_most_of_the_room_beside_fixed_panes(
    width: int, focused: str
) -> None:
    # Side by side, the fixed panes never take the reader's room away: the text
    # (1fr) keeps at least a quarter of the terminal, and while reading, the
    # default 40-字 measure (80 cells) plus border and scrollbar from 120 up.
    styles = pane_styles(width, focused)
    fixed = sum(
        style.width for style in styles.values() if style.shown and isinstance(style.width, int)
    )
    assert width - fixed >= width // 4
    if focused == "reader" and width >= 120:
        assert width - fixed >= 80 + 4
