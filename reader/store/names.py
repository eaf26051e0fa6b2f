"""File names as the file system has them: bytes on POSIX, often not UTF-8.

Archives unzipped on Linux keep GBK names; Python carries their bytes as lone
surrogates, which SQLite, JSON files and YAML cannot hold. Store a path as
:func:`path_key` (lossless text: two names that differ in one byte stay two
keys) and show it as :func:`shown_name` (U+FFFD where a byte is not UTF-8).
"""

from __future__ import annotations

import os

#: Starts the key of a name that is not UTF-8; NUL never occurs in a file name.
_BYTES_MARK = "\x00"


def path_key(path: str | os.PathLike[str]) -> str:
    """Lossless text for a path: itself when UTF-8, else a NUL and its bytes in hex."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _BYTES_MARK + raw.hex()


def shown_name(path: str | os.PathLike[str]) -> str:
    """A path or a :func:`path_key` as printable text, U+FFFD for bytes that are not UTF-8."""
    if isinstance(path, str) and path.startswith(_BYTES_MARK):
        return bytes.fromhex(path[1:]).decode("utf-8", "replace")
    return os.fsencode(path).decode("utf-8", "replace")


__all__ = ["path_key", "shown_name"]
