"""The contract every source family implements, and what flows through it.

A :class:`Source` recognises a fetched document of its family and collects
:class:`~reader.model.Article` values (or :class:`Failure` lines) from it,
fetching whatever else it needs through the job's one client. The families:
``layout`` and ``founder`` e-paper templates, ``feed`` (RSS/Atom) and
``article`` (any single article page, by main-text extraction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import lxml.html

from reader.fetch.client import Client, Fetched, FetchError
from reader.fetch.html import NotAPage, parse_html
from reader.model import Article


class Stopped(Exception):
    """The job was asked to stop (the reader closed, or Ctrl-C)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """One item that could not be imported: shown as ``URL: reason``."""

    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class Document:
    """A fetched, decoded document; the HTML tree is parsed when first asked for."""

    def __init__(self, fetched: Fetched) -> None:
        self.fetched = fetched
        self.url = fetched.url
        self.final_url = fetched.final_url
        self.text = fetched.text()

    @cached_property
    def tree(self) -> lxml.html.HtmlElement:
        """The HTML tree; raises :class:`FetchError` for a page with no HTML in it."""
        try:
            return parse_html(self.text)
        except NotAPage as problem:
            raise FetchError(self.url, str(problem)) from None


@dataclass
class Job:
    """One fetch: the client, what is wanted, and how to report progress."""

    client: Client
    #: Edition dates wanted; empty means the latest edition (or every feed item).
    dates: tuple[dt.date, ...] = ()
    #: The paper's name as the user gave it (overrides what the site prints).
    paper: str | None = None
    #: Id prefix of the articles (see reader.fetch.items.source_slug): the entry's host.
    slug: str = "web"
    progress: Callable[[str], None] | None = None
    should_stop: Callable[[], bool] | None = None
    notes: list[str] = field(default_factory=list)

    def get(self, url: str) -> Document:
        """Fetch and decode ``url``; raises :class:`FetchError` or :class:`Stopped`."""
        if self.should_stop is not None and self.should_stop():
            raise Stopped()
        return Document(self.client.get(url))

    def tell(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)


class Source(Protocol):
    """One family of sources."""

    #: Short name shown in summaries and used in tests (``layout``, ``founder`` …).
    family: str

    def recognises(self, doc: Document) -> bool:
        """Whether ``doc`` is an entry this family can crawl from."""
        ...

    def collect(self, doc: Document, job: Job) -> Iterator[Article | Failure]:
        """The articles reachable from ``doc`` for ``job``, in reading order."""
        ...


__all__ = ["Document", "Failure", "Job", "Source", "Stopped"]
