"""The lower bounds in pyproject.toml really work.

``rich>=14,<16`` once admitted 14.2, where ``rich.cells.split_graphemes`` does
not exist: zhpaper failed at start with an ImportError. This test installs the
lowest allowed textual, rich, pyyaml, opencc and platformdirs into a scratch
venv (the other dependencies as pip resolves them) and runs typesetting, a JSON
Lines import and a UI smoke test there. It needs a package registry: it is
skipped, saying why, when pip cannot reach one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINNED = ("textual", "rich", "pyyaml", "opencc", "platformdirs")

SMOKE = r"""
import asyncio, json, sys
from importlib.metadata import version
from pathlib import Path

expected = json.loads(sys.argv[1])
work = Path(sys.argv[2])
def release(text):
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (4 - len(parts)))

got = {name: version(name) for name in expected}
assert {n: release(v) for n, v in got.items()} == {n: release(v) for n, v in expected.items()}, got

from reader.typeset import wrap_paragraph
assert wrap_paragraph("他说“5G”和“AI”很重要", 8, indent=False) == ["他说“5G”", "和“AI”很", "重要"]

from reader.importer.jsonl import import_jsonl
from reader.store.loader import load_content
source = work / "a.jsonl"
record = {"title": "标题", "date": "2024-05-09", "paragraphs": ["正文。"], "url": "http://x"}
source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
report = import_jsonl(source, work / "content", paper="报")
assert report.articles == 1 and not report.errors
assert load_content(work / "content").pages[0].articles[0].url == "http://x"

from reader.search.opening import open_catalog
from reader.ui.app import ReaderApp

async def smoke():
    app = ReaderApp(work / "content", open_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        return app.main_screen.reader.article is not None

assert asyncio.run(smoke())
print("smoke ok")
"""


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    bounds: dict[str, str] = {}
    for requirement in project["project"]["dependencies"]:
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][^,;\s]*)", requirement)
        if match and match.group(1).lower() in PINNED:
            bounds[match.group(1).lower()] = match.group(2)
    assert set(bounds) == set(PINNED), f"every pinned package needs a lower bound: {bounds}"
    return bounds


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=900)


def test_the_lowest_allowed_versions_work(tmp_path: Path) -> None:
    bounds = _lower_bounds()
    venv = tmp_path / "venv"
    made = _run(sys.executable, "-m", "venv", str(venv))
    assert made.returncode == 0, made.stderr
    python = str(venv / "bin" / "python")
    pins = [f"{name}=={low}" for name, low in bounds.items()]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    others = [
        r
        for r in project["project"]["dependencies"]
        if re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0].lower() not in PINNED
    ]
    installed = _run(python, "-m", "pip", "install", "-q", *pins, *others)
    if installed.returncode != 0:
        reach = _run(python, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp_path),
                     "six")  # fmt: skip
        if reach.returncode != 0:
            pytest.skip(f"pip cannot reach a package registry: {reach.stderr.strip()[-200:]}")
        pytest.fail(f"the lowest allowed versions do not install together:\n{installed.stderr}")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ZHPAPER_STATE_DIR": str(tmp_path / "state"),
        "ZHPAPER_CONFIG_DIR": str(tmp_path / "config"),
        "ZHPAPER_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = _run(python, "-c", SMOKE, json.dumps(bounds), str(tmp_path), env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "smoke ok" in result.stdout
