"""The importer never overwrites or half-writes content, even when killed; fuzzing end to end."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import import_bytes
from reader.importer.encoding import EncodingProblem
from reader.store.loader import load_content, parse_page
from reader.store.writer import page_to_yaml


def _records(count: int) -> list[str]:
    rng = random.Random(3)
    lines = []
    for n in range(count):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n // 40)
        lines.append(
            json.dumps(
                {
                    "id": f"r-{n:05d}",
                    "title": f"第{n}篇\x1b[2J标题",
                    "date": day.isoformat(),
                    "page": 1 + (n // 8) % 5,
                    "paragraphs": ["干部" * rng.randint(20, 400), f"第{n}篇\u202e结尾"],
                },
                ensure_ascii=False,
            )
        )
    return lines


def _import(source: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "import", "--jsonl", str(source), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _files(root: Path) -> int:
    return sum(1 for _ in root.rglob("*.yaml")) if root.exists() else 0


def _snapshot(root: Path) -> dict[str, object]:
    result = load_content(root)
    assert result.problems == [], result.problems[:3]  # every visible file loads, whole
    return {a.id: a for page in result.pages for a in page.articles}


def test_killed_bulk_import_never_leaves_a_broken_file_and_resumes(tmp_path: Path) -> None:
    source = tmp_path / "archive.jsonl"
    source.write_text("\n".join(_records(3000)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    rng = random.Random(11)
    seen = 0
    for _kill in range(8):
        child = _import(source, out)
        # Kill it while it writes: right after it stored something new (whatever
        # this machine's speed), at a random moment within the next 50 ms.
        files = _files(out)
        while child.poll() is None and _files(out) <= files:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.05))
        assert child.poll() is None, "the import finished first: make the archive bigger"
        child.send_signal(signal.SIGKILL)
        child.wait()
        stored = _snapshot(out)  # old or new files only, never a half-written one
        assert len(stored) >= seen  # nothing stored earlier was lost
        seen = len(stored)
    child = _import(source, out)
    assert child.wait() == 0, child.stderr.read() if child.stderr else ""
    # The interrupted import ends where an uninterrupted one does.
    clean = tmp_path / "clean"
    assert _import(source, clean).wait() == 0
    assert _snapshot(out) == _snapshot(clean)
    # A killed write leaves at most a hidden temp file, which no reader looks at.
    leftovers = [p for p in out.rglob("*.tmp")]
    assert all(p.name.startswith(".") for p in leftovers)


def test_killed_page_import_never_half_writes_or_overwrites(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(200):
        name = f"{n:03d}_{hashlib.sha1(str(n).encode()).hexdigest()[:16]}.txt"
        (raw / name).write_text(
            f"第{n}版\n\n标题{n}\n本报讯 " + "干部干事创业精气神。" * 300 + "\n", encoding="utf-8"
        )
    files = sorted(str(p) for p in raw.iterdir())
    command = [sys.executable, "-m", "reader", "import", *files, "--out"]
    rng = random.Random(5)
    partial = 0
    for round_ in range(10):
        out = tmp_path / f"out{round_}"
        child = subprocess.Popen(
            [*command, str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # Kill it while it writes: once the first page is stored, within 30 ms.
        while child.poll() is None and _files(out) == 0:
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(signal.SIGKILL)
        child.wait()
        written = {p: p.read_bytes() for p in out.rglob("*.yaml")} if out.exists() else {}
        if written:
            _snapshot(out)  # each file whole
            partial += len(written) < len(files)
            # Importing again refuses to overwrite what is there and changes nothing.
            again = subprocess.run([*command, str(out)], capture_output=True, text=True)
            assert again.returncode == 2 and "exists; use --force" in again.stderr
            assert {p: p.read_bytes() for p in written} == written
    assert partial >= 1  # at least one kill landed while pages were being written


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=500))
def test_whatever_the_importer_writes_loads_back_equal(data: bytes) -> None:
    """Arbitrary bytes → importer → YAML → loader: the same page, or a clear refusal."""
    try:
        report = import_bytes(data, source="fuzz.txt")
    except EncodingProblem:
        return
    if not report.page.articles:
        return
    text = page_to_yaml(report.page, source="fuzz.txt")
    assert parse_page(text, Path("fuzz.yaml")) == report.page


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.binary(max_size=80), st.text(max_size=80).map(str.encode)), max_size=6)
)
def test_bulk_import_of_arbitrary_lines_never_crashes(tmp_path_factory, lines: list[bytes]) -> None:
    from reader.errors import UserError
    from reader.importer.jsonl import import_jsonl

    root = tmp_path_factory.mktemp("fuzz")
    source = root / "fuzz.jsonl"
    source.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    try:
        report = import_jsonl(source, root / "out")
    except UserError as error:
        assert str(error) and "\n" not in str(error)
        return
    # Every bad line is one clear message (the file itself is never a crash).
    assert all(error and "\n" not in error for error in report.errors)
    if (root / "out").exists():
        assert load_content(root / "out").problems == []
