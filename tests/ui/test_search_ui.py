"""`/` search in the reader, over the real index of fixture content written as YAML."""

from __future__ import annotations

import re
from pathlib import Path

from textual_private import notifications
from ui_fixtures import pages, settle

from reader.search.opening import open_catalog
from reader.store.writer import page_path, write_page
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.search_backend import IndexSearch
from reader.ui.widgets.reading_pane import ReadingPane


def content_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for page in pages():
        write_page(page, page_path(root, page))
    return root


async def test_search_opens_article_with_matches_highlighted(tmp_path: Path) -> None:
    root = content_dir(tmp_path)
    backend = IndexSearch(root)
    app = ReaderApp(root, open_catalog, backend)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.pause()
            await pilot.press("slash")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await settle(app, pilot)  # the index is built
            await pilot.press(*"放牧")
            await settle(app, pilot)
            await pilot.pause()
            status = str(screen.query_one("#search-status").visual)
            assert "共 1 篇" in status
            await pilot.press("enter")
            await pilot.pause()
            main = app.screen
            assert isinstance(main, MainScreen)
            assert main.reader.article is not None
            assert main.reader.article.id == "2024-03-01-1-photo"
            assert isinstance(app.focused, ReadingPane)
            assert main.reader.match_lines
            # The match is drawn in the match style.
            y = main.reader.match_lines[0] - int(main.reader.scroll_y)
            strip = main.reader.render_line(y)
            match_style = main.reader.get_component_rich_style("reading-pane--match", partial=True)
            marked = "".join(
                s.text for s in strip if s.style and s.style.bgcolor == match_style.bgcolor
            )
            assert marked == "放牧"
            await pilot.press("escape")  # back to the results: query and cursor kept
            await settle(app, pilot)
            await pilot.pause()
            again = app.screen
            assert isinstance(again, SearchScreen)
            assert again.query_one("#search-box").value == "放牧"
            assert again.results.cursor == 0 and again.results.total == 1
            assert not main.reader.match_lines
            await pilot.press("escape")
            assert app.screen is main and isinstance(app.focused, ReadingPane)
    finally:
        backend.close()


async def test_n_and_N_walk_matches_and_bad_query_is_explained(tmp_path: Path) -> None:
    root = content_dir(tmp_path)
    backend = IndexSearch(root)
    app = ReaderApp(root, open_catalog, backend)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.pause()
            await pilot.press("slash")
            await settle(app, pilot)
            await pilot.press(*'"干部')  # unbalanced quote
            await settle(app, pilot)
            await pilot.press("enter")  # the error is said when asked (or typing pauses)
            await pilot.pause()
            status = str(app.screen.query_one("#search-status").visual)
            assert status and "共" not in status
            await pilot.press("backspace", "backspace", "backspace", *"干部")
            await settle(app, pilot)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            main = app.screen
            assert isinstance(main, MainScreen)
            reader = main.reader
            lines = reader.match_lines
            assert len(lines) > 3
            start = reader.scroll_y
            await pilot.press("n")
            assert reader.scroll_y > start
            after_n = reader.scroll_y
            await pilot.press("N")
            assert reader.scroll_y < after_n
            await pilot.pause()
            said = [m for m in notifications(app) if "处" in m]
            assert len(said) == 1 and re.fullmatch(r"第 \d+/\d+ 处", said[0]), said
            await pilot.press("N")  # past the first: wraps round to the last
            await pilot.pause()
            said = [m for m in notifications(app) if "处" in m]
            assert len(said) == 1 and said[0].startswith("已转到最后一处")
    finally:
        backend.close()
