"""Atomic file replacement: a reader killed at any moment leaves old or new, never half."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from reader.store.durable import fsync_dir


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: temp file in the same directory, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        # Never leave temp files behind, whatever went wrong (disk full included).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


#: A temp file older than this was left by a writer that was killed mid-write.
STALE_TEMP_SECONDS = 60.0


def remove_stale_temp_files(path: Path) -> int:
    """Delete temp files that killed writers of ``path`` left behind; returns how many.

    Only ``.NAME.*.tmp`` siblings older than :data:`STALE_TEMP_SECONDS` go: a
    younger one may belong to another reader writing right now.
    """
    removed = 0
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
                removed += 1
    return removed


def move_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (``NAME.corrupt-YYYYmmddTHHMMSS``) and return its new path."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    return target
