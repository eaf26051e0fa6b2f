"""Every line the CLI prints goes through one sanitiser, argparse's own lines included."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

#: What must never reach a terminal: C0 but newline, DEL, C1, bidi overrides.
RAW = re.compile(
    rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)
EVIL = "evil\x1b]0;pwned\x07\x1b[31m\u202e.txt"


def zhpaper(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, cwd=cwd, env=env, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", EVIL),  # argparse: unrecognized arguments
        ("import", "--out", "x", "--page", EVIL, "a.txt"),  # argparse: invalid value
        ("search", "党", "--limit", EVIL),
        (EVIL,),  # an unknown command
        ("import", EVIL.encode() + b"\xfe\x9b.txt", "--out", "x"),  # not UTF-8 either
    ],
)
def test_argument_errors_never_print_raw_controls(tmp_path: Path, args: tuple) -> None:
    done = zhpaper(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert not RAW.search(done.stdout + done.stderr), done.stderr
    # Shown, not sent: as a picture (␛), or as argparse's repr (\x1b).
    assert "␛".encode() in done.stderr or b"\\x1b" in done.stderr
    assert len(done.stderr.decode().splitlines()) <= 2  # one line, and where to look


def test_messages_about_files_print_safely(tmp_path: Path) -> None:
    bad = tmp_path / EVIL
    bad.write_bytes(b"\x00\x01binary")
    done = zhpaper("import", str(bad), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2 and b"binary" in done.stderr
    assert not RAW.search(done.stdout + done.stderr), done.stderr
