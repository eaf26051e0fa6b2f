"""Paging: PageDown/PageUp in every pane, arrows and Home/End in a long list, keys in `?` help."""

from __future__ import annotations

import datetime as dt

from textual.containers import VerticalScroll
from textual_private import screen_lines
from ui_fixtures import settle, started

from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.sidebar import Sidebar

SIZE = (120, 40)


def _long_list(articles: int = 300, days: int = 60) -> MemoryCatalog:
    """One section holding ``articles`` articles, and ``days`` editions for a long tree."""
    pages = []
    for day in range(days):
        ref = PageRef("晚报", dt.date(2024, 1, 1) + dt.timedelta(days=day), 1, "要闻")
        count = articles if day == days - 1 else 1
        items = tuple(
            Article(
                id=f"d{day}-{n}",
                title=f"第{n}篇",
                paragraphs=("正文。" * 3000,),
                section="本市",
                page=ref,
            )
            for n in range(count)
        )
        pages.append(Page(ref, items))
    return MemoryCatalog(pages)


async def test_pagedown_and_pageup_move_the_list_cursor_a_screenful(make_app) -> None:
    app = make_app(_long_list())
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        articles = screen.articles
        assert articles.total == 300
        rows = articles.scrollable_content_region.height // articles.ROW_HEIGHT
        await pilot.press("pagedown")
        assert articles.cursor == rows
        await pilot.press("pagedown", "pagedown")
        assert articles.cursor == 3 * rows
        # The cursor is on screen, and the reader follows it.
        assert articles.visible_rows().start <= articles.cursor < articles.visible_rows().stop
        await settle(app, pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.id == articles.highlighted.id
        await pilot.press("pageup")
        assert articles.cursor == 2 * rows


async def test_arrows_home_and_end_move_the_cursor_of_a_long_list(make_app) -> None:
    app = make_app(_long_list())
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        articles = screen.articles
        await pilot.press("down", "down")
        assert articles.cursor == 2
        await pilot.press("up")
        assert articles.cursor == 1
        await pilot.press("end")
        assert articles.cursor == 299
        assert articles.visible_rows().stop == 300
        await pilot.press("home")
        assert articles.cursor == 0 and articles.scroll_y == 0


async def test_pagedown_in_the_tree_and_the_reader(make_app) -> None:
    app = make_app(_long_list())
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Sidebar)
        screen.sidebar.root.expand_all()
        await pilot.pause()
        line = screen.sidebar.cursor_line
        await pilot.press("pagedown")
        assert screen.sidebar.cursor_line > line
        await pilot.press("pageup")
        assert screen.sidebar.cursor_line == line
        await pilot.press("tab", "enter")
        assert isinstance(app.focused, ReadingPane)
        article = screen.reader.article
        await pilot.press("pagedown")
        assert screen.reader.scroll_y > 0
        await pilot.press("end", "pagedown")  # at the end PageDown stays, unlike space
        await settle(app, pilot)
        assert screen.reader.article is article
        await pilot.press("home", "pageup")  # and at the top, unlike b
        await settle(app, pilot)
        assert screen.reader.article is article and screen.reader.scroll_y == 0


async def test_help_scrolls_with_g_G_space_b_and_the_page_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 2 * body.scrollable_content_region.height
        page = body.scrollable_content_region.height - 1
        await pilot.press("space")
        assert body.scroll_y == page
        await pilot.press("pagedown")
        assert body.scroll_y == 2 * page
        await pilot.press("b")
        assert body.scroll_y == page
        await pilot.press("pageup")
        assert body.scroll_y == 0
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home", "j", "j", "k")
        assert body.scroll_y == 1


async def test_help_follows_the_users_keymap(make_app, keymap) -> None:
    keymap('bottom = "e"')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("G")
        assert body.scroll_y == 0
        await pilot.press("e")
        assert body.scroll_y == body.max_scroll_y


async def test_help_is_built_once_opens_at_the_top_and_follows_the_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("?")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await pilot.press("G")
        await pilot.pause()
        assert help_screen.query_one("#help-body").scroll_y > 0
        await pilot.press("escape", "?")
        await pilot.pause()
        assert app.screen is help_screen  # the same screen: not built again
        assert help_screen.query_one("#help-body").scroll_y == 0  # at the top again
        assert "Command" in " ".join(screen_lines(app))  # wide: English names shown
        await pilot.press("escape")
        await pilot.resize_terminal(80, 24)
        await pilot.press("?")
        await pilot.pause()
        assert "Command" not in " ".join(screen_lines(app))  # the narrow layout now
