"""The search index under stress: another live reader's lock, two processes, damage, read-only content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from together import run_together

from reader.cli import main
from reader.cli import search as search_command
from reader.model import Article, Page, PageRef
from reader.search.database import db_path
from reader.search.engine import search
from reader.search.index import PARALLEL_MIN_FILES, Index
from reader.search.query import parse_query
from reader.store.writer import page_path, write_page

_HOLD_LOCK = r"""
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode=EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT OR REPLACE INTO meta VALUES ('held', 'by another reader')")
print("locked", flush=True)
sys.stdin.readline()  # hold until told
db.execute("ROLLBACK")
"""


def write_paper(root: Path, pages: int, per_page: int = 4, start: int = 0) -> Path:
    """``pages`` small pages, each article mentioning 干部 (so every one matches)."""
    import datetime as dt

    for n in range(start, start + pages):
        ref = PageRef("测试报", dt.date(2024, 1, 1) + dt.timedelta(days=n // 8), n % 8 + 1, None)
        articles = tuple(
            Article(
                id=f"p{n:04d}-{k}",
                title=f"第{n}版第{k}篇",
                paragraphs=(f"干部第{n}版第{k}篇正文，提振精气神。" * 3,),
                page=ref,
            )
            for k in range(per_page)
        )
        write_page(Page(ref, articles), page_path(root, Page(ref, articles)))
    return root


def child(code: str, *args: str, ready: str) -> subprocess.Popen[str]:
    """A Python child running ``code``, once it has printed ``ready`` (it then waits on stdin)."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == ready
    return process


def hold_lock(path: Path) -> subprocess.Popen[str]:
    return child(_HOLD_LOCK, str(path), ready="locked")


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=30)


def test_index_locked_by_another_reader_is_waited_for_then_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_paper(tmp_path / "paper", 3)
    assert main(["search", "干部", "--content", str(content)]) == 0
    capsys.readouterr()
    path = db_path(content)
    inode = path.stat().st_ino
    holder = hold_lock(path)
    # Release the lock while the CLI is waiting on it (SQLite's own 5 s busy wait,
    # then our loop): a thread lets the holder go after the wait began.
    import threading

    timer = threading.Timer(1.0, release, args=(holder,))
    timer.start()
    try:
        (content / "later.yaml").write_text(
            "schema: 1\npaper: 测试报\ndate: 2024-02-01\npage: {number: 1, name: null}\n"
            "articles:\n  - id: later-1\n    title: 后来的干部\n    paragraphs: [干部。]\n",
            encoding="utf-8",
        )
        assert main(["search", "后来的干部", "--content", str(content)]) == 0
    finally:
        timer.join()
    out, _err = capsys.readouterr()
    assert "后来的干部" in out
    assert path.stat().st_ino == inode  # used, never deleted as "unreadable"


