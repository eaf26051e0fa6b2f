"""The command palette speaks Chinese and folds 简繁 (and Taiwan wording) as search does."""

from __future__ import annotations

import pytest
from ui_fixtures import started

from reader.ui.palette import PLACEHOLDER


async def _found(app, pilot, typed: str) -> list[str]:
    """The palette's hits for ``typed``, best first, as plain text."""
    await pilot.press("ctrl+p", *typed)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause(0.3)  # the palette gathers hits on a short timer
    await app.workers.wait_for_complete()
    await pilot.pause()
    hits = app.screen.query_one("CommandList")
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_the_placeholder_is_chinese(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert (
            app.screen.query_one("CommandInput").placeholder
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
