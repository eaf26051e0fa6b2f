"""The query language: a parsing table and the errors a user sees."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.search.query import QueryError, parse_query


def _view(text: str):
    q = parse_query(text)
    return (
        [(t.folded, t.phrase) for t in q.terms],
        [t.folded for t in q.excludes],
        q.sections,
        q.bylines,
        q.date_from,
        q.date_to,
    )


D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("党", ([("党", False)], [], (), (), None, None)),
        ("幹部 隊伍", ([("干部", False), ("队伍", False)], [], (), (), None, None)),
        ('"精气神 提振"', ([("精气神 提振", True)], [], (), (), None, None)),
        ('"精气神   提振"', ([("精气神 提振", True)], [], (), (), None, None)),
        ("干部 -武川", ([("干部", False)], ["武川"], (), (), None, None)),
        ('干部 -"武川县"', ([("干部", False)], ["武川县"], (), (), None, None)),
        ("section:党旗领航 干部", ([("干部", False)], [], ("党旗领航",), (), None, None)),
        ('section:"党旗 领航"', ([], [], ("党旗 领航",), (), None, None)),
        ("by:雲艷芳", ([], [], (), ("云艳芳",), None, None)),
        ("date:2023-02-01", ([], [], (), (), D(2023, 2, 1), D(2023, 2, 1))),
        (
            "x date:2023-01-01..2023-03-31",
            ([("x", False)], [], (), (), D(2023, 1, 1), D(2023, 3, 31)),
        ),
        ("x date:2023-01-01..", ([("x", False)], [], (), (), D(2023, 1, 1), None)),
        ("x date:..2023-01-01", ([("x", False)], [], (), (), None, D(2023, 1, 1))),
        ("COVID:19", ([("covid:19", False)], [], (), (), None, None)),
        ("ＳＥＣＴＩＯＮ", ([("section", False)], [], (), (), None, None)),
        ("Section:要闻", ([], [], ("要闻",), (), None, None)),
    ],
)
def test_parse(text: str, expected) -> None:
    assert _view(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"干部', "unclosed quote"),
        ('干部 "', "unclosed quote"),
        ('""', "empty phrase"),
        ("-", "must be followed"),
        ("-干部", "only exclusions"),
        ("date:2023-13-01", "bad date"),
        ("date:yesterday", "bad date"),
        ("date:2023-02-01..2023-01-01", "ends before it starts"),
        ("date:..", "at least one side"),
        ("section:", "needs a value"),
        ("-section:要闻", "cannot be excluded"),
        ("date:2023-01-01 date:2023-02-01", "one date"),
        ("，。", "nothing to search for"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text)


def test_term_kinds() -> None:
    one, two, mixed = parse_query("党 干部 covid-19疫苗").terms
    assert one.single_char and one.exact_in_index
    assert not two.single_char and two.exact_in_index
    assert not mixed.exact_in_index
