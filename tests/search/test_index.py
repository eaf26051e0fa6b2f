"""The index file: incremental sync, resumable builds, bad files, rebuilds."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from reader.contracts import ROOT
from reader.search import database
from reader.search import index as index_module
from reader.search.catalog import SqliteCatalog
from reader.search.database import SCHEMA_VERSION
from reader.search.engine import search
from reader.search.index import Index
from reader.store.loader import load_content, load_page_file
from reader.store.memory import MemoryCatalog
from tests.search.helpers import make_page, write_content

D = dt.date


def _content(root: Path, days: int = 6) -> dict[str, Path]:
    pages = [
        make_page(
            "甲报", D(2023, 1, 1 + d), n, [(f"标题{d}{n}", "要闻", f"第{d}天第{n}版干部队伍\n党建")]
        )
        for d in range(days)
        for n in (1, 2)
    ]
    return write_content(root, pages)


class CountingLoader:
    """The real loader, counting which files it reads."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, path: Path):
        self.read.append(str(path))
        return load_page_file(path)


def _same_as_memory(index: Index, root: Path) -> None:
    memory = MemoryCatalog(load_content(root).pages)
    sqlite = SqliteCatalog(index)
    assert sqlite.count(ROOT) == memory.count(ROOT)
    assert sqlite.summaries(ROOT, 0, 1000) == memory.summaries(ROOT, 0, 1000)


def test_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "env-cache"))
    (tmp_path / "content").mkdir()
    with Index(tmp_path / "content") as index:
        assert index.path.is_relative_to(tmp_path / "env-cache")
        assert index.meta("schema") and index.path.exists()
    with Index(tmp_path / "content", cache_dir=tmp_path / "param") as index:
        assert index.path.is_relative_to(tmp_path / "param")
    with pytest.raises(ValueError, match="inside the content"):
        Index(tmp_path / "content", cache_dir=tmp_path / "content" / "cache")
    assert not (tmp_path / "content" / "cache").exists()


def test_incremental_sync(tmp_path: Path) -> None:
    root = tmp_path / "content"
    files = list(_content(root).values())
    loader = CountingLoader()
    index = Index(root, cache_dir=tmp_path / "cache", loader=loader)
    report = index.sync()
    assert (report.added, report.updated, report.removed) == (12, 0, 0)
    assert len(loader.read) == 12
    assert search(index, "干部队伍").total == 12

    loader.read.clear()
    assert index.sync().changed == 0 and loader.read == []

    # Touch one file: only it is re-read.
    st = files[3].stat()
    os.utime(files[3], ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    report = index.sync()
    assert (report.updated, report.unchanged, len(loader.read)) == (1, 11, 1)

    # Modify one: its old words leave the index, its new words enter it.
    loader.read.clear()
    text = files[4].read_text(encoding="utf-8").replace("干部队伍", "精气神")
    files[4].write_text(text, encoding="utf-8")
    index.sync()
    assert len(loader.read) == 1
    assert search(index, "干部队伍").total == 11
    assert search(index, "精气神").total == 1

    # Delete one: gone from search and from the catalogue.
    loader.read.clear()
    files[5].unlink()
    report = index.sync()
    assert report.removed == 1 and loader.read == []
    assert search(index, "干部队伍").total == 10
    _same_as_memory(index, root)
    index.close()


def test_bad_file_is_skipped_and_reported(tmp_path: Path) -> None:
    root = tmp_path / "content"
    _content(root, days=2)
    bad = root / "甲报" / "broken.yaml"
    bad.write_text("schema: 1\npaper: [unclosed\n", encoding="utf-8")
    with Index(root, cache_dir=tmp_path / "cache") as index:
        report = index.sync()
        assert [p for p, _ in report.problems] == ["甲报/broken.yaml"]
        assert "broken.yaml" in report.problems[0][1]
        assert search(index, "党").total == 4
        assert index.problems()[0][0] == "甲报/broken.yaml"
        # Not re-read until it changes; indexed once it is fixed.
        assert index.sync().changed == 0
        bad.unlink()
        write_content(root, [make_page("乙报", D(2020, 1, 1), 1, [("修好了", None, "精气神")])])
        index.sync()
        assert search(index, "精气神").total == 1
        assert index.problems() == []


def test_cancel_and_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "BATCH_FILES", 5)
    root = tmp_path / "content"
    _content(root)
    loader = CountingLoader()
    progress: list[tuple[int, int]] = []
    with Index(root, cache_dir=tmp_path / "cache", loader=loader) as index:
        report = index.sync(
            progress=lambda d, t: progress.append((d, t)),
            should_cancel=lambda: len(loader.read) >= 5,
        )
        assert report.cancelled and len(loader.read) == 5
        assert progress == [(5, 12)]
    # A new process (a new Index) continues where the last one stopped.
    loader.read.clear()
    with Index(root, cache_dir=tmp_path / "cache", loader=loader) as index:
        assert index.rebuilt is None
        report = index.sync()
        assert not report.cancelled and len(loader.read) == 7
        assert search(index, "党").total == 12
        _same_as_memory(index, root)


