"""A hand-edited folder whose files share ids: `check` reports it, nothing is dropped.

The later article (in file order) is kept under a derived id (``X-2``) with a
notice, in the loader (export, the files fallback) and in the index (reader,
search) alike; the start-up notice counts files skipped and articles renamed apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.search.catalog import SqliteCatalog
from reader.search.engine import search
from reader.search.index import Index
from reader.search.query import parse_query
from reader.store.loader import load_content, problem_counts
from reader.ui.loading import problems_notice

PAGE = """schema: 2
paper: 好报
date: DATE
page: {number: 1, name: null}
articles:
  - {id: x, title: TITLE, paragraphs: [BODY]}
  - {id: x-2, title: 第二篇, paragraphs: [第二篇正文]}
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.yaml").write_text(
        PAGE.replace("DATE", "2024-05-09").replace("TITLE", "甲").replace("BODY", "甲文"), "utf-8"
    )
    # A hand-edited copy for the next day that kept the ids.
    (root / "b.yaml").write_text(
        PAGE.replace("DATE", "2024-05-10").replace("TITLE", "乙").replace("BODY", "乙文"), "utf-8"
    )
    (root / "c.yaml").write_text("schema: 2\npaper: [\n", "utf-8")
    return root


def test_check_reports_the_collisions(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{content / 'c.yaml'}:3: YAML syntax")
    assert (
        f"{content / 'b.yaml'}:6: duplicate id 'x' (first used in {content / 'a.yaml'});"
        in (out[1])
    )
    assert out[1].endswith("kept as 'x-3'")  # x-2 is taken by a real article
    assert out[2].endswith("kept as 'x-2-2'")
    assert len(out) == 3


def test_export_keeps_every_article(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--content", str(content)]) == 0
    captured = capsys.readouterr()
    articles = json.loads(captured.out)["articles"]
    assert [(a["id"], a["title"]) for a in articles] == [
        ("x", "甲"),
        ("x-2", "第二篇"),
        ("x-3", "乙"),
        ("x-2-2", "第二篇"),
    ]
    assert captured.err.count("zhpaper: note:") == 2 and captured.err.count("skipped") == 1


def test_the_index_keeps_every_article_too(content: Path, tmp_path: Path) -> None:
    with Index(content, cache_dir=tmp_path / "cache") as index:
        report = index.sync()
        assert index.article_count() == 4
        assert search(index, parse_query("乙文")).total == 1
        hit = search(index, parse_query("乙文")).hits[0]
        assert hit.id == "x-3"
        catalog = SqliteCatalog(index)
        assert catalog.article("x-3").title == "乙"
        files, renamed = problem_counts(f"{path}: {problem}" for path, problem in report.problems)
        assert (files, renamed) == (1, 2)


def test_the_start_up_notice_says_files_and_articles_apart(content: Path) -> None:
    lines = [str(p) for p in load_content(content).problems]
    assert (
        problems_notice(lines)
        == "1 个文件未能读取，2 篇文章编号重复，已改用新编号显示（按 ! 查看）"
    )
    assert problems_notice(lines[:1]) == "1 个文件未能读取（按 ! 查看）"
    assert problems_notice(lines[2:]) == "1 篇文章编号重复，已改用新编号显示（按 ! 查看）"
