"""Small file-system guarantees shared by the writers of content, state and the index."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (not possible on every platform)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def one_process_at_a_time(path: Path | str) -> Iterator[None]:
    """Hold an exclusive lock on ``PATH.lock`` for the duration of the block.

    Used to check, create or rebuild a database in one process at a time: two
    readers opening a new content directory together would otherwise each find
    no tables and delete the file the other is creating. Without POSIX locks
    (Windows) it does nothing and SQLite's own busy wait is all there is.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(f"{path}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def transaction(db: sqlite3.Connection, *, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """One SQLite write transaction: commit if the block ends, roll back if it raises.

    Every SQLite write in zhpaper goes through here (index, catalogue, merging,
    state). An exception inside the block — a bug, a full disk, a cancelled
    worker — must not leave the connection inside a transaction: the next
    ``BEGIN`` would fail with "cannot start a transaction within a transaction",
    and the index would be taken for damaged and rebuilt (21 minutes at a million
    articles). ``immediate`` takes the write lock at once (writers queue instead
    of failing halfway); ``immediate=False`` is for connection-private temp tables,
    which must not wait for another process's write. The connection must be in
    autocommit mode (``isolation_level=None``).
    """
    db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        # SQLite may have rolled back already (SQLITE_FULL, an interrupted
        # statement): a second ROLLBACK would fail and hide the real error.
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def default_file_mode() -> int:
    """The mode a new file gets from the umask (``open()`` would give it; mkstemp does not)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def held_while_writing(fd: int) -> None:
    """Mark a temp file as being written by a live process (its lock goes when it dies)."""
    try:
        import fcntl
    except ImportError:
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


#: A temp file younger than this may have just been created, not yet locked.
ABANDONED_AFTER_SECONDS = 2.0


def remove_abandoned_temp_files(path: Path) -> int:
    """Delete the ``.NAME.*.tmp`` siblings of ``path`` that killed writers left; how many.

    A writer holds a lock on its temp file (:func:`held_while_writing`); a file
    nobody holds and older than :data:`ABANDONED_AFTER_SECONDS` is abandoned.
    """
    try:
        import fcntl
    except ImportError:
        return 0
    removed = 0
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError), open(temp, "rb") as handle:
            if os.fstat(handle.fileno()).st_mtime >= cutoff:
                continue
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: a live writer
            temp.unlink()
            removed += 1
    return removed
