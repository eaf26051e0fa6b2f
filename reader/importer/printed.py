"""A page printed back as plain text, in the order the importer read it.

This is the inverse the importer is held to: for any input, the printed page
has the same characters as the raw page once whitespace is ignored and the two
widths of brackets and colons are treated alike (the importer takes 武川县：'s
colon and 本报讯(…)'s brackets as structure).
"""

from __future__ import annotations

from reader.importer.lines import byline_as_printed, squash
from reader.model import ArticleKind, Page

_SAME_MARK = str.maketrans({":": "：", "(": "（", ")": "）"})


def page_as_printed(page: Page) -> str:
    """The page's text as printed: sections once, headlines, datelines, paragraphs."""
    lines: list[str] = []
    section: str | None = None
    for article in page.articles:
        if article.section is not None and article.section != section:
            lines.append(article.section)
        section = article.section
        if article.kicker is not None:
            lines.append(f"{article.kicker}：")
        if article.title:
            lines.append(article.title)
        if article.subtitle is not None:
            lines.append(article.subtitle)
        # A photo's credit is one of its paragraphs already.
        byline = byline_as_printed(article.byline) if article.kind is not ArticleKind.PHOTO else ""
        head = (article.dateline or "") + (f"({byline})" if byline else "")
        if head:
            lines.append(head)
        lines.extend(article.paragraphs)
    return "\n".join(lines)


def comparable(text: str) -> str:
    """What "nothing lost" compares: no whitespace, one width of ( ) and :."""
    return squash(text).translate(_SAME_MARK)


__all__ = ["comparable", "page_as_printed"]
