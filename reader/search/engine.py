"""Running a query against the index: ranked hits, exact totals, snippets, highlights.

Plan (see :mod:`reader.search.tokens` for the tables):

* only one-character terms (or only filters) → **recency**: FTS5 walks the
  unigram doclist newest first (rowids are date-keyed) and stops after one page;
* otherwise → **bm25** over the bigram/word table, title fields weighted up;
  over the newest BM25_WINDOW matches when there are more; but by **recency**
  when every term holds a bigram (or word) found in COMMON_SHARE or more of the
  newest articles (``SearchResult.common``; see :mod:`reader.search.ranking`);
* the total is always exact: ``count(*)`` over the same match;
* a term the index cannot match exactly (several runs in one term, a phrase
  with spaces) narrows candidates by its segments, then every candidate is
  verified against its folded text (slower, still exact).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.search.fold import fold, fold_with_map, map_span
from reader.search.index import Index
from reader.search.query import Query, Term, parse_query
from reader.search.ranking import bm25_page, is_common, page
from reader.search.records import NAME_SEP, body_fields, decode_article, head_fields
from reader.search.tokens import segment_expr

#: Characters of context in a snippet (before the match, and in all).
SNIPPET_BEFORE = 16
SNIPPET_WIDTH = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: enough to draw a row and open the article."""

    id: str
    title: str
    section: str | None
    date: dt.date | None
    snippet: str
    #: (start, end) of each match inside ``snippet``, for highlighting.
    snippet_spans: tuple[tuple[int, int], ...]
    paper: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of results for a query."""

    query: Query
    #: Exact; None when the search was asked not to count (see :func:`count`).
    total: int | None
    ranking: str  # "recency" or "bm25"
    hits: tuple[Hit, ...]
    #: Set when bm25 ranked only the newest this-many matches (see BM25_WINDOW).
    bm25_window: int | None = None
    #: Set when the query would have been bm25 but its matches are in more than
    #: COMMON_SHARE of the newest articles, so it is ranked by recency instead.
    common: bool = False


def _is_word_char(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x2E80


#: White space a phrase's space may stand for, in folded text (NFKC has already made
#: U+3000 and NBSP plain spaces): any run of it, but never a line or paragraph break.
_GAP = r"[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"


@functools.lru_cache(maxsize=256)
def _gapped(needle: str) -> re.Pattern[str] | None:
    """For a needle with spaces: a pattern where each space matches a run of spaces."""
    if " " not in needle:
        return None
    return re.compile(_GAP.join(re.escape(part) for part in needle.split(" ")))


def _raw_matches(folded: str, needle: str, start: int) -> tuple[int, int] | None:
    """The first occurrence of ``needle`` at or after ``start`` (spaces: any run)."""
    pattern = _gapped(needle)
    if pattern is None:
        found = folded.find(needle, start)
        return None if found == -1 else (found, found + len(needle))
    match = pattern.search(folded, start)
    return None if match is None else match.span()


def find_folded(folded: str, needle: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping occurrences of a folded term in folded text.

    A term that starts or ends with a Latin letter or digit must not be glued
    to more of them (the index matches words, so ``art`` does not find
    ``article``); CJK characters need no boundary. A space in the term (a
    phrase: the query keeps one space for each run) matches any run of white
    space in the text — real papers set words apart with two U+3000, two NBSP
    or several spaces — but never a line break: a phrase never spans paragraphs.
    """
    check_start = _is_word_char(needle[0])
    check_end = _is_word_char(needle[-1])
    found = _raw_matches(folded, needle, 0)
    while found is not None:
        start, end = found
        ok = not (check_start and start > 0 and _is_word_char(folded[start - 1])) and not (
            check_end and end < len(folded) and _is_word_char(folded[end])
        )
        found = _raw_matches(folded, needle, end if ok else start + 1)
        if ok:
            yield start, end


