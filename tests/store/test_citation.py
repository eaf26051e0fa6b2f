"""The citation line and the source line (what `zhpaper show` prints and `y` / `Y` copy)."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.model import Article, PageRef
from reader.store.plaintext import article_as_text, citation_line, source_line

DAY = dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    ("title", "ref", "expected"),
    [
        ("标题", PageRef("人民日报", DAY, 3, "要闻"), "标题 · 人民日报 · 2025年7月1日 · 第3版"),
        # Unknown parts are left out, never printed as 未注明.
        ("标题", PageRef(None, DAY, None), "标题 · 2025年7月1日"),
        ("标题", PageRef("人民日报", None, 4), "标题 · 人民日报 · 第4版"),
        ("", PageRef("人民日报", DAY, 1), "人民日报 · 2025年7月1日 · 第1版"),
        ("标题", PageRef(), "标题"),
        ("", PageRef(), ""),
        # Content is data: controls are shown, never sent to the terminal.
        ("标\x1b[2J题", PageRef("报"), "标␛[2J题 · 报"),
    ],
)
def test_citation_line(title: str, ref: PageRef, expected: str) -> None:
    assert citation_line(Article(id="a", title=title, page=ref)) == expected


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("新华社", "来源：新华社"),
        ("来源：新华社", "来源：新华社"),
        ("資料來源：中華民國總統府", "資料來源：中華民國總統府"),
        ("  人民网 ", "来源：人民网"),
    ],
)
def test_source_line_never_doubles_a_label(source: str, line: str) -> None:
    assert source_line(source) == line


def test_cited_text_starts_with_the_citation_and_ends_with_the_source() -> None:
    article = Article(
        id="a",
        title="标题",
        paragraphs=("第一段。", "第二段。"),
        page=PageRef("人民日报", DAY, 3),
        section="要闻",
        source="新华社",
        url="https://example.com/a",
    )
    assert article_as_text(article, cite=True) == (
        "标题 · 人民日报 · 2025年7月1日 · 第3版\n标题\n\n第一段。\n\n第二段。\n\n"
        "来源：新华社\nhttps://example.com/a\n"
    )
    # The export keeps its place line (with the section).
    assert article_as_text(article).startswith("人民日报 2025年7月1日 第3版 【要闻】\n标题\n")
