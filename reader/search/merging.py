"""When FTS5 merges its segments: after big updates, not inside a one-page re-index.

Every commit to an FTS5 table writes a new small segment; with ``automerge`` on
(FTS5's default, 4) the same commit also does a slice of merge work on the
table's levels, proportional to what it wrote. At a million articles that slice
is most of a one-page re-index (about 55 ms of 70; 15 ms without it). So
:meth:`reader.search.index.Index.reindex_file` turns automerge off for its
small commits, and the next :meth:`~reader.search.index.Index.sync` (the reader
runs one in the background at start) turns it back on and merges what the
re-indexes left (a bounded ``'merge'``: only levels holding several segments).
FTS5's ``crisismerge`` still caps the segments of a level in between.
"""

from __future__ import annotations

import sqlite3

from reader.store.durable import transaction

#: FTS5's own default: merge work on each commit, for builds and syncs.
AUTOMERGE = 4
#: Pages of merge work a sync does to catch up after re-indexes (per table).
CATCH_UP_PAGES = 256
TABLES = ("uni", "bi")


def automerge(db: sqlite3.Connection) -> int:
    """The ``automerge`` setting now in force (the lowest of the tables)."""
    values = []
    for table in TABLES:
        row = db.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
        values.append(AUTOMERGE if row is None else int(row[0]))
    return min(values)


def set_automerge(db: sqlite3.Connection, value: int) -> None:
    """Set ``automerge`` on both FTS tables; call inside a write transaction.

    The setting is stored in the database, so every connection follows it.
    """
    for table in TABLES:
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)", (value,))


def pause(db: sqlite3.Connection) -> None:
    """Inside a write transaction: commit it without FTS5 merge work (if still on)."""
    if automerge(db) != 0:
        set_automerge(db, 0)


def catch_up(db: sqlite3.Connection) -> bool:
    """Turn merging back on and merge what paused commits left; False if nothing to do.

    Runs its own write transaction (call outside one).
    """
    if automerge(db) == AUTOMERGE:
        return False
    with transaction(db):
        set_automerge(db, AUTOMERGE)
        for table in TABLES:
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", (CATCH_UP_PAGES,))
    return True


__all__ = ["AUTOMERGE", "automerge", "catch_up", "pause", "set_automerge"]
