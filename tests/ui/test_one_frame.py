"""Enter and escape draw one frame: panes adapt to their new width before it is drawn.

Textual tells a widget its new size inside the layout pass and again, after the
frame, with a Resize event. The reading pane and the article list lay out in the
first (reader.ui.private.ResizedBeforeDrawing), so by the time the Resize event
is handled the text is already set at the new measure and the border titles are
already fitted: the frame drawn at the new width showed them. No timings here;
bench/keys.py measures the speed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rich.cells import cell_len
from textual_private import frames_drawn, screen_lines
from ui_fixtures import settle, started

from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.reading_pane import ReadingPane

SIZE = (120, 40)
NARROW = (80, 24)


@dataclass(frozen=True)
class AtResize:
    """What the screen held when the reading pane's Resize event was handled."""

    reader_width: int
    laid_out_at_measure: bool
    measure: int
    list_title: str
    list_width: int
    reader_title: str


@pytest.fixture
def resizes(monkeypatch: pytest.MonkeyPatch) -> list[AtResize]:
    seen: list[AtResize] = []
    handler = ReadingPane.on_resize

    def spy(reader: ReadingPane) -> None:
        screen = reader.screen
        assert isinstance(screen, MainScreen)
        laid_out = reader._laid_out_for
        seen.append(
            AtResize(
                reader.size.width,
                laid_out is not None and laid_out[1] == reader.measure_cells,
                reader.measure_cells,
                str(screen.articles.border_title),
                screen.articles.size.width,
                str(reader.border_title),
            )
        )
        handler(reader)

    monkeypatch.setattr(ReadingPane, "on_resize", spy)
    return seen


def _fits(title: str, width: int) -> bool:
    return cell_len(title) <= width - 4  # two border corners and a space each side


async def _press(app: ReaderApp, pilot, key: str) -> None:
    await pilot.press(key)
    await settle(app, pilot)


