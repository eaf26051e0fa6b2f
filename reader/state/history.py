"""The search box's query history: the last queries, newest last, kept between runs."""

from __future__ import annotations

import json
from pathlib import Path

from reader.state.atomic import atomic_write_text
from reader.state.paths import state_dir

#: How many queries are remembered.
HISTORY_SIZE = 100


def history_path() -> Path:
    """Where the history lives (read when called)."""
    return state_dir() / "search_history.json"


def load_history(path: Path | None = None) -> list[str]:
    """The remembered queries, oldest first; empty when missing or unreadable."""
    try:
        data = json.loads((path or history_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [q for q in data if isinstance(q, str) and q.strip()][-HISTORY_SIZE:]


def remember(history: list[str], query: str) -> list[str]:
    """``history`` with ``query`` moved (or added) to its end."""
    query = query.strip()
    if not query:
        return history
    return [q for q in history if q != query][-(HISTORY_SIZE - 1) :] + [query]


def save_history(history: list[str], path: Path | None = None) -> None:
    """Write the history atomically."""
    text = json.dumps(history[-HISTORY_SIZE:], ensure_ascii=False, indent=0)
    atomic_write_text(path or history_path(), text + "\n")
