"""A quoted phrase matches runs of white space, never across paragraphs (search and ctrl+f).

Real papers set words apart with two U+3000, two NBSP or several spaces; a user
types one space. Oracle: the same text with every run of white space made one
space (within a paragraph), searched with ``str.find``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from reader.model import Article, Page, PageRef
from reader.search.engine import count, match_spans
from reader.search.index import Index
from reader.store.writer import page_path, write_page

PHRASE = '"看人民映像 品百味人生"'
REF = PageRef(paper="人民日报", date=dt.date(2024, 5, 9), number=1)

CASES = [
    ("看人民映像\u3000\u3000品百味人生", [(0, 12)]),
    ("看人民映像\u00a0\u00a0品百味人生", [(0, 12)]),
    ("看人民映像   品百味人生", [(0, 13)]),
    ("看人民映像\t \u3000品百味人生", [(0, 13)]),
    ("栏目：看人民映像\u3000品百味人生。", [(3, 14)]),
    ("看人民映像 品百味人生", [(0, 11)]),
    ("看人民映像\n品百味人生", []),  # a line break is not a space between words
    ("看人民映像\u2029品百味人生", []),
    ("看人民映像品百味人生", []),  # the phrase asks for a space
]


@pytest.mark.parametrize(("text", "spans"), CASES)
def test_phrase_matches_any_run_of_white_space(text: str, spans: list[tuple[int, int]]) -> None:
    assert match_spans(text, PHRASE) == spans


def test_latin_phrase_keeps_word_boundaries() -> None:
    assert match_spans("Better\u00a0\u00a0Health 计划", '"better health"') == [(0, 14)]
    assert match_spans("Better  Healthy", '"better health"') == []


def _article(n: int, paragraphs: tuple[str, ...]) -> Article:
    return Article(id=f"p-{n}", title=f"第{n}篇", paragraphs=paragraphs, page=REF)


ARTICLES = [
    _article(1, ("今日推荐：看人民映像\u3000\u3000品百味人生。",)),
    _article(2, ("看人民映像\u00a0\u00a0品百味人生",)),
    _article(3, ("看人民映像", "品百味人生")),  # two paragraphs: no match
    _article(4, ("看人民映像品百味人生",)),
]


def test_search_totals_equal_the_brute_force_count(tmp_path: Path) -> None:
    root = tmp_path / "content"
    page = Page(REF, tuple(ARTICLES))
    write_page(page, page_path(root, page))
    with Index(root, cache_dir=tmp_path / "cache") as index:
        index.sync()
        brute = sum(
            any(
                "看人民映像 品百味人生" in re.sub(r"[\s\u00a0\u3000]+", " ", p)
                for p in article.paragraphs
            )
            for article in ARTICLES
        )
        assert count(index, PHRASE) == brute == 2
