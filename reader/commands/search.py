"""``zhpaper search QUERY [--content DIR] [--json] [--limit N]``.

The JSON output is a contract other tools rely on::

    {"total": N, "hits": [{"id", "title", "section", "date", "snippet"}, …]}

The index is built (or brought up to date) first; when that means reading
files, a progress line goes to stderr, never to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reader.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Declare ``zhpaper search``."""
    parser = subparsers.add_parser(
        name,
        help="search the paper (simplified/traditional, full/half width folded)",
        description=(
            'Search articles. Words are ANDed; "exact phrase"; -exclude; '
            "section:NAME; by:NAME; date:YYYY-MM-DD or date:FROM..TO."
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="what to find (quote it for the shell)")
    parser.add_argument("--content", metavar="DIR", type=Path, help="content directory")
    parser.add_argument("--json", action="store_true", help="print JSON (a stable contract)")
    parser.add_argument("--limit", metavar="N", type=int, default=20, help="hits to show (20)")


class _ProgressLine:
    """A one-line progress display on stderr, drawn only if indexing takes a while."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.drawn and time.monotonic() - self.started < 0.3 and done < total:
            return
        self.drawn = True
        percent = f" {100 * done // total}%" if total else ""
        print(f"\rindexing: {done}/{total} files{percent}", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.drawn:
            print(file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run one search and print it (human-readable or JSON)."""
    from reader.search.engine import search
    from reader.search.index import Index
    from reader.search.query import QueryError, parse_query
    from reader.store.locate import bundled_content_dir
    from reader.store.sanitize import visible_controls

    if args.limit < 0:
        raise UserError("--limit must be 0 or more")
    try:
        query = parse_query(args.query)
    except QueryError as error:
        raise UserError(f"bad query: {error}") from None
    content = args.content if args.content is not None else bundled_content_dir()
    if not content.is_dir():
        raise UserError(f"content directory not found: {content}")
    index = Index(content)
    try:
        progress = _ProgressLine()
        report = index.sync(progress=progress)
        progress.finish()
        for path, problem in report.problems:
            # File names and problems quote content: never raw on a terminal.
            warning = f"zhpaper: warning: skipped {path}: {problem}"
            print(visible_controls(warning, keep_newlines=False), file=sys.stderr)
        result = search(index, query, limit=args.limit)
    finally:
        index.close()
    if args.json:
        hits = [
            {
                "id": hit.id,
                "title": hit.title,
                "section": hit.section,
                "date": hit.date.isoformat() if hit.date else None,
                "snippet": hit.snippet,
            }
            for hit in result.hits
        ]
        json.dump({"total": result.total, "hits": hits}, sys.stdout, ensure_ascii=False)
        print()
        return 0
    ranking = "newest first" if result.ranking == "recency" else "best match first (bm25)"
    print(f"{result.total} articles match; {ranking}")
    for hit in result.hits:
        where = " · ".join(
            part
            for part in (hit.paper, hit.date.isoformat() if hit.date else None, hit.section)
            if part
        )
        print()
        print(f"{hit.title or '(无题)'}  [{hit.id}]")
        if where:
            print(f"  {where}")
        print(f"  {hit.snippet}")
    if result.total > len(result.hits):
        print(f"\n(showing {len(result.hits)} of {result.total}; --limit N shows more)")
    return 0
