"""Start several Python processes so that they reach the same point at the same moment."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence


def run_together(
    code: str, argvs: Sequence[Sequence[str]], env: Mapping[str, str] | None = None
) -> list[tuple[int, str, str]]:
    """Run ``python -c code ARGS…`` once per argv, released together; (returncode, out, err) each.

    ``code`` prints ``ready`` and then waits for a line on stdin before the part
    under test, so every child has imported and started before any goes on.
    """
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=None if env is None else dict(env),
        )
        for argv in argvs
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        results.append((child.returncode, out, err))
    return results
