"""The source line: credit and url close the article, within the measure, literally."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.model import Article
from reader.typeset import TypesetOptions, set_article

URL = "https://www.president.gov.tw/NEWS/40055?lang=zh&page=1&q=verylongparameter_value_1234567890"


def _article(**fields: object) -> Article:
    return Article(id="a", title="标题", paragraphs=("第一段。", "第二段。"), **fields)  # type: ignore[arg-type]


def test_source_and_url_follow_the_body_after_a_blank_line() -> None:
    lines = set_article(_article(source="新华社", url=URL), 200)
    roles = [line.role for line in lines]
    assert roles[-4:] == ["paragraph", "blank", "source", "source"]
    assert [line.text for line in lines[-2:]] == ["来源：新华社", URL]
    assert all(line.block == -1 for line in lines[-3:])


def test_no_source_no_tail() -> None:
    assert set_article(_article(), 40)[-1].role == "paragraph"
    assert [line.text for line in set_article(_article(url=URL), 200) if line.role == "source"] == [
        URL
    ]


def test_a_long_url_folds_within_the_measure_and_keeps_its_punctuation() -> None:
    options = TypesetOptions(fullwidth_punctuation=True)
    lines = [line for line in set_article(_article(url=URL), 20, options) if line.role == "source"]
    assert len(lines) > 1
    assert all(cell_len(line.text) <= 20 for line in lines)
    assert "".join(line.text for line in lines) == URL  # ? & = : never made full-width


@settings(max_examples=60, deadline=None)
@given(
    source=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60),
    url=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200),
    width=st.integers(4, 60),
)
def test_source_lines_never_overflow(source: str, url: str, width: int) -> None:
    for line in set_article(_article(source=source, url=url), width):
        assert cell_len(line.text) <= width
