"""The search query language.

``干部 "精气神" -武川 section:党旗领航 by:云艳芳 date:2023-01-01..2023-03-31``

* words separated by spaces must all match (AND);
* ``"exact phrase"`` matches those characters in that order, spaces included;
* ``-word`` / ``-"phrase"`` excludes articles that match it;
* ``section:NAME`` — the article's section (栏目) is NAME or starts with it
  (``section:党旗`` finds 党旗领航);
* ``by:NAME`` — a name in the byline is NAME or starts with it, whatever the
  role (记者, 通讯员 …);
* ``date:2024`` (the whole year), ``date:2024-05`` (the whole month),
  ``date:2024-05-01``, or ``date:FROM..TO`` with any of those at either end
  (either end may be left open: ``date:2024-05..``).

Everything is folded (simplified/traditional, full/half width, case) before it
is compared, field values too. A malformed query raises :class:`QueryError`:
``str(error)`` is the Chinese message the reader shows, ``error.english`` the
English one (the command line prints both).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.search.fold import fold
from reader.search.tokens import Segment, segments


class QueryError(ValueError):
    """A query that cannot be understood; ``str(error)`` tells the user why, in Chinese."""

    def __init__(self, chinese: str, english: str) -> None:
        super().__init__(chinese)
        self.english = english


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
_EXAMPLES = {"section": "section:要闻", "by": "by:张三", "date": "date:2024-05"}


#: A date as typed: a year, a year and month, or a day (month and day may be one digit).
_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_DATE_HELP_ZH = "写作 2024、2024-05 或 2024-05-01，范围用 ..（如 date:2024-01..2024-03）"
_DATE_HELP_EN = "write 2024, 2024-05 or 2024-05-01; a range as FROM..TO"


def _date(text: str, whole: str, end: bool) -> dt.date:
    """The first day (or with ``end``, the last day) of the year, month or day ``text`` names."""
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            first = dt.date(year, month, 1)
            if not end:
                return first
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError:
        raise QueryError(
            f"日期“{text}”写法不对：{_DATE_HELP_ZH}",
            f"bad date {text!r} in {whole!r}: {_DATE_HELP_EN}",
        ) from None


def _dates(value: str, whole: str) -> tuple[dt.date | None, dt.date | None]:
    if ".." in value:
        start, _, end = value.partition("..")
        if not start and not end:
            raise QueryError(
                f"“{whole}”：.. 的至少一边要写日期（如 date:2024-01..）",
                f"{whole!r} needs a date on at least one side of '..'",
            )
        first = _date(start, whole, end=False) if start else None
        last = _date(end, whole, end=True) if end else None
        if first and last and first > last:
            raise QueryError(
                f"“{whole}”：结束日期早于开始日期", f"{whole!r}: the range ends before it starts"
            )
        return first, last
    return _date(value, whole, end=False), _date(value, whole, end=True)


def _term(text: str, phrase: bool) -> Term:
    folded = fold(text)
    if phrase:
        # Runs of white space in a phrase match one space: layout is not content.
        folded = " ".join(folded.split())
    found = tuple(segments(folded))
    if not found:
        what = f'"{text}"' if phrase else repr(text)
        raise QueryError(
            f"“{text}”里没有可搜索的字（要有汉字、字母或数字）",
            f"nothing to search for in {what}: it has no letters, digits or 汉字",
        )
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
        raise QueryError("查询是空的：输入要找的词", "empty query: type something to search for")
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
            raise QueryError(
                f'“{whole}”的引号没有闭合：补上后面的 "',
                f'unclosed quote in {whole!r}: add the closing "',
            )
        value = quoted if is_quoted else body
        if field is not None and field.lower() not in _FIELDS:
            # Not a filter (e.g. "COVID:19"): the whole thing is a term.
            value, field = f"{field}:{value}", None
        if field is not None:
            name = field.lower()
            if minus:
                raise QueryError(
                    f"“{whole}”：条件前不能加 - 排除",
                    f"{whole!r}: filters cannot be excluded with '-'",
                )
            if not value.strip():
                raise QueryError(
                    f"“{whole}”后面要写内容，如 {_EXAMPLES[name]}",
                    f"{whole!r} needs a value, e.g. {_EXAMPLES[name]}",
                )
            if name == "date":
                dates.append(_dates(fold(value.strip()), whole))
            elif name == "section":
                sections.append(fold(value.strip()))
            else:
                bylines.append(fold(value.strip()))
            continue
        if not value.strip():
            if is_quoted:
                raise QueryError(
                    '引号里是空的：在 "" 之间写要找的短语',
                    'empty phrase "": put words between the quotes',
                )
            raise QueryError(
                f"“{whole}”：- 后面要紧跟要排除的词（如 -会议）",
                f"{whole!r}: '-' must be followed by a word to exclude",
            )
        term = _term(value, is_quoted)
        (excludes if minus else terms).append(term)
    if len(dates) > 1:
        raise QueryError(
            "只能有一个 date: 条件（范围写作 date:起..止）",
            "give one date: filter (use date:FROM..TO for a range)",
        )
    date_from, date_to = dates[0] if dates else (None, None)
    query = Query(
        tuple(terms), tuple(excludes), tuple(sections), tuple(bylines), date_from, date_to
    )
    if not terms and not query.has_filters:
        raise QueryError(
            "只有排除的词：还要写出要找的词，如 干部 -武川",
            "only exclusions: say what to find as well, e.g. 干部 -武川",
        )
    return query


__all__ = ["Query", "QueryError", "Term", "parse_query"]
