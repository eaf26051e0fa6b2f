"""Search you can come back to: every match reachable, 第 x/共 N, history, partial results."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from ui_fixtures import catalog as fixture_catalog
from ui_fixtures import settle

from reader.contracts import (
    OpenedCatalog,
    SearchCancelled,
    SearchHit,
    SearchResults,
    SyncOutcome,
)
from reader.state.history import load_history, remember, save_history
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.result_list import ResultList

TOTAL = 137
PAGE = 50
#: Ids the fixture catalogue holds, so that choosing a result opens something.
IDS = ["2024-03-02-1-01", "2024-03-02-1-02", "2024-03-01-1-01"]


class PagedSearch:
    """``total`` hits in pages of PAGE; records the offsets asked and the cancel hooks.

    With ``gate`` set, every page after the first waits for it (a slow engine).
    """

    def __init__(self, total: int = TOTAL, gate: threading.Event | None = None) -> None:
        self.total = total
        self.gate = gate
        self.offsets: list[int] = []
        self.cancels: list[object] = []

    def prepare(self, progress=None, should_cancel=None) -> bool:
        return True

    def count(self, query: str) -> int:
        return self.total

    def __call__(self, query: str, offset: int = 0, should_cancel=None) -> SearchResults:
        if query.startswith("date:2020"):
            raise ValueError("日期写错了")
        self.offsets.append(offset)
        self.cancels.append(should_cancel)
        while offset and self.gate is not None and not self.gate.wait(0.01):
            if should_cancel is not None and should_cancel():
                raise SearchCancelled
        if should_cancel is not None and should_cancel():
            raise SearchCancelled
        hits = [
            SearchHit(IDS[n % 3], f"第{n + 1}条", "时政", "2024-03-02", f"摘要{n}", ())
            for n in range(offset, min(offset + PAGE, self.total))
        ]
        return SearchResults(None, hits, "按相关度")


def _app(tmp_path: Path, backend: PagedSearch) -> ReaderApp:
    opened = OpenedCatalog(fixture_catalog(), ())
    return ReaderApp(tmp_path / "content", lambda _dir: opened, backend)


async def searched(app, pilot, query: str = "干部", building: bool = False) -> SearchScreen:
    """The app started, `/` pressed and ``query`` typed: the search screen with its results.

    With ``building``, as while the first index build runs (results partial).
    """
    await settle(app, pilot)
    app.main_screen.index_building = building
    await pilot.press("slash", *query)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def end_build(app, pilot) -> None:
    """The build ends as a real one does: its worker posts the outcome."""
    built = OpenedCatalog(fixture_catalog(), ())
    app.main_screen.post_message(MainScreen.SyncEnded(built, True, SyncOutcome(False)))
    await settle(app, pilot)


def _status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status").visual)


async def test_every_match_is_reachable_and_counted(tmp_path: Path) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot)
        assert "第 1/共 137 篇" in _status(screen)
        results = screen.results
        for _ in range(TOTAL + 5):
            await pilot.press("down")
            await settle(app, pilot)
        assert results.total == TOTAL and results.cursor == TOTAL - 1
        assert results.hit(TOTAL - 1).title == "第137条"
        assert "第 137/共 137 篇" in _status(screen)
        assert backend.offsets[-3:] == [0, 50, 100]
        # The engine is handed a cancel hook: a newer keystroke stops an old query.
        assert all(callable(c) for c in backend.cancels)


async def test_escape_returns_to_results_and_slash_shows_the_last_query(tmp_path: Path) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        await searched(app, pilot)
        first = app.screen
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.reader.article.id == IDS[2]
        asked = len(backend.offsets)
        await pilot.press("escape")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # The same screen, shown again as it was: nothing is searched again.
        assert screen is first and len(backend.offsets) == asked
        assert screen.query_one("#search-box").value == "干部"
        assert screen.results.cursor == 2
        assert app.focused is screen.query_one("#search-box")  # left from the box: the box
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
        screen = await searched(app, pilot, building=True)
        assert "不完整" in _status(screen)
        asked = len(backend.offsets)
        await end_build(app, pilot)
        assert "不完整" not in _status(screen)
        assert len(backend.offsets) > asked


async def loaded(app, pilot) -> None:
    """Settle until the rows on screen have their pages (they ask after drawing)."""
    for _ in range(50):
        await settle(app, pilot)
        if not getattr(app.screen, "results", None) or not app.screen.results.waiting:
            return


def _row_text(screen: SearchScreen, index: int) -> str:
    """The first line of row ``index`` as drawn (it must be on screen)."""
    results = screen.results
    y = index * results.ROW_HEIGHT - int(results.scroll_y)
    return results.render_line(y).text


async def test_G_fetches_only_the_last_page_and_shows_it_loading(tmp_path: Path) -> None:
    gate = threading.Event()
    backend = PagedSearch(12_338, gate)
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot, "总统")
        assert "第 1/共 12,338 篇" in _status(screen)
        await pilot.press("tab", "G")  # into the list; to the last match
        await pilot.pause()
        await pilot.pause()
        assert screen.results.cursor == 12_337
        assert "第 12,338/共 12,338 篇" in _status(screen)
        assert "载入中…" in _row_text(screen, 12_337)  # its page is still coming
        gate.set()
        await settle(app, pilot)
        await pilot.pause()
        assert "第12338条" in _row_text(screen, 12_337)
        # Only the last page was fetched, never the 246 between.
        assert [o for o in backend.offsets if o] == [12_300]


async def test_a_superseded_page_fetch_is_cancelled(tmp_path: Path) -> None:
    gate = threading.Event()
    backend = PagedSearch(12_338, gate)
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        await searched(app, pilot, "总统")
        await pilot.press("tab", "G")
        await pilot.pause()
        await pilot.pause()
        fetch_last = backend.cancels[backend.offsets.index(12_300)]
        assert not fetch_last()
        await pilot.press("g")  # back to the top before the last page came
        await pilot.pause()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert fetch_last()  # the engine was told to stop
        gate.set()


async def test_list_keys_page_and_stop_at_the_ends(tmp_path: Path) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot)
        results = screen.results
        await pilot.press("tab")
        assert app.focused is results
        await pilot.press("up", "k")  # ↑ on the first result: stays there, no wrap
        assert results.cursor == 0
        rows = results.scrollable_content_region.height // results.ROW_HEIGHT
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert results.cursor == rows
        await pilot.press("j", "j", "k")
        assert results.cursor == rows + 1
        await pilot.press("pageup")
        assert results.cursor == 1
        await pilot.press("end")
        await settle(app, pilot)
        assert results.cursor == TOTAL - 1
        await pilot.press("down", "j")  # ↓ on the last: stays there
        assert results.cursor == TOTAL - 1
        await pilot.press("home")
        assert results.cursor == 0 and "第 1/共 137 篇" in _status(screen)
        await pilot.press("slash")  # back to the box to refine the query
        assert app.focused is screen.query_one("#search-box")
        await pilot.press("x", "slash")  # in the box, / is typed (date:2024/05)
        assert screen.query_one("#search-box").value == "干部x/"
        await pilot.press("tab")
        assert app.focused is results
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one("#search-box")


async def test_mouse_wheel_fetches_and_click_opens(tmp_path: Path) -> None:
    from textual_private import wheel_down

    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot)
        results = screen.results
        await wheel_down(pilot, ResultList, (10, 5))
        await pilot.pause()
        assert results.scroll_y > 0 and results.cursor == 0  # the wheel scrolls, not moves
        results.scroll_to(y=60 * results.ROW_HEIGHT, animate=False)  # many turns of it
        await loaded(app, pilot)
        assert 50 in backend.offsets  # the rows on screen asked for their page
        assert "第61条" in _row_text(screen, 60)
        await pilot.click(results, offset=(5, 1 + 1 * results.ROW_HEIGHT))  # second row on screen
        assert results.cursor == 61 and app.focused is results
        await pilot.click(results, offset=(5, 1 + 1 * results.ROW_HEIGHT), times=2)
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.reader.article.id == IDS[61 % 3]


async def test_escape_returns_to_a_result_beyond_the_first_page(tmp_path: Path) -> None:
    app = _app(tmp_path, PagedSearch())
    async with app.run_test(size=(120, 40)) as pilot:
        await searched(app, pilot)
        await pilot.press("tab", "G", "k")
        await loaded(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("escape")
        await loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.results.cursor == TOTAL - 2
        assert app.focused is screen.results  # left from the list: back in the list
        assert "第 136/共 137 篇" in _status(screen)
        assert "第136条" in _row_text(screen, TOTAL - 2)


async def test_partial_results_closed_before_the_build_ended_are_searched_again(
    tmp_path: Path,
) -> None:
    backend = PagedSearch()
    app = _app(tmp_path, backend)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "不完整" in _status(await searched(app, pilot, building=True))
        await pilot.press("escape")  # closed (kept) while the build runs
        await settle(app, pilot)
        await end_build(app, pilot)
        asked = len(backend.offsets)
        await pilot.press("slash")
        await settle(app, pilot)
        assert "不完整" not in _status(app.screen)
        assert len(backend.offsets) > asked


@pytest.mark.parametrize(
    "keys",
    # The cursor mid-list and mid-screen (rows of two pages on screen); G: the last match.
    [("space",) * 7 + ("k",) * 5, ("G",)],
    ids=["middle", "last"],
)
def test_results_list_snapshot(snap_compare, tmp_path: Path, keys: tuple[str, ...]) -> None:
    """The focused results list after moving in it, every page on screen arrived."""

    async def run_before(pilot) -> None:
        app = pilot.app
        screen = await searched(app, pilot)
        await pilot.press("tab", *keys)
        await loaded(app, pilot)
        assert not screen.results.waiting and screen.results.has_focus
        assert screen.results.hit(screen.results.cursor) is not None
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(
        _app(tmp_path, PagedSearch()), terminal_size=(120, 40), run_before=run_before
    )
