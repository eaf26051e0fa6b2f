"""Find in the article being read (ctrl+f): every match highlighted, n/N walk them."""

from __future__ import annotations

from reader.ui.screens.find import FindScreen
from reader.ui.screens.main import MainScreen


async def test_find_highlights_every_match_and_n_walks_them(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # read the first article
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)
        # Traditional characters find the simplified text (folding as in search).
        await pilot.press(*"幹部", "enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        lines = main.reader.match_lines
        assert len(lines) >= 12  # 干部 is in every one of the twelve paragraphs
        start = main.reader.scroll_y
        await pilot.press("n")
        assert main.reader.scroll_y > start
        await pilot.press("N")
        assert main.reader.scroll_y <= start + 1
        await pilot.press("escape")  # clears the highlight
        assert not main.reader.match_lines


async def test_find_nothing_or_cancel_changes_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "ctrl+f")
        await pilot.pause()
        await pilot.press(*"火星", "enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert not main.reader.match_lines
        assert any("没有" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not main.reader.match_lines
