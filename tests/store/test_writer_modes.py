"""Content files respect the umask; temp files of killed importers go at the next import."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main

PAGE = "党旗领航\n\n干部队伍建设\n本报讯 近年来，干部队伍建设不断加强。\n"


@pytest.fixture
def umask():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_imported_files_have_the_mode_the_umask_gives(
    tmp_path: Path, umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE, "utf-8")
    out = tmp_path / "out"
    assert main(["import", str(raw), "--out", str(out), "--paper", "甲报"]) == 0
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"title": "t", "date": "2024-01-02", "paragraphs": ["p"]}\n', "utf-8")
    assert main(["import", "--jsonl", str(jsonl), "--paper", "乙报", "--out", str(out)]) == 0
    written = list(out.rglob("*.yaml"))
    assert len(written) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {mode}


_KILLED_MID_WRITE = r"""
import os, sys, time
from pathlib import Path
from reader.store import writer

real_fsync = os.fsync
def hang(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = hang
from reader.cli import main
main(["import", sys.argv[1], "--out", sys.argv[2], "--paper", "甲报"])
"""


def test_temp_files_of_a_killed_import_are_removed_by_the_next(tmp_path: Path) -> None:
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE, "utf-8")
    out = tmp_path / "out"
    killed = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(raw), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "writing"
    killed.kill()
    killed.wait()
    left = list(out.rglob(".page-*.tmp"))
    assert len(left) == 1
    time.sleep(2.1)  # the import that left it is gone; its file is not being written
    assert main(["import", str(raw), "--out", str(out), "--paper", "甲报"]) == 0
    assert not list(out.rglob("*.tmp"))
    assert len(list(out.rglob("*.yaml"))) == 1
