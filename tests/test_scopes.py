"""The scope naming one article's section, from the article or from its summary."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.model import Article, PageRef
from reader.store.memory import summarize
from reader.ui.scopes import article_scope, summary_scope


@pytest.mark.parametrize(
    "page",
    [
        PageRef("晚报", dt.date(2024, 5, 1), 3, "要闻"),
        PageRef(None, None, None, None),  # nothing known: every level None
        PageRef("晚报", dt.date(2024, 5, 1), None, None),
    ],
)
@pytest.mark.parametrize("section", ["时政", None])
def test_the_summary_names_the_same_scope_as_the_article(page: PageRef, section) -> None:
    article = Article(id="a", title="题", paragraphs=("文",), page=page, section=section)
    assert summary_scope(summarize(article)) == article_scope(article)


def test_a_scope_is_within_every_scope_whose_filters_it_has() -> None:
    from reader.contracts import ROOT, Level

    paper = ROOT.narrow(Level.PAPER, "晚报")
    day = paper.narrow(Level.DATE, dt.date(2024, 5, 1))
    other = ROOT.narrow(Level.PAPER, "日报")
    assert day.within(paper) and day.within(ROOT) and day.within(day)
    assert not paper.within(day) and not day.within(other) and not ROOT.within(paper)
