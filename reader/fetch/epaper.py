"""What every e-paper template shares: page lists, article lists, dates, PDFs.

An edition is a set of page files, each listing every page of the day
(``01版：要闻`` links) and its own articles. Templates differ in markup, not
in this structure, so it is read from the structure: page links are found by
their 版 labels, article links by their URL shape, PDF links by ``.pdf``, the
date by the URL's date folders. An edition for another date is found by
rewriting the date in a page URL, since real sites publish no listing.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import lxml.html

from reader.fetch.client import FetchError
from reader.fetch.html import Link, absolute, element_text, links
from reader.fetch.items import Printed, finish
from reader.fetch.sources import Document, Failure, Job, Stopped
from reader.model import Article, PageRef
from reader.pdf import PdfProblem, import_pdf_bytes

#: ``01版：要闻``, ``第01版：要闻``, ``A01版``, ``第 3 版 时政`` → number, name.
PAGE_LABEL = re.compile(
    r"^\s*第?\s*(?P<letter>[A-Za-z]?)0*(?P<number>\d{1,3})\s*版\s*[：:·\-\s]?\s*(?P<name>.*?)\s*$"
)
#: Article pages: content_123.html, content_18801.htm?div=-1, nw.D110000…htm, article/….
ARTICLE_PATH = re.compile(
    r"(?:^|/)(?:content|article|detail|nw\.)[^/]*\.(?:s?html?|php|aspx?|jsp)$"
    r"|/(?:content|article)s?/[^/]+\.(?:s?html?|php|aspx?|jsp)$",
    re.I,
)
#: Lines in an article list that are credits for the page, not articles.
PAGE_CREDITS = re.compile(r"^\s*(本版)?(责编|责任编辑|编辑|版式|美编|校对|组版|图片编辑)")
#: Date folders in e-paper URLs, most specific first. Each keeps its own format.
_URL_DATES: tuple[tuple[re.Pattern[str], Callable[[dt.date], str]], ...] = (
    (re.compile(r"(?<!\d)(\d{4})(\d{2})/(\d{2})(?!\d)"), lambda d: f"{d:%Y%m}/{d:%d}"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})/(\d{2})(?!\d)"), lambda d: f"{d:%Y-%m}/{d:%d}"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), lambda d: d.isoformat()),
    (re.compile(r"(?<!\d)(\d{4})/(\d{2})/(\d{2})(?!\d)"), lambda d: f"{d:%Y/%m/%d}"),
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"), lambda d: f"{d:%Y%m%d}"),
)
_PRINTED_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PAPER_SUFFIXES = re.compile(r"(电子版|数字报刊?|数字版|电子报|数字报刊平台|e-?paper)\s*$", re.I)
_TITLE_SPLIT = re.compile(r"\s*(?:--|—|–|_|\||-|·)\s*")


@dataclass(frozen=True, slots=True)
class PageEntry:
    """One page in an edition's page list."""

    number: int
    name: str | None
    url: str
    pdf: str | None


def url_date(url: str) -> dt.date | None:
    """The edition date written in a URL's path, if any."""
    path = urllib.parse.urlsplit(url).path
    for pattern, _format in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def with_date(url: str, date: dt.date) -> str | None:
    """``url`` with its date folders rewritten to ``date``; None if it has none."""
    parts = urllib.parse.urlsplit(url)
    for pattern, format_date in _URL_DATES:
        for match in pattern.finditer(parts.path):
            try:
                dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            path = parts.path[: match.start()] + format_date(date) + parts.path[match.end() :]
            return urllib.parse.urlunsplit(parts._replace(path=path))
    return None


def printed_date(doc: Document) -> dt.date | None:
    """The first ``YYYY年MM月DD日`` printed on a page."""
    match = _PRINTED_DATE.search(str(doc.tree.text_content()))
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def paper_from_title(doc: Document) -> str | None:
    """The paper's name from a page title: ``北疆晨报电子版``, ``标题--北疆晨报`` → 北疆晨报."""
    title = element_text(doc.tree.find(".//title"))
    parts = [_PAPER_SUFFIXES.sub("", p).strip() for p in _TITLE_SPLIT.split(title)]
    parts = [p for p in parts if p]
    named = [p for p in parts if p.endswith(("报", "刊", "新闻", "周刊", "時報", "日報"))]
    chosen = named or parts
    return chosen[-1] if chosen else None


