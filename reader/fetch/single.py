"""A single article page from any news site: its main text, not the portal around it.

trafilatura (main-text extraction) reads the body; when it finds nothing, a
small fallback takes the block with the most paragraph text. Either way the
navigation, related headlines, comment boxes and footers stay out. The title
is the page's ``<h1>`` (or its ``<title>`` without the site's suffix).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import lxml.html

from reader.fetch.dates import edition_date
from reader.fetch.epaper import url_date
from reader.fetch.html import element_text, squeeze
from reader.fetch.items import IMAGE, Printed, body_paragraphs, finish
from reader.fetch.sources import Document, Failure, Job
from reader.model import Article, PageRef

#: Lines a portal prints around the text: credits, share and correction links.
_FURNITURE = re.compile(
    r"^[（(【\[]?\s*(责任编辑|责编|编辑|来源|原标题|本文来源|分享到|纠错|打印|关闭)\s*[：:】\]]?"
)
_SITE_SUFFIX = re.compile(r"\s*(?:[_|]|--|—|-)\s*[^_|—-]*$")
_AUTHOR_PREFIX = re.compile(r"^\s*(作者|文|记者)?\s*[：:]\s*")
_SOURCE_PREFIX = re.compile(r"^\s*(来源|來源|稿源)\s*[：:]\s*")
#: Shortest main text (characters) the fallback accepts as an article.
MIN_TEXT = 40


def _title(doc: Document) -> str:
    heading = doc.tree.find(".//h1")
    if heading is not None and element_text(heading):
        return element_text(heading)
    title = element_text(doc.tree.find(".//title"))
    return _SITE_SUFFIX.sub("", title) or title


def _author(doc: Document) -> str:
    for element in doc.tree.iter():
        if not isinstance(element.tag, str):
            continue
        classes = set((element.get("class") or "").split())
        if classes & {"author", "byline", "writer"}:
            return _AUTHOR_PREFIX.sub("", squeeze(element_text(element)))
    for meta in doc.tree.iter("meta"):
        if (meta.get("name") or "").lower() == "author":
            return meta.get("content") or ""
    return ""


def _source(doc: Document) -> str | None:
    """A portal's ``来源：南海商报`` line, without its label."""
    for element in doc.tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        text = element_text(element)
        if len(text) < 40 and _SOURCE_PREFIX.match(text) and len(element) == 0:
            return _SOURCE_PREFIX.sub("", text) or None
    return None


def extract_paragraphs(text: str) -> list[str]:
    """Main-text paragraphs of a page by trafilatura; [] when it finds none."""
    try:
        import trafilatura  # slow to import: only when a page needs it
    except ImportError:  # pragma: no cover - a broken install (lxml_html_clean missing)
        return []
    extracted = trafilatura.extract(
        text, include_comments=False, include_tables=False, favor_precision=True
    )
    if not extracted:
        return []
    lines = [line.strip() for line in extracted.split("\n")]
    return [line for line in lines if line and not _FURNITURE.match(line)]


def densest_block(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element whose own ``<p>`` children hold the most text (the fallback)."""
    best, best_score = None, 0
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("p", "a", "li", "script"):
            continue
        score = sum(
            len(element_text(p))
            for p in element
            if isinstance(p.tag, str) and p.tag == "p" and p.find(".//a") is None
        )
        if score > best_score:
            best, best_score = element, score
    return best if best_score >= MIN_TEXT else None


def parse_any_article(doc: Document) -> tuple[Printed, str | None] | None:
    """Any article page by main-text extraction, or None when it holds no text."""
    paragraphs = extract_paragraphs(doc.text)
    images: list[str] = []
    if not paragraphs:
        block = densest_block(doc.tree)
        if block is None:
            return None
        paragraphs, images = body_paragraphs(block, doc.final_url)
        paragraphs = [p for p in paragraphs if p == IMAGE or not _FURNITURE.match(p)]
    if not any(p != IMAGE for p in paragraphs):
        return None
    printed = Printed(
        title=_title(doc),
        paragraphs=paragraphs,
        author=_author(doc),
        source=_source(doc),
        images=images,
    )
    return printed, None


class ArticlePage:
    """A single article page of any site."""

    family = "article"

    def recognises(self, doc: Document) -> bool:
        return True  # the last resort: whether it holds text is found out by collecting

    def collect(self, doc: Document, job: Job) -> Iterator[Article | Failure]:
        result = parse_any_article(doc)
        if result is None:
            yield Failure(doc.url, "no article text found on the page")
            return
        printed, _paper = result
        paper = job.paper or _site_name(doc)
        yield finish(printed, PageRef(paper=paper, date=page_date(doc)), doc.url, job.slug)


_DATE_META = frozenset(
    {
        "article:published_time",
        "og:release_date",
        "publishdate",
        "pubdate",
        "publish_date",
        "publishtime",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
    }
)
_DATE_CLASSES = ("time", "date", "info", "pub", "source")


def page_date(doc: Document) -> dt.date | None:
    """When a single article page says it was published (+08:00 calendar date)."""
    tree = doc.tree
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and (date := edition_date(meta.get("content"))) is not None:
            return date
    for stamp in tree.iter("time"):
        if (date := edition_date(stamp.get("datetime") or element_text(stamp))) is not None:
            return date
    if (date := url_date(doc.url)) is not None:
        return date
    for element in tree.iter():
        classes = (element.get("class") or "").lower() if isinstance(element.tag, str) else ""
        if any(name in classes for name in _DATE_CLASSES):
            text = element_text(element)
            if len(text) < 80 and (date := edition_date(text)) is not None:
                return date
    return None


def _site_name(doc: Document) -> str | None:
    for meta in doc.tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:site_name",):
            return meta.get("content") or None
    title = element_text(doc.tree.find(".//title"))
    match = _SITE_SUFFIX.search(title)
    return match[0].strip(" _|—-") or None if match else None


__all__ = ["ArticlePage", "densest_block", "extract_paragraphs", "parse_any_article"]