def test_reindex_file(tmp_path: Path) -> None:
    root = tmp_path / "content"
    files = list(_content(root).values())
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        # Same page, same number of articles: the fast path.
        text = files[2].read_text(encoding="utf-8")
        files[2].write_text(
            text.replace("干部队伍", "精气神").replace("要闻", "评论"), encoding="utf-8"
        )
        assert index.reindex_file(files[2]) is None
        assert search(index, "精气神").total == 1
        assert search(index, "干部队伍").total == 11
        _same_as_memory(index, root)
        assert index.meta("order_dirty") == "0"
        # One more article on a page: reading order is renumbered.
        page = load_page_file(files[7])
        extra = make_page(
            "甲报", page.ref.date, page.ref.number, [("a", "要闻", "x"), ("b", "要闻", "新增文章")]
        )
        write_content(root, [extra])
        index.reindex_file(files[7])
        assert search(index, "新增文章").total == 1
        _same_as_memory(index, root)
        # A deleted file.
        files[0].unlink()
        index.reindex_file(files[0])
        _same_as_memory(index, root)
        assert index.sync().changed == 0


def test_corrupt_database_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "content"
    _content(root, days=1)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        path = index.path
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 200)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        assert index.rebuilt and "unreadable" in index.rebuilt
        assert index.sync().added == 2
        assert search(index, "党").total == 2


def test_older_schema_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "content"
    _content(root, days=1)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        index.db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with Index(root, cache_dir=tmp_path / "cache") as index:
        assert index.rebuilt == f"schema 0 is not {SCHEMA_VERSION}"
        assert index.article_count() == 0
        index.sync()
        assert index.article_count() == 2
    with Index(root, cache_dir=tmp_path / "cache") as index:
        assert index.rebuilt is None


def _indexes(index: Index) -> set[str]:
    rows = index.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def _as_before_seq_id(tmp_path: Path, days: int) -> tuple[Path, list[str]]:
    """Content and an index of it as made before articles(seq, id) and
    articles(id, seq); the paper's ids."""
    root = tmp_path / "content"
    _content(root, days=days)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        assert {"articles_seq_id", "articles_id_seq"} <= _indexes(index)
        index.db.execute("DROP INDEX articles_seq_id")
        index.db.execute("DROP INDEX articles_id_seq")
        index.db.execute("CREATE INDEX articles_seq ON articles(seq)")
        return root, SqliteCatalog(index).ids(ROOT)


def test_an_index_of_this_schema_gains_the_added_indexes_without_a_rebuild(
    tmp_path: Path,
) -> None:
    # An index made before articles(seq, id) existed: ids of a range were read
    # through articles(seq) from the table. Opened now, it is upgraded in place.
    root, paper = _as_before_seq_id(tmp_path, days=3)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        assert index.rebuilt is None and index.article_count() == 6
        assert "articles_seq_id" in _indexes(index) and "articles_seq" not in _indexes(index)
        plan = index.db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE seq BETWEEN 0 AND 5"
        ).fetchall()
        assert "COVERING INDEX articles_seq_id" in str(plan)
        assert SqliteCatalog(index).ids(ROOT) == paper
        # The read marks' seqs (SqliteCatalog._mirror) come from articles(id, seq).
        assert "articles_id_seq" in _indexes(index)
        plan = index.db.execute(
            "EXPLAIN QUERY PLAN SELECT seq FROM articles"
            " WHERE id IN (SELECT value FROM json_each('[]')) AND seq IS NOT NULL"
        ).fetchall()
        assert "COVERING INDEX articles_id_seq" in str(plan)
        catalog = SqliteCatalog(index)
        assert catalog.count_among(ROOT, set(paper[:3]) | {"nope"}) == 3


