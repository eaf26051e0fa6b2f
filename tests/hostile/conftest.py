"""Hostile-input tests: private state, cache and config directories for every test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ZHPAPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path
