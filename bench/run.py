"""The archive-scale benchmark: start-up, memory, search, indexing, typesetting.

    python bench/run.py --articles 20000 --json bench/out/run-20k.json

Builds (or reuses) an archive of N articles with bench/make_archive.py and its index,
then measures, on this machine, in one run:

* ``startup_s``: from process start to the first rendered screen with the article list,
  for the bundled paper and for the archive (median of ``--runs`` runs, after one
  uncounted run: the first start-up of a directory builds its index, measured below).
  zhpaper runs in a real pseudo-terminal of 120×40; the environment variable
  ZHPAPER_BENCH_READY_FILE makes it write the time (and its peak RSS) there once the
  list has drawn its rows, and quit (see reader.ui.app.BENCH_READY_ENV);
* ``rss_mb``: peak resident memory of those runs (median; VmHWM, the process's own);
* ``search_ms``: first page of results (20 hits with snippets, ranked) for many real 1-,
  2-, 3- and 4-character words drawn from the archive's own titles (p50, p95); the page
  the search screen draws first. ``search_total_ms``: the exact total counted after it;
  ``search_common_share``: the share of those queries ranked by recency instead of bm25
  because their words are in a quarter or more of the newest articles;
* ``index_build_s`` / ``index_articles_per_s``: the first full build of the index from
  the YAML files (kept from the run that built it, when the index is reused);
* ``reindex_one_ms``: re-indexing one changed page (median of 5; FTS5 merges that
  work skips are done by the next sync, see reader.search.merging);
* ``typeset_speed_vs_rich``: reader.typeset.wrap_paragraph's speed over Rich's
  Text.wrap on the same paragraphs and widths (>1 means faster than Rich).

Prints each figure as it goes and writes the JSON contract to --json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_archive  # noqa: E402
from terminal import drain_in_background, start_reader  # noqa: E402

from reader.importer.jsonl import import_records  # noqa: E402
from reader.search.engine import count, search  # noqa: E402
from reader.search.index import Index  # noqa: E402
from reader.store.locate import bundled_content_dir  # noqa: E402

OUT = HERE / "out"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_archive(articles: int, directory: Path) -> Path:
    """The archive of ``articles`` articles, generated once and then reused."""
    marker = directory / ".complete"
    if marker.exists() and marker.read_text().strip() == str(articles):
        _log(f"archive: reusing {directory}")
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    _log(f"archive: generating {articles:,} articles into {directory} …")
    started = time.perf_counter()
    import_records(make_archive.records(articles), directory)
    marker.write_text(str(articles))
    _log(f"archive: {time.perf_counter() - started:.0f} s")
    return directory


def ensure_index(content: Path, cache: Path) -> tuple[float, float]:
    """Build the index (first time) and return (build seconds, articles per second)."""
    record = cache / f"build-{content.name}.json"
    index = Index(content, cache_dir=cache)
    try:
        if record.exists() and index.article_count() > 0:
            saved = json.loads(record.read_text())
            started = time.perf_counter()
            index.sync()  # cheap when nothing changed: proves the index is reusable
            _log(f"index: reused (check took {time.perf_counter() - started:.1f} s)")
            return saved["build_s"], saved["articles_per_s"]
        _log("index: first build …")
        started = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last[0] > 5:
                last[0] = now
                _log(f"  {done:,}/{total:,} files, {now - started:.0f} s")

        index.sync(progress=progress)
        build_s = time.perf_counter() - started
        rate = index.article_count() / build_s
        record.write_text(json.dumps({"build_s": build_s, "articles_per_s": rate}))
        _log(f"index: {index.article_count():,} articles in {build_s:.1f} s ({rate:,.0f}/s)")
        return build_s, rate
    finally:
        index.close()


def time_startup(content: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds to the first screen with the list, and median peak RSS in MB."""
    times, rss = [], []
    # One run first, not counted: the first start-up of a directory builds its
    # index (timed separately as index_build_s); start-up is every later one.
    for run in range(runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            ready = Path(tmp) / "ready"
            run_env = {
                **env,
                "ZHPAPER_BENCH_READY_FILE": str(ready),
                "ZHPAPER_STATE_DIR": str(Path(tmp) / "state"),
            }
            started = time.time()
            proc, master = start_reader(content, run_env)
            drain_in_background(master)
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise SystemExit(
                    f"zhpaper did not become ready within 120 s on {content}"
                ) from None
            finally:
                os.close(master)
            if not ready.exists():
                raise SystemExit(f"zhpaper exited ({proc.returncode}) without reporting ready")
            data = json.loads(ready.read_text())
            if run:
                times.append(data["ready_at"] - started)
                rss.append(data["max_rss_mb"])
    return statistics.median(times), statistics.median(rss)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def search_figures(
    content: Path, cache: Path, per_length: int
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]], dict[str, float]]:
    """First-page and exact-total latency over real words of each length, from titles;
    and the share of those queries ranked by recency because their words are common
    (``SearchResult.common``: see reader.search.ranking.COMMON_SHARE)."""
    index = Index(content, cache_dir=cache)
    rng = random.Random(7)
    titles = [
        row[0]
        for row in index.db.execute("SELECT title FROM articles ORDER BY random() LIMIT 5000")
    ]
    words: dict[int, list[str]] = {n: [] for n in (1, 2, 3, 4)}
    for title in titles:
        runs = [run for run in _han_runs(title) if len(run) >= 4]
        if not runs:
            continue
        run = rng.choice(runs)
        for n in words:
            start = rng.randrange(0, len(run) - n + 1)
            words[n].append(run[start : start + n])
    figures: dict[str, dict[str, float]] = {}
    totals: dict[str, dict[str, float]] = {}
    common: dict[str, float] = {}
    for n, pool in words.items():
        queries = rng.sample(pool, min(per_length, len(pool)))
        search(index, queries[0])  # warm the page cache once, as a running reader would be
        samples, counting, recency = [], [], 0
        for query in queries:
            started = time.perf_counter()
            result = search(index, query, limit=20, with_total=False)
            samples.append((time.perf_counter() - started) * 1000)
            recency += result.common
            started = time.perf_counter()
            count(index, query)
            counting.append((time.perf_counter() - started) * 1000)
        figures[str(n)] = {
            "p50": round(statistics.median(samples), 2),
            "p95": round(_percentile(samples, 95), 2),
        }
        totals[str(n)] = {
            "p50": round(statistics.median(counting), 2),
            "p95": round(_percentile(counting, 95), 2),
        }
        common[str(n)] = round(recency / len(queries), 3)
        _log(
            f"search {n} char(s): p50 {figures[str(n)]['p50']} ms, p95 {figures[str(n)]['p95']} ms"
            f" over {len(samples)} queries; exact total p95 {totals[str(n)]['p95']} ms;"
            f" {common[str(n)]:.0%} ranked by recency (common words)"
        )
    index.close()
    return figures, totals, common


