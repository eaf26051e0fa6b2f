"""Search end to end: content files → index → ranked hits with snippets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.model import Article, Byline, Page, PageRef
from reader.search.engine import match_spans, search
from reader.search.fold import fold
from reader.search.index import Index
from reader.search.query import QueryError
from reader.store.writer import page_path, write_page

D = dt.date


def _article(aid: str, ref: PageRef, section: str, title: str, body: str, byline: str) -> Article:
    return Article(
        id=aid,
        title=title,
        section=section,
        paragraphs=tuple(body.split("\n")),
        byline=(Byline("记者", byline),),
        page=ref,
    )


ARTICLES = [
    (
        "a1",
        PageRef("甲报", D(2023, 2, 1), 1),
        "党旗领航",
        "多举措提振干部干事创业精气神",
        "近年来，武川县坚持新时代好干部标准。\n推进党员干部队伍建设，持续提振精气神。",
        "云艳芳",
    ),
    (
        "a2",
        PageRef("甲报", D(2023, 3, 1), 2),
        "要闻",
        "經濟發展新動能",
        "臺灣經濟持續成長，COVID-19疫情趨緩。",
        "李明",
    ),
    (
        "a3",
        PageRef("乙报", D(2022, 1, 5), 1),
        "评论",
        "评论员文章",
        "基层干部，部队官兵，党员群众都要有担当。",
        "王强",
    ),
    (
        "a4",
        PageRef("乙报", D(2021, 6, 1), 3),
        "要闻",
        "展览",
        "共产党领导下的new ART exhibition开幕。An article about it.",
        "赵四",
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    tmp = tmp_path_factory.mktemp("engine")
    root = tmp / "content"
    for aid, ref, *rest in ARTICLES:
        write_page(Page(ref, (_article(aid, ref, *rest),)), page_path(root, Page(ref, ())))
    index = Index(root, cache_dir=tmp / "cache")
    assert not index.sync().problems
    yield index
    index.close()


def _ids(index: Index, query: str, **kw) -> list[str]:
    return [h.id for h in search(index, query, **kw).hits]


@pytest.mark.parametrize(
    ("query", "ids", "ranking"),
    [
        ("党", ["a1", "a3", "a4"], "recency"),  # 1 char: unigram, newest first
        ("黨", ["a1", "a3", "a4"], "recency"),  # traditional query, simplified text
        ("经济", ["a2"], "bm25"),  # simplified query, traditional text
        ("經濟", ["a2"], "bm25"),
        ("干部队伍", ["a1"], "bm25"),  # n chars: bigram phrase
        ("干部队", ["a1"], "bm25"),  # a3 has 干部，部队: never across punctuation
        ("精气神", ["a1"], "bm25"),
        ("干部 -武川", ["a3"], "bm25"),
        ('干部 -"武川县"', ["a3"], "bm25"),
        ("党 群众", ["a3"], "bm25"),
        ("党 员", ["a1", "a3"], "recency"),
        ("covid-19疫情", ["a2"], "bm25"),  # mixed term: verified
        ('"covid-19疫情"', ["a2"], "bm25"),
        ('"covid-19 疫情"', [], "bm25"),  # a phrase keeps its space
        ("ＣＯＶＩＤ", ["a2"], "bm25"),  # full width and case
        ("art", ["a4"], "bm25"),
        ("ar", [], "bm25"),  # words are whole words
        ("section:要闻", ["a2", "a4"], "recency"),
        ("section:要闻 党", ["a4"], "recency"),
        ("by:雲艷芳", ["a1"], "recency"),
        ("by:云艳 干部", ["a1"], "bm25"),  # a byline name matches by its start too
        ("干部 date:2022-01-01..2022-12-31", ["a3"], "bm25"),
        ("date:2023-03-01", ["a2"], "recency"),
        ("date:..2022-01-05", ["a3", "a4"], "recency"),
        ("不存在", [], "bm25"),
    ],
)
def test_search(index: Index, query: str, ids: list[str], ranking: str) -> None:
    result = search(index, query)
    assert sorted(h.id for h in result.hits) == sorted(ids)
    assert result.total == len(ids)
    assert result.ranking == ranking


def test_recency_order_and_paging(index: Index) -> None:
    assert _ids(index, "党") == ["a1", "a3", "a4"]
    assert _ids(index, "党", limit=1, offset=1) == ["a3"]
    result = search(index, "党", limit=1)
    assert result.total == 3 and len(result.hits) == 1


def test_bm25_prefers_title(index: Index) -> None:
    assert _ids(index, "干部") == ["a1", "a3"]


def test_snippet_highlights_original_text(index: Index) -> None:
    (hit,) = search(index, "经济").hits
    assert hit.date == D(2023, 3, 1) and hit.section == "要闻" and hit.paper == "甲报"
    assert hit.snippet_spans
    for a, b in hit.snippet_spans:
        assert hit.snippet[a:b] == "經濟"
    (hit,) = search(index, "精气神").hits
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["精气神"]


def test_snippet_window_on_long_text(index: Index) -> None:
    (hit,) = search(index, "担当").hits
    assert "担当" in hit.snippet
    a, b = hit.snippet_spans[0]
    assert hit.snippet[a:b] == "担当"


def test_match_spans() -> None:
    assert match_spans("臺灣經濟，经济", "经济") == [(2, 4), (5, 7)]
    assert match_spans("Art and article", "art") == [(0, 3)]
    assert match_spans("第㈠条干部", "干部") == [(3, 5)]
    assert match_spans("干部干部", "干部 部干") == [(0, 4)]  # overlaps merge
    with pytest.raises(QueryError):
        match_spans("x", '"x')


def test_totals_agree_with_brute_force(index: Index) -> None:
    texts = {
        aid: [fold(t) for t in (title, *body.split("\n"), byline)]
        for aid, _ref, _sec, title, body, byline in ARTICLES
    }
    for needle in ["党", "干", "干部", "部队", "精气", "持续", "经济", "员", "提振精气神", "新"]:
        expected = sorted(a for a, fields in texts.items() if any(needle in f for f in fields))
        result = search(index, needle, limit=100)
        assert sorted(h.id for h in result.hits) == expected, needle
        assert result.total == len(expected)


#: (query, the ids it must find): filters over ARTICLES, checked by hand and by brute force.
FILTERS = [
    ("date:2023", ["a1", "a2"]),
    ("date:2023-02", ["a1"]),
    ("date:2023-03-01", ["a2"]),
    ("date:2021..2022", ["a3", "a4"]),
    ("date:2022-01..2023-02", ["a1", "a3"]),
    ("date:2023-03..", ["a2"]),
    ("date:..2021-06", ["a4"]),
    ("section:党旗", ["a1"]),
    ("section:黨旗", ["a1"]),  # traditional folds to simplified
    ("section:党旗领航", ["a1"]),  # whole name still matches
    ("section:要", ["a2", "a4"]),
    ("section:闻", []),  # a prefix, not any substring
    ("by:云", ["a1"]),
    ("by:雲艷", ["a1"]),
    ("by:艳芳", []),
    ("干部 date:2023", ["a1"]),
    ("干部 section:评", ["a3"]),
]


def _brute_force(query: str) -> list[str]:
    """The oracle: every filter applied to ARTICLES with plain Python, no SQL."""
    from reader.search.query import parse_query

    parsed = parse_query(query)
    found = []
    for aid, ref, section, title, body, byline in ARTICLES:
        texts = [fold(t) for t in (title, *body.split("\n"), byline)]
        date = ref.date
        if not all(any(t.folded in text for text in texts) for t in parsed.terms):
            continue
        if not all(fold(section).startswith(s) for s in parsed.sections):
            continue
        if not all(fold(byline).startswith(b) for b in parsed.bylines):
            continue
        if parsed.date_from and (date is None or date < parsed.date_from):
            continue
        if parsed.date_to and (date is None or date > parsed.date_to):
            continue
        found.append(aid)
    return found


@pytest.mark.parametrize(("query", "ids"), FILTERS)
def test_filters_whole_periods_and_name_prefixes(index: Index, query: str, ids: list[str]) -> None:
    result = search(index, query, limit=100)
    assert sorted(h.id for h in result.hits) == ids == _brute_force(query)
    assert result.total == len(ids)


def test_snippet_is_sanitized(tmp_path: Path) -> None:
    ref = PageRef("甲报", D(2023, 1, 1), 1)
    art = _article("c1", ref, "要闻", "标题\x1b[2J", "危险\x1b[2J字符干部", "某")
    root = tmp_path / "content"
    write_page(Page(ref, (art,)), page_path(root, Page(ref, ())))
    with Index(root, cache_dir=tmp_path / "cache") as idx:
        idx.sync()
        (hit,) = search(idx, "干部").hits
    assert "\x1b" not in hit.snippet and "\x1b" not in hit.title
    a, b = hit.snippet_spans[0]
    assert hit.snippet[a:b] == "干部"


def test_bm25_window_pages_every_match_once(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search import engine, ranking

    monkeypatch.setattr(ranking, "BM25_WINDOW", 2)
    everything = search(index, "党 员", limit=100)  # recency: not windowed
    assert everything.bm25_window is None
    result = search(index, "党员", limit=100)
    assert result.total == 2 and result.bm25_window is None
    monkeypatch.setattr(ranking, "BM25_WINDOW", 1)
    monkeypatch.setattr(engine, "is_common", lambda db, query: False)  # stays bm25
    result = search(index, "党员", limit=100)
    assert result.bm25_window == 1 and result.total == 2
    paged = [
        h.id for offset in range(3) for h in search(index, "党员", limit=1, offset=offset).hits
    ]
    assert paged == ["a1", "a3"]  # the newest match ranked, then older ones newest first
    assert [h.id for h in result.hits] == paged


def test_common_matches_rank_by_recency(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search import ranking

    # Window 2, share 1/4: "newest" is the newest 8 articles (all 4 here), and a
    # bigram is common when it is in 2 or more of them.
    monkeypatch.setattr(ranking, "BM25_WINDOW", 2)
    result = search(index, "党员", limit=100)  # a1, a3
    assert result.ranking == "recency" and result.common and result.bm25_window is None
    assert result.total == 2 and [h.id for h in result.hits] == ["a1", "a3"]  # newest first
    paged = [
        h.id for offset in range(3) for h in search(index, "党员", limit=1, offset=offset).hits
    ]
    assert paged == ["a1", "a3"]
    # A phrase is common when one of its bigrams is (干部 is in a1 and a3).
    assert search(index, "干部队伍").common
    assert search(index, "干部 -武川").common  # excluded terms do not count
    # 精气神's bigrams are in a1 only; every term must be common.
    for query in ("精气神", "党员 精气神"):
        result = search(index, query)
        assert result.ranking == "bm25" and not result.common, query
    monkeypatch.setattr(ranking, "BM25_WINDOW", 500)
    result = search(index, "党员", limit=100)  # a small archive is never "common"
    assert result.ranking == "bm25" and not result.common


def test_slow_search_can_be_cancelled(index: Index) -> None:
    from reader.search.engine import SearchCancelled

    with pytest.raises(SearchCancelled):
        search(index, "covid-19疫情", should_cancel=lambda: True)
    assert search(index, "covid-19疫情", should_cancel=lambda: False).total == 1
