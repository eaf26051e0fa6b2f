"""`zhpaper import|check|export`: the command-line contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.loader import iter_content_files, load_content

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
GOOD = """\
schema: 1
paper: 青城日报
date: 2023-03-01
page: {number: 3, name: null}
articles:
  - id: t-01
    kicker: 武川县
    title: 标题
    dateline: 本报讯
    byline: [{role: 记者, name: 云艳芳}, {role: 通讯员, name: 武组轩}]
    paragraphs: ["第一段\\x1b[2J清屏\\u202e反转", "第二段。"]
"""


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_check_bundled_content_passes(capsys) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out == "ok: 1 file(s), 1 page(s), 8 article(s)\n"


def test_check_reports_each_problem_and_exits_1(tmp_path: Path, capsys) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(GOOD.replace("title: 标题", "title: [x]"), "utf-8")
    (tmp_path / "gbk.yaml").write_bytes(GOOD.encode("gb18030"))
    (tmp_path / "empty.yaml").write_bytes(b"")
    assert main(["check", "--content", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    # bad.yaml is skipped, so good.yaml's id is no duplicate: three problems, path order.
    assert len(lines) == 3
    assert (
        lines[0]
        == f"{tmp_path / 'bad.yaml'}:8: title must be a single value, not a list or mapping"
    )
    assert lines[1] == f"{tmp_path / 'empty.yaml'}:0: empty file: expected a page (schema: 2)"
    assert lines[2].startswith(f"{tmp_path / 'gbk.yaml'}:2: not UTF-8")


def test_check_missing_directory_is_one_line_error(tmp_path: Path) -> None:
    result = _run("check", "--content", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "content directory not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_json_bundled(capsys) -> None:
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    articles = data["articles"]
    assert [a["kind"] for a in articles] == ["article"] * 7 + ["photo"]
    assert list(articles[0]) == [
        "id", "paper", "date", "page", "section", "kind", "kicker",
        "title", "subtitle", "dateline", "byline", "paragraphs",
        "page_name", "page_pdf", "url", "source", "extra",
    ]  # fmt: skip
    assert articles[0]["byline"] == [
        {"role": "记者", "name": "云艳芳"},
        {"role": "通讯员", "name": "武组轩"},
    ]
    assert (articles[0]["paper"], articles[0]["date"], articles[0]["page"]) == (None, None, None)


def test_export_text_shows_controls_visibly(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(GOOD, encoding="utf-8")
    result = _run("export", "--content", str(tmp_path), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "青城日报 2023年3月1日 第3版\n武川县：\n标题\n本报讯(记者 云艳芳 通讯员 武组轩)\n\n"
        "第一段␛[2J清屏\ufffd反转\n\n第二段。\n"
    )
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_export_json_escapes_controls(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(GOOD, encoding="utf-8")
    result = _run("export", "--content", str(tmp_path))
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    paragraphs = json.loads(result.stdout)["articles"][0]["paragraphs"]
    assert paragraphs[0] == "第一段\x1b[2J清屏\u202e反转"  # the data itself is intact


def test_export_skips_bad_files_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_bytes(b"\x00\x01")
    result = _run("export", "--content", str(tmp_path), "--format", "json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["articles"]) == 1
    assert "skipped" in result.stderr and "b.yaml" in result.stderr


def test_export_text_separates_articles(capsys) -> None:
    assert main(["export", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n" + "—" * 20 + "\n") == 7
    assert (
        "武川县：\n多举措提振干部干事创业精气神\n本报讯(记者 云艳芳 通讯员 武组轩)\n\n近年来,"
        in out
    )


def test_import_writes_pages_and_reports(tmp_path: Path, capsys) -> None:
    out = tmp_path / "content"
    raws = [str(PAGES / n) for n in ("gbk_crlf.txt", "utf16_bom.txt")]
    assert (
        main(["import", *raws, "--out", str(out), "--paper", "测试报", "--date", "2024-03-05"]) == 0
    )
    printed = capsys.readouterr().out
    files = list(iter_content_files(out))
    assert len(files) == 2
    assert all(
        f.relative_to(out).parts[:4] == ("测试报", "2024", "03", "2024-03-05") for f in files
    )
    assert "gbk_crlf.txt → " in printed and "GB18030 CRLF" in printed
    result = load_content(out)
    assert result.problems == []
    assert {p.ref.paper for p in result.pages} == {"测试报"}


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    raw = str(PAGES / "briefs_utf8_bom.txt")
    out = tmp_path / "c"
    assert _run("import", raw, "--out", str(out), "--page", "2").returncode == 0
    [written] = list(iter_content_files(out))
    written.write_text(written.read_text("utf-8") + "# edited\n", "utf-8")
    again = _run("import", raw, "--out", str(out), "--page", "2")
    assert again.returncode == 2
    assert "exists; use --force" in again.stderr and "Traceback" not in again.stderr
    assert written.read_text("utf-8").endswith("# edited\n")
    forced = _run("import", raw, "--out", str(out), "--page", "2", "--force")
    assert forced.returncode == 0
    assert not written.read_text("utf-8").endswith("# edited\n")


def test_import_notes_what_it_could_not_classify(tmp_path: Path) -> None:
    raw = tmp_path / "odd.txt"
    raw.write_text("没有标题的文字。\n", encoding="utf-8")
    result = _run("import", str(raw), "--out", str(tmp_path / "c"))
    assert result.returncode == 0
    assert "line 1: text without a headline: untitled brief" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "{tmp}/missing.txt", "--out", "{tmp}/c"], "no such file"),
        (["import", "{tmp}/bin.txt", "--out", "{tmp}/c"], "binary data"),
        (["import", "{tmp}/x.txt", "--out", "{tmp}/c", "--date", "2023-13-01"], "not a date"),
        (["import", "{tmp}/x.txt", "--out", "{tmp}/c", "--page", "0"], "not a page number"),
        (["import", "{tmp}/x.txt"], "--out"),
        (["export", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_arguments_give_one_line_errors(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (tmp_path / "x.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    result = _run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith("zhpaper")
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("command", ["import", "check", "export"])
def test_help(command: str) -> None:
    result = _run(command, "--help")
    assert result.returncode == 0 and "usage: zhpaper " + command in result.stdout


def test_export_from_another_directory_finds_bundled_paper(tmp_path: Path) -> None:
    result = _run("export", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["articles"]) == 8


def test_read_only_content_directory_checks_and_exports(tmp_path: Path) -> None:
    content = tmp_path / "ro"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", content)
    for path in [content, *content.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert _run("check", "--content", str(content)).returncode == 0
        assert _run("export", "--content", str(content)).returncode == 0
    finally:
        for path in [content, *content.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