def _han_runs(text: str) -> list[str]:
    runs, current = [], []
    for char in text:
        if "\u4e00" <= char <= "\u9fff":
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def reindex_one_ms(content: Path, cache: Path) -> float:
    """Touch one page file (same text, new mtime) and time its re-index."""
    index = Index(content, cache_dir=cache)
    path = next(p for p in sorted(content.rglob("page-*.yaml")))
    text = path.read_text(encoding="utf-8")
    samples = []
    for _ in range(5):
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        index.reindex_file(path)
        samples.append((time.perf_counter() - started) * 1000)
    index.close()
    return statistics.median(samples)


def typeset_ratio() -> float:
    """wrap_paragraph speed divided by Rich's Text.wrap speed (same text, same widths)."""
    import typeset_speed
    from rich.console import Console

    paragraphs, _ = typeset_speed.load_paragraphs(300)
    console = Console(width=200, file=open(os.devnull, "w"))  # noqa: SIM115
    ours = statistics.median(typeset_speed.time_ours(paragraphs, cold=True) for _ in range(3))
    rich = statistics.median(typeset_speed.time_rich(paragraphs, console) for _ in range(3))
    return round(rich / ours, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=20_000, help="archive size (default 20,000)"
    )
    parser.add_argument("--json", type=Path, required=True, help="where to write the figures")
    parser.add_argument(
        "--archive", type=Path, help="archive directory (default bench/out/archive-N)"
    )
    parser.add_argument("--runs", type=int, default=5, help="start-up runs to take the median of")
    parser.add_argument("--queries", type=int, default=200, help="search queries per length")
    args = parser.parse_args()

    archive = ensure_archive(args.articles, args.archive or OUT / f"archive-{args.articles}")
    cache = OUT / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    build_s, rate = ensure_index(archive, cache)
    env = {**os.environ, "ZHPAPER_CACHE_DIR": str(cache)}

    _log("start-up: bundled paper …")
    bundled_s, bundled_mb = time_startup(bundled_content_dir(), env, args.runs)
    _log(f"  {bundled_s:.3f} s, {bundled_mb:.0f} MB")
    _log("start-up: archive …")
    archive_s, archive_mb = time_startup(archive, env, args.runs)
    _log(f"  {archive_s:.3f} s, {archive_mb:.0f} MB (×{archive_s / bundled_s:.2f} of bundled)")

    search_ms, search_total_ms, search_common = search_figures(archive, cache, args.queries)
    figures = {
        "articles": args.articles,
        "startup_s": {"bundled": round(bundled_s, 3), "archive": round(archive_s, 3)},
        "search_ms": search_ms,
        "search_total_ms": search_total_ms,
        "search_common_share": search_common,
        "index_build_s": round(build_s, 1),
        "index_articles_per_s": round(rate),
        "reindex_one_ms": round(reindex_one_ms(archive, cache), 1),
        "typeset_speed_vs_rich": typeset_ratio(),
        "rss_mb": {"bundled": round(bundled_mb), "archive": round(archive_mb)},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
