"""`zhpaper --content DIR` as a user starts it: a real process in a pseudo-terminal.

With an empty cache it builds the index (in worker processes, which failed inside
Textual before: its captured stderr has no file descriptor), then shows the paper;
the benchmark hook reports when the list has drawn its rows.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

from reader.search.index import Index


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_until_ready(content: Path, cache: Path, state: Path, ready: Path) -> int:
    """Run the reader in a 120×40 pty until the ready hook makes it exit."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {
        **os.environ,
        "ZHPAPER_BENCH_READY_FILE": str(ready),
        "ZHPAPER_CACHE_DIR": str(cache),
        "ZHPAPER_STATE_DIR": str(state),
        "TERM": "xterm-256color",
    }
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--content", str(content)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
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
