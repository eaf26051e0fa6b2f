"""The cache on a full disk: the reader reads the files and says why search is unavailable.

The disk fills for real as far as SQLite can tell: every index connection gets
a small ``max_page_count``, so writes past it fail with SQLITE_FULL, as they do
on a full file system (the same message, the same code).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_damaged_index import noted, settled
from test_hostile_index import write_paper

from reader.contracts import ROOT
from reader.search import database
from reader.search.opening import open_catalog
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.search_backend import IndexSearch


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    connect = database.connect

    def small(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute("PRAGMA max_page_count = 40")
        return conn

    monkeypatch.setattr(database, "connect", small)


async def test_reader_on_a_full_disk_shows_the_files_and_says_search_is_unavailable(
    tmp_path: Path, full_disk: None
) -> None:
    content = write_paper(tmp_path / "paper", 60)
    search = IndexSearch(content)
    app = ReaderApp(
        content,
        lambda path: open_catalog(
            path, background=True, on_index=search.adopt, on_fallback=search.unavailable
        ),
        search,
    )
    notes = noted(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and not screen.has_class("-building")
        assert screen.catalog is not None and screen.catalog.count(ROOT) == 240
        assert any("磁盘已满" in note and "搜索不可用" in note for note in notes), notes
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#search-status").visual)
        assert "磁盘已满" in status, status
        assert app.return_code is None
    search.close()
