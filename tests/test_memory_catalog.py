"""The in-memory catalogue keeps the Catalog contract."""

from __future__ import annotations

import datetime as dt

from reader.contracts import ROOT, Level
from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog


def _page(paper: str | None, date: dt.date | None, number: int | None, *titles: str) -> Page:
    ref = PageRef(paper=paper, date=date, number=number, name=None)
    return Page(
        ref,
        tuple(
            Article(
                id=f"{paper}-{date}-{number}-{i}",
                title=t,
                section=f"S{i % 2}",
                page=ref,
                paragraphs=("一二三",),
            )
            for i, t in enumerate(titles)
        ),
    )


def test_tree_counts_and_order() -> None:
    catalog = MemoryCatalog(
        [
            _page("甲报", dt.date(2023, 2, 1), 2, "a", "b"),
            _page("甲报", dt.date(2023, 2, 1), 1, "c"),
            _page("甲报", None, None, "d"),
            _page(None, dt.date(2022, 1, 1), 1, "e"),
        ]
    )
    papers = catalog.children(ROOT, Level.PAPER)
    assert [(n.label, n.count) for n in papers] == [("甲报", 4), ("未注明报纸", 1)]
    dates = catalog.children(papers[0].scope, Level.DATE)
    assert [(n.label, n.count) for n in dates] == [("2023年2月1日", 3), ("日期不详", 1)]
    pages = catalog.children(dates[0].scope, Level.PAGE)
    assert [n.label for n in pages] == ["第1版", "第2版"]
    assert [s.title for s in catalog.summaries(dates[0].scope, 0, 10)] == ["c", "a", "b"]
    assert catalog.count(ROOT) == 5
    assert catalog.position(dates[0].scope, "甲报-2023-02-01-2-1") == 2
    assert catalog.article("nope") is None
    assert catalog.article("甲报-None-None-0").title == "d"


def test_count_among() -> None:
    catalog = MemoryCatalog([_page("甲报", dt.date(2023, 2, 1), 1, "a", "b", "c")])
    assert catalog.count_among(ROOT, {"甲报-2023-02-01-1-0", "x"}) == 1
