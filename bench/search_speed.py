"""How fast is search at scale? Builds (or reuses) an index of N articles and measures.

    python bench/search_speed.py --articles 100000

Articles come from bench/make_archive.py's generator (real text from the shared
corpus and the seed page, three papers, daily editions; see its docstring), parsed
with the JSON Lines importer's ``parse_record``. They go straight into the index
through :meth:`Index.ingest`, the code path that indexes every loaded page, so no
YAML is written (except the one page re-indexed at the end).

Prints: build rate, index size, first-page search latency p50/p95 for 1-, 2-, 3-
and 4-character queries (random substrings of indexed text plus common words),
the cost of the exact total alone, catalogue operations, and the re-index of one
changed page. Numbers only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.contracts import ROOT, Level  # noqa: E402
from reader.model import Article, Page  # noqa: E402
from reader.search.catalog import SqliteCatalog  # noqa: E402
from reader.search.engine import search  # noqa: E402
from reader.search.index import Index  # noqa: E402
from reader.search.query import parse_query  # noqa: E402

GENERATOR_VERSION = "2"  # 2: make_archive.records, the one generator
COMMON = {
    1: ["党", "的", "国", "民", "台", "经", "总"],
    2: ["干部", "经济", "总统", "发展", "台湾", "政府", "两岸", "国家"],
    3: ["总统府", "精气神", "现代化", "共同体", "领导人"],
    4: ["两岸关系", "经济发展", "国家安全", "乡村振兴", "干部队伍"],
}
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def generate(n: int, seed: int = 20261126) -> Iterator[tuple[str, Page]]:
    """``n`` articles as (path key, page): make_archive's records, parsed as an import would.

    The same generator as bench/make_archive.py and bench/run.py (one source of
    realistic text), grouped into pages without writing YAML.
    """
    import make_archive

    from reader.importer.jsonl import parse_record
    from reader.store.writer import page_path

    articles: list[Article] = []

    def page() -> tuple[str, Page]:
        made = Page(articles[0].page, tuple(articles))
        return page_path(Path(), made).as_posix(), made

    for record in make_archive.records(n, seed):
        article = parse_record(record)
        if articles and article.page != articles[0].page:
            yield page()
            articles = []
        articles.append(article)
    if articles:
        yield page()


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _queries(index: Index, per_length: int, seed: int) -> dict[int, list[str]]:
    """Random k-character substrings of indexed text, plus common words."""
    rng = random.Random(seed)
    db = index.db
    top = db.execute("SELECT max(seq) FROM articles").fetchone()[0]
    catalog = SqliteCatalog(index)
    found: dict[int, list[str]] = {k: list(COMMON[k]) for k in COMMON}
    while min(len(v) for v in found.values()) < per_length:
        (aid,) = db.execute(
            "SELECT id FROM articles WHERE seq = ?", (rng.randint(0, top),)
        ).fetchone()
        article = catalog.article(aid)
        assert article is not None
        runs = [m.group(0) for p in article.paragraphs for m in _CJK_RUN.finditer(p)]
        if not runs:
            continue
        run = rng.choice(runs)
        for k in found:
            if len(found[k]) < per_length:
                start = rng.randint(0, len(run) - k)
                found[k].append(run[start : start + k])
    return found


def _build(index: Index, n: int) -> None:
    gen_time = 0.0
    started = time.perf_counter()

    def timed() -> Iterator[tuple[str, Page]]:
        nonlocal gen_time
        source = generate(n)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(source)
            except StopIteration:
                return
            gen_time += time.perf_counter() - t0
            yield item

    def progress(done: int, _total: int) -> None:
        rate = done / (time.perf_counter() - started - gen_time)
        print(f"\r  indexed {done:,}/{n:,} ({rate:,.0f} articles/s)", end="", file=sys.stderr)

    count = index.ingest(timed(), progress=progress)
    total = time.perf_counter() - started
    print(file=sys.stderr)
    index.db.execute(
        "INSERT OR REPLACE INTO meta VALUES ('bench', ?)", (f"{GENERATOR_VERSION}:{n}",)
    )
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    indexing = total - gen_time
    print(f"build: {count:,} articles in {total:.1f} s ({gen_time:.1f} s generating text)")
    print(f"build rate (indexing only): {count / indexing:,.0f} articles/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/zhpaper-bench-search"))
    parser.add_argument("--queries", type=int, default=200, help="queries per length")
    parser.add_argument("--rebuild", action="store_true", help="build even if an index exists")
    parser.add_argument(
        "--sync-articles",
        type=int,
        default=10_000,
        help="also time a first sync from YAML files of this many articles (0: skip)",
    )
    args = parser.parse_args()
    content = args.dir / f"content-{args.articles}"
    content.mkdir(parents=True, exist_ok=True)
    index = Index(content, cache_dir=args.dir / "cache")
    if args.rebuild or index.meta("bench") != f"{GENERATOR_VERSION}:{args.articles}":
        index.close()
        from reader.search.database import remove_files

        remove_files(index.path)
        index = Index(content, cache_dir=args.dir / "cache")
        _build(index, args.articles)
    else:
        print(f"reusing the index at {index.path}")
    articles = index.article_count()
    avg = index.db.execute("SELECT avg(char_count) FROM articles").fetchone()[0]
    print(f"articles: {articles:,}, average length {avg:,.0f} characters")
    print(
        f"index size: {index.size_bytes() / 1e6:,.0f} MB ({index.size_bytes() / articles:,.0f} bytes/article)"
    )

    queries = _queries(index, args.queries, seed=7)
    for warm in ("党", "干部", "经济发展"):
        search(index, warm)
    print(
        f"\nsearch, first page of 20 with exact total and snippets ({args.queries} queries each):"
    )
    for k, words in queries.items():
        page_times, count_times, totals, rankings = [], [], [], set()
        for word in words:
            t0 = time.perf_counter()
            result = search(index, word, limit=20)
            page_times.append(time.perf_counter() - t0)
            totals.append(result.total)
            rankings.add(result.ranking)
            t0 = time.perf_counter()
            _count_only(index, word)
            count_times.append(time.perf_counter() - t0)
        print(
            f"  {k} char ({'/'.join(sorted(rankings))}): p50 {_ms(statistics.median(page_times))}"
            f", p95 {_ms(_percentile(page_times, 95))}, max {_ms(max(page_times))}"
            f"; exact total alone p95 {_ms(_percentile(count_times, 95))}"
            f", max {_ms(max(count_times))}; median hits {statistics.median(totals):,.0f}"
            f", max {max(totals):,}"
        )
    common = COMMON[1][0]
    t0 = time.perf_counter()
    result = search(index, common)
    print(f"  '{common}' (in {result.total:,} articles): {_ms(time.perf_counter() - t0)}")

    catalog = SqliteCatalog(index)
    _catalog_figures(catalog)
    _reindex_figures(index, content)
    index.close()
    if args.sync_articles:
        _sync_figures(args.dir, args.sync_articles)
    return 0


def _sync_figures(base: Path, n: int) -> None:
    """A first sync from real YAML files: the path a user's archive takes."""
    from reader.search.database import remove_files
    from reader.store.writer import write_page

    content = base / f"yaml-{n}"
    if not (content / ".complete").exists():
        for rel, page in generate(n, seed=99):
            write_page(page, content / rel, force=True)
        (content / ".complete").write_text("")
    print(f"\nfirst sync from {n:,} articles in YAML files:")
    for workers in (0, 1, 2):
        index = Index(content, cache_dir=base / f"sync-cache-{workers}", workers=workers)
        index.close()
        remove_files(index.path)
        index = Index(content, cache_dir=base / f"sync-cache-{workers}", workers=workers)
        t0 = time.perf_counter()
        report = index.sync()
        elapsed = time.perf_counter() - t0
        count = index.article_count()
        index.close()
        print(
            f"  {workers} worker processes: {report.added:,} files, {count:,} articles"
            f" in {elapsed:.1f} s ({count / elapsed:,.0f} articles/s)"
        )


