"""Schema 2: url, source, extra and the page's PDF, kept through every path.

Written and read back (YAML), stored in and read from the index, exported as JSON
and text, imported from JSON Lines; schema-1 files still read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.importer.jsonl import import_records, parse_record
from reader.model import Article, Page, PageRef
from reader.search.records import decode_article, encode_article
from reader.store.loader import ContentError, load_content, parse_page
from reader.store.plaintext import article_as_json, article_as_text
from reader.store.writer import page_to_yaml

REF = PageRef(
    paper="人民日报", date=dt.date(2024, 5, 9), number=4, name="要闻", pdf="https://x.cn/04.pdf"
)
EXTRA = {
    "date_roc": "民國113年5月9日",
    "tags": ["两会", 2024, None, True, 1.5],
    "nested": {"a": {"b": ["c"]}, "when": "2024-05-09", "yes": "yes", "num": "007"},
}


def _article(**changes: object) -> Article:
    values: dict[str, object] = {
        "id": "a-1",
        "title": "标题",
        "paragraphs": ("第一段。",),
        "page": REF,
        "url": "http://paper.people.com.cn/rmrb/html/2024-05/09/nw.D110000renmrb_20240509_1-04.htm",
        "source": "来源：新华社",
        "extra": EXTRA,
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


def test_article_stays_frozen_and_hashable() -> None:
    article = _article()
    assert hash(article) == hash(_article())
    assert article == _article()
    with pytest.raises(TypeError):
        article.extra["tags"] = []  # type: ignore[index]
    assert article.extra_data() == EXTRA
    copy = article.extra_data()
    copy["tags"].append("x")
    assert article.extra_data() == EXTRA  # a copy: the article never changes


def test_yaml_round_trip_keeps_every_field() -> None:
    page = Page(REF, (_article(), _article(id="a-2", url=None, source=None, extra={})))
    text = page_to_yaml(page)
    assert text.startswith("schema: 2\n")
    assert "pdf: https://x.cn/04.pdf" in text
    loaded = parse_page(text, Path("p.yaml"))
    assert loaded == page
    assert loaded.articles[0].extra_data() == EXTRA
    assert loaded.articles[0].page.pdf == REF.pdf


def test_schema_1_files_still_read_and_may_not_use_new_fields() -> None:
    v1 = (
        "schema: 1\npaper: 报\ndate: 2024-01-01\npage: {number: 1, name: null}\n"
        "articles:\n  - {id: ok, title: 好, paragraphs: [正文]}\n"
    )
    page = parse_page(v1, Path("v1.yaml"))
    assert page.articles[0].url is None and page.articles[0].extra == {}
    with pytest.raises(ContentError) as caught:
        parse_page(v1.replace("paragraphs:", "url: http://x, paragraphs:"), Path("v1.yaml"))
    assert "needs 'schema: 2'" in caught.value.problems[0].message
    with pytest.raises(ContentError):
        parse_page(v1.replace("schema: 1", "schema: 1\npdf: x.pdf"), Path("v1.yaml"))


def test_extra_must_be_a_mapping_and_not_too_deep() -> None:
    base = (
        "schema: 2\npaper: 报\ndate: 2024-01-01\npage: {number: 1, name: null}\n"
        "articles:\n  - {id: ok, title: 好, paragraphs: [正文], extra: EXTRA}\n"
    )
    with pytest.raises(ContentError) as caught:
        parse_page(base.replace("EXTRA", "[1, 2]"), Path("p.yaml"))
    assert "extra must be a mapping" in caught.value.problems[0].message
    deep = "{a: " * 100 + "1" + "}" * 100
    with pytest.raises(ContentError) as caught:
        parse_page(base.replace("EXTRA", deep), Path("p.yaml"))
    assert "nested more than" in caught.value.problems[0].message
    # A date written without quotes by hand stays its text (JSON has no dates).
    page = parse_page(base.replace("EXTRA", "{d: 2024-01-01, n: 0x10}"), Path("p.yaml"))
    assert page.articles[0].extra_data() == {"d": "2024-01-01", "n": 16}


def test_index_blob_round_trip() -> None:
    article = _article()
    assert decode_article(encode_article(article)) == article
    plain = _article(url=None, source=None, extra={}, page=PageRef(paper="报"))
    assert decode_article(encode_article(plain)) == plain


def test_export_json_and_text_show_the_new_fields() -> None:
    data = article_as_json(_article())
    assert data["url"].startswith("http://paper.people.com.cn/")  # type: ignore[union-attr]
    assert (data["source"], data["page_name"], data["page_pdf"]) == (
        "来源：新华社",
        "要闻",
        "https://x.cn/04.pdf",
    )
    assert json.loads(json.dumps(data["extra"], ensure_ascii=False)) == EXTRA
    text = article_as_text(_article())
    assert "来源：新华社" in text and "nw.D110000renmrb_20240509_1-04.htm" in text
    assert "https://x.cn/04.pdf" in text


def test_jsonl_keeps_every_input_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = {
        "title": "标题",
        "date": "2024-05-09T08:00:00+08:00",
        "paragraphs": ["第一段。"],
        "page": 4,
        "pdf": "https://x.cn/04.pdf",
        "url": "http://x.cn/a.htm",
        "source": "新华社",
        **EXTRA,
    }
    article = parse_record(record, paper="人民日报")
    assert (article.url, article.source, article.page.pdf) == (
        "http://x.cn/a.htm",
        "新华社",
        "https://x.cn/04.pdf",
    )
    assert article.extra_data() == {**EXTRA, "date": "2024-05-09T08:00:00+08:00"}
    import_records([record], tmp_path, paper="人民日报")
    result = load_content(tmp_path)
    assert not result.problems
    assert main(["export", "--content", str(tmp_path)]) == 0
    (exported,) = json.loads(capsys.readouterr().out)["articles"]
    for key in ("url", "source"):
        assert exported[key] == record[key]
    assert exported["page_pdf"] == record["pdf"]
    assert exported["extra"] == {**EXTRA, "date": record["date"]}
