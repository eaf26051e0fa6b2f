"""``python -m reader``: the ``zhpaper`` command (see :mod:`reader.cli`)."""

from __future__ import annotations

import sys

from reader.cli import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