def _count_only(index: Index, word: str) -> int:
    from reader.search.engine import _plan

    body, _order, params, _ranking, _key = _plan(parse_query(word))
    return index.db.execute(f"SELECT count(*) FROM {body}", params).fetchone()[0]


def _catalog_figures(catalog: SqliteCatalog) -> None:
    print("\ncatalogue:")
    t0 = time.perf_counter()
    papers = catalog.children(ROOT, Level.PAPER)
    years = catalog.children(papers[0].scope, Level.YEAR)
    dates = catalog.children(papers[0].scope, Level.DATE)
    print(f"  papers + years + {len(dates):,} dates of one paper: {_ms(time.perf_counter() - t0)}")
    total = catalog.count(ROOT)
    for offset in (0, total // 2, total - 30):
        t0 = time.perf_counter()
        rows = catalog.summaries(years[0].scope if offset == 0 else ROOT, offset, 30)
        print(f"  30 summaries at offset {offset:,}: {_ms(time.perf_counter() - t0)}")
    t0 = time.perf_counter()
    catalog.article(rows[-1].id)
    print(f"  open one article: {_ms(time.perf_counter() - t0)}")


def _reindex_figures(index: Index, content: Path) -> None:
    from reader.store.writer import write_page

    db = index.db
    rel, aid = db.execute(
        "SELECT f.path, a.id FROM articles a JOIN files f USING (file_id) ORDER BY a.seq LIMIT 1"
        " OFFSET (SELECT count(*) / 2 FROM articles)"
    ).fetchone()
    catalog = SqliteCatalog(index)
    file_articles = [
        catalog.article(r[0])
        for r in db.execute(
            "SELECT id FROM articles WHERE file_id = (SELECT file_id FROM files WHERE path = ?)"
            " ORDER BY pos",
            (rel,),
        )
    ]
    page = Page(file_articles[0].page, tuple(a for a in file_articles if a))
    path = content / rel
    write_page(page, path, force=True)
    print("\nre-index one changed page (same place, same article count):")
    times = []
    for attempt in range(5):
        changed = page.articles[0].paragraphs[0] + f"改{attempt}"
        first = page.articles[0]
        edited = Article(
            **{
                **{f: getattr(first, f) for f in first.__slots__},
                "paragraphs": (changed, *first.paragraphs[1:]),
            }
        )
        write_page(Page(page.ref, (edited, *page.articles[1:])), path, force=True)
        t0 = time.perf_counter()
        index.reindex_file(path)
        times.append(time.perf_counter() - t0)
    print(f"  median {_ms(statistics.median(times))}, max {_ms(max(times))} (YAML load included)")
    t0 = time.perf_counter()
    write_page(Page(page.ref, page.articles[:-1]), path, force=True)
    index.reindex_file(path)
    print(f"  one article removed (reading order renumbered): {_ms(time.perf_counter() - t0)}")
    write_page(page, path, force=True)
    index.reindex_file(path)
    assert aid


if __name__ == "__main__":
    raise SystemExit(main())
