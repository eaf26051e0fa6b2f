"""Make text from content safe to put on a terminal.

Content comes from scrapers, OCR and strangers. A stray ``ESC [ 2 J`` in a
paragraph must not clear the user's screen, and a bidi override must not
reverse the rest of the line. :func:`visible_controls` is the one function the
text export, the reader and search all use, so every path shows the same thing.

Zero-width characters are a decision of their own. U+200B, U+200C, U+2060 and
U+FEFF are zero cells in Rich's measure and in every terminal's ``wcwidth`` and
join nothing, so they stay (U+200B is a line-break opportunity the typesetter
uses). U+200D ZERO WIDTH JOINER is different: Rich (and tmux) measure ``中‍文``
as one two-cell cluster while xterm-like terminals draw four cells, so a line
holding joiners is mis-measured and the layout scrambles. It is shown as U+2060
WORD JOINER: also invisible and unbreakable, but joining nothing, so every
measure agrees. Emoji ZWJ sequences then show as their parts.
"""

from __future__ import annotations

import re

# C0 controls show as the Unicode "control pictures" block (U+2400 + code), which
# keeps them visible and one cell wide; DEL has its own picture.
_C0_PICTURE = {code: chr(0x2400 + code) for code in range(0x20)}
_C0_PICTURE[0x7F] = "\u2421"  # ␡
# C1 controls (U+0080–U+009F) have no pictures: the replacement character says
# "something was here" without guessing.
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
# Bidi embeddings, overrides and isolates would reorder everything after them.
_BIDI = {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

# ZWJ glues its neighbours into one cluster in some measures only (see above).
_JOINER = {0x200D: "\u2060"}
# Hangul fillers are invisible, zero cells to Rich but two (U+3164) or one
# (U+FFA0) to terminals: shown as the blank of the same width terminals use.
_FILLERS = {0x3164: "\u3000", 0xFFA0: " "}
# Line and paragraph separators: zero cells to Rich, unprintable to wcwidth.
_SEPARATORS = {0x2028: "\u2424", 0x2029: "\u2424"}  # ␤
# Lone surrogates are how Python carries file-name bytes that are not UTF-8;
# written out they become raw bytes (0x9b is CSI on 8-bit terminals) or fail.
_SURROGATES = {code: "\ufffd" for code in range(0xD800, 0xE000)}

#: str.translate table used by :func:`visible_controls` (tab and newline excepted).
CONTROL_TABLE: dict[int, str] = {
    **_C0_PICTURE,
    **_C1,
    **_BIDI,
    **_JOINER,
    **_FILLERS,
    **_SEPARATORS,
    **_SURROGATES,
}
_KEEP_LAYOUT = dict(CONTROL_TABLE)
del _KEEP_LAYOUT[0x09], _KEEP_LAYOUT[0x0A], _KEEP_LAYOUT[0x2028], _KEEP_LAYOUT[0x2029]
# Most text has nothing to translate: finding that out is cheaper than translating.
_NEEDS_TABLE = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in CONTROL_TABLE if code not in _SURROGATES)
    + "\ud800-\udfff]"
)


def visible_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character made visible and harmless.

    ESC becomes ␛ (U+241B), other C0 controls their control picture (BEL → ␇),
    C1 controls and bidi overrides/isolates (U+202A–202E, U+2066–2069) become
    U+FFFD, ZWJ becomes U+2060 (see the module docstring), the Hangul fillers
    U+3164/U+FFA0 the blanks terminals draw for them, lone surrogates (file
    names that are not UTF-8) U+FFFD. Tab, newline and U+2028/U+2029 are kept
    unless ``keep_newlines`` is false (for one-line fields such as titles, and
    for everything the reader lays out: then U+2028/U+2029 show as ␤). One
    character always maps to one, so offsets into the result are offsets into
    ``text``.
    """
    if not _NEEDS_TABLE.search(text):
        return text
    return text.translate(_KEEP_LAYOUT if keep_newlines else CONTROL_TABLE)


def has_controls(text: str) -> bool:
    """Whether :func:`visible_controls` would change ``text`` (newlines aside)."""
    return visible_controls(text) != text


__all__ = ["CONTROL_TABLE", "has_controls", "visible_controls"]
