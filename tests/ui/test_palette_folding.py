"""The command palette speaks Chinese and folds 简繁 (and Taiwan wording) as search does."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList
from ui_fixtures import started

from reader.ui.palette import PLACEHOLDER


async def _found(app, pilot, typed: str) -> list[str]:
    """The palette's hits for ``typed``, best first, as plain text."""
    await pilot.press("ctrl+p", *typed)
    await pilot.pause()  # hits are listed in the frame of each key: no worker, no timer
    hits = app.screen.query_one("#palette-commands", OptionList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_the_placeholder_is_chinese(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert (
            app.screen.query_one("#palette-query", Input).placeholder
            == PLACEHOLDER
            == "搜索命令…（中文或英文，简繁均可）"
        )


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("搜尋", "搜索 Search"),
        ("書籤", "书签 Bookmark"),
        ("主題", "主题 Theme"),
        ("全形", "全角标点"),
    ],
)
async def test_traditional_finds_simplified(make_app, typed: str, name: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        found = await _found(app, pilot, typed)
        assert found and found[0].startswith(name), found


async def test_traditional_runs_the_command(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await _found(app, pilot, "搜尋")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"


async def test_the_palette_is_built_once_and_lists_the_commands_afresh(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        first = await _found(app, pilot, "書")
        palette = app.screen
        assert first and first[0].startswith("书签 Bookmark"), first
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        again = await _found(app, pilot, "")
        assert app.screen is palette  # the same screen, kept between openings
        assert app.screen.query_one("#palette-query", Input).value == ""
        assert len(again) > len(first)  # every command again, not the last query's
        await pilot.press("ctrl+p")  # open already: nothing more
        await pilot.pause()
        assert app.screen is palette and len(app.screen_stack) == 2


async def test_nothing_matching_says_so(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert await _found(app, pilot, "zzqx") == ["没有这样的命令"]
        await pilot.press("enter")  # runs nothing, stays open
        await pilot.pause()
        assert type(app.screen).__name__ == "PaletteScreen"
