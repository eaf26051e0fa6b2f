"""`zhpaper subscribe URL`, `zhpaper subscriptions`, `zhpaper unsubscribe NAME`."""

from __future__ import annotations

import argparse

from reader.cli.import_ import _paper
from reader.errors import UserError, say


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Register one of the three subscription commands."""
    if name == "subscribe":
        parser = subparsers.add_parser(
            name,
            help="follow a paper or feed: `zhpaper fetch` keeps it up to date",
            description=(
                "Add an e-paper site or a feed to your subscriptions (subscriptions.toml in "
                "the config dir). The URL is checked now; NAME defaults to the paper's name."
            ),
        )
        parser.add_argument("url", metavar="URL", help="the e-paper's front page or the feed")
        parser.add_argument("--name", type=_paper, metavar="NAME", help="what to call it")
    elif name == "subscriptions":
        subparsers.add_parser(
            name, help="list your subscriptions", description="List your subscriptions."
        )
    else:
        parser = subparsers.add_parser(
            name, help="stop following a paper or feed", description="Remove a subscription."
        )
        parser.add_argument("name", metavar="NAME", help="the subscription's name")


def run(args: argparse.Namespace) -> int:
    from reader.fetch.subscriptions import (
        load_subscriptions,
        save_subscriptions,
        subscriptions_path,
    )

    subscriptions = load_subscriptions()
    if args.command == "subscriptions":
        if not subscriptions:
            say(
                f"no subscriptions yet ({subscriptions_path()}); add one with: zhpaper subscribe URL"
            )
            return 0
        width = max(len(s.name) for s in subscriptions)
        for sub in subscriptions:
            family = f"  [{sub.family}]" if sub.family else ""
            say(f"{sub.name.ljust(width)}  {sub.url}{family}")
        return 0
    if args.command == "unsubscribe":
        kept = [s for s in subscriptions if s.name != args.name]
        if len(kept) == len(subscriptions):
            names = "、".join(s.name for s in subscriptions) or "none"
            raise UserError(f"no subscription named {args.name!r} (subscriptions: {names})")
        save_subscriptions(kept)
        say(f"unsubscribed {args.name}")
        return 0
    return _subscribe(args, subscriptions, save_subscriptions)


def _subscribe(args, subscriptions, save) -> int:  # type: ignore[no-untyped-def]
    from reader.cli.fetch import make_client
    from reader.fetch.crawl import EntryError, identify, paper_name
    from reader.fetch.sources import Job
    from reader.fetch.subscriptions import Subscription

    if any(s.url == args.url for s in subscriptions):
        raise UserError(f"already subscribed to {args.url}")
    with make_client() as client:
        job = Job(client)
        try:
            source, doc = identify(args.url, job)
        except EntryError as error:
            raise UserError(f"{error.url}: {error.reason}") from None
        if source.family == "article":
            raise UserError(
                f"{args.url}: a single article page, not an e-paper or a feed; "
                "fetch it once with: zhpaper fetch URL"
            )
        name = args.name or paper_name(source, doc) or args.url
    if any(s.name == name for s in subscriptions):
        raise UserError(f"a subscription is already named {name!r}; choose another with --name")
    save([*subscriptions, Subscription(name, args.url, source.family)])
    say(f"subscribed to {name} ({source.family}): {args.url}")
    say("fetch it now with: zhpaper fetch")
    return 0
