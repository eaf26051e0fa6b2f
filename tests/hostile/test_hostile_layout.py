"""Bidi controls and zero-width characters never scramble the reader's layout.

The decision (see reader.store.sanitize): bidi embeddings, overrides and
isolates show as U+FFFD; ZWJ shows as U+2060 WORD JOINER (Rich and tmux join
``中‍文`` into one 2-cell cluster, xterm-like terminals draw 4 cells); U+200B,
U+200C, U+2060 and U+FEFF stay (zero cells in every measure). Properties: the
typesetter never yields a line wider than the measure, what Rich measures is
what a terminal counting character by character draws, and nothing that
reorders or joins reaches the screen.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from reader.model import Article, Byline
from reader.store.sanitize import visible_controls
from reader.typeset import TypesetOptions, set_article

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: Invisible, but zero cells to Rich and one or two to terminals (or unprintable).
FILLERS = "\u3164\uffa0\u2028\u2029"
NASTY = BIDI + ZERO_WIDTH + FILLERS + "\x1b\x07\x00\x9b\x7f\t\n\r\ufe0f\u0301"
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(NASTY),
        st.sampled_from("中文报纸，。、“”（）《》——……·ABC abc 123"),
        st.characters(codec="utf-8"),
    ),
    max_size=120,
)
FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200d\u3164\uffa0\u2028\u2029]"
)


def terminal_cells(text: str) -> int:
    """Cells a terminal that measures character by character (wcwidth) would use."""
    return sum(get_character_cell_size(ch) for ch in text)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("中\u200d文", 4),  # the joiner joins nothing: two wide characters
        ("中\u200b文", 4),
        ("中\u2060文", 4),
        ("中\ufeff文", 4),
        ("中\u200c文", 4),
        ("a\u202eb", 3),  # the override is shown as one U+FFFD
        ("中\u3164文", 6),  # Hangul filler: the 2-cell blank terminals draw
        ("a\uffa0b", 3),
        ("a\u2028b", 3),  # ␤
    ],
)
def test_shown_width_is_what_terminals_draw(text: str, cells: int) -> None:
    shown = visible_controls(text, keep_newlines=False)
    assert cell_len(shown) == terminal_cells(shown) == cells


def _libc_wcwidth():
    """The C library's wcwidth in a UTF-8 locale: what most terminals use."""
    import ctypes
    import ctypes.util
    import locale

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    libc = ctypes.CDLL(name)
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    libc.wcwidth.restype = ctypes.c_int
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        return None
    return libc.wcwidth


@pytest.mark.parametrize("char", list(BIDI + ZERO_WIDTH + FILLERS + "\x1b\x07\x9b\x7f\t"))
def test_rich_and_the_c_library_agree_on_every_hostile_character(char: str) -> None:
    wcwidth = _libc_wcwidth()
    if wcwidth is None:
        pytest.skip("no C library wcwidth with a UTF-8 locale here")
    shown = visible_controls(f"中{char}文", keep_newlines=False)
    assert cell_len(shown) == sum(max(wcwidth(ch), 0) for ch in shown)
    assert all(wcwidth(ch) >= 0 for ch in shown)  # nothing unprintable reaches the screen


@settings(max_examples=150, deadline=None)
@given(
    title=TEXT,
    paragraphs=st.lists(TEXT, max_size=4),
    name=TEXT,
    width=st.integers(min_value=4, max_value=60),
    indent=st.booleans(),
    ambiguous_wide=st.booleans(),
    fullwidth=st.booleans(),
)
def test_no_line_outgrows_the_measure(
    title: str,
    paragraphs: list[str],
    name: str,
    width: int,
    indent: bool,
    ambiguous_wide: bool,
    fullwidth: bool,
) -> None:
    article = Article(
        id="a",
        title=title,
        kicker=title[:5] or None,
        byline=(Byline("记者", name),),
        paragraphs=tuple(paragraphs),
    )
    options = TypesetOptions(
        indent=indent, ambiguous_wide=ambiguous_wide, fullwidth_punctuation=fullwidth
    )
    for line in set_article(article, width, options):
        assert not FORBIDDEN.search(line.text), repr(line.text)
        if not ambiguous_wide:  # (wide ambiguous characters are measured by the wrapper only)
            assert cell_len(line.text) <= width, (line, width)
            assert terminal_cells(line.text) == cell_len(line.text), repr(line.text)
        if line.block >= 0 and not fullwidth:
            # Offsets still point into the stored text: one shown character for one.
            stored = visible_controls(
                paragraphs[line.block][line.start : line.end], keep_newlines=False
            )
            shown = line.text.removeprefix("\u3000\u3000") if indent else line.text
            assert stored.startswith(shown.rstrip(" ")), (stored, line)
