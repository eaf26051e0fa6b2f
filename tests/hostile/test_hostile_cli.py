"""`check`, `export` and `search` on hostile content: clean output, every bad file named."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_content import BAD_FILES, MARKUP_TITLE, write_hostile_content

#: Bytes a terminal would act on: C0 except newline, DEL, C1 (as UTF-8), bidi controls, ZWJ.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200d]")
#: JSON is data: a ZWJ stays as it is; what a terminal acts on is escaped.
RAW_JSON = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def zhpaper(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",  # the output must be valid UTF-8 too
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=120,
    )


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_content(tmp_path_factory.mktemp("hostile") / "content")


def test_check_names_every_bad_file_with_its_line(content: Path) -> None:
    result = zhpaper("check", "--content", str(content))
    assert result.returncode == 1
    assert not RAW.search(result.stdout) and not RAW.search(result.stderr)
    lines = result.stdout.splitlines()
    for name, (_data, line, words) in BAD_FILES.items():
        shown = name.replace("\x1b", "␛")
        hits = [x for x in lines if x.startswith(f"{content / shown}:{line}: ")]
        assert hits and words in hits[0], (name, lines)
    # The duplicate id is reported where it is skipped; no traceback anywhere.
    assert len(lines) == len(BAD_FILES)
    assert "Traceback" not in result.stderr


def test_export_text_is_clean_and_literal(content: Path) -> None:
    result = zhpaper("export", "--format", "text", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout) and not RAW.search(result.stderr)
    assert "␛]2;pwned␇␛[2J" in result.stdout  # shown, not dropped
    assert MARKUP_TITLE in result.stdout and "[red]红色[/red]" in result.stdout
    assert "\ufffd反转" in result.stdout
    assert "好文章照常显示" in result.stdout  # the good pages are all there
    assert result.stderr.count("skipped") == len(BAD_FILES) - 1  # the duplicate's file loads


def test_export_json_keeps_the_data_escaped(content: Path) -> None:
    result = zhpaper("export", "--format", "json", "--content", str(content))
    assert result.returncode == 0
    assert not RAW_JSON.search(result.stdout.replace("\n", ""))
    titles = {a["id"]: a["title"] for a in json.loads(result.stdout)["articles"]}
    assert titles["nasty-01"] == MARKUP_TITLE
    assert "\x1b]2;pwned\x07" in titles["nasty-03"]  # the data itself is unchanged


@pytest.mark.parametrize("query", ["标题", "红色", "第一段", "pwned", "反转", "[red]"])
def test_search_output_is_clean(content: Path, tmp_path: Path, query: str) -> None:
    env = {"ZHPAPER_CACHE_DIR": str(tmp_path / "cache")}
    human = zhpaper("search", query, "--content", str(content), env=env)
    assert human.returncode == 0, human.stderr
    assert not RAW.search(human.stdout) and not RAW.search(human.stderr)
    # The index names the bad files too (on stderr, cleaned).
    assert human.stderr.count("skipped") == len(BAD_FILES) - 1
    assert "note later-duplicate.yaml: duplicate id" in human.stderr  # kept, said once
    assert "bad-␛[2Jname.yaml" in human.stderr
    as_json = zhpaper("search", query, "--json", "--content", str(content), env=env)
    assert not RAW_JSON.search(as_json.stdout.replace("\n", ""))
    payload = json.loads(as_json.stdout)
    assert payload["total"] >= (0 if query == "[red]" else 1)
    for hit in payload["hits"]:
        assert not RAW_JSON.search(hit["title"] + hit["snippet"])


def test_error_messages_quoting_names_are_clean(tmp_path: Path) -> None:
    bad = tmp_path / "page\x1b]2;pwned\x07.txt"
    result = zhpaper("import", str(bad), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "␛]2;pwned␇" in result.stderr
    assert not RAW.search(result.stderr.rstrip("\n"))


def test_directory_names_from_content_are_printable(tmp_path: Path) -> None:
    from reader.store.writer import safe_dir_name

    root = write_hostile_content(tmp_path / "content", bad=False)
    for path in root.rglob("*"):
        assert not RAW.search(path.name), repr(path.name)
        assert not re.search("[\u200b\u200c\u2060\ufeff]", path.name)
    assert safe_dir_name("恶意日报\u202e反转\u200b\u2066x") == "恶意日报_反转__x"


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Names are bytes on Linux: they must neither crash the index nor reach the terminal raw."""
    root = write_hostile_content(tmp_path / "content", bad=False)
    good = next(root.rglob("page-02.yaml")).read_bytes()
    os.makedirs(os.fsencode(root) + b"/\xffdir")
    (Path(os.fsdecode(os.fsencode(root) + b"/\xffdir/page-\x9b.yaml"))).write_bytes(
        good.replace(b"plain-01", b"bytes-01")
    )
    Path(os.fsdecode(os.fsencode(root) + b"/bad-\xfe\x9b.yaml")).write_bytes(b"schema: [\n")
    env = {"ZHPAPER_CACHE_DIR": str(tmp_path / "cache")}
    check = zhpaper("check", "--content", str(root), env=env)  # errors="strict": valid UTF-8
    assert check.returncode == 1 and "bad-\ufffd\ufffd.yaml:2: YAML syntax" in check.stdout
    exported = zhpaper("export", "--content", str(root), env=env)
    assert exported.returncode == 0 and "bytes-01" in exported.stdout
    assert "bad-\ufffd\ufffd.yaml" in exported.stderr
    found = zhpaper("search", "好文章", "--json", "--content", str(root), env=env)
    assert found.returncode == 0, found.stderr
    assert {h["id"] for h in json.loads(found.stdout)["hits"]} == {"plain-01", "bytes-01"}
    assert "Traceback" not in found.stderr and "\ufffd" in found.stderr


def test_unreadable_directory_is_named_not_silently_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main
    from reader.store.loader import load_content

    root = write_hostile_content(tmp_path / "content", bad=False)
    locked = next(root.rglob("page-02.yaml")).parent
    real_scandir = os.scandir

    def scandir(path: object = "."):  # chmod 000 does not stop root: simulate it
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_content(root)
    assert [str(p) for p in result.problems] == [
        f"{locked}:0: cannot read directory: Permission denied"
    ]
    assert {a.id for page in result.pages for a in page.articles} == {
        "nasty-01",
        "nasty-02",
        "nasty-03",
        "ok-01",
    }
    assert main(["check", "--content", str(root)]) == 1
    assert "cannot read directory" in capsys.readouterr().out


def test_import_reports_hostile_file_names_cleanly(tmp_path: Path) -> None:
    raw = tmp_path / "page\x1b]2;pwned\x07_0123456789abcdef.txt"
    raw.write_text("标题\n本报讯 干部干事创业精气神。\n", encoding="utf-8")
    empty = tmp_path / "empty\x1b[2J_fedcba9876543210.txt"
    empty.write_text("\n", encoding="utf-8")
    result = zhpaper("import", str(raw), str(empty), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout) and not RAW.search(result.stderr)
    assert "page␛]2;pwned␇_0123456789abcdef.txt →" in result.stdout
    assert "empty␛[2J_fedcba9876543210.txt: no text found" in result.stdout
    records = tmp_path / "bulk\x1b[2J.jsonl"
    records.write_text(json.dumps({"title": "题", "paragraphs": ["文"]}) + "\n", encoding="utf-8")
    bulk = zhpaper("import", "--jsonl", str(records), "--out", str(tmp_path / "bulk"))
    assert bulk.returncode == 0, bulk.stderr
    assert "bulk␛[2J.jsonl →" in bulk.stdout and not RAW.search(bulk.stdout)
