"""One-page re-indexes commit without FTS5 merge work; the next sync merges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.search import merging
from reader.search.engine import search
from reader.search.index import Index
from tests.search.helpers import make_page, write_content

D = dt.date


def _segments(index: Index) -> int:
    """Segments of the bi table, from FTS5's integrity data (fts5vocab cannot say)."""
    db = index.db
    # FTS5 stores each segment's leaves under rowids with the segment id in bits 37+.
    rows = db.execute("SELECT DISTINCT id >> 37 FROM bi_data WHERE id >= (1 << 37)").fetchall()
    return len(rows)


def test_reindex_pauses_merging_and_sync_catches_up(tmp_path: Path) -> None:
    root = tmp_path / "content"
    pages = [
        make_page("甲报", D(2023, 1, 1 + d), 1, [(f"标题{d}", "要闻", f"第{d}天干部队伍")])
        for d in range(8)
    ]
    files = list(write_content(root, pages).values())
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        assert merging.automerge(index.db) == merging.AUTOMERGE
        before = _segments(index)
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("干部队伍", f"精气神{n}"), encoding="utf-8")
            assert index.reindex_file(path) is None
        # Merging paused: every re-index left its own small segment(s).
        assert merging.automerge(index.db) == 0
        assert _segments(index) >= before + len(files)
        assert search(index, "精气神").total == len(files)
        assert search(index, "干部队伍").total == 0
        paused = _segments(index)
        assert index.sync().changed == 0
        assert merging.automerge(index.db) == merging.AUTOMERGE
        assert _segments(index) < paused  # the sync merged them
        assert search(index, "精气神").total == len(files)
        assert search(index, "干部队伍").total == 0
        assert not merging.catch_up(index.db)  # nothing left to do
