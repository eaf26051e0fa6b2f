"""Dates as news sites write them, read as the calendar date of an edition.

A paper's edition date is the calendar date in its own time zone (+08:00):
``Wed, 02 Apr 2025 00:30:00 +0800`` belongs to 2 April even though it is still
1 April in UTC; a time without a zone is taken as +08:00.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

#: The time zone of Chinese papers' editions.
PAPER_TZ = dt.timezone(dt.timedelta(hours=8))
#: Dates as Chinese feeds write them: 2025-04-01 07:30, 2025/04/01, 2025年4月1日 07:30:00+08:00.
_LOOSE_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)


def edition_date(value: str | None, tz: dt.tzinfo = PAPER_TZ) -> dt.date | None:
    """The calendar date in ``tz`` of an RSS (RFC 822) or Atom (RFC 3339) timestamp."""
    if not value:
        return None
    value = value.strip()
    stamp: dt.datetime | None = None
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        stamp = _loose_stamp(value)
    if stamp is None:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=tz)
    return stamp.astimezone(tz).date()


def _loose_stamp(value: str) -> dt.datetime | None:
    """ISO 8601 and the looser forms Chinese feeds use; None if no date is in it."""
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    match = _LOOSE_DATE.search(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    tz: dt.tzinfo | None = None
    if zone == "Z":
        tz = dt.UTC
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        return dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


__all__ = ["PAPER_TZ", "edition_date"]