def _spans(text: str, terms: tuple[Term, ...]) -> list[tuple[int, int]]:
    """Every match of any term in ``text``, in original offsets, merged and sorted."""
    if not terms or not text:
        return []
    folded, offsets = fold_with_map(text)
    raw = sorted(
        map_span(offsets, a, b) for term in terms for a, b in find_folded(folded, term.folded)
    )
    merged: list[tuple[int, int]] = []
    for a, b in raw:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def match_spans(text: str, query: str | Query) -> list[tuple[int, int]]:
    """Where ``query``'s terms occur in ``text`` (one paragraph), for highlighting.

    Raises :class:`reader.search.query.QueryError` for a malformed query string.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    return _spans(text, parsed.terms)


def _visible(text: str) -> str:
    try:
        from reader.store.sanitize import visible_controls
    except ImportError:  # pragma: no cover - the store always has it now
        return text
    # One character in, one out: spans stay valid.
    return visible_controls(text, keep_newlines=False)


def _snippet(fields: list[str], terms: tuple[Term, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    for text in fields:
        spans = _spans(text, terms)
        if spans:
            break
    else:
        text, spans = (fields[0] if fields else ""), []
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), start + SNIPPET_WIDTH)
    start = max(0, min(start, end - SNIPPET_WIDTH))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return prefix + _visible(text[start:end]) + suffix, inside


def _verified(blob: bytes, must: list[Term], must_not: list[Term]) -> bool:
    article = decode_article(blob)
    folded = [fold(t) for t in (*head_fields(article), *body_fields(article))]

    def found(term: Term) -> bool:
        return any(next(find_folded(f, term.folded), None) for f in folded)

    return all(found(t) for t in must) and not any(found(t) for t in must_not)


def _plan(query: Query) -> tuple[str, str, list[object], str, str]:
    """(FROM … WHERE …, ORDER BY, params, ranking, docid column) selecting candidates."""
    exprs: dict[str, list[str]] = {"uni": [], "bi": []}
    for term in query.terms:
        for segment in term.segments:
            table, expr = segment_expr(segment)
            if expr not in exprs[table]:
                exprs[table].append(expr)
    conditions: list[str] = []
    params: list[object] = []
    if exprs["bi"]:
        source, key, ranking, order = "bi", "bi.rowid", "bm25", "bi.rank"
        conditions.append("bi MATCH ?")
        params.append(" AND ".join(exprs["bi"]))
        if exprs["uni"]:
            conditions.append("bi.rowid IN (SELECT rowid FROM uni WHERE uni MATCH ?)")
            params.append(" AND ".join(exprs["uni"]))
    elif exprs["uni"]:
        source, key, ranking, order = "uni", "uni.rowid", "recency", "uni.rowid DESC"
        conditions.append("uni MATCH ?")
        params.append(" AND ".join(exprs["uni"]))
    else:
        source, key, ranking, order = "articles", "a.docid", "recency", "a.docid DESC"
    for term in query.excludes:
        if term.exact_in_index:
            table, expr = segment_expr(term.segments[0])
            conditions.append(f"{key} NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(expr)
    filters: list[str] = []
    # Named things match by their start as well as whole: section:党旗 finds 党旗领航,
    # by:云艳 finds 云艳芳 (values are folded on both sides, as text is).
    for section in query.sections:
        filters.append("substr(a.section_f, 1, ?) = ?")
        params.extend((len(section), section))
    for name in query.bylines:
        filters.append("instr(a.bynames, ?) > 0")
        params.append(NAME_SEP + name)
    if query.date_from:
        filters.append("a.date >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to:
        filters.append("a.date <= ?")
        params.append(query.date_to.isoformat())
    if source == "articles":
        sql = "articles AS a"
    elif filters:
        sql = f"{source} JOIN articles AS a ON a.docid = {key}"
    else:
        sql = source
    where = " AND ".join(conditions + filters) or "1"
    return f"{sql} WHERE {where}", order, params, ranking, key


class SearchCancelled(Exception):
    """``should_cancel`` said stop (a newer query replaced this one)."""


def search(
    index: Index,
    query: str | Query,
    *,
    limit: int = 20,
    offset: int = 0,
    should_cancel: Callable[[], bool] | None = None,
    with_total: bool = True,
) -> SearchResult:
    """Search the index; raises :class:`reader.search.query.QueryError` for a bad query.

    Most queries take milliseconds. One that needs verification (a phrase with
    spaces, a term mixing scripts) reads candidate articles; it asks
    ``should_cancel()`` as it goes and raises :class:`SearchCancelled` when told.

    ``with_total=False`` returns the page without counting every match (the
    count of a word found in most of a million articles costs more than the
    page): ``total`` is then None, unless verification counted anyway. The
    reader shows the page first and the :func:`count` after it.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    body, order, params, ranking, key = _plan(parsed)
    db = index.db
    verify_must = [t for t in parsed.terms if not t.exact_in_index]
    verify_not = [t for t in parsed.excludes if not t.exact_in_index]
    window = None
    common = False
    total: int | None
    if verify_must or verify_not:
        ids, total = _verify_scan(
            db, body, order, params, key, verify_must, verify_not, offset, limit, should_cancel
        )
    else:
        total = (
            db.execute(f"SELECT count(*) FROM {body}", params).fetchone()[0] if with_total else None
        )
        if ranking == "bm25" and is_common(db, parsed):
            ranking, common = "recency", True
            order = f"{key} DESC"
        if ranking == "bm25":
            ids, window = bm25_page(db, body, order, params, key, offset, limit)
        else:
            ids = page(db, f"SELECT {key} FROM {body} ORDER BY {order}", params, offset, limit)
    hits = tuple(_hit(db, docid, parsed) for docid in ids)
    return SearchResult(parsed, total, ranking, hits, window, common)


