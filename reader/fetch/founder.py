"""The classic 方正 (Founder) e-paper template of many local dailies.

``index.htm`` forwards to ``html/YYYY-MM/DD/node_N.htm``; each page file has a
``<A id=pageLink>`` page list with PDF icons, an image map and a title list of
its articles (``content_N.htm?div=-1``). Article pages start with an
``<!--enpproperty …/enpproperty-->`` comment of metadata and print
``<founder-title>``, ``<founder-subtitle>``, ``<founder-author>`` and
``<founder-content>`` (the 引题 only in a plain cell above the title).
"""

from __future__ import annotations

import re

from reader.fetch.epaper import EditionCrawler, is_edition_page
from reader.fetch.html import comments, element_text
from reader.fetch.items import Printed, body_paragraphs
from reader.fetch.sources import Document

_PROPERTY = re.compile(r"<(\w+)>(.*?)</\1>", re.S)


def enpproperty(doc: Document) -> dict[str, str]:
    """The metadata of the ``enpproperty`` comment (empty if there is none)."""
    for text in comments(doc.tree):
        if text.lstrip().startswith("enpproperty"):
            return {key.lower(): value.strip() for key, value in _PROPERTY.findall(text)}
    return {}


def _kicker_above(title: object) -> str:
    """The 引题 printed in the row above ``<founder-title>`` (the property may be empty)."""
    row = getattr(title, "getparent", lambda: None)()
    while row is not None and row.tag != "tr":
        row = row.getparent()
    if row is None:
        return ""
    previous = row.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return element_text(previous) if previous is not None else ""


def parse_founder_article(doc: Document) -> tuple[Printed, str | None] | None:
    """An article page of the founder template, or None if it is not one."""
    tree = doc.tree
    content = tree.find(".//founder-content")
    meta = enpproperty(doc)
    if content is None or (not meta and tree.find(".//founder-title") is None):
        return None
    title_element = tree.find(".//founder-title")
    title = element_text(title_element) or meta.get("title", "")
    author = element_text(tree.find(".//founder-author")) or meta.get("author", "")
    subtitle = element_text(tree.find(".//founder-subtitle")) or meta.get("subtitle", "")
    kicker = meta.get("introtitle", "") or _kicker_above(title_element)
    paragraphs, images = body_paragraphs(content, doc.final_url)
    printed = Printed(
        title=title,
        paragraphs=paragraphs,
        kicker=kicker,
        subtitle=subtitle,
        author=author,
        images=images,
    )
    return printed, None


class FounderEdition(EditionCrawler):
    """Editions of the founder template."""

    family = "founder"

    def recognises(self, doc: Document) -> bool:
        if not is_edition_page(doc):
            return False
        tree = doc.tree
        return any(a.get("id") == "pageLink" for a in tree.iter("a")) or any(
            True for _ in tree.iter("area")
        )

    def parse_article(self, doc: Document) -> tuple[Printed, str | None] | None:
        return parse_founder_article(doc)


__all__ = ["FounderEdition", "enpproperty", "parse_founder_article"]
