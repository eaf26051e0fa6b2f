"""Break opportunities: UAX #14 tailored to clreq "basic", and the display transform.

See ../shared/guides/cjk-typesetting.md §1 and §3. Everything here works on the
text as displayed; the display transform maps one character to one character, so
offsets into the displayed text are offsets into the stored text.
"""

from __future__ import annotations

import re

from reader.typeset import _classes as C
from reader.typeset._lbdata import WIDE
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


def _needs_tailoring(ch: str) -> bool:
    # UAX #14 already forbids a break before CL, CP, EX and SY in every context
    # (LB13), so only the other line-start-prohibited marks need the regex.
    return class_codes(ch)[0] >> 1 not in (C.CL, C.CP, C.EX, C.SY)


_START_RE = re.compile(
    "[" + re.escape("".join(sorted(c for c in LINE_START_PROHIBITED if _needs_tailoring(c)))) + "]"
)
# ...except after a zero-width space (LB8 allows a break there before anything).
_START_ALL_RE = re.compile("[" + re.escape("".join(sorted(LINE_START_PROHIBITED))) + "]")
# An opening mark and any spaces after it: no break anywhere in or right after.
# LB14 keeps OP SP* with what follows, but SP is only U+0020: an ideographic
# space (U+3000, BA) after an opening mark allowed a break, and “ ended the line.
_END_RE = re.compile("[" + re.escape("".join(sorted(LINE_END_PROHIBITED))) + "][ \u3000]*")
_SINGLE_DASH_RE = re.compile("(?<!—)—(?!—)")
_QUOTE_PAIR_RE = re.compile("[”’](?=[“‘])")


def is_hard_break(ch: str) -> bool:
    """Whether a line must end after ``ch`` (UAX #14 BK, CR, LF, NL)."""
    return ch in _HARD


def break_opportunities(text: str, *, tailored: bool = True) -> list[int]:
    """Offsets 1…len(text) where a line may break; len(text) is included.

    With ``tailored=False`` this is plain UAX #14 (Unicode 16 tables, Unicode 17
    rules). Tailored (the default) adds the clreq "basic" rules of the guide:
    ``”÷“``, no break before closing marks and line-start-prohibited punctuation
    (a single ``—`` included), none after opening marks; and curly quotes in
    Chinese context act as opening and closing marks (not UAX #14's QU, which
    glues ``说“5G”和`` into one unit), so numbers and words inside them stay whole.
    """
    codes = class_codes(text)
    if tailored and _QUOTES_RE.search(text):
        codes = _chinese_quotes(text, codes)
    breaks = uax14_breaks(text, codes)
    return _tailor(text, breaks) if tailored else breaks


# Curly quotes are QU in UAX #14, and LB19/LB19a glue a QU to whatever is not East
# Asian next to it: 说“5G”和 becomes one unbreakable unit, and a long run of such
# units is folded mid-number. clreq: in Chinese text “ ‘ open and ” ’ close.
_QUOTES_RE = re.compile("[“‘”’]")
_OPENING_QUOTES = frozenset("“‘")


def _chinese_quotes(text: str, codes: bytes) -> bytes:
    """``codes`` with each curly quote in Chinese context made an opening (OP) or
    closing (CL) mark, as clreq has them.

    Chinese context: an opening quote preceded, or a closing quote followed, by an
    East Asian wide character (他说“5G”和). Elsewhere (``I’m``, ``“Hello”``) the
    quote keeps UAX #14's class, so an apostrophe never becomes a break.
    """
    changed = bytearray(codes)
    last = len(text) - 1
    for m in _QUOTES_RE.finditer(text):
        i = m.start()
        ea = codes[i] & 1
        if text[i] in _OPENING_QUOTES:
            if i > 0 and _is_cjk(text[i - 1]):
                changed[i] = 2 * C.OP + ea
        elif i < last and _is_cjk(text[i + 1]):
            changed[i] = 2 * C.CL + ea
    return bytes(changed)


def _tailor(text: str, breaks: list[int]) -> list[int]:
    n = len(text)
    remove: set[int] = set()
    add: set[int] = set()
    for m in (_START_ALL_RE if "\u200b" in text else _START_RE).finditer(text):
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


# §3: half-width punctuation in CJK context shown full-width. "CJK" means
# East_Asian_Width W or F; a mark with such a neighbour has no digit neighbour
# on that side, so "never between digits" holds by construction.
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_WIDE_CLASS = "".join(
    f"{re.escape(chr(int(a, 16)))}-{re.escape(chr(int(b, 16)))}"
    for a, b in (pair.split(",") for pair in "".join(WIDE).split(";"))
)
_HALF_IN_CJK_RE = re.compile(f"(?<=[{_WIDE_CLASS}])[,:;?!]|[,:;?!](?=[{_WIDE_CLASS}])")
_WIDE_RE = re.compile(f"[{_WIDE_CLASS}]")
_PARENS_RE = re.compile(r"\(([^()]*)\)")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _WIDE_RE.match(ch) is not None


def _to_full(m: re.Match[str]) -> str:
    return _HALF_TO_FULL[m.group()]


def display_text(text: str, fullwidth_punctuation: bool) -> str:
    """The paragraph as shown: with ``fullwidth_punctuation``, half-width ``, : ; ? !``
    next to CJK text (never between digits) and ``( )`` pairs in CJK context become
    full-width. One character maps to one character, so offsets do not move."""
    if not fullwidth_punctuation:
        return text
    text = _HALF_IN_CJK_RE.sub(_to_full, text)
    if "(" not in text:
        return text
    chars: list[str] | None = None
    n = len(text)
    for m in _PARENS_RE.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if _is_cjk(before) or _is_cjk(after) or _WIDE_RE.search(m.group(1)):
            if chars is None:
                chars = list(text)
            chars[s] = "（"
            chars[e - 1] = "）"
    return "".join(chars) if chars is not None else text
