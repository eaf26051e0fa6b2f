"""escape answers quickly: the reader sets Textual's ESCDELAY unless the user did."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = (
    "import os; from reader.cli.read import quick_escape; quick_escape(os.environ); "
    "from textual import constants; print(constants.ESCAPE_DELAY)"
)


@pytest.mark.parametrize(("given", "expected"), [(None, 0.01), ("80", 0.08)])
def test_textual_waits_10_ms_for_an_escape_sequence_unless_the_user_says(
    given: str | None, expected: float
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    if given is not None:
        env["ESCDELAY"] = given
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert float(out.stdout) == pytest.approx(expected)
