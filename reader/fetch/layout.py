"""The "layout" e-paper template (人民日报, 光明日报, 经济日报, 河南日报 since 2024).

Page files ``pc/layout/YYYYMM/DD/node_NN.html`` list the day's pages as slides
and their own articles as a news list; article pages print ``<h3>`` (引题),
``<h1>`` (主题), ``<h2>`` (副题), an author line, a ``《 报名 》（ 日期 第 NN 版）``
line, and the body between ``<!--enpcontent-->`` markers.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from reader.fetch.epaper import EditionCrawler, is_edition_page
from reader.fetch.html import element_text
from reader.fetch.items import Printed, body_paragraphs
from reader.fetch.sources import Document

_PAPER_LINE = re.compile(r"《\s*([^》]+?)\s*》")
_AUTHOR_CLASSES = ("sec", "author", "writer", "byline")


def _body(doc: Document) -> lxml.html.HtmlElement | None:
    tree = doc.tree
    for element in tree.iter():
        if element.get("id") == "ozoom":
            return element
    for comment in tree.iter(etree.Comment):
        if str(comment.text or "").strip() == "enpcontent":
            parent = comment.getparent()
            return parent if parent is not None else None
    return None


def _sibling(heading: lxml.html.HtmlElement, tags: tuple[str, ...], before: bool) -> str:
    """The text of the nearest sibling heading with one of ``tags``, before or after."""
    siblings = heading.itersiblings(preceding=before)
    for sibling in siblings:
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in tags:
            return element_text(sibling)
        if sibling.tag in ("h1", "div") and before:
            break
    return ""


def parse_layout_article(doc: Document) -> tuple[Printed, str | None] | None:
    """An article page of the layout template, or None if it is not one."""
    body = _body(doc)
    heading = doc.tree.find(".//h1")
    if body is None or heading is None:
        return None
    parent = heading.getparent()
    author = ""
    paper = None
    if parent is not None:
        for element in parent.iter():
            classes = set((element.get("class") or "").split())
            if not author and classes & set(_AUTHOR_CLASSES):
                author = element_text(element)
            if paper is None and "date" in classes:
                match = _PAPER_LINE.search(element_text(element))
                paper = match[1] if match else None
    paragraphs, images = body_paragraphs(body, doc.final_url)
    printed = Printed(
        title=element_text(heading),
        paragraphs=paragraphs,
        kicker=_sibling(heading, ("h3",), before=True),
        subtitle=_sibling(heading, ("h2", "h4"), before=False),
        author=author,
        images=images,
    )
    return printed, paper


class LayoutEdition(EditionCrawler):
    """Editions of the layout template."""

    family = "layout"

    def recognises(self, doc: Document) -> bool:
        if not is_edition_page(doc):
            return False
        # Pages listed as slides or a news list, not as founder's pageLink table.
        return not any(a.get("id") == "pageLink" for a in doc.tree.iter("a"))

    def parse_article(self, doc: Document) -> tuple[Printed, str | None] | None:
        return parse_layout_article(doc)


__all__ = ["LayoutEdition", "parse_layout_article"]
