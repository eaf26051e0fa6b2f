"""Well-known binary formats, recognised by their first bytes (magic numbers).

A PDF, an image or an archive can happen to decode as GB18030 — almost any
byte string does — and would then be imported as one article of mojibake.
Their signatures say what they are before any decoding is tried.
"""

from __future__ import annotations

#: (signature, offset, what it is) — the common formats a user may pass by mistake.
SIGNATURES: tuple[tuple[bytes, int, str | None], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"RIFF", 0, "a RIFF file (WebP, WAV, AVI)"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"BM", 0, None),  # too short to trust alone; see _bitmap
    (b"PK\x03\x04", 0, "a ZIP archive (or DOCX, EPUB, XLSX)"),
    (b"\x1f\x8b", 0, "gzip-compressed data"),
    (b"BZh", 0, None),  # see _bzip2
    (b"\xfd7zXZ\x00", 0, "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Office document (DOC, XLS)"),
    (b"\x7fELF", 0, "a program (ELF)"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"OggS", 0, "an Ogg media file"),
    (b"ID3", 0, "an MP3 file"),
    (b"fLaC", 0, "a FLAC file"),
    (b"wOFF", 0, "a web font"),
    (b"wOF2", 0, "a web font"),
    (b"ftyp", 4, "an MP4/HEIC media file"),
)


def binary_format(data: bytes) -> str | None:
    """What binary format ``data`` is in ("a PDF", "a PNG image" …), or None."""
    if b"%PDF-" in data[:1024]:
        return "a PDF"
    for signature, offset, name in SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            if name is not None:
                return name
            if signature == b"BZh" and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
                return "bzip2-compressed data"
            if signature == b"BM" and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
                return "a BMP image"
    return None


__all__ = ["binary_format"]
