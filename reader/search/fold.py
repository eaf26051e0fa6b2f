"""Folding: the text the index sees, and how its offsets map back.

Readers do not care whether a page is printed in simplified or traditional
characters, whether a comma is full- or half-width, or whether a Latin word is
capitalised. Index and query therefore both pass through :func:`fold`:

* NFKC (full-width Ａ１，→ half-width A1,; compatibility ideographs),
* OpenCC ``t2s`` (everything to simplified),
* Latin casefold.

Folding works **character by character** through a cached table. OpenCC's
phrase rules would convert 乾隆 and 乾燥 differently, which is right for
display but wrong for search: the query 乾 (one character, no context) must
fold exactly as the same character folds inside a text, or it would never be
found. Per-character folding keeps index and query consistent.

A character may fold to more than one (NFKC: ㈠ → (一)), so :func:`fold_with_map`
also returns, for every folded character, the offset of the original character
it came from: matches found in folded text are drawn on the original.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any


@functools.cache
def _phrases() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


def fold_wording(text: str) -> str:
    """:func:`fold` after OpenCC's Taiwan → mainland phrase conversion (搜尋 → 搜索).

    For short names the user types to find a command, where the two standards'
    words differ, not only their characters (搜尋/搜索, 全形/全角). Never for the
    index: phrase rules depend on context, and search must fold each character
    the same way everywhere (see above).
    """
    return fold(_phrases().convert(text))


@functools.cache
def _converter() -> Any:
    # Imported lazily: OpenCC loads its dictionaries on construction (a few ms).
    import opencc

    return opencc.OpenCC("t2s")


def fold_char(char: str) -> str:
    """The folded form of one character (may be longer than one character)."""
    text = unicodedata.normalize("NFKC", char)
    if any(ord(c) >= 0x2E80 for c in text):
        text = _converter().convert(text)
    return text.casefold()


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that fills itself on first sight of a character."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()
# ASCII is hot and trivial: pre-fill it so translate never calls back into Python.
for _cp in range(128):
    _TABLE[_cp] = chr(_cp).casefold()


def fold(text: str) -> str:
    """Fold ``text`` for indexing or querying (see the module docstring)."""
    return text.translate(_TABLE)


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` and say where each folded character came from.

    Returns ``(folded, offsets)``. ``offsets`` is None when folding kept every
    character as exactly one character (the common case: then offsets are the
    identity). Otherwise ``offsets[i]`` is the index in ``text`` of the
    character that produced ``folded[i]``, and ``offsets[len(folded)]`` is
    ``len(text)``, so a half-open span ``(a, b)`` maps to
    ``(offsets[a], offsets[b])`` — use :func:`map_span`.
    """
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        # No character folds to the empty string, so equal lengths mean every
        # character folded to exactly one character.
        return folded, None
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(_TABLE[ord(char)]))
    offsets.append(len(text))
    return folded, offsets


def map_span(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a half-open span in folded text back to the original text."""
    if offsets is None:
        return start, end
    orig_start = offsets[start]
    # The end is exclusive: take the original character holding the last folded
    # one, and end after it, so a match never cuts an expanded character in half.
    orig_end = offsets[end - 1] + 1 if end > start else orig_start
    return orig_start, orig_end


__all__ = ["fold", "fold_char", "fold_with_map", "fold_wording", "map_span"]