def _is_pdf(link: Link) -> bool:
    return urllib.parse.urlsplit(link.url).path.lower().endswith(".pdf")


def _row_of(link: Link, labelled: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The nearest ancestor that holds this page label and no other."""
    row = None
    for ancestor in link.element.iterancestors():
        inside = sum(1 for a in ancestor.iter("a") if a in labelled)
        if inside > 1:
            break
        row = ancestor
    return row


def page_list(doc: Document) -> list[PageEntry]:
    """Every page of the edition as ``doc`` lists it, in page order.

    Papers with lettered sections (A01, A02 … B01) number their pages by their
    place in the list, and keep the printed label in the name (``A01 要闻``),
    so that A01 and B01 stay two pages.
    """
    all_links = links(doc.tree, doc.final_url)
    labelled: dict[lxml.html.HtmlElement, tuple[Link, re.Match[str]]] = {}
    for link in all_links:
        match = PAGE_LABEL.match(link.text)
        if match and not _is_pdf(link) and not ARTICLE_PATH.search(_path(link.url)):
            labelled[link.element] = (link, match)
    found: dict[str, tuple[re.Match[str], str | None]] = {}
    for position, link in enumerate(all_links):
        if link.element not in labelled or link.url in found:
            continue
        match = labelled[link.element][1]
        row = _row_of(link, set(labelled))
        pdf = None
        if row is not None:
            pdf = next((other.url for other in links(row, doc.final_url) if _is_pdf(other)), None)
        else:
            # No row of its own: the PDF link that follows the label, before the next label.
            for other in all_links[position + 1 :]:
                if other.element in labelled:
                    break
                if _is_pdf(other):
                    pdf = other.url
                    break
        found[link.url] = (match, pdf)
    lettered = any(match["letter"] for match, _pdf in found.values())
    entries = []
    for place, (url, (match, pdf)) in enumerate(found.items(), start=1):
        name = match["name"] or None
        if lettered:
            label = f"{match['letter'].upper()}{int(match['number']):02d}"
            entries.append(PageEntry(place, f"{label} {name}" if name else label, url, pdf))
        else:
            entries.append(PageEntry(int(match["number"]), name, url, pdf))
    return entries if lettered else sorted(entries, key=lambda e: e.number)


def own_pdf(doc: Document, pages: list[PageEntry]) -> str | None:
    """The PDF a page file links for itself (not one in the page list's rows)."""
    listed = {p.pdf for p in pages}
    for link in links(doc.tree, doc.final_url):
        if _is_pdf(link) and link.url not in listed:
            return link.url
    return None


def _path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def _image_map_links(doc: Document) -> list[Link]:
    """``<area href>`` of a page scan's image map, as links (text: the area's alt)."""
    found = []
    for area in doc.tree.iter("area"):
        href = (area.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:")):
            found.append(Link(absolute(doc.final_url, href), href, area.get("alt") or "", area))
    return found


def article_links(doc: Document) -> list[Link]:
    """The page's articles in the order its list prints them (each once).

    The title list decides the order; a page that has only an image map gives
    its areas. When the page's date is known and article URLs carry dates,
    links into other editions (a "related" box, yesterday's front page) are
    left out.
    """
    edition = url_date(doc.final_url)

    def this_edition(link: Link) -> bool:
        if not ARTICLE_PATH.search(_path(link.url)) or PAGE_LABEL.match(link.text):
            return False
        dated = url_date(link.url) if edition is not None else None
        return dated is None or dated == edition

    candidates = [link for link in links(doc.tree, doc.final_url) if this_edition(link)]
    if not candidates:
        candidates = [link for link in _image_map_links(doc) if this_edition(link)]
    seen: set[str] = set()
    found = []
    for link in candidates:
        if PAGE_CREDITS.match(link.text) or link.url in seen:
            continue
        seen.add(link.url)
        found.append(link)
    return found


def is_edition_page(doc: Document) -> bool:
    """A page file of an e-paper: a 版 list and at least one article link."""
    return bool(page_list(doc)) and bool(article_links(doc))


#: An article parser: the document → what it prints, or None if not its template.
ArticleParser = Callable[[Document], "tuple[Printed, str | None] | None"]


class EditionCrawler:
    """Crawls whole editions; templates supply how to read one article page."""

    family = "epaper"

    def __init__(self, fallbacks: tuple[ArticleParser, ...] = ()) -> None:
        #: Other parsers to try on an article page that is not in this template
        #: (given by ``reader.fetch.crawl``, which knows every template: no
        #: template module imports another).
        self.fallbacks = fallbacks

    def parse_article(self, doc: Document) -> tuple[Printed, str | None] | None:
        """``(printed parts, paper name printed on the page)``, or None."""
        raise NotImplementedError

    def collect(self, doc: Document, job: Job) -> Iterator[Article | Failure]:
        """Every article of the edition ``doc`` belongs to (or of each date in the job)."""
        if not job.dates:
            yield from self._edition(doc, job)
            return
        first = page_list(doc)[0].url if page_list(doc) else doc.final_url
        for date in job.dates:
            if url_date(doc.final_url) == date:
                yield from self._edition(doc, job)
                continue
            target = with_date(first, date)
            if target is None:
                yield Failure(doc.url, f"no date in the page URLs: cannot find the {date} edition")
                return
            try:
                start = job.get(target)
            except FetchError as error:
                reason = "no edition on this date" if error.status == 404 else error.reason
                job.notes.append(f"{date}: {reason} ({target})")
                continue
            yield from self._edition(start, job)

    def _edition(self, doc: Document, job: Job) -> Iterator[Article | Failure]:
        """The edition's articles, page by page (each page yielded once it is read)."""
        pages = page_list(doc)
        date = url_date(doc.final_url) or printed_date(doc)
        paper = job.paper or paper_from_title(doc)
        # The name the article pages print (《 北疆晨报 》) beats one read from a title.
        paper_fixed = bool(job.paper)
        for entry in pages:
            job.tell(f"{paper or ''} {date or ''} 第{entry.number}版 {entry.name or ''}".strip())
            try:
                page_doc = doc if entry.url == doc.final_url else job.get(entry.url)
            except FetchError as error:
                yield Failure(entry.url, error.reason)
                continue
            page = PageRef(
                paper=paper,
                date=url_date(page_doc.final_url) or date,
                number=entry.number,
                name=entry.name,
                pdf=entry.pdf or own_pdf(page_doc, pages),
            )
            articles: list[Article] = []
            listed = article_links(page_doc)
            if not listed and page.pdf:
                # A page that lists no article pages but links its print PDF:
                # its text comes from the PDF's text layer (reader.pdf).
                yield from _pdf_page(page, job)
                continue
            for link in listed:
                result = self._article(link.url, page, job)
                if isinstance(result, Failure):
                    yield result
                    continue
                article, printed_paper = result
                if printed_paper and not paper_fixed:
                    paper, paper_fixed = printed_paper, True
                    page = replace(page, paper=paper)
                    articles = [replace(a, page=page) for a in articles]
                    article = replace(article, page=page)
                articles.append(article)
            yield from articles

    def _article(self, url: str, page: PageRef, job: Job) -> tuple[Article, str | None] | Failure:
        try:
            doc = job.get(url)
            for parse in (self.parse_article, *self.fallbacks):
                result = parse(doc)
                if result is not None:
                    printed, paper = result
                    break
            else:
                return Failure(url, "no article text found on the page")
        except FetchError as error:
            return Failure(url, error.reason)
        if not printed.title and not any(printed.paragraphs):
            return Failure(url, "no article text found on the page")
        return finish(printed, page, url, job.slug), paper


def _pdf_page(page: PageRef, job: Job) -> Iterator[Article | Failure]:
    """The articles of a page read from its print PDF (``page.pdf``)."""
    assert page.pdf is not None
    try:
        if job.should_stop is not None and job.should_stop():
            raise Stopped()
        data = job.client.get(page.pdf).content
        read = import_pdf_bytes(
            data,
            source=page.pdf,
            paper=page.paper,
            date=page.date,
            page_number=page.number,
            page_name=page.name,
        )
    except FetchError as error:
        yield Failure(page.pdf, error.reason)
        return
    except PdfProblem as problem:
        yield Failure(page.pdf, str(problem))
        return
    for one in read:
        for article in one.page.articles:
            yield replace(article, page=page)


__all__ = [
    "PAGE_LABEL",
    "EditionCrawler",
    "PageEntry",
    "article_links",
    "is_edition_page",
    "own_pdf",
    "page_list",
    "paper_from_title",
    "url_date",
    "with_date",
]
