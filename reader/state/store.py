"""Read marks, bookmarks and the last reading position, in SQLite (WAL mode).

One database serves every content directory; rows carry a ``content`` key (the
resolved directory path) so two papers never share marks. SQLite gives what a
reader kept for years needs: each change is one transaction (a crash leaves old
or new), WAL lets two readers run at once, and a million read marks cost no
more to update than ten.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.state.atomic import move_aside
from reader.state.paths import state_dir
from reader.store.durable import one_process_at_a_time, transaction
from reader.store.names import path_key

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read_mark (
    content TEXT NOT NULL, article_id TEXT NOT NULL, read_at REAL NOT NULL,
    PRIMARY KEY (content, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bookmark (
    content TEXT NOT NULL, article_id TEXT NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY (content, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS position (
    content TEXT PRIMARY KEY, article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL, char_offset INTEGER NOT NULL, saved_at REAL NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader was: an article, and a place in it that survives a width change.

    ``paragraph`` is the block index used by reader.typeset (-1 for the heading
    block), ``char_offset`` an offset into that paragraph's text.
    """

    article_id: str
    paragraph: int = 0
    char_offset: int = 0


class StateError(Exception):
    """The state database cannot be used (e.g. the disk is full)."""


def state_db_path() -> Path:
    """Where the state database lives (read when called)."""
    return state_dir() / "state.sqlite3"


def content_key(content_dir: Path | str) -> str:
    """The key under which one content directory's state is stored."""
    # Lossless text even for a directory name that is not UTF-8 (issue 12).
    return path_key(Path(content_dir).expanduser().resolve())


class ReadingState:
    """The user's marks and position for one content directory.

    ``notice`` is set when a damaged database had to be moved aside.
    """

    def __init__(self, content_dir: Path | str, db_path: Path | None = None) -> None:
        self.content = content_key(content_dir)
        self.path = db_path or state_db_path()
        self.notice: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StateError(f"cannot create {self.path.parent}: {error.strerror}") from error
        try:
            self._db = self._open()
        except sqlite3.OperationalError as error:
            # Locked for too long, unreadable, read-only: not damage, so never moved aside.
            raise StateError(f"cannot open state database {self.path}: {error}") from error
        except sqlite3.DatabaseError as error:
            # "file is not a database", a damaged page: keep it for inspection, start fresh.
            try:
                moved = move_aside(self.path)
                for suffix in ("-wal", "-shm"):
                    self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as again:
                raise StateError(f"state database {self.path} is damaged: {again}") from again
            self.notice = (
                f"Reading state was damaged ({error}); moved to {moved.name}, starting fresh."
            )

    def _open(self) -> sqlite3.Connection:
        # Two readers starting together on a new database: SQLite answers "database
        # is locked" at once (no busy wait) while one of them sets up WAL and the
        # tables, so they take turns (issue 7).
        with one_process_at_a_time(self.path):
            return self._open_unlocked()

    def apart(self) -> ReadingState:
        """The same state on a connection of its own, for another thread's long writes.

        Each connection writes in its own transactions (SQLite lets one writer in at
        a time); close it when done. The database is already set up and checked.
        """
        other = copy.copy(self)
        try:
            other._db = self._connect(self.path)
        except sqlite3.Error as error:
            raise StateError(f"cannot open state database {self.path}: {error}") from error
        return other

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _open_unlocked(self) -> sqlite3.Connection:
        # Workers may load state off the main thread; each call is its own transaction.
        db = self._connect(self.path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                # A newer zhpaper's state is not damaged: leave it alone.
                raise StateError(f"state in {self.path} is from a newer zhpaper (schema {version})")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            # A file that is not a database fails here, not on first use.
            db.execute("SELECT count(*) FROM position").fetchone()
            # So do damaged pages (else read_ids() fails later, in the UI): 0.1 s
            # for a million read marks.
            problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise sqlite3.DatabaseError("damaged: " + " ".join(str(problem).split()))
        except BaseException:
            db.close()
            raise
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with transaction(self._db) as db:
                yield db
        except sqlite3.DatabaseError as error:  # full disk, lock, or damage found late
            raise StateError(f"could not save reading state: {error}") from error

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # Read marks -----------------------------------------------------------

    def read_ids(self) -> set[str]:
        """Every article id marked read in this content directory."""
        rows = self._db.execute("SELECT article_id FROM read_mark WHERE content=?", (self.content,))
        return {row[0] for row in rows}

    def is_read(self, article_id: str) -> bool:
        """Whether ``article_id`` is marked read."""
        row = self._db.execute(
            "SELECT 1 FROM read_mark WHERE content=? AND article_id=?", (self.content, article_id)
        ).fetchone()
        return row is not None

    def set_read(self, article_id: str, read: bool = True) -> None:
        """Mark ``article_id`` read or unread."""
        self.set_read_many([article_id], read)

    def set_read_many(self, article_ids: Iterable[str], read: bool = True) -> None:
        """Mark many articles read or unread in one transaction (a whole edition, a paper).

        One statement over a JSON array, not a statement a row: SQLite does the
        whole of it without Python's lock, so a paper's 30,000 marks written in
        the background (M, u) do not slow the keys being drawn meanwhile.
        """
        ids = json.dumps(list(article_ids), ensure_ascii=False)
        with self._write() as db:
            if read:
                db.execute(
                    "INSERT OR IGNORE INTO read_mark SELECT ?, value, ? FROM json_each(?)",
                    (self.content, time.time(), ids),
                )
            else:
                db.execute(
                    "DELETE FROM read_mark WHERE content = ? AND article_id IN "
                    "(SELECT value FROM json_each(?))",
                    (self.content, ids),
                )

    # Bookmarks --------------------------------------------------------------

    def bookmarks(self) -> list[str]:
        """Bookmarked article ids, oldest first."""
        rows = self._db.execute(
            "SELECT article_id FROM bookmark WHERE content=? ORDER BY created_at, article_id",
            (self.content,),
        )
        return [row[0] for row in rows]

    def is_bookmarked(self, article_id: str) -> bool:
        """Whether ``article_id`` is bookmarked."""
        row = self._db.execute(
            "SELECT 1 FROM bookmark WHERE content=? AND article_id=?", (self.content, article_id)
        ).fetchone()
        return row is not None

    def set_bookmark(self, article_id: str, on: bool = True) -> None:
        """Add or remove a bookmark."""
        with self._write() as db:
            if on:
                db.execute(
                    "INSERT OR IGNORE INTO bookmark VALUES (?, ?, ?)",
                    (self.content, article_id, time.time()),
                )
            else:
                db.execute(
                    "DELETE FROM bookmark WHERE content=? AND article_id=?",
                    (self.content, article_id),
                )

    # Position -------------------------------------------------------------

    def last_position(self) -> Position | None:
        """The last article read and the place in it, if any."""
        row = self._db.execute(
            "SELECT article_id, paragraph, char_offset FROM position WHERE content=?",
            (self.content,),
        ).fetchone()
        return Position(row[0], row[1], row[2]) if row else None

    def save_position(self, position: Position) -> None:
        """Remember ``position`` as the place to reopen."""
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO position VALUES (?, ?, ?, ?, ?)",
                (
                    self.content,
                    position.article_id,
                    position.paragraph,
                    position.char_offset,
                    time.time(),
                ),
            )
