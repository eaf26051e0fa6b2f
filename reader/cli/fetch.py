"""`zhpaper fetch [URL]`: e-paper editions, feeds and article pages into the library."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.cli.import_ import _date, _paper
from reader.errors import UserError, say
from reader.store.sanitize import visible_controls

#: The longest --from/--to range, in days (a year of dailies is ~3,000 page files).
MAX_RANGE_DAYS = 366


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Register ``fetch`` and its options."""
    parser = subparsers.add_parser(
        name,
        help="fetch a paper, a feed or an article from the web into your library",
        description=(
            "Fetch an e-paper edition (电子版/数字报: the site's front page, or one page "
            "of an edition), an RSS/Atom feed, or a single article page, and store it in "
            "your library (or --out DIR). Without URL, update every subscription (quiet "
            "unless something fails: fit for cron). Polite by default: at most 2 requests a "
            "second per site, retries with backoff, and a cache so that unchanged pages are "
            "not downloaded again. Exit status: 0 all imported, 1 some items failed (each "
            "listed as 'URL: reason'), 2 the URL cannot be reached or the usage is wrong."
        ),
    )
    parser.add_argument(
        "url", nargs="?", metavar="URL", help="what to fetch (default: subscriptions)"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="content directory to write into (default: library)"
    )
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the edition of this date")
    parser.add_argument(
        "--from", dest="start", type=_date, metavar="YYYY-MM-DD", help="first edition date"
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="YYYY-MM-DD",
        help="last edition date (default: today)",
    )
    parser.add_argument(
        "--paper", type=_paper, metavar="NAME", help="the paper's name (instead of the printed one)"
    )


def wanted_dates(args: argparse.Namespace) -> tuple[dt.date, ...]:
    """The edition dates the options ask for; () means the latest."""
    if args.date and (args.start or args.end):
        raise UserError("give either --date or --from/--to, not both")
    if args.date:
        return (args.date,)
    if args.end and not args.start:
        raise UserError("--to needs --from")
    if not args.start:
        return ()
    end = args.end or dt.date.today()
    if end < args.start:
        raise UserError(f"--from {args.start} is after --to {end}")
    days = (end - args.start).days + 1
    if days > MAX_RANGE_DAYS:
        raise UserError(f"--from/--to spans {days} days; at most {MAX_RANGE_DAYS} at a time")
    return tuple(args.start + dt.timedelta(days=n) for n in range(days))


def library_or(out: Path | None) -> Path:
    """``--out`` if given (must be a directory or not exist), else the user's library."""
    from reader.state.paths import library_dir

    target = out if out is not None else library_dir()
    if target.exists() and not target.is_dir():
        raise UserError(f"--out {target} is not a directory")
    return target


#: Environment variable: requests a second per site (default 2; 0 = no limit, for local mirrors).
RATE_ENV = "ZHPAPER_FETCH_RATE"


def make_client():  # type: ignore[no-untyped-def]
    """The client with the user's HTTP cache (imported late: httpx is not free)."""
    import os

    from reader.fetch.client import DEFAULT_RATE, Client
    from reader.state.paths import cache_dir

    try:
        rate = float(os.environ.get(RATE_ENV) or DEFAULT_RATE)
    except ValueError:
        raise UserError(f"{RATE_ENV} must be a number of requests a second") from None
    return Client(cache_dir=cache_dir() / "http", rate=max(rate, 0.0))


@contextmanager
def status_line(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A transient progress line on stderr when it is a terminal."""
    if not enabled:
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("连接中…") as status:

        def show(message: str) -> None:
            status.update(visible_controls(message, keep_newlines=False)[:100])

        yield show


def _say(line: str, *, err: bool = False) -> None:
    say(line, file=sys.stderr if err else sys.stdout)


def run(args: argparse.Namespace) -> int:
    from reader.fetch.crawl import EntryError
    from reader.fetch.update import fetch_into, update_subscriptions

    dates = wanted_dates(args)
    out = library_or(args.out)
    if args.url is None:
        return _update_all(args, out, dates, update_subscriptions)
    with make_client() as client, status_line(sys.stderr.isatty()) as progress:
        try:
            outcome = fetch_into(
                args.url, out, client, dates=dates, paper=args.paper, progress=progress
            )
        except EntryError as error:
            raise UserError(f"{error.url}: {error.reason}") from None
    for line in outcome.summary():
        _say(line)
    for note in outcome.notes:
        _say(note, err=True)
    for failure in outcome.failures:
        _say(str(failure), err=True)
    if not outcome.items and not outcome.failures:
        _say(f"{args.url}: nothing found to import", err=True)
        return 1
    return 1 if outcome.failures else 0


def _update_all(args: argparse.Namespace, out: Path, dates: tuple[dt.date, ...], update) -> int:  # type: ignore[no-untyped-def]
    from reader.fetch.subscriptions import load_subscriptions, subscriptions_path

    if args.paper:
        raise UserError("--paper applies to one URL; subscriptions keep their own names")
    if dates:
        raise UserError("--date/--from/--to apply to one URL: zhpaper fetch URL --date …")
    subscriptions = load_subscriptions()
    if not subscriptions:
        raise UserError(
            f"no subscriptions in {subscriptions_path()}; add one with: zhpaper subscribe URL"
        )
    interactive = sys.stdout.isatty()
    with make_client() as client, status_line(sys.stderr.isatty()) as progress:
        outcomes = update(subscriptions, out, client, progress=progress)
    failed = False
    for outcome in outcomes:
        if interactive:
            for line in outcome.summary():
                _say(line)
        for failure in outcome.failures:
            failed = True
            _say(str(failure), err=True)
    return 1 if failed else 0
