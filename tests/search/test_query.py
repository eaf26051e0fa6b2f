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
        ("date:2024", ([], [], (), (), D(2024, 1, 1), D(2024, 12, 31))),
        ("date:2024-02", ([], [], (), (), D(2024, 2, 1), D(2024, 2, 29))),
        ("date:2023-12", ([], [], (), (), D(2023, 12, 1), D(2023, 12, 31))),
        ("date:2024-5-3", ([], [], (), (), D(2024, 5, 3), D(2024, 5, 3))),
        ("date:２０２４－０５", ([], [], (), (), D(2024, 5, 1), D(2024, 5, 31))),
        ("date:2023..2024-03", ([], [], (), (), D(2023, 1, 1), D(2024, 3, 31))),
        ("date:2024-05..", ([], [], (), (), D(2024, 5, 1), None)),
        ("date:..2023", ([], [], (), (), None, D(2023, 12, 31))),
        ("section:黨旗", ([], [], ("党旗",), (), None, None)),
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
        ("date:20", "bad date"),
        ("date:2024-", "bad date"),
        ("date:2024-13", "bad date"),
        ("date:2024..2023-12", "ends before it starts"),
        ("date:2023-02-01..2023-01-01", "ends before it starts"),
        ("date:..", "at least one side"),
        ("section:", "needs a value"),
        ("-section:要闻", "cannot be excluded"),
        ("date:2023-01-01 date:2023-02-01", "one date"),
        ("，。", "nothing to search for"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert message in raised.value.english


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("", "查询是空的"),
        ('"干部', "引号没有闭合"),
        ("-干部", "只有排除的词"),
        ("date:", "后面要写内容"),
        ("date:20", "日期“20”写法不对"),
        ("date:2024..2023", "结束日期早于开始日期"),
        ("section:要闻 date:2024 date:2023", "只能有一个 date:"),
    ],
)
def test_errors_are_said_in_chinese(text: str, chinese: str) -> None:
    """The reader shows ``str(error)``: Chinese, with no English in it."""
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    message = str(raised.value)
    assert chinese in message
    assert not any(word in message for word in ("bad", "query", "needs", "only"))


def test_term_kinds() -> None:
    one, two, mixed = parse_query("党 干部 covid-19疫苗").terms
    assert one.single_char and one.exact_in_index
    assert not two.single_char and two.exact_in_index
    assert not mixed.exact_in_index
