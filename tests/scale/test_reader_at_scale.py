"""The reader over a generated archive through the SQLite catalogue (issue 6).

First screen from the index, the calendar tree filled lazily, the list scrolled
to its end, an article opened; no YAML read when the index is current; the
benchmark's ready hook; build progress shown, and a build interrupted by
quitting resumed next time.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

import reader.search.index as index_module
import reader.store.loader as loader_module
from reader.contracts import ROOT, Level
from reader.search.catalog import SqliteCatalog
from reader.search.index import Index
from reader.search.opening import open_catalog
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

SIZE = (120, 40)
ARTICLES = 3000  # as made by conftest.built


def text_of(widget) -> str:
    """Every line the widget draws now."""
    lines = [widget.render_line(y) for y in range(widget.scrollable_content_region.height)]
    return "\n".join(strip.text for strip in lines)


async def settle(app: ReaderApp, pilot) -> None:
    """Let workers (loading, the background sync) and the messages they post finish."""
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def started(app: ReaderApp, pilot) -> MainScreen:
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    assert screen.catalog is not None
    return screen


@pytest.fixture
def yaml_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every content file parsed in this process (all of them: no worker processes)."""
    loads: list[Path] = []
    real = loader_module.load_page_file

    def counting(path: Path):
        loads.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader_module, "load_page_file", counting)
    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 10**9)
    return loads


async def test_first_screen_tree_list_and_article_from_the_index(archive: Path, reader_app) -> None:
    app = reader_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        catalog = screen.catalog
        assert isinstance(catalog, SqliteCatalog)
        assert catalog.count(ROOT) == ARTICLES
        # First screen: the first section of the newest edition, its rows drawn.
        first = screen.articles.summary(0)
        assert first is not None and screen.articles.total > 0
        assert first.title[:6] in text_of(screen.articles)
        assert screen.focused is screen.articles

        # The tree is a calendar, filled only where it was opened.
        sidebar = screen.sidebar
        papers = list(sidebar.root.children)
        assert len(papers) == 3
        opened = [p for p in papers if p.is_expanded]
        closed = [p for p in papers if not p.is_expanded]
        assert len(opened) == 1 and closed and all(not p.children for p in closed)
        years = opened[0].children
        assert years and all(y.data.level is Level.YEAR for y in years)
        assert sum(1 for y in years if y.children) == 1  # only the newest year was filled
        other = closed[0]
        other.expand()
        await pilot.pause()
        assert other.children and other.children[0].data.level is Level.YEAR
        year = other.children[0]
        assert not year.children
        year.expand()
        await pilot.pause()
        month = year.children[0]
        assert month.data.level is Level.MONTH and not month.children
        month.expand()
        await pilot.pause()
        day = month.children[0]
        assert day.data.level is Level.DATE
        assert day.data.count == sum(c.count for c in catalog.children(day.data.scope, Level.PAGE))

        # A long list (a whole paper) scrolls to its end.
        screen._show_scope(opened[0].data)
        total = screen.articles.total
        assert total == opened[0].data.count > 100
        await pilot.press("G")
        await pilot.pause()
        assert screen.articles.cursor == total - 1
        last = catalog.summaries(opened[0].data.scope, total - 1, 1)[0]
        assert screen.articles.highlighted == last
        assert last.title[:6] in text_of(screen.articles)

        # Opening it shows the whole article from the index.
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused is screen.reader
        article = screen.reader.article
        assert article is not None and article.id == last.id
        assert article.paragraphs == catalog.article(last.id).paragraphs


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, bool]]:
    """(changed, first) of every finished sync, in order (as the main screen is told)."""
    seen: list[tuple[bool, bool]] = []
    real = MainScreen.on_main_screen_sync_ended

    def spy(self: MainScreen, message: MainScreen.SyncEnded) -> None:
        if message.outcome is not None:
            seen.append((message.outcome.changed, message.first))
        real(self, message)

    monkeypatch.setattr(MainScreen, "on_main_screen_sync_ended", spy)
    return seen


async def wait_synced(app: ReaderApp, pilot, synced: list, count: int) -> None:
    for _ in range(100):
        if len(synced) >= count:
            break
        await settle(app, pilot)
    await settle(app, pilot)
    assert len(synced) == count


async def test_start_up_reads_no_yaml_when_the_index_is_current(
    archive: Path, reader_app, yaml_loads: list[Path], synced: list
) -> None:
    app = reader_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.articles.total > 0
        # The background sync ran (after the first rows were drawn) and found nothing.
        await wait_synced(app, pilot, synced, 1)
        assert synced == [(False, False)]
        assert yaml_loads == []
    # The control: change one file; the next start-up's background sync reads it
    # (and only it) and the tree and list are redrawn with the new title.
    first_file = sorted(archive.rglob("page-*.yaml"))[0]
    text = first_file.read_text(encoding="utf-8")
    first_file.write_text(text.replace("title: ", "title: 改过的", 1), encoding="utf-8")
    app = reader_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await wait_synced(app, pilot, synced, 2)
        assert synced[1] == (True, False)
        assert yaml_loads == [first_file]
        assert screen.catalog is not None
        with Index(archive) as index:
            (changed_id,) = index.db.execute(
                "SELECT id FROM articles WHERE title LIKE '改过的%'"
            ).fetchone()
        assert screen.open_article(changed_id)
        await pilot.pause()
        assert screen.articles.highlighted.title.startswith("改过的")
        assert "改过的" in text_of(screen.articles)