async def test_enter_and_escape_lay_the_reader_and_titles_out_before_drawing(
    make_app, resizes: list[AtResize]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        articles, reader, sidebar = screen.articles, screen.reader, screen.sidebar
        list_title = str(articles.border_title)  # the list's name at its full width
        sidebar_width = sidebar.virtual_size.width
        assert articles.virtual_size.width == 0

        resizes.clear()
        await _press(app, pilot, "enter")
        assert screen.focused is reader and reader.article is not None
        assert resizes, "the reading pane was not resized by enter at 120 columns"
        for at in resizes:
            assert at.laid_out_at_measure, at  # not the old measure, set again after the frame
            assert _fits(at.list_title, at.list_width), at
            assert _fits(at.reader_title, at.reader_width), at
        # The slim list while reading leaves the text its full default measure (40 字).
        assert resizes[-1].measure == reader.settings.measure * 2
        # The list's full name would not fit the slim list: it was fitted again.
        assert not _fits(list_title, resizes[-1].list_width)
        assert resizes[-1].list_title != list_title
        assert (sidebar.virtual_size.width, articles.virtual_size.width) == (sidebar_width, 0)

        resizes.clear()
        await _press(app, pilot, "escape")
        assert screen.focused is articles
        assert resizes, "the reading pane was not resized by escape at 120 columns"
        for at in resizes:
            assert at.laid_out_at_measure, at
            assert _fits(at.reader_title, at.reader_width), at
        # Back at full width, the list has its full name again before the frame.
        assert resizes[-1].list_title == list_title
        assert resizes[-1].measure < reader.settings.measure * 2  # the narrower pane
        assert (sidebar.virtual_size.width, articles.virtual_size.width) == (sidebar_width, 0)
        # The tree's width follows its guides, never the pane's: no horizontal scrolling.
        assert sidebar_width < sidebar.size.width


async def test_an_article_chosen_while_the_reader_is_hidden_shows_laid_out(make_app) -> None:
    # 80 columns: one pane at a time. j in the list changes the article while the
    # reader is hidden; enter must then show it set, not empty lines.
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await started(app, pilot)
        reader = screen.reader
        await _press(app, pilot, "enter")
        first = reader.article
        await _press(app, pilot, "escape")
        assert not reader.display
        await _press(app, pilot, "j")
        await _press(app, pilot, "enter")
        assert screen.focused is reader and reader.display
        article = reader.article
        assert article is not None and first is not None and article.id != first.id
        assert reader.lines
        assert reader._laid_out_for is not None
        assert reader._laid_out_for[1] == reader.measure_cells
        drawn = "\n".join(screen_lines(app)[reader.region.y : reader.region.bottom])
        assert article.title in drawn
        assert article.paragraphs[0][4:14] in drawn  # past 近年来, (the comma is set full width)


def _whole(update: object) -> bool:
    """Whether ``update`` draws the whole screen (Textual's LayoutUpdate) or a part."""
    return type(update).__name__ == "LayoutUpdate"


class Frames:
    """Frames drawn while a key is pressed, and how many there were when its restyle ended."""

    def __init__(self) -> None:
        self.drawn: list[object] = []
        self.at_restyle: list[int] = []

    def restyled(self) -> None:
        self.at_restyle.append(len(self.drawn))

    async def after(self, app: ReaderApp, pilot, key: str) -> list[str]:
        """What ``key`` draws once its restyle or remeasure is done: whole or part.

        A frame the timer draws between the key and the restyle (on a busy
        machine) is not counted; the wait lets any later frame come too.
        """
        self.at_restyle.clear()
        with frames_drawn(app) as self.drawn:
            await pilot.press(key)
            await settle(app, pilot)
            await pilot.pause(0.3)
        assert len(self.at_restyle) == 1
        return [
            "whole" if _whole(update) else "part" for update in self.drawn[self.at_restyle[0] :]
        ]


#: The screen drawn whole, perhaps just after the layout pass's own part (the
#: same tick of the update timer), and nothing after it.
ONE_FRAME = (["whole"], ["part", "whole"])


async def test_a_theme_or_the_ambiguous_width_redraws_the_screen_once(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each restyles or remeasures every widget: the screen is laid out and drawn
    # whole in one frame, not followed by the widgets' own redraws in a second.
    frames = Frames()

    def noting(method):
        def spy(self, *args, **kwargs):
            result = method(self, *args, **kwargs)
            frames.restyled()
            return result

        return spy

    monkeypatch.setattr(ReaderApp, "refresh_css", noting(ReaderApp.refresh_css))
    monkeypatch.setattr(
        MainScreen, "action_toggle_setting", noting(MainScreen.action_toggle_setting)
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.pause(0.3)
        before = app.theme
        assert await frames.after(app, pilot, "t") in ONE_FRAME
        assert app.theme != before
        assert await frames.after(app, pilot, "T") in ONE_FRAME
        assert app.theme == before
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.pause(0.3)
        assert await frames.after(app, pilot, "a") in ONE_FRAME
        assert app.main_screen.settings.ambiguous_wide
        assert await frames.after(app, pilot, "a") in ONE_FRAME


async def _drawn_by(app: ReaderApp, pilot, key: str) -> list[object]:
    with frames_drawn(app) as drawn:
        await pilot.press(key)
        await settle(app, pilot)
        await pilot.pause(0.3)
    return drawn


@pytest.mark.parametrize(
    ("focus", "keys"),
    [("list", ("enter", "escape", "tab", "shift+tab")), ("tree", ("enter",))],
)
async def test_a_change_of_focus_draws_nothing_after_its_whole_screen_frame(
    make_app, focus: str, keys: tuple[str, ...]
) -> None:
    # Focus moves: the screen is drawn whole (its `focused` changed). The panes,
    # their scrollbars and the footer, each refreshed by the same key, used to be
    # drawn again after it, in a frame of their own (reader.ui.private.DrawsNothingTwice).
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        (screen.sidebar if focus == "tree" else screen.articles).focus()
        await settle(app, pilot)
        await pilot.pause(0.3)
        for key in keys:
            drawn = await _drawn_by(app, pilot, key)
            wholes = [i for i, update in enumerate(drawn) if _whole(update)]
            assert len(wholes) == 1, (key, [type(update).__name__ for update in drawn])
            assert wholes[0] == len(drawn) - 1, (key, [type(u).__name__ for u in drawn])


@pytest.mark.parametrize("key", ["B", "question_mark", "d"])
async def test_a_screen_opened_over_the_main_screen_is_drawn_once(make_app, key: str) -> None:
    # Pushing a screen refreshes the one under it, which hands its whole area to
    # the new top screen (drawn with it underneath) and then, at its next tick,
    # asked for all of it again: the same frame a second time, 30-60 ms later.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await _press(app, pilot, "s")  # a bookmark, so B lists something
        # Opened once first: idle time builds these screens (test_kept_screens), which
        # tests do not leave to it.
        await _press(app, pilot, key)
        await _press(app, pilot, "escape")
        for _ in range(2):
            drawn = await _drawn_by(app, pilot, key)
            assert app.screen is not screen
            wholes = [i for i, update in enumerate(drawn) if _whole(update)]
            assert len(wholes) == 1, (key, [type(update).__name__ for update in drawn])
            await _press(app, pilot, "escape")
            assert app.screen is screen
