"""Articles as index rows: what is stored, what is tokenized, and back again."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass

from reader.model import NO_EXTRA, Article, ArticleKind, Byline, PageRef
from reader.search.fold import fold
from reader.search.tokens import bigram_text, unigram_text

#: Separates byline names in the folded ``bynames`` column (``by:`` filter).
NAME_SEP = "\x1f"


def head_fields(article: Article) -> list[str]:
    """The fields that weigh most in ranking, in reading order."""
    return [t for t in (article.kicker, article.title, article.subtitle) if t]


def body_fields(article: Article) -> list[str]:
    """Everything else a reader can search for: dateline, byline names, body."""
    fields = [article.dateline] if article.dateline else []
    fields.extend(b.name for b in article.byline if b.name)
    fields.extend(article.paragraphs)
    return fields


@dataclass(frozen=True, slots=True)
class Tokens:
    """The token text of one article for each FTS column."""

    uni: str
    head: str
    body: str


def article_tokens(article: Article) -> Tokens:
    """Fold and tokenize one article (deterministic: deletion re-derives it)."""
    head = [fold(t) for t in head_fields(article)]
    body = [fold(t) for t in body_fields(article)]
    return Tokens(unigram_text(head + body), bigram_text(head), bigram_text(body))


def encode_article(article: Article) -> bytes:
    """The whole article, compact and compressed: opening an article reads one row."""
    ref = article.page
    data: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "paragraphs": list(article.paragraphs),
        "kind": article.kind.value,
        "section": article.section,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "dateline": article.dateline,
        "byline": [[b.role, b.name] for b in article.byline],
        "page": [ref.paper, ref.date.isoformat() if ref.date else None, ref.number, ref.name],
    }
    if ref.pdf is not None:
        data["pdf"] = ref.pdf
    data.update(article.provenance())
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return zlib.compress(raw, 3)  # level 3: 20% faster than 6, 1% larger


def decode_article(blob: bytes) -> Article:
    """Inverse of :func:`encode_article`."""
    data = json.loads(zlib.decompress(blob))
    paper, date, number, name = data["page"]
    return Article(
        id=data["id"],
        title=data["title"],
        paragraphs=tuple(data["paragraphs"]),
        kind=ArticleKind(data["kind"]),
        section=data["section"],
        kicker=data["kicker"],
        subtitle=data["subtitle"],
        dateline=data["dateline"],
        byline=tuple(Byline(role, nm) for role, nm in data["byline"]),
        page=PageRef(
            paper, dt.date.fromisoformat(date) if date else None, number, name, data.get("pdf")
        ),
        url=data.get("url"),
        source=data.get("source"),
        extra=data.get("extra") or NO_EXTRA,
    )


def folded_names(article: Article) -> str:
    """Byline names, folded, each wrapped in :data:`NAME_SEP` for an exact ``instr``."""
    names = [fold(b.name) for b in article.byline if b.name]
    return NAME_SEP + NAME_SEP.join(names) + NAME_SEP if names else ""


def date_key(date: dt.date | None) -> int:
    """The high bits of an article's rowid: its date, so rowid order is recency."""
    return (date.toordinal() if date else 0) << 20


__all__ = [
    "NAME_SEP",
    "Tokens",
    "article_tokens",
    "body_fields",
    "date_key",
    "decode_article",
    "encode_article",
    "folded_names",
    "head_fields",
]
