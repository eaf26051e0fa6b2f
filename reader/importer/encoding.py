"""Decode raw page text: UTF-8 (± BOM), UTF-16 (± BOM), GB18030/GBK; refuse binary.

Detection is deliberately small and explainable: a BOM decides; else the
pattern of NUL bytes reveals BOM-less UTF-16; else strict UTF-8 (which random
legacy bytes almost never pass); else strict GB18030 (a superset of GBK and
GB2312). Whatever decodes must still look like text: NUL bytes or many control
characters mean a binary file, refused with a message that says so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: Beyond this share of control characters, decoded "text" is really binary.
MAX_CONTROL_RATIO = 0.01
_LAYOUT_CONTROLS = frozenset("\t\n\r\f\v")


class EncodingProblem(ValueError):
    """The bytes are not a text page in an encoding we read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text with LF line ends, and the encoding it was found in."""

    text: str
    encoding: str
    crlf: bool


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one side of most byte pairs."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    # ASCII-heavy UTF-16 has NULs in one half; CJK-heavy UTF-16 has few NULs,
    # but then strict decoding plus the control-character check below decides.
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(
        1 for ch in text if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _LAYOUT_CONTROLS
    )
    return controls / len(text)


def _check_text(text: str, encoding: str) -> None:
    if "\x00" in text:
        raise EncodingProblem("binary data (NUL characters), not a text page")
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise EncodingProblem(
            f"binary data (too many control characters as {encoding}), not a text page"
        )


def decode_bytes(data: bytes) -> Decoded:
    """Decode a raw page. Raises :class:`EncodingProblem` with a one-line reason."""
    if not data:
        raise EncodingProblem("empty file")
    candidates: list[str]
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        candidates = ["utf-32"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif (utf16 := _utf16_without_bom(data)) is not None:
        candidates = [utf16]
    else:
        if b"\x00" in data:
            raise EncodingProblem("binary data (NUL bytes), not a text page")
        candidates = ["utf-8", "gb18030"]
    last_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            last_error = error
            continue
        _check_text(text, encoding)
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return Decoded(text=text.removeprefix("\ufeff"), encoding=encoding, crlf=crlf)
    assert last_error is not None
    line = data.count(b"\n", 0, last_error.start) + 1
    tried = " or ".join(c.upper() for c in candidates)
    raise EncodingProblem(
        f"line {line}: cannot decode as {tried} (byte 0x{data[last_error.start]:02x}); "
        "not a text page in a supported encoding (UTF-8, UTF-16, GB18030/GBK)"
    )


__all__ = ["Decoded", "EncodingProblem", "decode_bytes"]