def test_index_locked_too_long_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_paper(tmp_path / "paper", 2)
    assert main(["search", "干部", "--content", str(content)]) == 0
    capsys.readouterr()
    path = db_path(content)
    inode = path.stat().st_ino
    (content / "new.yaml").write_text(
        "schema: 1\npaper: 测试报\ndate: 2024-03-01\npage: {number: 1, name: null}\narticles: []\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(search_command, "LOCK_WAIT_SECONDS", 0.0)
    # SQLite's own busy wait, short: the lock is held on purpose.
    monkeypatch.setattr("reader.search.database.BUSY_TIMEOUT_SECONDS", 0.1)
    holder = hold_lock(path)
    try:
        assert main(["search", "干部", "--content", str(content)]) == 2
    finally:
        release(holder)
    err = capsys.readouterr().err
    assert "is locked by another zhpaper" in err and "try again" in err
    assert path.stat().st_ino == inode


def test_garbage_index_is_rebuilt_by_the_cli(tmp_path: Path, capsys) -> None:
    content = write_paper(tmp_path / "paper", 2)
    path = db_path(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    assert main(["search", "干部", "--json", "--content", str(content)]) == 0
    assert '"total": 8' in capsys.readouterr().out


_SYNC_IN_CHILD = r"""
import sys
from reader.search.index import Index
index = Index(sys.argv[1])
print("start", flush=True)
report = index.sync()
print("done", report.added, len(report.problems), flush=True)
"""


def test_two_processes_one_syncing_while_the_other_searches(tmp_path: Path) -> None:
    content = write_paper(tmp_path / "paper", 40)
    reader = Index(content)
    reader.sync()
    query = parse_query("干部")
    assert search(reader, query, limit=5).total == 160
    write_paper(content, 400, start=40)  # a big change for the other process to index
    child = subprocess.Popen(
        [sys.executable, "-c", _SYNC_IN_CHILD, str(content)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "start"
    totals = []
    while child.poll() is None:
        totals.append(search(reader, query, limit=5).total)  # never blocked, never an error
    assert child.stdout.readline().split() == ["done", "400", "0"]
    totals.append(search(reader, query, limit=5).total)
    assert totals == sorted(totals) and totals[-1] == 1760
    assert reader.sync().changed == 0  # the other process's work is ours too
    reader.close()


_NO_WRITES_UNDER = r"""
import os, sys
root = os.path.realpath(sys.argv[1])
attempts = []

def hook(event, args):
    # Simulates chmod -w (tests run as root, where permissions do not stop writes).
    if event == "open" and args[0] is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        path, mode, flags = args
        writing = (mode and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        if writing and os.path.realpath(os.fsdecode(path)).startswith(root):
            attempts.append(os.fsdecode(path))
            raise PermissionError(13, "Read-only file system (simulated)", path)
    elif event in ("os.mkdir", "os.rename", "os.replace", "os.remove", "os.link", "shutil.rmtree"):
        if any(isinstance(a, (str, bytes, os.PathLike))
               and os.path.realpath(os.fsdecode(a)).startswith(root) for a in args):
            attempts.append(f"{event} {args}")
            raise PermissionError(13, "Read-only file system (simulated)")

sys.addaudithook(hook)
from reader.cli import main
codes = [main(["check", "--content", root]), main(["export", "--content", root])]
codes.append(main(["search", "干部", "--content", root]))
from reader.state import ReadingState
state = ReadingState(root)
state.set_read("p0000-0")
assert state.read_ids() == {"p0000-0"}
from reader.search.opening import open_catalog
opened = open_catalog(__import__("pathlib").Path(root))
print("RESULT", codes, len(opened.problems), attempts, file=sys.stderr)
"""


def test_read_only_content_directory_works(tmp_path: Path) -> None:
    content = write_paper(tmp_path / "paper", 3)
    for path in [content, *content.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(_NO_WRITES_UNDER), str(content)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        for path in [content, *content.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert "RESULT [0, 0, 0] 0 []" in result.stderr, result.stderr[-3000:]
    assert '"total": 12' not in result.stdout  # (human output)
    assert "12 articles match" in result.stdout


def test_index_names_every_bad_file_and_keeps_the_good(tmp_path: Path) -> None:
    from hostile_content import BAD_FILES, write_hostile_content

    content = write_hostile_content(tmp_path / "hostile")
    with Index(content) as index:
        report = index.sync()
        named = {path for path, _problem in index.problems()}
        assert named == set(BAD_FILES) == {path for path, _ in report.problems}
        for path, problem in index.problems():
            _data, line, words = BAD_FILES[path]
            assert words in problem and f":{line}: " in problem or "duplicate" in problem
        # The good articles are all searchable, the hostile ones included.
        assert search(index, parse_query("近年来"), limit=10).total == 4
        assert index.sync().changed == 0  # bad files are not re-read every time


_SYNC = r"""
import sys
from reader.search.index import Index
print("start", flush=True)
Index(sys.argv[1]).sync()
print("done", flush=True)
"""


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def _gone(pids: list[int], patience: float = 30.0) -> list[int]:
    """The pids still alive after ``patience`` seconds (polled, not a timing claim)."""
    import time

    deadline = time.monotonic() + patience
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and not _zombie(p)]
    return alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="uses /proc to find worker processes")
def test_sigkilled_sync_leaves_a_usable_index_and_no_orphan_workers(tmp_path: Path) -> None:
    import random
    import signal
    import time

    content = write_paper(tmp_path / "paper", 1500)
    rng = random.Random(13)
    workers_seen = 0
    for _attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _SYNC, str(content)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        with Index(content, workers=0) as peek:
            left = 1500 - peek.db.execute("SELECT count(*) FROM files").fetchone()[0]
        if left >= PARALLEL_MIN_FILES:  # workers will start: kill while they run
            deadline = time.monotonic() + 60
            while not _children(child.pid) and time.monotonic() < deadline:
                time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.6))
        kids = _children(child.pid)
        child.send_signal(signal.SIGKILL)
        child.wait()
        workers_seen += len(kids)
        orphans = _gone(kids)
        for pid in orphans:  # clean up before failing
            os.kill(pid, signal.SIGKILL)
        assert orphans == [], "worker processes outlived their killed reader"
        with Index(content, workers=0) as index:
            assert index.rebuilt is None  # a kill never damages the database
            files = index.db.execute("SELECT count(*) FROM files").fetchone()[0]
            # Each batch is one transaction: its files and articles, or neither.
            assert index.article_count() == 4 * files
    assert workers_seen > 0  # (the parallel path was really killed)
    with Index(content) as index:
        index.sync()
        assert search(index, parse_query("干部"), limit=1).total == 6000


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="uses /proc to find worker processes")
def test_a_worker_killed_mid_sync_does_not_end_the_sync(tmp_path: Path) -> None:
    import signal
    import threading
    import time

    content = write_paper(tmp_path / "paper", 1200)
    index = Index(content, workers=1)
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(index.sync()))
    thread.start()
    killed = 0
    deadline = time.monotonic() + 60
    while not killed and thread.is_alive() and time.monotonic() < deadline:
        for pid in _children(os.getpid()):
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:  # a worker (not the resource tracker)
                os.kill(pid, signal.SIGKILL)  # as the out-of-memory killer would
                killed += 1
        time.sleep(0.05)
    thread.join(timeout=120)
    assert killed == 1
    (report,) = outcome  # the sync finished instead of raising BrokenProcessPool
    assert report.added == 1200 and report.problems == []  # type: ignore[attr-defined]
    assert search(index, parse_query("干部"), limit=1).total == 4800
    index.close()


_OPEN_TOGETHER = r"""
import os, sys
from reader.search.engine import search
from reader.search.index import Index
from reader.search.query import parse_query
print("ready", flush=True)
sys.stdin.readline()  # all start at once
index = Index(sys.argv[1], workers=0)
index.sync()
total = search(index, parse_query("干部"), limit=1).total
print(total, os.stat(index.path).st_ino, flush=True)
"""


def test_readers_starting_together_on_a_new_directory_share_one_index(tmp_path: Path) -> None:
    """No reader deletes the index another one is creating (it would index into a lost file)."""
    for attempt in range(3):
        content = write_paper(tmp_path / f"paper{attempt}", 30)
        results = []
        for returncode, out, err in run_together(_OPEN_TOGETHER, [[str(content)]] * 4):
            assert returncode == 0, err
            results.append(out.split())
        inode = db_path(content).stat().st_ino
        assert results == [["120", str(inode)]] * 4
        with Index(content, workers=0) as index:
            assert index.rebuilt is None and index.sync().changed == 0
