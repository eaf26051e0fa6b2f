"""Bytes from the web → text, decided by zhpaper and never guessed by a parser.

The order is the one browsers use: a byte-order mark wins, then the charset of
the HTTP ``Content-Type`` header, then the page's own declaration (``<meta
charset>``, ``<meta http-equiv=Content-Type>``, or an XML declaration). GB2312
and GBK declarations are read as GB18030, their superset: real pages are GBK or
GB18030 bytes that declare gb2312 (镕 堃 喆 and four-byte characters are not in
GB2312). Decoding is strict: a page that does not decode in its declared
charset is tried as UTF-8 (the common "wrong header" mistake) and otherwise
refused with a one-line reason. Mojibake never reaches a parser.
"""

from __future__ import annotations

import codecs
import re

#: Declared names read as a superset that decodes everything the name promises.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "iso-8859-1": "cp1252",  # what browsers do: the WHATWG label maps latin1 to windows-1252
    "latin1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "big5": "big5hkscs",
}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""",
    re.I,
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Charsets servers send by default, whatever the page is.
_SERVER_DEFAULTS = frozenset({"cp1252", "latin_1", "iso8859-1", "ascii"})
#: How far into a page to look for its own charset declaration (as browsers do).
SNIFF_BYTES = 4096


class UndecodablePage(ValueError):
    """The bytes are not text in the charset they claim (nor in UTF-8)."""


def normalize_charset(name: str) -> str | None:
    """A Python codec for a declared charset name (superset applied); None if unknown."""
    label = name.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The charset a ``Content-Type`` header names, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset the document itself declares in its first bytes (meta or XML)."""
    head = data[:SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def decode_page(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, codec)`` for a fetched document.

    Raises :class:`UndecodablePage` (one line, with the byte offset) when no
    declared charset decodes the bytes strictly.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            after_bom = _strict(data[len(bom) :], codec)
            if after_bom is None:
                raise UndecodablePage(
                    f"bytes after the {codec.upper()} byte-order mark do not decode"
                )
            return after_bom, codec
    if b"\x00" in data:
        raise UndecodablePage("binary data (NUL bytes), not a web page")
    # Legacy multi-byte text almost never validates as UTF-8, while UTF-8 pages
    # served with a stale legacy header or meta are common: valid UTF-8 wins.
    as_utf8 = _strict(data, "utf-8")
    if as_utf8 is not None:
        return as_utf8, "utf-8"
    tried: list[str] = ["utf-8"]
    header = header_charset(content_type)
    meta = declared_charset(data)
    if header and meta and normalize_charset(header) in _SERVER_DEFAULTS:
        header = None  # a server's western default says nothing about this page
    for label in (header, meta):
        if not label:
            continue
        declared = normalize_charset(label)
        if declared is None or declared in tried:
            continue
        tried.append(declared)
        decoded = _strict(data, declared)
        if decoded is not None:
            return decoded, declared
    if not header and not meta:
        # Nothing declared: the Chinese legacy default a browser in China would use.
        decoded = _strict(data, "gb18030")
        if decoded is not None:
            return decoded, "gb18030"
        tried.append("gb18030")
    offset = _first_bad_byte(data, tried[-1])
    names = ", ".join(c.upper() for c in tried)
    raise UndecodablePage(f"not text in {names} (bad byte at offset {offset})")


def _first_bad_byte(data: bytes, codec: str) -> int:
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return error.start
    return 0


__all__ = [
    "UndecodablePage",
    "declared_charset",
    "decode_page",
    "header_charset",
    "normalize_charset",
]
