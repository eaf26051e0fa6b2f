"""The footer names what `n` does: 下一处 while matches are shown, 下一篇未读 after."""

from __future__ import annotations

from pathlib import Path

from test_search_return import IDS, PagedSearch, _app, searched
from textual_private import footer_keys
from ui_fixtures import settle

from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.reading_pane import ReadingPane


def footer(screen) -> list[str]:
    """The descriptions the footer draws."""
    return [description for _key, description in footer_keys(screen)]


async def test_n_is_next_match_while_matches_show_then_next_unread(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert "下一篇未读" in footer(main) and "下一处" not in footer(main)
        await pilot.press("enter", "ctrl+f", *"干部", "enter")  # find in the article
        await settle(app, pilot)
        assert main.reader.match_lines and isinstance(app.focused, ReadingPane)
        assert "下一处" in footer(main) and "下一篇未读" not in footer(main)
        top = main.reader.scroll_y
        await pilot.press("n")  # the key does what the footer says
        assert main.reader.scroll_y > top
        await pilot.press("escape")  # matches cleared
        await pilot.pause()
        assert not main.reader.match_lines
        assert "下一篇未读" in footer(main) and "下一处" not in footer(main)
        here = main.reader.article
        await pilot.press("n")  # the next unread article now
        await settle(app, pilot)
        assert main.reader.article is not here


async def test_opened_from_search_the_footer_says_next_match(tmp_path: Path) -> None:
    app = _app(tmp_path, PagedSearch())
    async with app.run_test(size=(120, 40)) as pilot:
        await searched(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.reader.article.id == IDS[0]
        assert main.reader.match_lines
        assert "下一处" in footer(main) and "下一篇未读" not in footer(main)
        await pilot.press("tab")  # another pane: n is next unread there
        await pilot.pause()
        assert "下一篇未读" in footer(main)
        await pilot.press("shift+tab", "escape")  # back to the results
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is main and not main.reader.match_lines
        assert "下一篇未读" in footer(main) and "下一处" not in footer(main)
