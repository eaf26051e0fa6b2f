"""`zhpaper --content DIR` as a user starts it: a real process in a pseudo-terminal.

With an empty cache it builds the index (in worker processes, which failed inside
Textual before: its captured stderr has no file descriptor), then shows the paper;
the benchmark hook reports when the list has drawn its rows.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from reader.search.index import Index

# The benchmarks' pty driver: the same start as bench/keys.py and bench/run.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from terminal import drain_in_background, start_reader  # noqa: E402


def run_until_ready(content: Path, cache: Path, state: Path, ready: Path) -> int:
    """Run the reader in a 120×40 pty until the ready hook makes it exit."""
    env = {
        **os.environ,
        "ZHPAPER_BENCH_READY_FILE": str(ready),
        "ZHPAPER_CACHE_DIR": str(cache),
        "ZHPAPER_STATE_DIR": str(state),
    }
    proc, master = start_reader(content, env)
    drain_in_background(master)
    try:
        return proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def test_first_start_builds_the_index_then_reports_ready(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "new-cache"
    ready = tmp_path / "ready.json"
    code = run_until_ready(archive, cache, tmp_path / "state", ready)
    assert code == 0
    data = json.loads(ready.read_text())
    assert data["max_rss_mb"] > 10
    with Index(archive, cache_dir=cache) as index:
        assert index.article_count() == 3000
        assert index.meta("order_dirty") == "0"
        assert index.problems() == []
