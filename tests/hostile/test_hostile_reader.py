"""The reader on hostile content: nothing reaches the terminal, no markup runs, bad files named.

Runs the real app (real loader, real search index) on the directory built by
``hostile_content.py`` and inspects what would be drawn: every strip of the
sidebar, the article list, the reading pane and the search results, and the
SVG screenshot of the whole screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_content import BAD_FILES, MARKUP_TITLE, RED_TITLE, write_hostile_content
from rich.cells import cell_len
from textual.strip import Strip
from textual.widget import Widget
from textual_private import notifications

from reader.contracts import OpenedCatalog, SearchHit, SearchResults
from reader.search.engine import count, search
from reader.search.index import Index
from reader.search.opening import open_catalog
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

SIZE = (120, 40)
#: What must never be sent to the terminal: C0 (but none are allowed at all), DEL, C1,
#: bidi embeddings/overrides/isolates, and ZWJ (which makes Rich and terminals disagree).
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200d]")
#: The same in an SVG screenshot, whose own layout uses newlines.
SVG_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200d]")


class EngineSearch:
    """The app's search backend contract, over the real index (no UI shortcuts)."""

    def __init__(self, content: Path) -> None:
        self.index = Index(content)
        self.problems = [f"{p}: {m}" for p, m in self.index.sync().problems]

    def __call__(
        self, query: str, offset: int = 0, should_cancel: Callable[[], bool] | None = None
    ) -> SearchResults:
        result = search(self.index, query, limit=50, offset=offset, should_cancel=should_cancel)
        hits = [
            SearchHit(h.id, h.title, h.section, None, h.snippet, h.snippet_spans)
            for h in result.hits
        ]
        return SearchResults(result.total, hits, result.ranking)

    def prepare(self, progress=None, should_cancel=None) -> bool:
        return True  # synced in __init__

    def count(self, query: str) -> int:
        return count(self.index, query)


def strips(widget: Widget) -> list[Strip]:
    """Every line the widget would draw now (its own render, without the border)."""
    return [widget.render_line(y) for y in range(widget.scrollable_content_region.height)]


def assert_clean(lines: list[Strip], width: int | None = None) -> str:
    """No forbidden character in any segment; each strip exactly ``width`` cells."""
    for strip in lines:
        for segment in strip:
            assert not FORBIDDEN.search(segment.text), repr(segment.text)
        if width is not None:
            assert strip.cell_length == width
            # What a terminal counts (no grapheme joining) is what Rich counted.
            assert sum(cell_len(ch) for ch in strip.text) == width, repr(strip.text)
    return "\n".join(strip.text for strip in lines)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_hostile_content(tmp_path / "content")


async def started(app: ReaderApp, pilot) -> MainScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def expand_everything(tree, pilot) -> int:
    """Expand every node (children are filled as nodes open); return how many there are."""
    count = -1
    while True:
        nodes, todo = [], [tree.root]
        while todo:
            node = todo.pop()
            nodes.append(node)
            node.expand()
            todo.extend(node.children)
        await pilot.pause()
        if len(nodes) == count:
            return count
        count = len(nodes)


async def test_nothing_hostile_is_drawn_anywhere(content: Path) -> None:
    app = ReaderApp(content, open_catalog, search_backend=EngineSearch(content))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        seen_titles: set[str] = set()
        assert await expand_everything(screen.sidebar, pilot) > 8  # all drawn
        sidebar_text = assert_clean(
            strips(screen.sidebar), screen.sidebar.scrollable_content_region.width
        )
        for article_id in ("nasty-01", "nasty-02", "nasty-03", "plain-01"):
            assert screen.open_article(article_id)
            await pilot.pause()
            reader = screen.reader
            lines = [reader.render_line(y) for y in range(len(reader.lines) + 1)]
            drawn = assert_clean(lines, reader.scrollable_content_region.width)
            # Every typeset line fits the measure, as drawn.
            for line in reader.lines:
                assert cell_len(line.text) <= reader.measure_cells
            seen_titles.add(drawn)
            assert_clean(strips(screen.articles), screen.articles.scrollable_content_region.width)
            svg = app.export_screenshot()
            assert not SVG_FORBIDDEN.search(svg)
            assert "pwned" in svg or article_id == "plain-01"
        # Control characters are shown, not dropped: the user sees something was there.
        assert "␛]2;pwned␇" in "".join(seen_titles)
        assert "栏目" in sidebar_text


