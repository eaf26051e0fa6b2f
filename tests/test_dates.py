"""Dates as typed in the go-to-date box."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.model.dates import parse_day

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020-05-31", dt.date(2020, 5, 31)),
        ("2020/5/31", dt.date(2020, 5, 31)),
        ("2020年5月31日", dt.date(2020, 5, 31)),
        ("２０２０－０５－３１", dt.date(2020, 5, 31)),
        ("5-31", dt.date(2025, 5, 31)),  # not after today: last year's
        ("3-1", dt.date(2026, 3, 1)),
        ("3月10日", dt.date(2026, 3, 10)),
        ("2-29", dt.date(2024, 2, 29)),
        ("9日", dt.date(2026, 3, 9)),
        ("31日", dt.date(2026, 1, 31)),  # February has none; March's is still ahead
        ("今天", TODAY),
        ("昨天", dt.date(2026, 3, 9)),
        (" 前天 ", dt.date(2026, 3, 8)),
        ("-10", dt.date(2026, 2, 28)),
        ("2020-05", dt.date(2020, 5, 1)),
    ],
)
def test_days_a_reader_types(text: str, day: dt.date) -> None:
    assert parse_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["", "明年", "2020-13-01", "2-30", "abc", "2020-02-30"])
def test_nonsense_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(ValueError, match="日期|这一天"):
        parse_day(text, TODAY)
