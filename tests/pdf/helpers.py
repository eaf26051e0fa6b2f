"""Shared by the PDF tests: the fixture pages, and the "nothing lost" accounting."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reader.model import Article, ArticleKind
from reader.pdf import PdfPageImport

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "pdf"
EXPECTED = FIXTURES / "expected.json"
#: Marks the structure stores as fields rather than text (武川县： → kicker 武川县,
#: 本报讯（记者 …） → dateline and byline).
STRUCTURE_MARKS = frozenset("：:（）()")


def expected_pdfs() -> list[dict]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["pdfs"]


def printed_text(article: Article) -> str:
    """Every string of an article as the page prints it (brackets and colons aside)."""
    parts = [article.kicker or "", article.title, article.subtitle or "", article.dateline or ""]
    if article.kind is not ArticleKind.PHOTO:  # a photo's credit is one of its paragraphs
        parts += [f"{b.role}{b.name}" for b in article.byline]
    parts += list(article.paragraphs)
    return "".join(parts)


def ink(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def unaccounted(glyph_text: str, pages: list[PdfPageImport]) -> tuple[Counter[str], Counter[str]]:
    """(characters printed but in no article or furniture, characters invented)."""
    read = ""
    for page in pages:
        section = None
        for article in page.page.articles:
            if article.section != section and article.section is not None:
                read += article.section  # a banner is printed once, over its articles
            section = article.section
            read += printed_text(article)
    read += "".join(text for p in pages for text in p.furniture)
    glyphs, found = ink(glyph_text), ink(read)
    lost = glyphs - found
    invented = found - glyphs
    return lost, invented
