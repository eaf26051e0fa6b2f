"""`zhpaper show ID`: the ids `zhpaper search` prints lead to an article; `search -- -词`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.model import Article, Byline, Page, PageRef
from reader.store.writer import page_path, write_page

REF = PageRef("總統府新聞", dt.date(2024, 5, 20), 2, "要聞")


def _page() -> Page:
    return Page(
        REF,
        (
            Article(
                id="tw-1",
                title="總統發表就職演說",
                kicker="就職",
                byline=(Byline("记者", "王明"),),
                paragraphs=("總統今天發表演說。", "第二段，元旦不在這裡。"),
                source="中華民國總統府",
                url="https://www.president.gov.tw/NEWS/1",
                page=REF,
            ),
            Article(
                id="tw-2",
                title="元旦團拜",
                paragraphs=("總統出席元旦團拜。",),
                page=REF,
            ),
        ),
    )


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    page = _page()
    write_page(page, page_path(root, page))
    return root


def _search_ids(content: Path, capsys: pytest.CaptureFixture[str], *query: str) -> list[str]:
    assert main(["search", "--content", str(content), "--json", "--", *query]) == 0
    return [hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]]


def test_an_id_search_prints_leads_to_show(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _search_ids(content, capsys, "演說")
    assert ids == ["tw-1"]
    assert main(["show", ids[0], "--content", str(content)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The citation line first, then the article as printed, source and url last.
    assert lines[0] == "總統發表就職演說 · 總統府新聞 · 2024年5月20日 · 第2版"
    assert lines[1:5] == ["就職：", "總統發表就職演說", "(记者 王明)", ""]
    assert "總統今天發表演說。" in lines and "第二段，元旦不在這裡。" in lines
    assert lines[-2:] == ["来源：中華民國總統府", "https://www.president.gov.tw/NEWS/1"]


def test_show_json_is_exports_object(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--content", str(content), "--format", "json"]) == 0
    exported = {a["id"]: a for a in json.loads(capsys.readouterr().out)["articles"]}
    for article_id in exported:
        assert main(["show", article_id, "--content", str(content), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == exported[article_id]


def test_unknown_id_is_one_line_exit_2(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _search_ids(content, capsys, "總統")  # the index is built: no progress line below
    assert main(["show", "no-such-id", "--content", str(content)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("zhpaper: error: no article with id 'no-such-id'")


def test_show_reads_the_default_content_like_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No --content and an empty library: the bundled paper, as search and export do.
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZHPAPER_DATA_DIR", str(tmp_path / "data"))
    assert main(["export"]) == 0
    first = json.loads(capsys.readouterr().out)["articles"][0]
    assert main(["show", first["id"]]) == 0
    out = capsys.readouterr().out
    assert first["title"] in out.splitlines()[0] and first["paragraphs"][0] in out


def test_search_takes_a_leading_exclusion_after_double_dash(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `-總統` after `--` is the query, not an option: a query of exclusions only is refused.
    assert main(["search", "--content", str(content), "--", "-總統"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zhpaper: error: bad query: only exclusions") and err.count("\n") == 1


def test_search_words_after_double_dash_are_one_query(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(_search_ids(content, capsys, "總統")) == {"tw-1", "tw-2"}
    # Several words after -- are ANDed, and an exclusion among them is an exclusion.
    assert _search_ids(content, capsys, "總統", "-演說") == ["tw-2"]


def test_search_exclusion_without_double_dash_says_how(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--content", str(content), "總統", "-元旦"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: -元旦" in err and "zhpaper search -- " in err