def test_an_index_that_cannot_be_written_keeps_its_old_seq_index(tmp_path: Path) -> None:
    root, _ = _as_before_seq_id(tmp_path, days=1)
    path = database.db_path(root, tmp_path / "cache")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        database.upgrade(conn)  # read-only: SQLITE_READONLY, not damage
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        names = {name for (name,) in rows}
        assert "articles_seq" in names and "articles_id_seq" not in names
    finally:
        conn.close()


def test_missing_database_is_created(tmp_path: Path) -> None:
    root = tmp_path / "content"
    _content(root, days=1)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        path = index.path
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        assert index.rebuilt == "missing"
        assert index.sync().added == 2


def test_readers_in_other_threads(tmp_path: Path) -> None:
    import threading

    root = tmp_path / "content"
    _content(root, days=2)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        totals: list[int] = []
        thread = threading.Thread(target=lambda: totals.append(search(index, "党").total))
        thread.start()
        thread.join()
        assert totals == [4]


def test_duplicate_ids_reported(tmp_path: Path) -> None:
    root = tmp_path / "content"
    write_content(root, [make_page("甲报", D(2023, 1, 1), 1, [("a", None, "一")], prefix="dup")])
    write_content(root, [make_page("甲报", D(2023, 1, 2), 1, [("b", None, "二")], prefix="dup")])
    with Index(root, cache_dir=tmp_path / "cache") as index:
        report = index.sync()
        assert len(report.problems) == 1
        assert "duplicate id 'dup-0'" in report.problems[0][1]
        assert report.problems[0][1].endswith("this article is kept as 'dup-0-2'")
        assert index.article_count() == 2  # both kept: search finds the later one too
        assert search(index, "二").total == 1


def test_damaged_pages_are_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "content"
    _content(root, days=3)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = index.path
    data = bytearray(path.read_bytes())
    # Keep the header page (so it still opens as SQLite), damage every other page.
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with Index(root, cache_dir=tmp_path / "cache") as index:
        report = index.sync()
        assert index.rebuilt is not None
        assert report.added == 6
        assert search(index, "党").total == 6


def test_search_while_syncing_and_no_connection_pile_up(tmp_path: Path) -> None:
    import threading

    root = tmp_path / "content"
    _content(root, days=2)
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
    write_content(root, [make_page("乙报", D(2020, 1, 1), 1, [("新", None, "党")])])
    started, release = threading.Event(), threading.Event()

    def slow_loader(path: Path):
        started.set()
        release.wait(10)
        return load_page_file(path)

    with Index(root, cache_dir=tmp_path / "cache", loader=slow_loader) as index:
        syncing = threading.Thread(target=index.sync)
        syncing.start()
        assert started.wait(10)
        # The sync is busy reading a file: searching still answers at once.
        totals: list[int] = []
        for _ in range(10):
            worker = threading.Thread(target=lambda: totals.append(search(index, "党").total))
            worker.start()
            worker.join()
        assert totals == [4] * 10
        release.set()
        syncing.join()
        assert search(index, "党").total == 5
        # main thread, the sync thread's and one reused by the ten workers.
        assert index.connection_count() <= 3


def test_symlinked_file_is_indexed_under_its_own_name(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    files = list(_content(outside, days=1).values())
    root = tmp_path / "content"
    root.mkdir()
    (root / "linked.yaml").symlink_to(files[0])
    with Index(root, cache_dir=tmp_path / "cache") as index:
        report = index.sync()
        assert report.added == 1 and not report.problems
        assert index.reindex_file(root / "linked.yaml") is None
        assert index.article_count() == 1


def test_parallel_sync_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(index_module, "BATCH_FILES", 4)
    root = tmp_path / "content"
    _content(root)
    (root / "bad.yaml").write_text("schema: 1\npaper: [\n", encoding="utf-8")
    with (
        Index(root, cache_dir=tmp_path / "serial", workers=0) as serial,
        Index(root, cache_dir=tmp_path / "parallel", workers=1) as parallel,
    ):
        serial_report = serial.sync()

        def not_here(self, path):
            raise AssertionError("a parallel sync prepares files in worker processes")

        monkeypatch.setattr(Index, "_prepare", not_here)
        parallel_report = parallel.sync()
        assert parallel_report.added == serial_report.added == 13
        assert [p for p, _ in parallel_report.problems] == ["bad.yaml"]
        for word in ("党", "干部队伍", "第3天"):
            assert search(parallel, word).total == search(serial, word).total
        _same_as_memory(parallel, root)
