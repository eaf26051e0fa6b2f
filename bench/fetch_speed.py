"""Benchmark: fetching the fixture sites (../shared/fixtures/web) over HTTP on 127.0.0.1.

    python bench/fetch_speed.py [--rate 0] [--json out.json]

Serves the sites with ../shared/fixtures/serve.py in a thread and fetches every
one (layout-paper: both editions; founder-paper; feeds/rss.xml and atom.xml)
into a temporary library with a fresh HTTP cache, three times:

1. first run: everything downloaded, parsed and written;
2. unchanged run: the same fetch again with the cache: conditional requests
   only, so the bytes transferred should be about 0 and nothing is rewritten;
3. cold parse: the same fetch again without a cache (downloads everything, but
   the library already holds every article: merges only).

Prints articles, requests, bytes received, 304 answers, wall seconds and
articles a second for each. ``--rate`` is requests a second per host (0: no
limit, which measures zhpaper rather than its politeness; 2 is the default a
user gets, and then a run takes about requests/2 seconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from reader.fetch.client import Client
from reader.fetch.update import fetch_into

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
ENTRIES = (
    ("layout-paper/", (dt.date(2025, 3, 4), dt.date(2025, 3, 5))),
    ("founder-paper/", ()),
    ("feeds/rss.xml", ()),
    ("feeds/atom.xml", ()),
)


def fetch_all(base: str, library: Path, cache: Path | None, rate: float) -> dict[str, float]:
    started = time.perf_counter()
    articles = new = failures = 0
    with Client(cache_dir=cache, rate=rate) as client:
        for entry, dates in ENTRIES:
            outcome = fetch_into(base + entry, library, client, dates=dates)
            articles += len(outcome.items)
            new += len(outcome.written.new)
            failures += len(outcome.failures)
        stats = client.stats
    seconds = time.perf_counter() - started
    return {
        "articles": articles,
        "new_articles": new,
        "failures": failures,
        "requests": stats.requests,
        "bytes_received": stats.bytes_received,
        "not_modified": stats.not_modified,
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1) if seconds else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=0.0, help="requests/s per host (0: no limit)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    sys.path.insert(0, str(FIXTURES))
    from serve import start

    server, base = start(FIXTURES / "web")
    results: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as temp:
            library, cache = Path(temp, "library"), Path(temp, "cache")
            results["first"] = fetch_all(base, library, cache, args.rate)
            results["unchanged"] = fetch_all(base, library, cache, args.rate)
            results["no_cache"] = fetch_all(base, library, None, args.rate)
    finally:
        server.shutdown()
        server.server_close()
    print(f"fetch of the fixture sites on 127.0.0.1 (rate {args.rate or 'unlimited'}/s per host)")
    header = f"{'run':<10} {'articles':>8} {'new':>5} {'requests':>8} {'bytes':>9} {'304':>5} {'s':>7} {'art/s':>7}"
    print(header)
    for name, r in results.items():
        print(
            f"{name:<10} {r['articles']:>8.0f} {r['new_articles']:>5.0f} {r['requests']:>8.0f} "
            f"{r['bytes_received']:>9,.0f} {r['not_modified']:>5.0f} {r['seconds']:>7.2f} "
            f"{r['articles_per_s']:>7.1f}"
        )
    first, again = results["first"]["bytes_received"], results["unchanged"]["bytes_received"]
    print(f"unchanged run transferred {again:,.0f} bytes of {first:,.0f} ({again / first:.1%})")
    if args.json:
        args.json.write_text(json.dumps({"rate": args.rate, **results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
