"""State round trips: settings, read marks, bookmarks, positions, keymaps, damaged files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.state import (
    Position,
    ReadingState,
    Settings,
    StateError,
    load_keymap,
    load_settings,
    save_settings,
    settings_path,
    state_db_path,
)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ZHPAPER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "state").mkdir()
    return tmp_path


def test_paths_follow_environment_when_called(tmp_path: Path, monkeypatch) -> None:
    assert settings_path() == tmp_path / "state" / "settings.json"
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "other"))
    assert state_db_path() == tmp_path / "other" / "state.sqlite3"


def test_settings_default_when_missing() -> None:
    assert load_settings() == (Settings(), None)


def test_settings_round_trip() -> None:
    settings = Settings(
        measure=33,
        theme="nord",
        fullwidth_punctuation=False,
        indent=False,
        paragraph_spacing=False,
        ambiguous_wide=True,
    )
    save_settings(settings)
    assert load_settings() == (settings, None)
    # No temp files are left behind.
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["settings.json"]


def test_measure_is_clamped() -> None:
    assert Settings().with_measure(3).measure == 12
    assert Settings().with_measure(500).measure == 80
    assert Settings().toggled("indent").indent is False
    with pytest.raises(ValueError):
        Settings().toggled("measure")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", json.dumps({"measure": "wide"}).encode()],
)
def test_damaged_settings_are_moved_aside(content: bytes) -> None:
    path = settings_path()
    path.write_bytes(content)
    settings, notice = load_settings()
    assert settings == Settings()
    assert notice is not None and "moved to settings.json.corrupt-" in notice
    assert not path.exists()
    aside = [p for p in path.parent.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content


def test_unknown_settings_keys_are_ignored() -> None:
    settings_path().write_text(json.dumps({"measure": 30, "future_option": 1}))
    assert load_settings() == (Settings(measure=30), None)


def test_read_marks_bookmarks_position_round_trip(tmp_path: Path) -> None:
    state = ReadingState(tmp_path / "paper")
    state.set_read("a1")
    state.set_read("a2")
    state.set_read("a2")  # idempotent
    state.set_read("a1", False)
    state.set_bookmark("b1")
    state.set_bookmark("b2")
    state.set_bookmark("b1", False)
    state.save_position(Position("a2", 3, 17))
    state.close()

    again = ReadingState(tmp_path / "paper")
    assert again.read_ids() == {"a2"}
    assert again.is_read("a2") and not again.is_read("a1")
    assert again.bookmarks() == ["b2"] and again.is_bookmarked("b2")
    assert again.last_position() == Position("a2", 3, 17)
    assert again.notice is None


def test_state_is_per_content_directory(tmp_path: Path) -> None:
    one = ReadingState(tmp_path / "one")
    two = ReadingState(tmp_path / "two")
    one.set_read("x")
    one.save_position(Position("x", 1, 2))
    assert two.read_ids() == set()
    assert two.last_position() is None


def test_two_readers_at_once(tmp_path: Path) -> None:
    first = ReadingState(tmp_path / "paper")
    second = ReadingState(tmp_path / "paper")
    first.set_read("a")
    second.set_read("b")
    assert first.read_ids() == second.read_ids() == {"a", "b"}


def test_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    path = state_db_path()
    path.write_bytes(b"this is not a database" * 100)
    state = ReadingState(tmp_path / "paper")
    assert state.notice is not None and "starting fresh" in state.notice
    assert state.read_ids() == set()
    state.set_read("a")
    assert state.read_ids() == {"a"}
    assert any(p.name.startswith("state.sqlite3.corrupt-") for p in path.parent.iterdir())


_SAVE_LOOP = """
import sys
from reader.state import Position, ReadingState, Settings, save_settings
state = ReadingState(sys.argv[1])
i = 0
print("ready", flush=True)
while True:
    i += 1
    state.save_position(Position("a", i, i))
    state.set_read(f"r{i}")
    save_settings(Settings(measure=12 + i % 60))
"""


def test_kill_while_saving_leaves_usable_state(tmp_path: Path) -> None:
    env = {**os.environ}
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", _SAVE_LOOP, str(tmp_path / "paper")],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # Let it write a while: read marks accumulate until the kill.
        while len(ReadingState(tmp_path / "paper").read_ids()) < 20:
            pass
        child.kill()
        child.wait()
        state = ReadingState(tmp_path / "paper")
        assert state.notice is None
        position = state.last_position()
        assert position is not None and position.paragraph == position.char_offset
        settings, notice = load_settings()
        assert notice is None and 12 <= settings.measure <= 80


def test_keymap_file(tmp_path: Path) -> None:
    assert load_keymap() == ({}, [])
    path = tmp_path / "config" / "keymap.toml"
    path.parent.mkdir()
    path.write_text('[keys]\nnext_unread = "ctrl+n"\nquit = ["q", "ctrl+q"]\nbad = 3\n')
    keymap, problems = load_keymap()
    assert keymap == {"next_unread": "ctrl+n", "quit": "q,ctrl+q"}
    assert len(problems) == 1 and "bad" in problems[0]
    path.write_text("this is = = not toml")
    keymap, problems = load_keymap()
    assert keymap == {} and len(problems) == 1


def test_unreadable_state_directory_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(blocker / "state"))
    with pytest.raises(StateError, match="cannot create"):
        ReadingState(tmp_path / "paper")
    settings, notice = load_settings()  # defaults, and the user is told why
    assert settings == Settings() and notice is not None and "using defaults" in notice


def test_state_from_a_newer_zhpaper_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    path = state_db_path()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(StateError, match="newer"):
        ReadingState(tmp_path / "paper")
    assert path.exists()
    assert not any(p.name.startswith("state.sqlite3.corrupt") for p in path.parent.iterdir())


def test_full_disk_while_saving_settings_leaves_old_file(monkeypatch) -> None:
    import errno

    save_settings(Settings(measure=30))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(OSError):
        save_settings(Settings(measure=50))
    assert load_settings() == (Settings(measure=30), None)
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["settings.json"]
