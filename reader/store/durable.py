"""Small file-system guarantees shared by the writers of content, state and the index."""

from __future__ import annotations

import os
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
