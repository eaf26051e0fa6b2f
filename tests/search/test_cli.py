"""`zhpaper search`: the JSON contract, human output, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.search.helpers import make_page, write_content


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    write_content(
        root,
        [
            make_page("甲报", dt.date(2023, 2, 1), 1, [("干部标题", "要闻", "近年来，干部队伍。")]),
            make_page("甲报", dt.date(2023, 2, 2), 1, [("其他", "评论", "党建工作。")]),
        ],
    )
    return root


def test_json_contract(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "幹部", "--content", str(content), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 1
    (hit,) = out["hits"]
    assert set(hit) == {"id", "title", "section", "date", "snippet"}
    assert hit["title"] == "干部标题" and hit["section"] == "要闻" and hit["date"] == "2023-02-01"
    assert "干部" in hit["snippet"]


def test_limit_and_human_output(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["search", "date:2023-02-01..2023-02-02", "--content", str(content), "--limit", "1"])
        == 0
    )
    captured = capsys.readouterr()
    assert "2 articles match; newest first" in captured.out
    assert "其他" in captured.out and "干部标题" not in captured.out
    assert "showing 1 of 2" in captured.out
    assert "indexing" in captured.err  # first use builds the index, on stderr
    main(["search", "干部", "--content", str(content)])
    captured = capsys.readouterr()
    assert "best match first (bm25)" in captured.out
    assert "indexing" not in captured.err  # nothing changed: no build


@pytest.mark.parametrize("query", ['"干部', "date:2023-99-01", "", "-干部"])
def test_bad_query_is_one_line_exit_2(
    content: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    assert main(["search", "--content", str(content), "--", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zhpaper: error: bad query:") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("query", "total"),
    [("date:2023", 2), ("date:2023-02", 2), ("date:2023-03", 0), ("date:2022..2023-01", 0)],
)
def test_whole_year_and_month(
    content: Path, capsys: pytest.CaptureFixture[str], query: str, total: int
) -> None:
    assert main(["search", "--content", str(content), "--json", "--", query]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == total


def test_bad_query_says_it_in_english_and_chinese(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--content", str(content), "--", "date:20"]) == 2
    err = capsys.readouterr().err
    assert "bad date '20'" in err and "日期“20”写法不对" in err


def test_missing_content_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "党", "--content", str(tmp_path / "nope")]) == 2
    assert "not found" in capsys.readouterr().err
