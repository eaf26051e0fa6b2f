"""The search screen's results: set by the CJK rules, the reader's punctuation, highlighted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from ui_fixtures import catalog as fixture_catalog

from reader.contracts import OpenedCatalog, SearchHit, SearchResults
from reader.ui.app import ReaderApp
from reader.ui.screens.search import SearchScreen

#: Half-width commas between Han characters (as the seed's extraction left them).
SNIPPET = "…近年来,武川县坚持新时代好干部标准,把政治标准放在首位,在选干部、配班子、抓监督的全过程中,树立“重实干、重实绩”的鲜明导向,共提拔重用干部523人,有效激发了干部干事创业的精气神…"
PROHIBITED_STARTS = set("，。、：；！？）》”,.:;!?")


class FakeSearch:
    """A search backend with a fixed page: the match is every 干部 of the snippet."""

    def prepare(self, progress=None, should_cancel=None) -> bool:
        return True

    def count(self, query: str) -> int:
        return 12345

    def __call__(self, query: str, offset: int = 0, should_cancel=None) -> SearchResults:
        """The fixed page again and again (pages of seven), up to 12,345 hits."""
        page = fixed_page()
        hits = [replace(hit, id=f"{hit.id}-{offset}") for hit in page.hits][: 12345 - offset]
        return SearchResults(page.total, hits, page.ranking)


def fixed_page() -> SearchResults:
    """Six hits on the snippet, and a title-only hit last."""
    spans = []
    start = SNIPPET.find("干部")
    while start >= 0:
        spans.append((start, start + 2))
        start = SNIPPET.find("干部", start + 1)
    hits = [
        SearchHit(
            f"a{n}",
            f"多举措提振干部干事创业精气神(第{n}篇)",
            "时政",
            "2024-03-02",
            SNIPPET,
            tuple(spans),
        )
        for n in range(6)
    ]
    hits.append(SearchHit("t", "干部标题", "党建", "2024-03-01", "干部标题", ((0, 2),)))
    return SearchResults(12345, hits, "按相关度")


def make_app(tmp_path: Path) -> ReaderApp:
    opened = OpenedCatalog(fixture_catalog(), ())
    return ReaderApp(tmp_path / "content", lambda _dir: opened, FakeSearch())


async def search(app: ReaderApp, pilot, query: str) -> SearchScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("slash", *query)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(50):  # the rows on screen ask for their pages after drawing
        await pilot.pause()
        await app.workers.wait_for_complete()
        if not screen.results.waiting:
            break
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(120, 40), (60, 20)])
async def test_snippets_follow_the_cjk_rules_and_fit(tmp_path: Path, size) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await search(app, pilot, "干部")
        status = str(screen.query_one("#search-status").visual)
        assert "共 12,345 篇" in status and "按相关度" in status
        results = screen.results
        width = results.scrollable_content_region.width
        rows = [results.row_lines(i) for i in range(7)]
        lines = [line for row in rows for line in row if line.plain]
        assert len(rows) == 7 and len(lines) > 7
        # Every result is as tall as every other: the list is virtual.
        assert {len(row) for row in rows} == {results.ROW_HEIGHT}
        for line in lines:
            assert cell_len(line.plain) <= width, line.plain
            assert line.plain[:1] not in PROHIBITED_STARTS, line.plain
        body = "".join(line.plain for line in lines)
        # The reader's display transform: half-width commas in Chinese shown full-width.
        assert "," not in body and "武川县坚持新时代" in body
        # Every 干部 on screen is drawn in the match style.
        match_style = results.get_component_rich_style("result-list--match", partial=True)
        for line in lines:
            for start in (i for i in range(len(line.plain)) if line.plain.startswith("干部", i)):
                styles = [span.style for span in line.spans if span.start <= start < span.end]
                assert match_style in styles, line.plain
        # Drawn as set: Rich wraps none of the rows again (one screen row per line).
        shown = {
            strip.text.strip()
            for strip in (results.render_line(y) for y in range(results.size.height))
        }
        assert {line.plain.strip() for line in lines[:4]} <= shown
        # A hit whose snippet is its title shows it once, the title highlighted.
        last = [line.plain for line in rows[-1] if line.plain]
        assert len(last) == 1 and last[0].startswith("干部标题")
        assert "2024-03-01 · 党建" in last[0]


async def test_snippets_keep_half_width_when_the_setting_is_off(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")  # full-width punctuation off
        screen = await search(app, pilot, "干部")
        body = "".join(line.plain for line in screen.results.row_lines(0))
        assert "近年来,武川县" in body and "(第0篇)" in body


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=["wide", "narrow"])
def test_search_snapshot(snap_compare, tmp_path: Path, size) -> None:
    async def run_before(pilot) -> None:
        await search(pilot.app, pilot, "干部")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)
