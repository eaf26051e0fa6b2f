"""Round trip of an archive without ids that holds reprints (issue 11's "done when").

The shared corpus with its ``id`` keys removed, plus pages of our own: reprints
of corpus stories on a later page and on the same page of the same day, and
paragraphs whose words are set apart by runs of U+3000, NBSP and spaces.
import → ``check`` clean → export gives back every article's title and
paragraphs character for character (and url, date_roc); search totals equal a
brute-force count over the exported text.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.importer.jsonl import import_jsonl
from reader.search.engine import count
from reader.search.fold import fold
from reader.search.index import Index

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "tw-president-news.jsonl.gz"
PAPER = "總統府新聞"
SPACED = [
    "看人民映像\u3000\u3000品百味人生",
    "總統今天\u00a0\u00a0接見友邦訪問團",
    "兩岸關係   穩定發展",
]


def _records() -> list[dict[str, object]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    for record in records:
        del record["id"]
    extra: list[dict[str, object]] = []
    for number, record in enumerate(records[:: len(records) // 40]):
        # The front page's story again on page 4, same title and first paragraph…
        extra.append({**record, "page": 4, "url": f"{record['url']}?page=4"})
        if number % 4 == 0:  # … and sometimes twice on the same page, word for word.
            extra.append({**record, "page": 4, "url": f"{record['url']}?page=4"})
    for number, text in enumerate(SPACED):
        extra.append(
            {
                "title": f"版面{number}",
                "date": "2024-05-09",
                "page": 2,
                "paragraphs": [text, f"第二段{number}。"],
                "source": "本報訊",
            }
        )
    return records + extra


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, object]], Path]:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    tmp = tmp_path_factory.mktemp("round-trip")
    records = _records()
    source = tmp / "archive.jsonl"
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    report = import_jsonl(source, tmp / "content", paper=PAPER)
    assert report.errors == [] and report.articles == len(records)
    return records, tmp / "content"


def _key(title: object, paragraphs: object, url: object) -> str:
    return json.dumps([title, paragraphs, url], ensure_ascii=False)


def test_import_check_export_gives_back_every_article(
    archive: tuple[list[dict[str, object]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    records, content = archive
    assert main(["check", "--content", str(content)]) == 0
    capsys.readouterr()
    assert main(["export", "--content", str(content)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    exported = json.loads(captured.out)["articles"]
    assert len({a["id"] for a in exported}) == len(exported) == len(records)
    # Character for character: every title, every paragraph, every url, as a multiset.
    sent = Counter(_key(r["title"], r["paragraphs"], r.get("url")) for r in records)
    back = Counter(_key(a["title"], a["paragraphs"], a["url"]) for a in exported)
    assert back == sent
    # The keys zhpaper has no field for come back in extra, unchanged.
    assert Counter(a["extra"].get("date_roc") for a in exported) == Counter(
        r.get("date_roc") for r in records
    )
    assert sum(a["source"] == "本報訊" for a in exported) == len(SPACED)


QUERIES = [
    "總統",
    "经济",
    "两岸关系",
    "國",
    "接見",
    '"看人民映像 品百味人生"',
    '"兩岸關係 穩定發展"',
]


def test_search_totals_equal_a_brute_force_count(
    archive: tuple[list[dict[str, object]], Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    records, content = archive
    folded = [
        [re.sub(r"\s+", " ", fold(str(t))) for t in (r["title"], r.get("subtitle") or "")]
        + [re.sub(r"[^\S\n]+", " ", fold(p)) for p in r["paragraphs"]]  # type: ignore[union-attr]
        for r in records
    ]
    with Index(content, cache_dir=tmp_path_factory.mktemp("cache")) as index:
        report = index.sync()
        assert report.problems == []
        assert index.article_count() == len(records)
        for query in QUERIES:
            needle = fold(query.strip('"'))
            brute = sum(any(needle in text for text in texts) for texts in folded)
            assert count(index, query) == brute, query
            assert brute > 0, query
