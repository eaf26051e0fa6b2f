"""SqliteCatalog's shortcuts for big archives agree with the plain answers."""

from __future__ import annotations

import random
from pathlib import Path

from reader.contracts import ROOT, Level, Node
from reader.search.catalog import SqliteCatalog
from reader.search.index import Index


def some_nodes(catalog: SqliteCatalog) -> list[Node]:
    """Nodes of every level, down the first and last branch of each paper."""
    nodes: list[Node] = []
    for paper in catalog.children(ROOT, Level.PAPER):
        nodes.append(paper)
        for pick in (0, -1):
            scope_node = paper
            for level in (Level.YEAR, Level.MONTH, Level.DATE, Level.PAGE, Level.SECTION):
                children = catalog.children(scope_node.scope, level)
                nodes.extend(children[:3])
                scope_node = children[pick]
    return nodes


def brute_read_count(catalog: SqliteCatalog, node: Node, read: set[str]) -> int:
    return sum(1 for s in catalog.summaries(node.scope, 0, node.count) if s.id in read)


def test_count_children_is_the_number_of_children(archive: Path) -> None:
    with Index(archive) as index:
        catalog = SqliteCatalog(index)
        for node in [None, *some_nodes(catalog)[:40]]:
            scope = node.scope if node is not None else ROOT
            for level in Level:
                assert catalog.count_children(scope, level) == len(catalog.children(scope, level))


def test_read_counts_follow_marks_and_index_changes(archive: Path) -> None:
    with Index(archive) as index:
        catalog = SqliteCatalog(index)
        ids = [row[0] for row in index.db.execute("SELECT id FROM articles ORDER BY id")]
        rng = random.Random(6)
        read = set(rng.sample(ids, 1200))
        nodes = some_nodes(catalog)
        assert any(brute_read_count(catalog, n, read) for n in nodes)
        for node in nodes:
            assert catalog.count_among(node.scope, read) == brute_read_count(catalog, node, read)
        # Marks change in place (as MainScreen's set does): only the difference is looked up.
        read.difference_update(rng.sample(sorted(read), 300))
        read.update(rng.sample(ids, 300))
        for node in nodes:
            assert catalog.count_among(node.scope, read) == brute_read_count(catalog, node, read)
        # Another connection changes the index (a sync renumbers reading order):
        # seqs move, and the counts must follow.
        first_file = sorted(archive.rglob("page-*.yaml"))[0]
        first_file.unlink()
        with Index(archive) as other:
            other.sync()
        nodes = some_nodes(catalog)
        for node in nodes:
            assert catalog.count_among(node.scope, read) == brute_read_count(catalog, node, read)
        assert catalog.count_among(ROOT, read) == len(
            read & {r[0] for r in index.db.execute("SELECT id FROM articles")}
        )
