"""The reader in a real pseudo-terminal, started exactly as a user starts it.

Used by bench/keys.py (key latency), bench/run.py (start-up time) and
tests/scale/test_real_terminal.py (the first start builds the index).
"""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Mapping
from pathlib import Path


def start_reader(
    content: Path, env: Mapping[str, str], cols: int = 120, rows: int = 40
) -> tuple[subprocess.Popen[bytes], int]:
    """``zhpaper --content CONTENT`` in a ``cols``×``rows`` pty: the process and the master fd.

    The caller reads (or drains) the master fd and closes it.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    size = {"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--content", str(content)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, **size},
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def drain_in_background(fd: int) -> threading.Thread:
    """Read and drop everything the reader writes (a full pty would block it)."""

    def drain() -> None:
        try:
            while os.read(fd, 65536):
                pass
        except OSError:
            pass

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    return thread
