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


async def test_results_follow_the_display_script_and_highlight_the_same_characters(
    tmp_path: Path,
) -> None:
    """F on a traditional archive: the rows (title, section, snippet) read simplified,
    the match highlighted on the same characters, the box as typed; F off: as printed."""
    from ui_fixtures import FIRST, pages_with

    root = tmp_path / "content"
    body = "總統今天發表國慶談話，強調兩岸關係與國家發展。"
    for page in pages_with(FIRST, title="總統發表國慶談話", section="時政", paragraphs=(body,)):
        write_page(page, page_path(root, page))
    backend = IndexSearch(root)
    app = ReaderApp(root, open_catalog, backend)

    def row(screen: SearchScreen) -> tuple[str, str]:
        results = screen.results
        lines = results.row_lines(0)
        match = results.get_component_rich_style("result-list--match", partial=True)
        marked = "".join(
            line.plain[span.start : span.end]
            for line in lines
            for span in line.spans
            if span.style == match
        )
        return "\n".join(line.plain for line in lines), marked

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("F")  # the first article is traditional: shown simplified
            await settle(app, pilot)
            main = app.screen
            assert isinstance(main, MainScreen) and main.settings.script == "simplified"
            await pilot.press("slash")
            await settle(app, pilot)
            await pilot.press(*"兩岸")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, SearchScreen) and screen.results.total == 1
            drawn, marked = row(screen)
            assert "总统发表国庆谈话" in drawn and "时政" in drawn
            assert "强调两岸关系与国家发展" in drawn and "總統" not in drawn
            assert marked == "两岸"
            assert "两岸" in screen.results.render_line(1).text  # drawn, not only set
            assert screen.query_one("#search-box").value == "兩岸"  # the box: as typed
            await pilot.press("escape", "F")  # back to the reader, as printed again
            await settle(app, pilot)
            assert main.settings.script == "original"
            await pilot.press("slash")
            await settle(app, pilot)
            drawn, marked = row(screen)
            assert "總統發表國慶談話" in drawn and "時政" in drawn
            assert "強調兩岸關係" in drawn and marked == "兩岸"
    finally:
        backend.close()
