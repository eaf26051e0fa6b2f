"""Fetch a URL: find out what it is, crawl what it needs, collect the articles.

The entry may be an e-paper's front door (which forwards by meta refresh or
script), a page file of an edition, a feed, or a single article page. Sources
are asked in order; a forwarding page is followed (at most ``MAX_FORWARDS``
times) until one recognises what it sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.fetch.client import FetchError
from reader.fetch.feeds import Feed
from reader.fetch.founder import FounderEdition, parse_founder_article
from reader.fetch.html import forward_target
from reader.fetch.items import source_slug
from reader.fetch.layout import LayoutEdition, parse_layout_article
from reader.fetch.single import ArticlePage, parse_any_article
from reader.fetch.sources import Document, Failure, Job, Source
from reader.model import Article

MAX_FORWARDS = 5
#: Families asked in this order; the single-article reader is the last resort.
#: An article page outside its edition's template is tried with the other template, then
#: as any article page.
SOURCES: tuple[Source, ...] = (
    Feed(),
    FounderEdition(fallbacks=(parse_layout_article, parse_any_article)),
    LayoutEdition(fallbacks=(parse_founder_article, parse_any_article)),
    ArticlePage(),
)


class EntryError(Exception):
    """The URL given cannot be fetched or read at all (exit status 2)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass
class Crawl:
    """What one fetch found: articles in reading order and the failures."""

    url: str
    family: str
    items: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def identify(url: str, job: Job) -> tuple[Source, Document]:
    """The source family of ``url`` and the document it starts from."""
    try:
        doc = job.get(url)
        for _ in range(MAX_FORWARDS + 1):
            for source in SOURCES[:-1]:
                if source.recognises(doc):
                    return source, doc
            target = forward_target(doc.tree, doc.final_url)
            if target is None or target in (doc.url, doc.final_url):
                return SOURCES[-1], doc
            job.tell(f"→ {target}")
            doc = job.get(target)
    except FetchError as error:
        raise EntryError(url, error.reason) from None
    raise EntryError(url, f"forwards more than {MAX_FORWARDS} times")


def paper_name(source: Source, doc: Document) -> str | None:
    """The name a source gives itself, read from its entry document alone."""
    if source.family == "feed":
        import feedparser

        from reader.fetch.feeds import for_feedparser

        title = feedparser.parse(for_feedparser(doc.text)).feed.get("title")
        return str(title).strip() or None if title else None
    from reader.fetch.epaper import paper_from_title

    return paper_from_title(doc)


def crawl(url: str, job: Job) -> Crawl:
    """Every article ``url`` leads to for ``job``; failures are collected, not raised."""
    job.slug = source_slug(url)
    source, doc = identify(url, job)
    result = Crawl(url, source.family)
    for outcome in source.collect(doc, job):
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
        else:
            result.items.append(outcome)
    result.notes = list(job.notes)
    return result


__all__ = ["SOURCES", "Crawl", "EntryError", "crawl", "identify", "paper_name"]
