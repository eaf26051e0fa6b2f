"""The page's header line: paper, date, 第N版 and the page's name (版名).

A header is furniture, not an article: its text is reported, and what it says
fills the page's paper, date, number and name unless the user gave them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.pdf.lines import Line

_PAGE = re.compile(r"第\s*(\d{1,3})\s*[版版]\s*[：:·|｜]?\s*(?P<name>[^\s\d：:]{0,8})")
_PAGE_BARE = re.compile(r"^(\d{1,3})\s*[版版]\s*[：:·|｜]?\s*(?P<name>[^\s\d：:]{0,8})")
_DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-./](\d{1,2})[-./](\d{1,2})"
)
_FURNITURE = re.compile(
    r"责任编辑|責任編輯|版式|美编|美編|校对|校對|编辑|編輯|星期|[週周][一二三四五六日天]"
)


@dataclass(frozen=True, slots=True)
class Header:
    """What a header band says; any part may be missing (None)."""

    paper: str | None = None
    date: dt.date | None = None
    number: int | None = None
    name: str | None = None

    @property
    def found(self) -> bool:
        return self.number is not None or self.date is not None


def _date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def read_header(lines: list[Line]) -> Header:
    """Paper, date, page number and page name from a band of header lines."""
    number: int | None = None
    name: str | None = None
    date: dt.date | None = None
    used: set[int] = set()
    for index, line in enumerate(lines):
        match = _PAGE.search(line.text) or _PAGE_BARE.search(line.text)
        if match is not None and number is None:
            number = int(match.group(1))
            name = match.group("name") or None
            used.add(index)
            if name is None:
                name = _name_beside(lines, line)
        found = _date(line.text)
        if found is not None and date is None:
            date = found
            used.add(index)
    paper: str | None = None
    candidates = [
        line
        for index, line in enumerate(lines)
        if index not in used
        and 2 <= len(line.text) <= 16
        and not _FURNITURE.search(line.text)
        and line.text != name
    ]
    if candidates:
        paper = max(candidates, key=lambda line: line.size).text
    return Header(paper=paper, date=date, number=number, name=name)


def _name_beside(lines: list[Line], page_line: Line) -> str | None:
    """A short line set right after 第N版 on the same baseline (often boxed)."""
    beside = [
        line
        for line in lines
        if line is not page_line
        and abs(line.baseline - page_line.baseline) < page_line.size
        and 0 <= line.x0 - page_line.x1 < page_line.size * 3
        and 1 <= len(line.text) <= 8
    ]
    if not beside:
        return None
    return min(beside, key=lambda line: line.x0).text.strip("：: ") or None


def looks_like_header(lines: list[Line]) -> bool:
    """Whether a band of lines is a page header (it names a page or a date)."""
    return any(_PAGE.search(ln.text) or _DATE.search(ln.text) for ln in lines)


__all__ = ["Header", "looks_like_header", "read_header"]
