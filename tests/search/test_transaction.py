"""A failed write is rolled back, not rebuilt (issue 11, point 5).

An exception inside an index write used to leave the SQLite connection inside
its transaction: the next sync's BEGIN failed, was taken for damage, and the
whole index was rebuilt (21 minutes at a million articles). Every write now
goes through one helper, ``reader.store.durable.transaction``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.search.engine import count
from reader.search.index import Index
from reader.search.rows import RowWriter
from reader.state.store import ReadingState, StateError
from reader.store.durable import transaction
from tests.search.helpers import make_page, write_content

D = dt.date


def _content(root: Path) -> dict[str, Path]:
    pages = [
        make_page("甲报", D(2023, 1, 1 + day), 1, [(f"标题{day}", "要闻", f"第{day}天正文")])
        for day in range(6)
    ]
    return write_content(root, pages)


@pytest.fixture
def synced(tmp_path: Path) -> Iterator[tuple[Index, list[Path]]]:
    """An index of six one-article pages, synced, and the page files."""
    root = tmp_path / "content"
    files = list(_content(root).values())
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        yield index, files


def _touch(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("正文", text), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)


def test_a_failure_mid_write_rolls_back_and_the_next_sync_is_incremental(
    synced: tuple[Index, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, files = synced
    file_ids = dict(index.db.execute("SELECT path, file_id FROM files"))
    for path in files[:3]:
        _touch(path, "改过的正文")
    real = RowWriter.store_prepared
    calls = []

    def fail_on_the_second_file(self: RowWriter, file_id: int, rows: list) -> list[str]:
        calls.append(file_id)
        if len(calls) == 2:
            raise RuntimeError("injected failure in the middle of a write")
        return real(self, file_id, rows)

    monkeypatch.setattr(RowWriter, "store_prepared", fail_on_the_second_file)
    with pytest.raises(RuntimeError, match="injected"):
        index.sync()
    assert not index.db.in_transaction  # rolled back, not left open
    # The first file's change was rolled back with the rest of its batch.
    assert count(index, "改过的正文") == 0 and count(index, "正文") == 6
    monkeypatch.setattr(RowWriter, "store_prepared", real)

    report = index.sync()
    assert (report.updated, report.unchanged, report.added) == (3, 3, 0)  # incremental
    assert index.rebuilt is None or "damaged" not in index.rebuilt
    assert dict(index.db.execute("SELECT path, file_id FROM files")) == file_ids
    assert count(index, "改过的正文") == 3


def test_reindex_file_failure_leaves_no_transaction(
    synced: tuple[Index, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, files = synced
    _touch(files[0], "又改了")

    def boom(self: RowWriter, file_id: int, rows: list) -> list[str]:
        raise RuntimeError("injected")

    monkeypatch.setattr(RowWriter, "store_prepared", boom)
    with pytest.raises(RuntimeError):
        index.reindex_file(files[0])
    assert not index.db.in_transaction
    monkeypatch.undo()
    assert index.reindex_file(files[0]) is None
    assert count(index, "又改了") == 1


def test_the_helper_commits_or_rolls_back_and_nothing_else(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    db.execute("CREATE TABLE t(x)")
    with transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(KeyError), transaction(db):
        db.execute("INSERT INTO t VALUES (2)")
        raise KeyError("boom")
    assert not db.in_transaction
    assert [r[0] for r in db.execute("SELECT x FROM t")] == [1]
    db.close()


def test_state_writes_use_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    state = ReadingState(tmp_path / "content")
    state.set_read("a")
    with pytest.raises(StateError), state._write() as db:
        db.execute("INSERT INTO read_mark VALUES (?, 'b', 0)", (state.content,))
        raise sqlite3.OperationalError("disk I/O error (injected)")
    assert not state._db.in_transaction
    state.set_read("c")
    assert state.read_ids() >= {"a", "c"} and "b" not in state.read_ids()
