"""Search you can come back to: every match reachable, 第 x/共 N, history, partial results."""

from __future__ import annotations

from pathlib import Path

from ui_fixtures import catalog as fixture_catalog
from ui_fixtures import settle

from reader.contracts import OpenedCatalog, SearchCancelled, SearchHit, SearchResults
from reader.state.history import load_history, remember, save_history
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchScreen

TOTAL = 137
PAGE = 50
#: Ids the fixture catalogue holds, so that choosing a result opens something.
IDS = ["2024-03-02-1-01", "2024-03-02-1-02", "2024-03-01-1-01"]


class PagedSearch:
    """TOTAL hits in pages of PAGE; records the offsets asked and the cancel hooks."""

    def __init__(self) -> None:
        self.offsets: list[int] = []
        self.cancels: list[object] = []

    def prepare(self, progress=None, should_cancel=None) -> bool:
        return True

    def count(self, query: str) -> int:
        return TOTAL

    def __call__(self, query: str, offset: int = 0, should_cancel=None) -> SearchResults:
        if query.startswith("date:2020"):
            raise ValueError("日期写错了")
        self.offsets.append(offset)
        self.cancels.append(should_cancel)
        if should_cancel is not None and should_cancel():
            raise SearchCancelled
        hits = [
            SearchHit(IDS[n % 3], f"第{n + 1}条", "时政", "2024-03-02", f"摘要{n}", ())
            for n in range(offset, min(offset + PAGE, TOTAL))
        ]
        return SearchResults(None, hits, "按相关度")


def _app(tmp_path: Path, backend: PagedSearch) -> ReaderApp:
    opened = OpenedCatalog(fixture_catalog(), ())
    return ReaderApp(tmp_path / "content", lambda _dir: opened, backend)


def _status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status").visual)


async def test_every_match_is_reachable_and_counted(tmp_path: Path) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"干部")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "第 1/共 137 篇" in _status(screen)
        results = screen.query_one("#search-results")
        for _ in range(TOTAL + 5):
            await pilot.press("down")
            if results.highlighted == TOTAL - 1:
                break
            await settle(app, pilot)
        await settle(app, pilot)
        assert results.option_count == TOTAL and results.highlighted == TOTAL - 1
        assert "第 137/共 137 篇" in _status(screen)
        assert backend.offsets[-3:] == [0, 50, 100]
        # The engine is handed a cancel hook: a newer keystroke stops an old query.
        assert all(callable(c) for c in backend.cancels)


async def test_escape_returns_to_results_and_slash_shows_the_last_query(tmp_path: Path) -> None:
    app = _app(tmp_path, PagedSearch())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"干部")
        await settle(app, pilot)
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.reader.article.id == IDS[2]
        await pilot.press("escape")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#search-box").value == "干部"
        assert screen.query_one("#search-results").highlighted == 2
        await pilot.press("escape", "tab", "slash")
        await settle(app, pilot)
        assert app.screen.query_one("#search-box").value == "干部"
        assert load_history() == ["干部"]


async def test_up_and_down_in_the_box_walk_the_history(tmp_path: Path) -> None:
    save_history(remember(remember([], "旧的"), "新的"))
    app = _app(tmp_path, PagedSearch())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "x", "up")
        box = app.screen.query_one("#search-box")
        assert box.value == "新的"
        await pilot.press("up")
        assert box.value == "旧的"
        await pilot.press("down", "down")
        assert box.value == "x"


async def test_a_query_error_waits_until_typing_pauses(tmp_path: Path, monkeypatch) -> None:
    import reader.ui.screens.search as search_screen

    monkeypatch.setattr(search_screen, "ERROR_DELAY", 60.0)  # "typing" never pauses here
    app = _app(tmp_path, PagedSearch())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"date:2020")
        await settle(app, pilot)
        screen = app.screen
        assert "日期写错了" not in _status(screen)  # not flashed mid-typing
        await pilot.press("enter")  # asked for: said at once
        assert "日期写错了" in _status(screen)


async def test_results_during_the_build_say_partial_and_refresh_when_it_ends(
    tmp_path: Path,
) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.index_building = True
        await pilot.press("slash", *"干部")
        await settle(app, pilot)
        screen = app.screen
        assert "不完整" in _status(screen)
        asked = len(backend.offsets)
        app._build_ended()
        await settle(app, pilot)
        assert "不完整" not in _status(screen)
        assert len(backend.offsets) > asked