async def test_markup_in_titles_is_shown_literally_and_never_runs(content: Path) -> None:
    app = ReaderApp(content, open_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.open_article("nasty-01")
        await pilot.pause()
        listed = assert_clean(strips(screen.articles))
        assert MARKUP_TITLE in listed
        drawn = assert_clean([screen.reader.render_line(y) for y in range(8)])
        assert MARKUP_TITLE in drawn and "[link=https://evil.example]" in app.export_screenshot()
        # Click the title everywhere it is drawn: in the list, the reader, the border title.
        area = screen.articles.scrollable_content_region  # screen coordinates
        row = next(y for y, s in enumerate(strips(screen.articles)) if MARKUP_TITLE in s.text)
        for x in range(2, 30, 2):
            await pilot.click(offset=(area.x + x, area.y + row))
        pane = screen.reader.scrollable_content_region
        title_y = next(y for y in range(8) if MARKUP_TITLE in screen.reader.render_line(y).text)
        start = screen.reader.render_line(title_y).text.index("[")
        for x in range(start, start + 20, 2):
            await pilot.click(offset=(pane.x + x, pane.y + title_y))
        for x in range(2, 40, 3):
            await pilot.click(offset=(area.x + x, area.y - 1))  # the border title row
        await pilot.pause()
        assert app.return_code is None and app.is_running
        # The border title holds the section name literally (markup escaped).
        assert "[link=https://evil.example]" in app.export_screenshot()
        assert screen.open_article("nasty-02")
        await pilot.pause()
        assert RED_TITLE in assert_clean(strips(screen.articles))
        assert RED_TITLE in assert_clean([screen.reader.render_line(y) for y in range(8)])


async def test_search_results_are_clean(content: Path) -> None:
    app = ReaderApp(content, open_catalog, search_backend=EngineSearch(content))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        for query in ("标题", "红色", "第一段", "反转"):
            search_box = app.screen.query_one("Input")
            search_box.value = query
            await app.workers.wait_for_complete()
            await pilot.pause()
            results = app.screen.query_one("#search-results")
            assert results.total >= 1, query
            text = assert_clean(strips(results))
            assert not SVG_FORBIDDEN.search(app.export_screenshot())
            # What was hidden is shown as a picture: the escape next to each match,
            # the bidi overrides around 反转 as U+FFFD.
            assert ("\ufffd" if query == "反转" else "␛") in text, (query, text)


async def test_skipped_files_are_named_in_a_notice_and_a_screen(content: Path) -> None:
    app = ReaderApp(content, open_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        messages = " ".join(notifications(app))
        # What was skipped: files; the duplicate id's article is shown under a new id.
        assert f"{len(BAD_FILES) - 1} 个文件未能读取，1 篇文章编号重复" in messages
        palette = [command.title for command in app.get_system_commands(app.screen)]
        # Declared once, in reader.ui.keys (its title may carry a Chinese name too).
        assert any("Skipped files" in title for title in palette), palette
        await pilot.press("exclamation_mark")
        await pilot.pause()
        body = app.screen.query_one("#problems-body")
        text = assert_clean([line for child in body.children for line in strips(child)])
        for name in BAD_FILES:
            assert re.sub(FORBIDDEN, "", name) in text.replace("␛", "") or "\x1b" in name
        assert "bad-␛[2Jname.yaml:2:" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


_HOLD_LOCK = r"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT OR REPLACE INTO meta VALUES ('held', 'by another reader')")
print("locked", flush=True)
sys.stdin.readline()
"""


async def test_search_while_another_reader_holds_the_index_says_so(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    # The reader and its search each meet the lock once: SQLite's busy wait, short.
    monkeypatch.setattr("reader.search.database.BUSY_TIMEOUT_SECONDS", 0.1)

    from reader.search.database import db_path
    from reader.ui.search_backend import IndexSearch

    first = IndexSearch(content)
    assert first.prepare()
    first.close()
    (content / "later.yaml").write_text(
        "schema: 1\npaper: 好报\ndate: 2024-05-09\npage: {number: 1, name: null}\n"
        "articles:\n  - {id: later-1, title: 后来的文章, paragraphs: [正文。]}\n",
        encoding="utf-8",
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(db_path(content))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    app = ReaderApp(content, open_catalog, search_backend=IndexSearch(content))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await started(app, pilot)
            await pilot.press("slash")
            await app.workers.wait_for_complete()
            await pilot.pause()
            status = str(app.screen.query_one("#search-status").visual)
            assert "另一个 zhpaper" in status, status
            assert app.return_code is None and app.is_running
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=30)
            app.screen.query_one("Input").value = "后来的文章"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.query_one("#search-results").total == 1
    finally:
        holder.kill()
        holder.wait()


async def test_skipped_file_names_that_are_not_utf8_are_drawn_safely(tmp_path: Path) -> None:
    from reader.store.memory import MemoryCatalog

    problems = ("/x/bad-\udcfe\udc9b.yaml:2: YAML syntax: did not find expected node content",)
    app = ReaderApp(tmp_path, lambda _dir: OpenedCatalog(MemoryCatalog([]), problems))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        body = app.screen.query_one("#problems-body")
        text = assert_clean([line for child in body.children for line in strips(child)])
        assert "bad-\ufffd\ufffd.yaml:2:" in text
        assert not re.search("[\ud800-\udfff]", app.export_screenshot())


async def test_bookmarks_screen_shows_hostile_titles_literally(content: Path) -> None:
    app = ReaderApp(content, open_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        for article_id in ("nasty-01", "nasty-03"):
            assert screen.open_article(article_id)
            await pilot.pause()
            await pilot.press("s")  # bookmark it
        await pilot.press("B")
        await app.workers.wait_for_complete()  # the list is looked up in a worker
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        text = assert_clean(strips(options))
        assert MARKUP_TITLE in text and "标题␛]2;pwned␇" in text
        assert not SVG_FORBIDDEN.search(app.export_screenshot())
        await pilot.press("enter")  # opening a bookmark works as usual
        await pilot.pause()
        assert app.return_code is None and isinstance(app.screen, MainScreen)
