"""The search query language.

``干部 "精气神" -武川 section:党旗领航 by:云艳芳 date:2023-01-01..2023-03-31``

* words separated by spaces must all match (AND);
* ``"exact phrase"`` matches those characters in that order, spaces included;
* ``-word`` / ``-"phrase"`` excludes articles that match it;
* ``section:NAME`` — the article's section (栏目) is NAME;
* ``by:NAME`` — NAME appears in the byline, whatever the role (记者, 通讯员 …);
* ``date:YYYY-MM-DD`` or ``date:FROM..TO`` (either end may be left open).

Everything is folded (simplified/traditional, full/half width, case) before it
is compared. A malformed query raises :class:`QueryError` with a message meant
for the user.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.search.fold import fold
from reader.search.tokens import Segment, segments


class QueryError(ValueError):
    """A query that cannot be understood; ``str(error)`` tells the user why."""


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find (or exclude): a word or a quoted phrase, folded."""

    text: str  # as typed
    folded: str
    segments: tuple[Segment, ...]
    phrase: bool = False

    @property
    def exact_in_index(self) -> bool:
        """Whether an index match is already an exact match of ``folded``.

        True for a single CJK run or a single word. A term mixing several runs
        (``COVID-19疫苗``, a phrase with spaces) is matched segment by segment in
        the index and then verified against the folded text.
        """
        return len(self.segments) == 1 and self.segments[0].text == self.folded

    @property
    def single_char(self) -> bool:
        """A one-character CJK term: answered by its unigram (and ranked by recency)."""
        return self.exact_in_index and self.segments[0].kind == "cjk" and len(self.folded) == 1


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    terms: tuple[Term, ...] = ()
    excludes: tuple[Term, ...] = ()
    sections: tuple[str, ...] = ()  # folded
    bylines: tuple[str, ...] = ()  # folded
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def has_filters(self) -> bool:
        """Whether anything besides text narrows the results."""
        return bool(self.sections or self.bylines or self.date_from or self.date_to)


# A token: optional '-', optional 'field:', then a quoted string or a bare word.
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?("([^"]*)("?)|[^\s"]+|"?)')
_FIELDS = {"section", "by", "date"}


def _date(text: str, whole: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(
            f"bad date {text!r} in {whole!r}: write YYYY-MM-DD, e.g. date:2023-02-01"
        ) from None


def _dates(value: str, whole: str) -> tuple[dt.date | None, dt.date | None]:
    if ".." in value:
        start, _, end = value.partition("..")
        if not start and not end:
            raise QueryError(f"{whole!r} needs a date on at least one side of '..'")
        first = _date(start, whole) if start else None
        last = _date(end, whole) if end else None
        if first and last and first > last:
            raise QueryError(f"{whole!r}: the range ends before it starts")
        return first, last
    day = _date(value, whole)
    return day, day


def _term(text: str, phrase: bool) -> Term:
    folded = fold(text)
    if phrase:
        # Runs of white space in a phrase match one space: layout is not content.
        folded = " ".join(folded.split())
    found = tuple(segments(folded))
    if not found:
        what = f'"{text}"' if phrase else repr(text)
        raise QueryError(f"nothing to search for in {what}: it has no letters, digits or 汉字")
    return Term(text, folded, found, phrase)


def parse_query(text: str) -> Query:
    """Parse ``text`` (see the module docstring); raises :class:`QueryError`."""
    terms: list[Term] = []
    excludes: list[Term] = []
    sections: list[str] = []
    bylines: list[str] = []
    dates: list[tuple[dt.date | None, dt.date | None]] = []
    pos = 0
    stripped = text.strip()
    if not stripped:
        raise QueryError("empty query: type something to search for")
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        match = _TOKEN.match(text, pos)
        assert match is not None  # the pattern can always match the empty quote case
        minus, field, body, quoted, closing = match.groups()
        whole = match.group(0)
        pos = match.end()
        is_quoted = body.startswith('"')
        if is_quoted and (closing == "" or body == '"'):
            raise QueryError(f'unclosed quote in {whole!r}: add the closing "')
        value = quoted if is_quoted else body
        if field is not None and field.lower() not in _FIELDS:
            # Not a filter (e.g. "COVID:19"): the whole thing is a term.
            value, field = f"{field}:{value}", None
        if field is not None:
            name = field.lower()
            if minus:
                raise QueryError(f"{whole!r}: filters cannot be excluded with '-'")
            if not value.strip():
                raise QueryError(f"{whole!r} needs a value, e.g. {name}:…")
            if name == "date":
                dates.append(_dates(value.strip(), whole))
            elif name == "section":
                sections.append(fold(value.strip()))
            else:
                bylines.append(fold(value.strip()))
            continue
        if not value.strip():
            if is_quoted:
                raise QueryError('empty phrase "": put words between the quotes')
            raise QueryError(f"{whole!r}: '-' must be followed by a word to exclude")
        term = _term(value, is_quoted)
        (excludes if minus else terms).append(term)
    if len(dates) > 1:
        raise QueryError("give one date: filter (use date:FROM..TO for a range)")
    date_from, date_to = dates[0] if dates else (None, None)
    query = Query(
        tuple(terms), tuple(excludes), tuple(sections), tuple(bylines), date_from, date_to
    )
    if not terms and not query.has_filters:
        raise QueryError("only exclusions: say what to find as well, e.g. 干部 -武川")
    return query


__all__ = ["Query", "QueryError", "Term", "parse_query"]
