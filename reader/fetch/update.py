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
from reader.fetch.items import Item
from reader.fetch.library import Written, source_slug, write_items
from reader.fetch.sources import Failure, Job, Stopped
from reader.fetch.subscriptions import Subscription


@dataclass
class Outcome:
    """One URL fetched into the library."""

    url: str
    family: str = ""
    items: list[Item] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: Written = field(default_factory=Written)
    stopped: bool = False

    def summary(self) -> list[str]:
        """One line per paper and date: ``北疆晨报 2025-03-05：3 版，8 篇``."""
        groups: dict[tuple[str, dt.date | None], list[Item]] = {}
        for item in self.items:
            groups.setdefault((item.edition.paper or "", item.edition.date), []).append(item)
        new = set(self.written.new)
        lines = []
        for (paper, date), items in groups.items():
            pages = {i.edition.number for i in items if i.edition.number is not None}
            when = date.isoformat() if date else "（无日期）"
            count = f"{len(pages)} 版，{len(items)} 篇" if pages else f"{len(items)} 篇"
            ids = {self._id(i) for i in items}
            fresh = len(ids & new)
            note = "" if fresh == len(ids) else f"（新 {fresh} 篇）"
            lines.append(f"{paper or '（未知报纸）'} {when}：{count}{note}")
        return lines

    def _id(self, item: Item) -> str:
        from reader.fetch.library import article_id

        return article_id(item.url, source_slug(self.url))


Progress = Callable[[str], None]


class _PageBuffer:
    """Items of the page being crawled; written whenever the page changes."""

    def __init__(self, out: Path, slug: str, outcome: Outcome) -> None:
        self.out, self.slug, self.outcome = out, slug, outcome
        self.items: list[Item] = []

    def add(self, item: Item) -> None:
        if self.items and _page_of(self.items[-1]) != _page_of(item):
            self.flush()
        self.items.append(item)
        self.outcome.items.append(item)

    def flush(self) -> None:
        if not self.items:
            return
        written = write_items(self.items, self.out, self.slug)
        total = self.outcome.written
        total.new += written.new
        total.updated += written.updated
        total.unchanged += written.unchanged
        total.files += written.files
        self.items = []


def _page_of(item: Item) -> tuple[object, ...]:
    e = item.edition
    return (e.paper, e.date, e.number, e.name)


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
    job = Job(client, dates=tuple(dates), paper=paper, progress=progress, should_stop=should_stop)
    outcome = Outcome(url)
    try:
        source, doc = identify(url, job)
    except Stopped:
        outcome.stopped = True
        return outcome
    outcome.family = source.family
    buffer = _PageBuffer(out, source_slug(url), outcome)
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
