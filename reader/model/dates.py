"""Dates as a reader types them: 2020-05-31, 5-31, 5月31日, 昨天."""

from __future__ import annotations

import datetime as dt
import re

_RELATIVE = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}
_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_DAY = re.compile(r"(\d{1,2})\s*[日号]")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def parse_day(text: str, today: dt.date) -> dt.date:
    """The day ``text`` names, relative to ``today`` where it leaves things out.

    ``2020-05-31`` (also ``2020/5/31``, ``2020年5月31日``), ``5-31`` or ``5月31日``
    (the latest such day not after ``today``), ``31日`` (this month, or the last
    month that had it), ``今天`` ``昨天`` ``前天``, ``-3`` (three days ago),
    ``2020-05`` (the month's first day). Raises ValueError with a Chinese message.
    """
    value = text.strip().replace("　", " ")
    value = value.translate(str.maketrans("０１２３４５６７８９－／．", "0123456789-/."))
    if value in _RELATIVE:
        return today - dt.timedelta(days=_RELATIVE[value])
    try:
        if re.fullmatch(r"-\d{1,5}", value):
            return today - dt.timedelta(days=int(value[1:]))
        if m := _FULL.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _YEAR_MONTH.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), 1)
        if m := _MONTH_DAY.fullmatch(value):
            month, day = int(m[1]), int(m[2])
            year = today.year
            while True:
                try:
                    candidate = dt.date(year, month, day)
                except ValueError:
                    if year < today.year - 8:  # 2-29 waits at most eight years
                        raise
                    year -= 1
                    continue
                if candidate <= today:
                    return candidate
                year -= 1
        if m := _DAY.fullmatch(value):
            day, year, month = int(m[1]), today.year, today.month
            for _ in range(13):
                found: dt.date | None
                try:
                    found = dt.date(year, month, day)
                except ValueError:
                    found = None
                if found is not None and found <= today:
                    return found
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    except ValueError:
        raise ValueError(f"没有这一天：{text.strip()}") from None
    raise ValueError(f"看不懂的日期：{text.strip()}（可写 2020-05-31、5-31、5月31日、昨天）")
