"""One contract, two catalogues: MemoryCatalog and SqliteCatalog answer alike."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from reader.contracts import LEVEL_ORDER, ROOT, Catalog, Level, Scope
from reader.search.catalog import SqliteCatalog
from reader.search.index import Index
from reader.store.loader import load_content
from reader.store.memory import MemoryCatalog
from tests.search.helpers import make_page, write_content

D = dt.date


def _pages():
    body = "近年来，武川县坚持新时代好干部标准。\n干部队伍建设"
    return [
        make_page("甲报", D(2023, 2, 1), 2, [("a", "要闻", body), ("b", "评论", body)]),
        make_page("甲报", D(2023, 2, 1), 1, [("c", "要闻", body)]),
        # Sections interleave on this page: 要闻 评论 要闻.
        make_page(
            "甲报",
            D(2023, 2, 1),
            3,
            [("d", "要闻", body), ("e", "评论", body), ("f", "要闻", body), ("g", None, body)],
            name="党建",
        ),
        make_page("甲报", D(2023, 3, 5), 1, [("h", "要闻", body)]),
        make_page("甲报", D(2022, 12, 31), 1, [("i", "要闻", body), ("j", "要闻", body)]),
        make_page("甲报", None, None, [("k", None, body)], prefix="undated-k"),
        make_page("甲报", D(2023, 2, 1), None, [("l", "要闻", body)], name="专版"),
        make_page("乙报", D(2023, 2, 1), 1, [("m", "要闻", body), ("n", "体育", body)]),
        make_page(None, D(2021, 1, 1), 4, [("o", None, body)]),
        make_page("乙报", D(2021, 7, 9), 2, [(f"p{i}", f"S{i % 3}", body) for i in range(7)]),
    ]


@pytest.fixture
def catalogs(tmp_path: Path) -> list[Catalog]:
    root = tmp_path / "content"
    write_content(root, _pages())
    loaded = load_content(root)
    assert not loaded.problems
    index = Index(root, cache_dir=tmp_path / "cache")
    report = index.sync()
    assert not report.problems
    yield [MemoryCatalog(loaded.pages), SqliteCatalog(index)]
    index.close()


def _walk(catalog: Catalog, scope: Scope, depth: int = 0):
    yield scope
    for level in LEVEL_ORDER[depth:]:
        if scope.has(level):
            continue
        for node in catalog.children(scope, level):
            yield from _walk(catalog, node.scope, LEVEL_ORDER.index(level) + 1)
        break


def _node_view(nodes):
    return [(n.level, n.value, n.label, n.count, n.scope) for n in nodes]


def test_same_tree_counts_windows_and_positions(catalogs: list[Catalog]) -> None:
    memory, sqlite = catalogs
    scopes = list(_walk(memory, ROOT))
    # Scopes the sidebar does not build but the contract allows: skipped levels.
    scopes += [
        Scope(((Level.YEAR, 2023),)),
        Scope(((Level.MONTH, 2),)),
        Scope(((Level.SECTION, "要闻"),)),
        Scope(((Level.PAPER, "甲报"), (Level.SECTION, "评论"))),
        Scope(((Level.DATE, D(2023, 2, 1)),)),
        Scope(((Level.PAPER, "丙报"),)),
    ]
    assert len(scopes) > 40
    ids = [s.id for s in memory.summaries(ROOT, 0, 1000)]
    rng = random.Random(5)
    for scope in scopes:
        for level in LEVEL_ORDER:
            assert _node_view(sqlite.children(scope, level)) == _node_view(
                memory.children(scope, level)
            ), (scope, level)
        assert sqlite.count(scope) == memory.count(scope), scope
        n = memory.count(scope)
        for offset in range(0, n + 2):
            for limit in (1, 2, 5, 100):
                assert sqlite.summaries(scope, offset, limit) == memory.summaries(
                    scope, offset, limit
                ), (scope, offset, limit)
        for article_id in [*ids, "nope"]:
            assert sqlite.position(scope, article_id) == memory.position(scope, article_id)
        for _ in range(5):
            subset = set(rng.sample(ids, rng.randint(0, len(ids)))) | {"nope"}
            assert sqlite.count_among(scope, subset) == memory.count_among(scope, subset)
        # Every id of the scope (marking a node read), whatever the order.
        in_scope = sorted(s.id for s in memory.summaries(scope, 0, n))
        assert sorted(sqlite.ids(scope)) == sorted(memory.ids(scope)) == in_scope, scope


def test_same_articles(catalogs: list[Catalog]) -> None:
    memory, sqlite = catalogs
    for summary in memory.summaries(ROOT, 0, 1000):
        assert sqlite.article(summary.id) == memory.article(summary.id)
    assert sqlite.article("nope") is None


def test_tree_order_as_documented(catalogs: list[Catalog]) -> None:
    _, sqlite = catalogs
    papers = sqlite.children(ROOT, Level.PAPER)
    assert [n.label for n in papers] == ["乙报", "甲报", "未注明报纸"]
    years = sqlite.children(papers[1].scope, Level.YEAR)
    assert [(n.label, n.count) for n in years] == [("2023年", 9), ("2022年", 2), ("日期不详", 1)]
    dates = sqlite.children(years[0].scope, Level.DATE)
    pages = sqlite.children(dates[1].scope, Level.PAGE)
    assert [n.label for n in pages] == ["第1版", "第2版", "第3版 党建", "专版"]
    sections = sqlite.children(pages[2].scope, Level.SECTION)
    assert [(n.label, n.count) for n in sections] == [("要闻", 2), ("评论", 1), ("无栏目", 1)]
    titles = [s.title for s in sqlite.summaries(sections[0].scope, 0, 10)]
    assert titles == ["d", "f"]


def test_same_display_order_both_ways_and_same_steps(catalogs: list[Catalog]) -> None:
    """Oldest-first lists and trees agree too; ``step`` agrees with walking the list."""
    memory, sqlite = catalogs
    scopes = list(_walk(memory, ROOT)) + [Scope(((Level.SECTION, "要闻"),))]
    for newest in (True, False):
        for scope in scopes:
            for level in LEVEL_ORDER:
                assert _node_view(sqlite.children(scope, level, newest)) == _node_view(
                    memory.children(scope, level, newest)
                ), (scope, level, newest)
            n = memory.count(scope)
            for offset in range(0, n + 1):
                assert sqlite.summaries(scope, offset, 3, newest) == memory.summaries(
                    scope, offset, 3, newest
                )
            for summary in memory.summaries(scope, 0, 1000, newest):
                assert sqlite.position(scope, summary.id, newest) == memory.position(
                    scope, summary.id, newest
                )
    rng = random.Random(7)
    for newest in (True, False):
        order = [s.id for s in memory.summaries(ROOT, 0, 1000, newest)]
        for _ in range(40):
            skip = set(rng.sample(order, rng.randint(0, len(order))))
            for start in [None, *order]:
                for direction in (1, -1):
                    # The oracle: walk the whole list from ``start``.
                    if start is None:
                        walk = order if direction > 0 else order[::-1]
                    else:
                        i = order.index(start)
                        walk = order[i + 1 :] if direction > 0 else order[:i][::-1]
                    expected = next((a for a in walk if a not in skip), None)
                    for catalog in (memory, sqlite):
                        got = catalog.step(start, direction, skip, newest)
                        assert got == expected, (catalog, start, direction, newest)


def test_lists_run_newest_edition_first(catalogs: list[Catalog]) -> None:
    _, sqlite = catalogs
    paper = Scope(((Level.PAPER, "甲报"),))
    dates = [s.date for s in sqlite.summaries(paper, 0, 100)]
    assert dates[0] == D(2023, 3, 5) and dates[-1] is None
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True)
    oldest = [s.date for s in sqlite.summaries(paper, 0, 100, newest_first=False)]
    assert oldest[0] == D(2022, 12, 31)


def test_read_marks_shrinking_and_growing_count_alike(catalogs: list[Catalog]) -> None:
    """The SQLite catalogue's mirror of the read marks, emptied and refilled when
    most marks go (a paper marked read, then `u`), patched when few change."""
    memory, sqlite = catalogs
    ids = [s.id for s in memory.summaries(ROOT, 0, 1000)]
    paper = Scope(((Level.PAPER, "甲报"),))
    steps = [set(ids), set(ids[:2]), set(ids[:3]), set(ids[1:3]), set(ids), set(), set(ids[5:])]
    for marks in steps:
        for scope in (ROOT, paper):
            assert sqlite.count_among(scope, marks) == memory.count_among(scope, marks), marks
        rows = sqlite.index.db.execute("SELECT count(*) FROM temp.marked").fetchone()[0]
        assert rows == len(marks) or not marks
        for start in (None, *ids[:4]):
            assert sqlite.step(start, 1, marks) == memory.step(start, 1, marks)
