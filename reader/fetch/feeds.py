"""RSS 2.0 and Atom feeds (feedparser): each item an article.

The section is the item's category; the author comes from ``author`` or
``dc:creator``; the date is the calendar date in the paper's time zone
(+08:00: an item stamped ``00:30 +0800`` belongs to that day, not the UTC day
before; a time without a zone is taken as +08:00). An item that carries only a
summary gets its full text from the linked page by main-text extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html

from reader.fetch.client import FetchError
from reader.fetch.dates import PAPER_TZ, edition_date
from reader.fetch.html import absolute
from reader.fetch.items import IMAGE, Printed, body_paragraphs, finish
from reader.fetch.single import parse_any_article
from reader.fetch.sources import Document, Failure, Job
from reader.model import Article, PageRef

_FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def for_feedparser(text: str) -> str:
    """Decoded feed text whose XML declaration no longer names the original charset.

    feedparser re-encodes a str and would then decode it by the declared
    charset (``gb2312``): mojibake. The text is already decoded by zhpaper.
    """
    return _XML_ENCODING.sub(r'\1"utf-8"', text, count=1)


def _html_paragraphs(html: str, base: str) -> tuple[list[str], list[str]]:
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return [], []
    return body_paragraphs(fragment, base)


def _plain(html: str) -> str:
    try:
        return " ".join(
            lxml.html.fragment_fromstring(html, create_parent="div").text_content().split()
        )
    except (ValueError, lxml.etree.ParserError):
        return " ".join(html.split())


class Feed:
    """An RSS 2.0 or Atom feed."""

    family = "feed"

    def recognises(self, doc: Document) -> bool:
        return bool(_FEED_ROOT.match(doc.text[:4096]))

    def collect(self, doc: Document, job: Job) -> Iterator[Article | Failure]:
        import feedparser  # only when a feed is read

        parsed: Any = feedparser.parse(for_feedparser(doc.text))
        if not parsed.entries and parsed.get("bozo"):
            yield Failure(doc.url, f"not a readable feed ({parsed.get('bozo_exception')})")
            return
        paper = job.paper or (parsed.feed.get("title") or "").strip() or None
        for number, entry in enumerate(parsed.entries, start=1):
            link = entry.get("link")
            url = absolute(doc.final_url, link) if link else None
            # An item without a link is named by its guid (or its place in the feed).
            key = (entry.get("id") or "").strip() or f"{doc.url}#item-{number}"
            date = edition_date(entry.get("published") or entry.get("updated"))
            if job.dates and date not in job.dates:
                continue
            job.tell(f"{paper or ''} {entry.get('title', '')}".strip())
            printed = self._printed(entry, url, doc, job)
            if isinstance(printed, Failure):
                yield printed
                continue
            tags = entry.get("tags") or []
            printed.section = (tags[0].get("term") or tags[0].get("label")) if tags else None
            printed.author = entry.get("author") or printed.author
            yield finish(printed, PageRef(paper=paper, date=date), url, job.slug, key)

    def _printed(self, entry: Any, url: str | None, doc: Document, job: Job) -> Printed | Failure:
        title = (entry.get("title") or "").strip()
        summary = entry.get("summary") or ""
        contents = [c.get("value", "") for c in entry.get("content") or []]
        full = next((c for c in contents if _plain(c) and _plain(c) != _plain(summary)), None)
        if full is not None:
            paragraphs, images = _html_paragraphs(full, doc.final_url)
            return Printed(title=title, paragraphs=paragraphs, images=images)
        paragraphs, images = _html_paragraphs(summary, doc.final_url)
        # Many feeds put the whole text in <description>: several paragraphs are not a summary.
        if url is None or sum(1 for p in paragraphs if p != IMAGE) >= 2:
            return Printed(title=title, paragraphs=paragraphs, images=images)
        # Only a summary: the text is on the linked page.
        try:
            page = job.get(url)
            result = parse_any_article(page)
        except FetchError as error:
            return Failure(url, error.reason)
        if result is None:
            return Failure(url, "no article text found on the linked page")
        printed = result[0]
        printed.title = title or printed.title
        return printed


__all__ = ["PAPER_TZ", "Feed", "edition_date"]
