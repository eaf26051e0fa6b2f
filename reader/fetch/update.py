"""Fetch into a library: crawl, write page by page, summarise. Used by the CLI and the reader.

Pages are written as soon as they are complete, so a fetch that is stopped
(Ctrl-C, the reader closed, the network gone) keeps what it had; running it
again resumes: what was fetched comes back from the HTTP cache as ``304 Not
Modified`` and the writer merges by id, so nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.fetch.client import Client
from reader.fetch.crawl import EntryError, identify
from reader.fetch.items import source_slug
from reader.fetch.library import Written, write_articles
from reader.fetch.sources import Failure, Job, Stopped
from reader.fetch.subscriptions import Subscription
from reader.model import Article


@dataclass
class Outcome:
    """One URL fetched into the library."""

    url: str
    family: str = ""
    items: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: Written = field(default_factory=Written)
    stopped: bool = False

    def summary(self) -> list[str]:
        """One line per paper and date: ``北疆晨报 2025-03-05：3 版，8 篇``."""
        groups: dict[tuple[str, dt.date | None], list[Article]] = {}
        for article in self.items:
            groups.setdefault((article.page.paper or "", article.page.date), []).append(article)
        new = set(self.written.new)
        lines = []
        for (paper, date), articles in groups.items():
            pages = {a.page.number for a in articles if a.page.number is not None}
            when = date.isoformat() if date else "（无日期）"
            count = f"{len(pages)} 版，{len(articles)} 篇" if pages else f"{len(articles)} 篇"
            ids = {a.id for a in articles}
            fresh = len(ids & new)
            note = "" if fresh == len(ids) else f"（新 {fresh} 篇）"
            lines.append(f"{paper or '（未知报纸）'} {when}：{count}{note}")
        return lines


Progress = Callable[[str], None]


class _PageBuffer:
    """Articles of the page being crawled; written whenever the page changes."""

    def __init__(self, out: Path, outcome: Outcome) -> None:
        self.out, self.outcome = out, outcome
        self.articles: list[Article] = []

    def add(self, article: Article) -> None:
        if self.articles and self.articles[-1].page != article.page:
            self.flush()
        self.articles.append(article)
        self.outcome.items.append(article)

    def flush(self) -> None:
        if self.articles:
            write_articles(self.articles, self.out, self.outcome.written)
            self.articles = []


def fetch_into(
    url: str,
    out: Path,
    client: Client,
    *,
    dates: Iterable[dt.date] = (),
    paper: str | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Outcome:
    """Fetch what ``url`` leads to into the library ``out``.

    Raises :class:`EntryError` when ``url`` cannot be fetched or read at all.
    A stop request ends the crawl early with ``stopped`` set; what was read is kept.
    """
    job = Job(
        client,
        dates=tuple(dates),
        paper=paper,
        slug=source_slug(url),
        progress=progress,
        should_stop=should_stop,
    )
    outcome = Outcome(url)
    try:
        source, doc = identify(url, job)
    except Stopped:
        outcome.stopped = True
        return outcome
    outcome.family = source.family
    buffer = _PageBuffer(out, outcome)
    try:
        for result in source.collect(doc, job):
            if isinstance(result, Failure):
                outcome.failures.append(result)
            else:
                buffer.add(result)
    except Stopped:
        outcome.stopped = True
    finally:
        buffer.flush()
    outcome.notes = list(job.notes)
    return outcome


def update_subscriptions(
    subscriptions: Iterable[Subscription],
    out: Path,
    client: Client,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[Outcome]:
    """Fetch every subscription (its latest edition, or its feed's items) into ``out``.

    A subscription that cannot be reached becomes one failure line; the others
    are still fetched.
    """
    outcomes = []
    for sub in subscriptions:
        if should_stop is not None and should_stop():
            break
        if progress is not None:
            progress(sub.name)
        try:
            outcome = fetch_into(sub.url, out, client, progress=progress, should_stop=should_stop)
        except EntryError as error:
            outcome = Outcome(sub.url, failures=[Failure(sub.url, error.reason)])
        outcomes.append(outcome)
        if outcome.stopped:
            break
    return outcomes


__all__ = ["Outcome", "fetch_into", "update_subscriptions"]
