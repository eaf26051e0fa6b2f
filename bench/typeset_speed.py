"""Benchmark: reader.typeset.wrap_paragraph against rich.text.Text.wrap.

    /tmp/venv/bin/python bench/typeset_speed.py [--repeats 5] [--sample 300]

Same paragraphs (the seed page plus a sample of ../shared/corpus), same widths
(16–80), one process, side by side; prints characters per second (median of the
repeats) and the ratio. "cold" clears our per-paragraph cache before every width
(each call does the full break analysis, as Rich does); "warm" is a re-flow with
the width-independent work cached. Last, the re-flow of a 30,000-character
article in milliseconds. Times are process CPU time, the three measurements
interleaved in each repeat.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import time
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader.typeset import wrap_paragraph
from reader.typeset.wrap import _units

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WIDTHS = list(range(16, 81, 4))
# CPU time of this process: other work on a shared machine does not count.
clock = time.process_time


def load_paragraphs(sample: int) -> tuple[list[str], list[str]]:
    """Seed paragraphs and every k-th corpus article's paragraphs."""
    seed_path = SHARED / "seed" / "000_f7f43db65705d640.txt"
    seed = [line.strip() for line in seed_path.read_text(encoding="utf-8").splitlines()]
    seed = [p for p in seed if p]
    corpus: list[str] = []
    path = SHARED / "corpus" / "tw-president-news.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = fh.readlines()
        step = max(len(lines) // sample, 1)
        for line in lines[::step][:sample]:
            corpus.extend(p for p in json.loads(line)["paragraphs"] if p)
    return seed, corpus


def time_rich(paragraphs: list[str], console: Console) -> float:
    start = clock()
    for width in WIDTHS:
        for p in paragraphs:
            Text(p).wrap(console, width)
    return clock() - start


def time_ours(paragraphs: list[str], cold: bool) -> float:
    start = clock()
    for width in WIDTHS:
        if cold:
            _units.cache_clear()
        for p in paragraphs:
            wrap_paragraph(p, width)
    return clock() - start


def compare(name: str, paragraphs: list[str], repeats: int, console: Console) -> None:
    chars = sum(len(p) for p in paragraphs) * len(WIDTHS)
    # Interleaved, so a change in machine load touches all three alike.
    rich_ts, cold_ts, warm_ts = [], [], []
    for _ in range(repeats):
        rich_ts.append(time_rich(paragraphs, console))
        cold_ts.append(time_ours(paragraphs, True))
        warm_ts.append(time_ours(paragraphs, False))
    rich_t, cold_t, warm_t = map(statistics.median, (rich_ts, cold_ts, warm_ts))
    print(f"{name}: {len(paragraphs)} paragraphs, {chars:,} characters over widths 16–80")
    print(f"  rich Text.wrap        {chars / rich_t:12,.0f} chars/s")
    print(
        f"  wrap_paragraph cold   {chars / cold_t:12,.0f} chars/s   ratio {rich_t / cold_t:5.2f}x"
    )
    print(
        f"  wrap_paragraph warm   {chars / warm_t:12,.0f} chars/s   ratio {rich_t / warm_t:5.2f}x"
    )


def reflow(paragraphs: list[str], repeats: int) -> None:
    article: list[str] = []
    total = 0
    for p in paragraphs:
        article.append(p)
        total += len(p)
        if total >= 30_000:
            break
    _units.cache_clear()
    start = clock()
    for p in article:
        wrap_paragraph(p, 60)
    first = clock() - start
    times = []
    for _ in range(repeats):
        for width in (40, 41, 60, 79, 80):
            start = clock()
            for p in article:
                wrap_paragraph(p, width)
            times.append(clock() - start)
    print(
        f"re-flow of a {total:,}-character article ({len(article)} paragraphs): "
        f"first layout {first * 1000:.1f} ms, re-flow at a new width "
        f"{statistics.median(times) * 1000:.1f} ms (median)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sample", type=int, default=300, help="corpus articles to sample")
    args = parser.parse_args()
    console = Console(file=io.StringIO(), width=200)
    seed, corpus = load_paragraphs(args.sample)
    compare("seed page", seed, args.repeats, console)
    if corpus:
        compare("corpus sample", corpus, args.repeats, console)
    else:
        print("corpus absent: ../shared/corpus/tw-president-news.jsonl.gz")
    reflow(corpus or seed * 20, args.repeats)


if __name__ == "__main__":
    main()
