"""Settings files: leftovers of writers killed mid-write are cleaned up."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reader.state.atomic import STALE_TEMP_SECONDS
from reader.state.settings import Settings, load_settings, save_settings


def test_stale_temp_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(measure=30), path)
    old = tmp_path / ".settings.json.abc123.tmp"
    young = tmp_path / ".settings.json.def456.tmp"
    old.write_text("{half")
    young.write_text("{half")
    past = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(old, (past, past))
    settings, notice = load_settings(path)
    assert settings.measure == 30 and notice is None
    assert not old.exists()  # left by a killed writer
    assert young.exists()  # may belong to a reader saving right now
