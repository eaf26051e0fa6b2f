"""What the reader loads before it can show anything, read off the UI thread.

The main screen's loading worker calls :func:`read_state` beside the
catalogue opener; the screen then shows both. :func:`problems_notice` words
the start-up notice about content that could not be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.state import Position, ReadingState, StateError
from reader.store.loader import problem_counts


@dataclass(frozen=True, slots=True)
class Reading:
    """The user's reading state for one content directory, as it was at start."""

    #: None when the state store cannot be opened: nothing read is remembered.
    state: ReadingState | None
    read_ids: set[str] = field(default_factory=set)
    bookmarks: set[str] = field(default_factory=set)
    position: Position | None = None
    #: Said once: why nothing will be remembered, or what was repaired.
    notice: str | None = None


def read_state(content_dir: Path) -> Reading:
    """Open the reading state of ``content_dir`` and read what the first screen needs."""
    try:
        state = ReadingState(content_dir)
    except StateError as error:
        return Reading(None, notice=f"{error} — 已读标记和书签将不会保存")
    return Reading(
        state, state.read_ids(), set(state.bookmarks()), state.last_position(), state.notice
    )


def problems_notice(problems: Sequence[str]) -> str:
    """The start-up notice: files that could not be read, and articles kept under a new id.

    Only unreadable files are skipped; an article whose id another file took is
    shown under a derived id (reader.store.loader), so it is counted apart.
    """
    files, articles = problem_counts(problems)
    parts = [f"{files:,} 个文件未能读取"] if files else []
    if articles:
        parts.append(f"{articles:,} 篇文章编号重复，已改用新编号显示")
    return "，".join(parts) + "（按 ! 查看）"
