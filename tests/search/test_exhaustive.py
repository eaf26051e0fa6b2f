"""Every short query over a small alphabet finds exactly the articles holding it.

The index answers 1-character queries from unigrams, 2 from bigrams and more
from bigram phrases that must not cross punctuation; a brute-force substring
search over the folded fields is the reference.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import pytest

from reader.model import Article, Page, PageRef
from reader.search.engine import search
from reader.search.fold import fold
from reader.search.index import Index

ALPHABET = "干部隊伍党"  # 隊 is traditional: folds to 队
FOLDED_ALPHABET = fold(ALPHABET)


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET + "，。 ") for _ in range(rng.randint(0, 30)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    rng = random.Random(1)
    tmp: Path = tmp_path_factory.mktemp("exhaustive")
    pages = []
    for n in range(60):
        ref = PageRef("报", dt.date(2020, 1, 1) + dt.timedelta(days=n), 1)
        article = Article(
            id=f"x{n}",
            title=_random_text(rng),
            paragraphs=tuple(_random_text(rng) for _ in range(rng.randint(0, 3))),
            page=ref,
        )
        pages.append((f"p{n}.yaml", Page(ref, (article,))))
    index = Index(tmp / "content", cache_dir=tmp / "cache")
    index.ingest(pages)
    fields = {
        page.articles[0].id: [
            fold(t) for t in (page.articles[0].title, *page.articles[0].paragraphs)
        ]
        for _, page in pages
    }
    yield index, fields
    index.close()


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_every_query_matches_brute_force(corpus, length: int) -> None:
    index, fields = corpus
    for chars in itertools.product(FOLDED_ALPHABET, repeat=length):
        needle = "".join(chars)
        expected = {aid for aid, texts in fields.items() if any(needle in t for t in texts)}
        result = search(index, needle, limit=1000)
        assert {h.id for h in result.hits} == expected, needle
        assert result.total == len(expected), needle


def test_exclusions_match_brute_force(corpus) -> None:
    index, fields = corpus
    for a, b in itertools.product(["干", "干部", "部队伍"], ["党", "队伍", "伍党干"]):
        expected = {
            aid
            for aid, texts in fields.items()
            if any(a in t for t in texts) and not any(b in t for t in texts)
        }
        result = search(index, f"{a} -{b}", limit=1000)
        assert {h.id for h in result.hits} == expected, (a, b)
