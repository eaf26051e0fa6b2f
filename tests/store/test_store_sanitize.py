"""Control characters and bidi overrides never reach the terminal as themselves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.store.sanitize import has_controls, visible_controls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b]2;title\x07", "␛]2;title␇"),
        ("\x1b[2J清屏", "␛[2J清屏"),
        ("a\x00b\x7fc", "a␀b␡c"),
        ("C1\x9b31m", "C1\ufffd31m"),
        ("\u202e反转\u202c", "\ufffd反转\ufffd"),
        ("\u2066隔离\u2069", "\ufffd隔离\ufffd"),
        ("第一行\n第二行\t制表", "第一行\n第二行\t制表"),
        ("[bold]不是标记[/bold]", "[bold]不是标记[/bold]"),
    ],
)
def test_visible_controls(text: str, expected: str) -> None:
    assert visible_controls(text) == expected


def test_one_line_fields_show_newlines_too() -> None:
    assert visible_controls("a\nb\tc", keep_newlines=False) == "a␊b␉c"


@given(st.text())
def test_nothing_dangerous_survives(text: str) -> None:
    shown = visible_controls(text, keep_newlines=False)
    assert len(shown) == len(text)  # one visible character for each
    for ch in shown:
        code = ord(ch)
        assert code >= 0x20 and not (0x7F <= code <= 0x9F)
        assert not (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069)
    assert has_controls(text) == (visible_controls(text) != text)
