"""A damaged index (random bytes over one page of a table) is moved aside and rebuilt.

Reproduces the user's attack: build the index, checkpoint it, find the pages of
the ``articles`` table with ``dbstat`` and overwrite one; then run the reader,
``zhpaper search`` and the catalogue as a user would.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
from pathlib import Path

import pytest
from test_hostile_index import child, write_paper
from textual.pilot import Pilot

from reader.__main__ import main
from reader.contracts import ROOT
from reader.search.catalog import SqliteCatalog
from reader.search.database import db_path
from reader.search.engine import search
from reader.search.index import Index, damage_error
from reader.search.opening import open_catalog
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.search_backend import IndexSearch


def damage(path: Path, table: str = "articles", which: str = "root") -> int:
    """Overwrite one page of ``table`` (its root, or a leaf) with random bytes; its number."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = db.execute(
            "SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY pageno", (table,)
        ).fetchall()
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    leaves = [number for number, kind in pages if kind == "leaf"]
    number = pages[0][0] if which == "root" else leaves[len(leaves) // 2]
    with open(path, "r+b") as handle:
        handle.seek((number - 1) * page_size)
        handle.write(random.Random(number).randbytes(page_size))
    return number


def noted(app: ReaderApp) -> list[str]:
    """Every notice the app gives, as text (the list fills as the app runs)."""
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
    return notes


async def settled(app: ReaderApp, pilot: Pilot) -> None:
    """Until the app's workers are done, and those they started (a rebuild after damage)."""
    for _ in range(5):
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)


def indexed_paper(tmp_path: Path, pages: int = 40) -> Path:
    content = write_paper(tmp_path / "paper", pages)
    with Index(content) as index:
        index.sync()
    return content


def test_damage_words() -> None:
    assert damage_error(sqlite3.DatabaseError("database disk image is malformed"))
    assert damage_error(sqlite3.DatabaseError("file is not a database"))
    assert not damage_error(sqlite3.OperationalError("no such column: x"))
    assert not damage_error(OSError("malformed"))


def test_cli_search_rebuilds_a_damaged_index_with_a_note(tmp_path: Path, capsys) -> None:
    content = indexed_paper(tmp_path)
    path = db_path(content)
    damage(path)
    assert main(["search", "干部", "--json", "--content", str(content)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["total"] == 160
    assert "the search index was damaged" in err and "moved aside" in err
    assert Path(f"{path}.damaged").exists()
    # Rebuilt for good: the next run says nothing.
    assert main(["search", "干部", "--content", str(content)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("which", ["root", "leaf"])
def test_catalogue_questions_on_a_damaged_index_report_and_the_next_sync_rebuilds(
    tmp_path: Path, which: str
) -> None:
    content = indexed_paper(tmp_path)
    damage(db_path(content), which=which)
    told: list[str] = []
    with Index(content) as index:
        index.on_damage = told.append
        catalog = SqliteCatalog(index)
        # Every question reaches the damaged table sooner or later: none raises.
        answers = [catalog.summaries(ROOT, 0, 200), catalog.article("p0-0")]
        answers += [catalog.article(f"p{n}-{k}") for n in range(40) for k in range(4)]
        assert told and index.damaged is not None
        assert len(told) == 1  # said once
        index.sync()
        assert index.moved_aside is not None and index.damaged is None
        assert catalog.count(ROOT) == 160
        assert search(index, "干部").total == 160


def test_search_in_the_reader_on_a_damaged_index_says_so_then_works(tmp_path: Path) -> None:
    content = indexed_paper(tmp_path)
    damage(db_path(content))
    backend = IndexSearch(content)
    try:
        with pytest.raises(ValueError, match="损坏"):
            backend("干部")
        assert len(backend("干部").hits) == 50 and backend.count("干部") == 160
    finally:
        backend.close()


async def test_reader_starts_on_a_damaged_index_rebuilds_it_and_shows_the_articles(
    tmp_path: Path,
) -> None:
    content = indexed_paper(tmp_path, pages=400)
    damage(db_path(content))
    app = ReaderApp(content, lambda path: open_catalog(path, background=True))
    notes = noted(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.has_class("-building")
        assert screen.catalog is not None and screen.catalog.count(ROOT) == 1600
        assert any("损坏" in note for note in notes), notes
        assert app.return_code is None


_OPEN_AND_WAIT = """
import sys
from reader.search.index import Index
index = Index(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
"""


def test_after_an_unclean_shutdown_a_quick_check_finds_damage_no_query_met(
    tmp_path: Path,
) -> None:
    content = indexed_paper(tmp_path)
    with Index(content) as index:
        assert index.rebuilt is None  # a clean close: no check, nothing rebuilt
    reader = child(_OPEN_AND_WAIT, str(content), ready="open")
    reader.send_signal(signal.SIGKILL)
    reader.wait()
    # A leaf that no question at start would read.
    damage(db_path(content), which="leaf")
    with Index(content) as index:
        assert index.rebuilt is not None and index.rebuilt.startswith(("damaged", "unreadable"))
        assert index.moved_aside is not None
        index.sync()
        assert search(index, "干部").total == 160
