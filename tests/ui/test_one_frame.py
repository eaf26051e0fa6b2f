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
from textual_private import screen_lines
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
