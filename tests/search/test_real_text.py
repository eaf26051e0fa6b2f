"""Search over real text: the bundled page and the shared Traditional-Chinese corpus."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from reader.model import Article, Page, PageRef
from reader.search.engine import search
from reader.search.fold import fold
from reader.search.index import Index
from reader.store.locate import bundled_content_dir

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "tw-president-news.jsonl.gz"


def test_bundled_page(tmp_path: Path) -> None:
    content = bundled_content_dir()
    if not any(content.rglob("*.yaml")):
        pytest.skip("the bundled content has no pages yet")
    with Index(content, cache_dir=tmp_path) as index:
        assert not index.sync().problems
        simplified = search(index, "干部")
        assert simplified.total > 0 and simplified.ranking == "bm25"
        assert search(index, "幹部").total == simplified.total  # traditional query
        for hit in simplified.hits:
            assert hit.snippet_spans
            assert all(fold(hit.snippet[a:b]) == "干部" for a, b in hit.snippet_spans)
        one = search(index, "党")
        assert one.total > 0 and one.ranking == "recency"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    if not CORPUS.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    pages = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= 300:
                break
            record = json.loads(line)
            ref = PageRef("總統府新聞", dt.date.fromisoformat(record["date"]), 1, None)
            article = Article(
                id=f"tw{record['id']}",
                title=record["title"],
                paragraphs=tuple(record["paragraphs"]),
                page=ref,
            )
            pages.append((f"tw/{record['id']}.yaml", Page(ref, (article,))))
    tmp = tmp_path_factory.mktemp("corpus")
    index = Index(tmp / "content", cache_dir=tmp / "cache")
    index.ingest(pages)
    folded = {
        p.articles[0].id: [fold(t) for t in (p.articles[0].title, *p.articles[0].paragraphs)]
        for _, p in pages
    }
    yield index, folded
    index.close()


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("总统", "總統"), ("经济", "經濟"), ("两岸关系", "兩岸關係"), ("国", "國"), ("台湾", "臺灣")],
)
def test_simplified_and_traditional_find_the_same(
    corpus, simplified: str, traditional: str
) -> None:
    index, folded = corpus
    needle = fold(simplified)
    expected = sum(1 for texts in folded.values() if any(needle in t for t in texts))
    assert expected > 0
    assert search(index, simplified).total == search(index, traditional).total == expected


def test_full_width_digits_and_latin(corpus) -> None:
    index, folded = corpus
    words = sorted(
        {w for texts in folded.values() for t in texts for w in re.findall(r"[a-z]{4,}", t)}
    )
    if not words:
        pytest.skip("no Latin words in this slice of the corpus")
    word = words[0]
    wide = "".join(chr(ord(c) - 0x20 + 0xFF00) for c in word.upper())  # ＡＢＣ
    assert search(index, wide).total == search(index, word).total > 0
