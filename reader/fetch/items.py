"""From what an article page prints to a model :class:`~reader.model.Article`.

Every adapter (e-paper templates, feeds, single pages) fills :class:`Printed`
with the parts it read; :func:`finish` applies the rules every source shares
(kicker without its colon, author line → byline, ``本报讯（记者 …）`` at the
start of the body → dateline + byline, photo items with their credit) and
gives the article its id, made from its URL.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from dataclasses import dataclass, field

import lxml.html

from reader.fetch.html import absolute, squeeze
from reader.importer.lines import parse_byline, parse_credit, parse_dateline
from reader.model import Article, ArticleKind, Byline, PageRef

#: Characters that end a kicker as printed and are not part of it.
_KICKER_TAILS = "：:"
#: A photo item has at most this many text paragraphs (caption(s) and credit).
PHOTO_MAX_PARAGRAPHS = 3
#: Paragraph placeholder for an image-only paragraph while the body is read.
IMAGE = "\x00image"
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._]+")


@dataclass
class Printed:
    """The parts of one article page as an adapter read them."""

    title: str
    paragraphs: list[str]  # IMAGE marks an image-only paragraph
    kicker: str | None = None
    subtitle: str | None = None
    author: str = ""
    section: str | None = None
    source: str | None = None  # a printed 来源 line, without the label
    images: list[str] = field(default_factory=list)


def source_slug(url: str) -> str:
    """A short id prefix naming a source: its host without ``www.``."""
    host = urllib.parse.urlsplit(url).hostname or "web"
    host = host.removeprefix("www.")
    return _SLUG_UNSAFE.sub("_", host)[:48] or "web"


def article_id(url: str, slug: str) -> str:
    """The stable id of the article at ``url``: ``SLUG-<12 hex of the URL's hash>``.

    Made from the URL, never the title or the text: a reprinted story (same
    title, same first paragraph, another URL) stays two articles. (Links reach
    here without fragments; a feed item without a link passes its guid.)
    """
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"{slug}-{digest[:12]}"


def _optional(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def kicker_of(text: str | None) -> str | None:
    """A kicker as stored: stripped, without a trailing colon."""
    text = _optional(text)
    return _optional(text.rstrip(_KICKER_TAILS)) if text else None


def byline_of(author: str) -> tuple[Byline, ...]:
    """An author line as bylines; text that is not a plain byline is kept whole."""
    line = squeeze(author)
    if not line:
        return ()
    people = parse_byline(line)
    if people is not None:
        return people
    return (Byline(role="", name=line),)


#: Elements that start and end a paragraph; everything else runs inline.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "center",
        "blockquote",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "address",
        "header",
        "footer",
    ]
)
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object"})


class _Paragraphs:
    """Walks a body element and cuts it into paragraphs at blocks and ``<br>``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.paragraphs: list[str] = []
        self.images: list[str] = []
        self._pieces: list[str] = []
        self._image = False

    def flush(self) -> None:
        text = "".join(self._pieces).strip()
        if text:
            self.paragraphs.append(text)
        elif self._image:
            self.paragraphs.append(IMAGE)
        self._pieces, self._image = [], False

    def walk(self, element: lxml.html.HtmlElement) -> None:
        if element.text:
            self._pieces.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                self.flush()
            elif tag == "img":
                src = (child.get("src") or "").strip()
                if src:
                    self.images.append(absolute(self.base, src))
                self._image = True
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            elif tag and tag not in _SKIP:
                self.walk(child)
            if child.tail:
                self._pieces.append(child.tail)


def body_paragraphs(container: lxml.html.HtmlElement, base: str) -> tuple[list[str], list[str]]:
    """``(paragraphs, image urls)`` of a body element.

    A paragraph ends at every block element (``<p>``, ``<div>``, a table cell …)
    and every ``<br>``, so bodies written with ``<p>``, with ``<br>`` only, or
    with captions in table cells all keep every line; each is stripped
    (``str.strip``: indents of U+3000 and NBSP go). A block holding only an
    image becomes :data:`IMAGE`. Image URLs are resolved against ``base``.
    """
    walker = _Paragraphs(base)
    walker.walk(container)
    walker.flush()
    return walker.paragraphs, walker.images


def finish(
    printed: Printed, page: PageRef, url: str | None, slug: str, key: str | None = None
) -> Article:
    """The article an adapter read, by the shared rules; ``url`` as linked.

    The id is made from ``url``, or from ``key`` for an item that has no URL.
    """
    had_image = IMAGE in printed.paragraphs
    paragraphs = [p for p in printed.paragraphs if p != IMAGE]
    byline = byline_of(printed.author)
    dateline = None
    if paragraphs and (parts := parse_dateline(paragraphs[0])) is not None:
        dateline = parts.dateline
        if parts.byline and not byline:
            byline = parts.byline
        rest = parts.rest.strip()
        paragraphs = [rest, *paragraphs[1:]] if rest else paragraphs[1:]
    kind = ArticleKind.ARTICLE
    if had_image and 0 < len(paragraphs) <= PHOTO_MAX_PARAGRAPHS:
        credit = parse_credit(paragraphs[-1])
        if credit is not None:
            kind = ArticleKind.PHOTO
            byline = byline or credit
    return Article(
        id=article_id(url or key or printed.title, slug),
        title=printed.title.strip(),
        paragraphs=tuple(paragraphs),
        kind=kind,
        section=_optional(printed.section),
        kicker=kicker_of(printed.kicker),
        subtitle=_optional(printed.subtitle),
        dateline=dateline,
        byline=byline,
        page=page,
        url=url,
        source=_optional(printed.source),
        # Image URLs (a photo item's picture, inline pictures): kept, not shown.
        extra={"images": list(printed.images)} if printed.images else {},
    )


__all__ = [
    "IMAGE",
    "Printed",
    "article_id",
    "body_paragraphs",
    "byline_of",
    "finish",
    "source_slug",
]
