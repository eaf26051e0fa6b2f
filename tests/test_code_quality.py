"""The house style is enforced, not hoped for: ruff (lint and format) and mypy stay clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "."), ("ruff", "format", "--check", ".")],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    result = _run("mypy", "reader")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_worker_is_described_without_the_repr_of_its_arguments() -> None:
    # Without a description Textual builds one from repr() of every argument, on
    # the UI thread, at each start: 17 ms for a paper's 30,000 read ids (the
    # unread recount after M), a whole article's text for F and ctrl+f.
    for path in sorted((ROOT / "reader").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith("@work("):
                assert "description=" in line, f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
