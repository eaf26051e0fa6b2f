"""The two typeset fixture pages: every article, field by field, and nothing lost."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.pdf import import_pdf_file
from reader.pdf.extract import read_pdf_layers
from tests.pdf.helpers import EXPECTED, FIXTURES, STRUCTURE_MARKS, expected_pdfs, unaccounted

pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason="needs ../shared/fixtures/pdf")

FIELDS = ("section", "kind", "kicker", "title", "subtitle", "dateline", "paragraphs")


def _pdfs() -> list[dict]:
    return expected_pdfs() if EXPECTED.exists() else []


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda pdf: pdf["file"])
def test_every_article_field_by_field(pdf: dict) -> None:
    (imported,) = import_pdf_file(FIXTURES / pdf["file"])
    ref = imported.page.ref
    assert (ref.paper, ref.date, ref.number, ref.name) == (
        pdf["paper"],
        dt.date.fromisoformat(pdf["date"]),
        pdf["page"],
        pdf["page_name"],
    )
    got = imported.page.articles
    assert [a.title for a in got] == [e["title"] for e in pdf["articles"]]
    for article, expected in zip(got, pdf["articles"], strict=True):
        for name in FIELDS:
            value = getattr(article, name)
            value = list(value) if name == "paragraphs" else value
            assert value == expected[name], f"{expected['title']}: {name}"
        assert [{"role": b.role, "name": b.name} for b in article.byline] == expected["byline"]
        assert article.page.paper == expected["paper"]
        assert article.page.date == dt.date.fromisoformat(expected["date"])
        assert (article.page.number, article.page.name) == (expected["page"], expected["page_name"])


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda pdf: pdf["file"])
def test_paragraphs_split_by_columns_are_joined(pdf: dict) -> None:
    (imported,) = import_pdf_file(FIXTURES / pdf["file"])
    assert imported.joins == len(pdf["column_splits"])
    for split in pdf["column_splits"]:
        article = imported.page.articles[split["article"] - 1]
        paragraph = article.paragraphs[split["paragraph"] - 1]
        assert split["column_ends_with"] + split["next_column_starts_with"] in paragraph


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda pdf: pdf["file"])
def test_every_character_of_the_text_layer_is_read(pdf: dict) -> None:
    data = (FIXTURES / pdf["file"]).read_bytes()
    glyphs = "".join(g.text for layer in read_pdf_layers(data) for g in layer.glyphs)
    pages = import_pdf_file(FIXTURES / pdf["file"])
    lost, invented = unaccounted(glyphs, pages)
    assert not invented
    # Only the kicker's colon and the dateline's brackets become structure.
    assert set(lost) <= STRUCTURE_MARKS, lost
    articles = pages[0].page.articles
    assert sum(lost.values()) <= sum(
        (a.kicker is not None) + 2 * (a.dateline is not None) for a in articles
    )
    assert pages[0].furniture  # header lines are reported, not dropped
