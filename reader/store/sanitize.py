"""Make text from content safe to put on a terminal.

Content comes from scrapers, OCR and strangers. A stray ``ESC [ 2 J`` in a
paragraph must not clear the user's screen, and a bidi override must not
reverse the rest of the line. :func:`visible_controls` is the one function the
text export, the reader and search all use, so every path shows the same thing.
"""

from __future__ import annotations

# C0 controls show as the Unicode "control pictures" block (U+2400 + code), which
# keeps them visible and one cell wide; DEL has its own picture.
_C0_PICTURE = {code: chr(0x2400 + code) for code in range(0x20)}
_C0_PICTURE[0x7F] = "\u2421"  # ␡
# C1 controls (U+0080–U+009F) have no pictures: the replacement character says
# "something was here" without guessing.
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
# Bidi embeddings, overrides and isolates would reorder everything after them.
_BIDI = {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

#: str.translate table used by :func:`visible_controls` (tab and newline excepted).
CONTROL_TABLE: dict[int, str] = {**_C0_PICTURE, **_C1, **_BIDI}
_KEEP_LAYOUT = dict(CONTROL_TABLE)
del _KEEP_LAYOUT[0x09], _KEEP_LAYOUT[0x0A]


def visible_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character made visible and harmless.

    ESC becomes ␛ (U+241B), other C0 controls their control picture (BEL → ␇),
    C1 controls and bidi overrides/isolates (U+202A–202E, U+2066–2069) become
    U+FFFD. Tab and newline are kept unless ``keep_newlines`` is false (for
    one-line fields such as titles).
    """
    return text.translate(_KEEP_LAYOUT if keep_newlines else CONTROL_TABLE)


def has_controls(text: str) -> bool:
    """Whether :func:`visible_controls` would change ``text`` (newlines aside)."""
    return visible_controls(text) != text


__all__ = ["CONTROL_TABLE", "has_controls", "visible_controls"]
