"""Real text for benchmarks: the seed page and the shared Taiwanese corpus.

Nothing here is copied into the project: both are read from ../shared/ at run time.
The corpus is credited as 資料來源：中華民國總統府 (see shared/corpus/SOURCE.md).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEED = SHARED / "seed" / "000_f7f43db65705d640.txt"
CORPUS = SHARED / "corpus" / "tw-president-news.jsonl.gz"

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


@dataclass(frozen=True)
class TextPool:
    """Real titles, paragraphs and sentences to draw realistic articles from."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]


def corpus_records() -> Iterator[dict]:
    """The corpus articles as dicts (id, date, title, subtitle, paragraphs …)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def load_pool(max_articles: int | None = None) -> TextPool:
    """Titles, paragraphs and sentences from the corpus and the seed page."""
    titles: list[str] = []
    paragraphs: list[str] = []
    for index, record in enumerate(corpus_records()):
        if max_articles is not None and index >= max_articles:
            break
        titles.append(record["title"].strip())
        paragraphs.extend(p.strip() for p in record["paragraphs"] if p.strip())
    seed_blocks = [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    for block in seed_blocks:
        if len(block) >= 40:
            paragraphs.append(block)
        elif 6 <= len(block) <= 30:
            titles.append(block.rstrip("：:"))
    sentences = [s for p in paragraphs for s in _SENTENCE.findall(p) if len(s) >= 8]
    return TextPool(tuple(titles), tuple(paragraphs), tuple(sentences))
