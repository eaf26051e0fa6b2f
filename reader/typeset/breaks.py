"""Break opportunities: UAX #14 tailored to clreq "basic", and the display transform.

See ../shared/guides/cjk-typesetting.md §1 and §3. Everything here works on the
text as displayed; the display transform maps one character to one character, so
offsets into the displayed text are offsets into the stored text.
"""

from __future__ import annotations

import re
import unicodedata

from reader.typeset.uax14 import class_codes, uax14_breaks

__all__ = [
    "LINE_END_PROHIBITED",
    "LINE_START_PROHIBITED",
    "break_opportunities",
    "display_text",
    "is_hard_break",
]

# §1.2: never break before these (a single — is handled apart: —— may start a line).
LINE_START_PROHIBITED = frozenset("、，。．：；！？‼⁇,.:;!?”’」』）》〉】〗〕］｝)]}～-–·・‧")
# §1.3: never break after these.
LINE_END_PROHIBITED = frozenset("“‘「『（《〈【〖〔［｛([{")

_HARD = "\n\r\x0b\x0c\x85\u2028\u2029"
_START_RE = re.compile("[" + re.escape("".join(sorted(LINE_START_PROHIBITED))) + "]")
# An opening mark and any spaces after it: no break anywhere in or right after.
_END_RE = re.compile("[" + re.escape("".join(sorted(LINE_END_PROHIBITED))) + "] *")
_SINGLE_DASH_RE = re.compile("(?<!—)—(?!—)")
_QUOTE_PAIR_RE = re.compile("[”’](?=[“‘])")
_TAILOR_RE = re.compile(
    "[" + re.escape("".join(sorted(LINE_START_PROHIBITED | LINE_END_PROHIBITED)) + "—") + "]"
)


def is_hard_break(ch: str) -> bool:
    """Whether a line must end after ``ch`` (UAX #14 BK, CR, LF, NL)."""
    return ch in _HARD


def break_opportunities(text: str, *, tailored: bool = True) -> list[int]:
    """Offsets 1…len(text) where a line may break; len(text) is included.

    With ``tailored=False`` this is plain UAX #14 (Unicode 16 tables, Unicode 17
    rules). Tailored (the default) adds the clreq "basic" rules of the guide:
    ``”÷“``, no break before closing marks and line-start-prohibited punctuation
    (a single ``—`` included), none after opening marks.
    """
    breaks = uax14_breaks(text, class_codes(text))
    if tailored and _TAILOR_RE.search(text):
        breaks = _tailor(text, breaks)
    return breaks


def _tailor(text: str, breaks: list[int]) -> list[int]:
    n = len(text)
    remove: set[int] = set()
    add: set[int] = set()
    for m in _START_RE.finditer(text):
        remove.add(m.start())
    for m in _SINGLE_DASH_RE.finditer(text):
        remove.add(m.start())
    for m in _END_RE.finditer(text):
        remove.update(range(m.start() + 1, m.end() + 1))
    for m in _QUOTE_PAIR_RE.finditer(text):
        add.add(m.end())
    # A mandatory break (after a line terminator) is never removed.
    remove = {i for i in remove if 0 < i < n and text[i - 1] not in _HARD}
    if not remove and not add:
        return breaks
    kept = [b for b in breaks if b not in remove] if remove else breaks
    return sorted({*kept, *add}) if add else kept


# §3: half-width punctuation in CJK context shown full-width.
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_RE = re.compile("[,:;?!]")
_PARENS_RE = re.compile(r"\(([^()]*)\)")
_ASCII_DIGITS = frozenset("0123456789")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


def display_text(text: str, fullwidth_punctuation: bool) -> str:
    """The paragraph as shown: with ``fullwidth_punctuation``, half-width ``, : ; ? !``
    next to CJK text (never between digits) and ``( )`` pairs in CJK context become
    full-width. One character maps to one character, so offsets do not move."""
    if not fullwidth_punctuation or not (_HALF_RE.search(text) or "(" in text):
        return text
    chars = list(text)
    n = len(text)
    for m in _HALF_RE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if prev in _ASCII_DIGITS and nxt in _ASCII_DIGITS:
            continue
        if _is_cjk(prev) or _is_cjk(nxt):
            chars[i] = _HALF_TO_FULL[m.group()]
    for m in _PARENS_RE.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if _is_cjk(before) or _is_cjk(after) or any(_is_cjk(c) for c in m.group(1)):
            chars[s] = "（"
            chars[e - 1] = "）"
    return "".join(chars)