def count(index: Index, query: str | Query) -> int:
    """The exact number of articles matching ``query`` (what ``search`` calls total)."""
    parsed = parse_query(query) if isinstance(query, str) else query
    if any(not t.exact_in_index for t in (*parsed.terms, *parsed.excludes)):
        return search(index, parsed, limit=0).total or 0
    body, _order, params, _ranking, _key = _plan(parsed)
    return index.db.execute(f"SELECT count(*) FROM {body}", params).fetchone()[0]


def _verify_scan(
    db: sqlite3.Connection,
    body: str,
    order: str,
    params: list[object],
    key: str,
    must: list[Term],
    must_not: list[Term],
    offset: int,
    limit: int,
    should_cancel: Callable[[], bool] | None,
) -> tuple[list[int], int]:
    ids: list[int] = []
    total = 0
    rows = db.execute(f"SELECT {key} FROM {body} ORDER BY {order}", params).fetchall()
    for number, (docid,) in enumerate(rows):
        if should_cancel is not None and number % 64 == 0 and should_cancel():
            raise SearchCancelled
        blob = db.execute("SELECT data FROM articles WHERE docid = ?", (docid,)).fetchone()[0]
        if _verified(blob, must, must_not):
            if offset <= total < offset + limit:
                ids.append(docid)
            total += 1
    return ids, total


def _hit(db: sqlite3.Connection, docid: int, query: Query) -> Hit:
    title, section, date, paper, blob = db.execute(
        "SELECT title, section, date, paper, data FROM articles WHERE docid = ?", (docid,)
    ).fetchone()
    article = decode_article(blob)
    snippet, spans = _snippet([*body_fields(article), *head_fields(article)], query.terms)
    return Hit(
        id=article.id,
        title=_visible(title),
        section=_visible(section) if section is not None else None,
        date=dt.date.fromisoformat(date) if date else None,
        snippet=snippet,
        snippet_spans=spans,
        paper=_visible(paper) if paper is not None else None,
    )


__all__ = [
    "Hit",
    "SearchCancelled",
    "SearchResult",
    "count",
    "find_folded",
    "match_spans",
    "search",
]