async def test_the_ready_hook_writes_its_file_and_exits(
    archive: Path, reader_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = tmp_path / "ready.json"
    monkeypatch.setenv("ZHPAPER_BENCH_READY_FILE", str(ready))
    app = reader_app(archive)
    async with app.run_test(size=SIZE) as pilot:
        # Poll, never wait on workers: the hook exits the app, which cancels them.
        for _ in range(600):
            if ready.exists() or not app.is_running:
                break
            await pilot.pause(0.05)
    data = json.loads(ready.read_text())
    assert set(data) == {"ready_at", "max_rss_mb"}
    assert data["max_rss_mb"] > 10 and data["ready_at"] > 1.7e9
    assert not app.is_running


class Gate:
    """Holds a sync after its first batch until the test lets it go on."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.go = threading.Event()
        self.seen: list[tuple[int, int]] = []

    def opener(self, content: Path, *, on_index):
        opened = open_catalog(content, background=True, on_index=on_index)
        real = opened.sync
        assert real is not None

        def sync(progress, should_cancel):
            def held(done: int, total: int) -> None:
                progress(done, total)
                self.seen.append((done, total))
                if len(self.seen) == 1:
                    self.reached.set()
                    self.go.wait(timeout=60)

            return real(held, should_cancel)

        return replace(opened, sync=sync)


async def wait_for(event: threading.Event, pilot) -> None:
    for _ in range(600):
        if event.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("the sync never reported progress")


def make_gated_app(content: Path, gate: Gate) -> ReaderApp:
    from reader.ui.search_backend import IndexSearch

    search = IndexSearch(content)
    return ReaderApp(content, partial(gate.opener, on_index=search.adopt), search)


async def test_progress_is_shown_while_the_index_is_built(
    archive: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "empty-cache"))
    gate = Gate()
    app = make_gated_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(gate.reached, pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.has_class("-building")
        done, total = gate.seen[0]
        status = str(screen.query_one("#build-status", Static).visual)
        assert f"{done:,}/{total:,}" in status and "正在建立索引" in status
        bar = screen.query_one("#build-bar", ProgressBar)
        assert bar.total == total and bar.progress == done and 0 < done < total
        assert screen.catalog is None and "载入中" in text_of(screen.articles)
        gate.go.set()
        await settle(app, pilot)
        assert not screen.has_class("-building")
        assert screen.catalog is not None and screen.catalog.count(ROOT) == ARTICLES
        assert screen.articles.total > 0 and screen.articles.summary(0) is not None


async def test_a_build_interrupted_by_quitting_resumes(
    archive: Path, tmp_path: Path, monkeypatch, yaml_loads: list[Path]
) -> None:
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "empty-cache"))
    files = len(list(archive.rglob("page-*.yaml")))
    gate = Gate()
    app = make_gated_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(gate.reached, pilot)
        await pilot.press("q")  # quit works while building …
        gate.go.set()
    assert not app.is_running
    first_run = len(yaml_loads)
    assert 0 < first_run < files  # … and stops the build after the batch it was in
    yaml_loads.clear()
    gate = Gate()
    gate.go.set()
    app = make_gated_app(archive, gate)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.catalog is not None and screen.catalog.count(ROOT) == ARTICLES
        assert gate.seen  # progress was shown again while resuming
    # The second run read only what the first had not indexed.
    assert len(yaml_loads) == files - first_run


async def test_search_answers_from_the_index_while_the_sync_still_runs(
    archive: Path, tmp_path: Path, monkeypatch
) -> None:
    """Search shares the reader's index: it never waits for (or races) the sync."""
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "empty-cache"))
    gate = Gate()
    app = make_gated_app(archive, gate)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(gate.reached, pilot)  # one batch indexed, the sync held
            with Index(archive) as index:
                indexed = index.article_count()
                (title,) = index.db.execute("SELECT title FROM articles LIMIT 1").fetchone()
            assert 0 < indexed < ARTICLES
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one("Input").value = title
            for _ in range(100):
                await pilot.pause(0.05)
                status = str(app.screen.query_one("#search-status", Static).visual)
                if "共" in status:
                    break
            results = app.screen.query_one("#search-results")
            assert results.total > 0, status
            total = int(status.split("共 ")[1].split(" 篇")[0])
            assert 0 < total <= indexed  # what was indexed so far, at once
            assert gate.seen == gate.seen[:1]  # the sync is still held
            gate.go.set()
            await settle(app, pilot)
    finally:
        gate.go.set()
