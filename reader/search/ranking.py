"""How a bm25 query is ranked at scale: the window, and when recency replaces bm25.

FTS5 computes bm25 for every match it is asked to order, and before the first
one it counts each phrase's matches in the whole table (the IDF). Both costs grow
with the archive; the two rules here keep a first page in milliseconds at a
million articles and say what they did (``SearchResult.bm25_window``, ``.common``).
"""

from __future__ import annotations

import sqlite3

from reader.search.query import Query
from reader.search.tokens import Segment, fts_quote

#: bm25 is computed for every match, so a term found in most of a big archive
#: would cost a full doclist scan per keystroke. Above this many matches, bm25
#: ranks the newest ``BM25_WINDOW`` matches; older ones follow, newest first.
#: (500, not 2,000: FTS5 scores each row; at 1M articles this alone took the
#: 2/3/4-character p95 from 17/42/62 ms to 10/29/48 ms.)
BM25_WINDOW = 500
#: A query whose every term holds a bigram (or word) found in this share or more
#: of the newest articles is ranked by recency, not bm25 (``SearchResult.common``).
#: Such a word says little about relevance (its IDF is ≤ log 3; above one half it
#: is ≤ 0, which FTS5 clamps to ~0), and FTS5's bm25 first counts the term's
#: matches over that word's whole doclist to compute the IDF — most of the
#: archive, per keystroke: 20–300 ms at a million articles for 总统, 副总统期,
#: whatever the window. At 1M (synthetic archive, 总统/台湾 in 95–99% of
#: articles) this ranks 26% of 2-character, 40% of 3- and 47% of 4-character
#: title words by recency (11-18 ms p95 for all, from 42-65 ms); an archive of
#: fewer than BM25_WINDOW articles never is.
COMMON_SHARE = 0.25


def page(
    db: sqlite3.Connection, sql: str, params: list[object], offset: int, limit: int
) -> list[int]:
    """Rowids of one page of ``sql`` (a SELECT of one column)."""
    return [r[0] for r in db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])]


def _tokens(segment: Segment) -> list[str]:
    """The ``bi`` tokens of one query segment (none for a single CJK character)."""
    if segment.kind == "word":
        return [segment.text]
    text = segment.text
    return [text[i : i + 2] for i in range(len(text) - 1)]


def is_common(db: sqlite3.Connection, query: Query) -> bool:
    """Does every term that the bigram table answers hold a bigram (or word) found
    in COMMON_SHARE or more of the newest articles?

    "Newest" is the newest BM25_WINDOW / COMMON_SHARE articles (their rowid range
    is found in ``bi_docsize``, FTS5's small row per article); each token is
    searched in that range only, and never past the number that decides it. Such
    a query's bm25 would need FTS5 to count its phrase over that token's whole
    doclist, most of the archive (its IDF), before ranking anything.
    """
    newest = int(BM25_WINDOW / COMMON_SHARE)
    row = db.execute(
        "SELECT id FROM bi_docsize ORDER BY id DESC LIMIT 1 OFFSET ?", (newest - 1,)
    ).fetchone()
    since = row[0] if row else -(1 << 63)
    seen: dict[str, bool] = {}

    def common(token: str) -> bool:
        if token not in seen:
            sql = "SELECT count(*) FROM (SELECT 1 FROM bi WHERE bi MATCH ? AND rowid >= ? LIMIT ?)"
            found = db.execute(sql, (fts_quote(token), since, BM25_WINDOW)).fetchone()[0]
            seen[token] = found >= BM25_WINDOW
        return seen[token]

    tokens = [[t for seg in term.segments for t in _tokens(seg)] for term in query.terms]
    tokens = [ts for ts in tokens if ts]
    return bool(tokens) and all(any(common(t) for t in ts) for ts in tokens)


def bm25_page(
    db: sqlite3.Connection,
    body: str,
    order: str,
    params: list[object],
    key: str,
    offset: int,
    limit: int,
) -> tuple[list[int], int | None]:
    """A page ranked by bm25 over the newest BM25_WINDOW matches, older ones after
    them newest first; and the window, when there were more matches than it.

    One walk of the matches, newest first, reads each one's bm25 (``rank``) as it
    goes: FTS5 then scans the doclists once for the matches and once for the IDF,
    instead of a walk to find the window and then a ranked query over it.
    """
    rows = db.execute(
        f"SELECT {key}, {order} FROM {body} ORDER BY {key} DESC LIMIT ?",
        [*params, BM25_WINDOW + 1],
    ).fetchall()
    # Best (most negative) bm25 first; equal scores newest first.
    ranked = [docid for docid, _ in sorted(rows[:BM25_WINDOW], key=lambda r: (r[1], -r[0]))]
    ids = ranked[offset : offset + limit]
    if len(rows) <= BM25_WINDOW:
        return ids, None
    if len(ids) < limit:
        sql = f"SELECT {key} FROM {body} AND {key} < ? ORDER BY {key} DESC"
        boundary = rows[BM25_WINDOW - 1][0]
        rest = max(0, offset - BM25_WINDOW)
        ids += page(db, sql, [*params, boundary], rest, limit - len(ids))
    return ids, BM25_WINDOW


__all__ = ["BM25_WINDOW", "COMMON_SHARE", "bm25_page", "is_common", "page"]
