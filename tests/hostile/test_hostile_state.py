"""Nothing lost: state survives SIGKILL at any moment, damage is moved aside, a full disk is told.

The kill test is real: a child process saves read marks, bookmarks, the
position and the settings in a loop and is SIGKILLed at random moments (some
while it is still creating the database), 30 times; every time, what is on
disk loads, and is a state the child had committed (old or new, never half).
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from together import run_together

from reader.state import ReadingState, Settings, StateError, load_settings, save_settings
from reader.state.settings import settings_path
from reader.state.store import state_db_path

_SAVE_LOOP = r"""
import sys
from reader.state import Position, ReadingState, Settings, load_settings, save_settings
state = ReadingState(sys.argv[1])
# Resume after the last complete round (its settings are written last).
i = int(load_settings()[0].theme.removeprefix("theme-").replace("textual-dark", "0"))
print("ready", flush=True)
while True:
    i += 1
    state.save_position(Position("a", i, i))
    state.set_read(f"r{i}")
    state.set_bookmark(f"b{i}")
    save_settings(Settings(measure=12 + i % 60, theme=f"theme-{i}"))
"""


def _numbers(ids: set[str] | list[str]) -> list[int]:
    return sorted(int(x[1:]) for x in ids)


def check_consistent(content: Path) -> int:
    """Load everything the child wrote; return how many rounds were committed."""
    state = ReadingState(content)
    try:
        assert state.notice is None
        reads = _numbers(state.read_ids())
        marks = _numbers(state.bookmarks())
        position = state.last_position()
    finally:
        state.close()
    # Each write is one transaction, done in order: no gaps, no half rounds.
    assert reads == list(range(1, len(reads) + 1))
    assert marks == list(range(1, len(marks) + 1))
    n = len(reads)
    m = len(marks)
    settings, notice = load_settings()
    assert notice is None, notice
    written = 0
    if settings != Settings():
        written = int(settings.theme.removeprefix("theme-"))
        assert settings.measure == 12 + written % 60  # the whole file, never a mix
    # A round writes position, read mark, bookmark, settings, in that order.
    assert m in (written, written + 1)
    assert n in (m, m + 1)
    if position is not None:
        assert position.paragraph == position.char_offset  # one row, both or neither
        assert position.paragraph in (n, n + 1)
    return n


def _settings_stamp() -> tuple[int, int] | None:
    try:
        info = settings_path().stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns  # each save is a new file (rename)


def test_sigkill_at_random_moments_leaves_old_or_new(tmp_path: Path) -> None:
    content = tmp_path / "paper"
    rng = random.Random(7)
    rounds = []
    for attempt in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", _SAVE_LOOP, str(content)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        if attempt % 5 == 0:
            # Early: during start-up, opening or creating the database.
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            assert child.stdout.readline().strip() == "ready"
            # At least one more round is saved first (whatever this machine's
            # speed), then the kill comes at a random moment of the next ones.
            saved = _settings_stamp()
            while _settings_stamp() == saved and child.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        rounds.append(check_consistent(content))
    # The loop really ran between kills (else the test proves nothing).
    assert rounds[-1] >= 24 and len(set(rounds)) > 10
    # Killed atomic writes leave at most their own hidden temp files, never a bad settings.json.
    leftovers = [p for p in settings_path().parent.iterdir() if p.name.endswith(".tmp")]
    assert all(p.name.startswith(".settings.json.") for p in leftovers)


def test_damaged_pages_in_the_state_database_are_moved_aside(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "paper")
    for i in range(3000):
        state.set_read(f"article-{i:06d}-with-a-long-enough-id")
    state._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    state.close()
    path = state_db_path()
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[4 * 4096 : 7 * 4096] = b"\x55" * (3 * 4096)  # garbage over b-tree pages
    path.write_bytes(bytes(data))
    again = ReadingState(tmp_path / "paper")
    assert again.notice is not None and "starting fresh" in again.notice
    assert again.read_ids() == set()  # not a DatabaseError
    again.set_read("x")
    assert again.read_ids() == {"x"}
    assert any(".corrupt-" in p.name for p in path.parent.iterdir())


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"\x00" * 64, b'{"measure": 20, "theme": ', b'{"theme": "\x1b[2J"}'[:-1]],
)
def test_truncated_settings_are_moved_aside(data: bytes) -> None:
    save_settings(Settings(measure=30))
    settings_path().write_bytes(data)
    settings, notice = load_settings()
    assert settings == Settings() and notice is not None and "moved to" in notice
    save_settings(Settings(measure=50))
    assert load_settings() == (Settings(measure=50), None)


def _tiny_disk(path: Path) -> bool:
    """Mount a 1 MiB tmpfs at ``path`` (root only); False where that is not possible."""
    path.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)], capture_output=True
    )
    return result.returncode == 0


def _fill(directory: Path) -> None:
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)


@pytest.mark.parametrize("mode", ["tmpfs", "simulated"])
def test_full_disk_is_a_clear_message_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    disk = tmp_path / "disk"
    mounted = mode == "tmpfs" and _tiny_disk(disk)
    if mode == "tmpfs" and not mounted:
        pytest.skip("mounting a tmpfs needs root; the simulated case runs instead")
    disk.mkdir(exist_ok=True)
    try:
        monkeypatch.setenv("ZHPAPER_STATE_DIR", str(disk / "state"))
        state = ReadingState(tmp_path / "paper")
        state.set_read("before")
        save_settings(Settings(measure=33))
        if mounted:
            _fill(disk)  # a real full disk
        else:
            # Simulated: Python's writes fail with ENOSPC, and SQLite may not grow
            # the database by a page (max_page_count gives SQLITE_FULL, as a full disk).
            def full(*_args: object, **_kwargs: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "fsync", full)
            monkeypatch.setattr(os, "write", full)
            pages = state._db.execute("PRAGMA page_count").fetchone()[0]
            state._db.execute(f"PRAGMA max_page_count={pages}")
        with pytest.raises(OSError) as caught:
            save_settings(Settings(measure=44))
        assert caught.value.errno == errno.ENOSPC
        with pytest.raises(StateError, match="could not save reading state: .*full"):
            for i in range(2000):  # the WAL has room for a few pages first
                state.set_read(f"after-{i:05d}-" + "x" * 200)
        monkeypatch.undo()
        monkeypatch.setenv("ZHPAPER_STATE_DIR", str(disk / "state"))
        # Nothing already saved was lost or damaged.
        assert load_settings() == (Settings(measure=33), None)
        assert "before" in state.read_ids()
        state.close()
        if mounted:
            # Opening on a full disk: a StateError the UI shows ("marks will not be saved").
            try:
                ReadingState(tmp_path / "paper").close()
            except StateError as error:
                assert "full" in str(error)
            (disk / "filler").unlink()
        reopened = ReadingState(tmp_path / "paper")
        assert reopened.notice is None and "before" in reopened.read_ids()
        reopened.close()
        assert not [p for p in (disk / "state").iterdir() if p.name.endswith(".tmp")]
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_reader_on_a_full_disk_says_so(tmp_path: Path) -> None:
    """The whole CLI path on a full cache disk: one clear line, no traceback."""
    disk = tmp_path / "disk"
    if not _tiny_disk(disk):
        pytest.skip("needs root to mount a tiny tmpfs (the state test above simulates)")
    try:
        _fill(disk)
        env = {**os.environ, "ZHPAPER_CACHE_DIR": str(disk / "cache"), "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, "-m", "reader", "search", "干部"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert re.search(
            r"zhpaper: error: (the disk is full|cannot use the search index)", result.stderr
        )
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_json_settings_stay_valid_json_after_every_save(tmp_path: Path) -> None:
    for measure in (12, 40, 80):
        save_settings(Settings(measure=measure))
        assert json.loads(settings_path().read_text())["measure"] == measure


_MARK_MANY = r"""
import sys
from reader.state import Position, ReadingState, Settings, save_settings
state = ReadingState(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(300):
    state.set_read(f"{sys.argv[2]}{i}")
    state.save_position(Position(f"{sys.argv[2]}{i}", i, i))
    save_settings(Settings(measure=12 + i % 60))
"""


def test_two_readers_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    content = tmp_path / "paper"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _MARK_MANY, str(content), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err  # no "database is locked", no traceback
    state = ReadingState(content)
    assert state.read_ids() == {f"{n}{i}" for n in "ab" for i in range(300)}
    position = state.last_position()
    assert position is not None and position.article_id in ("a299", "b299")
    assert load_settings() == (Settings(measure=12 + 299 % 60), None)
    state.close()


_OPEN_TOGETHER = r"""
import sys
from reader.state import ReadingState
print("ready", flush=True)
sys.stdin.readline()
state = ReadingState(sys.argv[1])
state.set_read(sys.argv[2])
print(state.notice, flush=True)
"""


def test_readers_starting_together_on_a_new_state_database(tmp_path: Path) -> None:
    for attempt in range(3):
        state_dir = tmp_path / f"state{attempt}"
        env = {**os.environ, "ZHPAPER_STATE_DIR": str(state_dir)}
        argvs = [[str(tmp_path / "paper"), f"r{n}"] for n in range(4)]
        for returncode, out, err in run_together(_OPEN_TOGETHER, argvs, env):
            assert returncode == 0 and out.strip() == "None", err
        state = ReadingState(tmp_path / "paper", db_path=state_dir / "state.sqlite3")
        assert state.read_ids() == {"r0", "r1", "r2", "r3"}
        state.close()
