"""Decode raw page text: UTF-8 (± BOM), UTF-16 (± BOM), GB18030/GBK; refuse binary.

Detection is deliberately small and explainable: a BOM decides; else the
pattern of NUL bytes reveals BOM-less UTF-16; else strict UTF-8 (which random
legacy bytes almost never pass); else UTF-16 without a BOM whose characters are
nearly all Chinese text (CJK-heavy UTF-16 has few NULs); else UTF-8 with a few
bad bytes (a truncated or damaged file: decoded with U+FFFD and each place
reported, never read as GB18030 mojibake); else strict GB18030 (a superset of
GBK and GB2312). Whatever decodes must still look like text: NUL bytes or many
control characters mean a binary file, refused with a message that says so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from reader.importer.binary import binary_format

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
    #: (line, message) for each place that was not valid in ``encoding`` and
    #: was replaced by U+FFFD.
    replaced: tuple[tuple[int, str], ...] = ()


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


def _text_like(char: str) -> bool:
    """A character of Chinese newspaper text: CJK, its punctuation, full width, ASCII."""
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\t\n\r"
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation: “ ” — …
        or 0xA0 <= code <= 0xFF
    )


#: Share of text-like characters above which BOM-less bytes are UTF-16.
UTF16_TEXT_SHARE = 0.95


def _utf16_by_content(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when BOM-less bytes decode to Chinese text in one of them.

    Text in UTF-8 or GB18030 read as UTF-16 gives Hangul, private-use and other
    characters no Chinese page is made of, so it never passes.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as error:  # a surrogate cut by the sample's end is fine
            if error.start < len(sample) - 4:
                continue
            text = sample[: error.start].decode(encoding)
        # A few characters prove nothing: GB18030's four-byte forms read as UTF-16
        # are CJK punctuation and ideographs too.
        if len(text) >= 8 and sum(map(_text_like, text)) >= UTF16_TEXT_SHARE * len(text):
            return encoding
    return None


#: A file is UTF-8 with a few bad bytes when at most this share of its
#: non-ASCII characters are bad (GB18030 read as UTF-8 is nearly all bad).
MAX_BAD_UTF8_SHARE = 0.02


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid or truncated sequences, replaced by U+FFFD and located."""
    bad: list[tuple[int, int]] = []  # (start, end) of each invalid sequence

    def note(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        bad.append((error.start, error.end))
        return "\ufffd", error.end

    codecs.register_error("zhpaper-note-bad-utf8", note)
    text = data.decode("utf-8", "zhpaper-note-bad-utf8")
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    if not bad or len(bad) > MAX_BAD_UTF8_SHARE * non_ascii:
        return None
    replaced = tuple(
        (
            data.count(b"\n", 0, start) + 1,
            (
                f"invalid UTF-8 {' '.join(f'0x{b:02x}' for b in data[start:end])}"
                + (" (truncated at the end)" if end == len(data) else "")
                + " replaced by \ufffd"
            ),
        )
        for start, end in bad
    )
    _check_text(text, "utf-8")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding="utf-8", crlf=crlf, replaced=replaced)


def _strict_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
    if (kind := binary_format(data)) is not None:
        hint = "; import it as a page PDF" if kind == "a PDF" else ""
        raise EncodingProblem(f"binary data ({kind}), not a text page{hint}")
    candidates: list[str]
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        candidates = ["utf-32"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif (utf16 := _utf16_without_bom(data)) is not None:
        candidates = [utf16]
    elif _strict_utf8(data):
        candidates = ["utf-8"]
    elif (utf16 := _utf16_by_content(data)) is not None:
        candidates = [utf16]
    elif (mostly := _mostly_utf8(data)) is not None:
        return mostly
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
