"""An on-disk HTTP cache: the last body of each URL with its validators.

One JSON file of metadata and one body file per URL, named by the URL's hash
and spread over 256 folders. Entries are written atomically (temp file, then
rename), so a fetch killed at any moment leaves the old entry or the new one.
A download cut off halfway is kept as ``.part`` with its validators, so the
next fetch can ask for the rest (``Range`` + ``If-Range``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What the cache knows about one URL."""

    url: str
    final_url: str
    content_type: str | None
    etag: str | None
    last_modified: str | None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


class HttpCache:
    """Bodies and validators by URL under ``root``; failures to write are not fatal."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _base(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / digest

    def get(self, url: str) -> tuple[CacheEntry, bytes] | None:
        """The cached entry and body for ``url``, or None."""
        base = self._base(url)
        try:
            meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            body = base.with_suffix(".body").read_bytes()
            entry = CacheEntry(**meta)
        except (OSError, ValueError, TypeError):
            return None
        return (entry, body) if entry.url == url else None

    def put(self, entry: CacheEntry, body: bytes) -> None:
        """Store a complete body; drops any partial download of the URL."""
        base = self._base(entry.url)
        try:
            _atomic_write(base.with_suffix(".body"), body)
            _atomic_write(base.with_suffix(".json"), json.dumps(asdict(entry)).encode("utf-8"))
            base.with_suffix(".part").unlink(missing_ok=True)
            base.with_suffix(".partjson").unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs a download next time

    def partial(self, url: str) -> tuple[CacheEntry, bytes] | None:
        """The start of an interrupted download of ``url`` with its validators."""
        base = self._base(url)
        try:
            entry = CacheEntry(**json.loads(base.with_suffix(".partjson").read_text("utf-8")))
            body = base.with_suffix(".part").read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        return (entry, body) if entry.url == url and body else None

    def put_partial(self, entry: CacheEntry, body: bytes) -> None:
        """Keep the bytes of an interrupted download (only if it can be resumed)."""
        base = self._base(entry.url)
        try:
            _atomic_write(base.with_suffix(".part"), body)
            _atomic_write(base.with_suffix(".partjson"), json.dumps(asdict(entry)).encode())
        except OSError:
            pass

    def drop_partial(self, url: str) -> None:
        base = self._base(url)
        for suffix in (".part", ".partjson"):
            with contextlib.suppress(OSError):
                base.with_suffix(suffix).unlink()


__all__ = ["CacheEntry", "HttpCache"]
