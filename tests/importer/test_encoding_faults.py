"""Decoding what archives really hold: BOM-less UTF-16 Chinese, UTF-8 with bad or cut bytes.

Oracles: the seed page's own UTF-8 text (``iconv``-style re-encodings of it must
import to the same articles) and Python's UTF-8 decoder (a cut file is the
prefix that decodes, plus U+FFFD where the cut fell).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer import decode_bytes, import_bytes, import_file

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f7f43db65705d640.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")


def _articles(report):
    return [(a.kind, a.title, a.paragraphs) for a in report.page.articles]


@needs_seed
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_the_seed_page_in_utf16_without_a_bom_imports_like_the_original(
    encoding: str,
) -> None:
    text = SEED.read_text(encoding="utf-8")
    report = import_bytes(text.encode(encoding), source=SEED.name)
    assert report.encoding == encoding
    assert _articles(report) == _articles(import_file(SEED))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_with_few_nul_bytes_is_detected(encoding: str) -> None:
    text = "本报讯　记者云艳芳报道：近年来，我市“干部队伍”建设……\n正文第二段。\n"
    data = text.encode(encoding)
    assert data.count(0) < 0.15 * len(data)  # too few for the NUL pattern alone
    assert decode_bytes(data).text == text


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog, twice.\n",  # even length ASCII
        "近年来，土默特左旗坚持以党建引领基层治理。\n" * 3,
    ],
)
def test_utf8_is_never_taken_for_utf16(text: str) -> None:
    data = text.encode("utf-8")
    decoded = decode_bytes(data + b" " if len(data) % 2 else data)
    assert decoded.encoding == "utf-8" and not decoded.replaced


def test_gb18030_is_still_gb18030() -> None:
    text = "近年来，土默特左旗坚持以党建引领基层治理。\n本报讯（记者 云艳芳）\n" * 4
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and decoded.text == text


@needs_seed
def test_a_utf8_page_cut_anywhere_is_utf8_with_the_cut_reported_never_mojibake() -> None:
    seed = SEED.read_bytes()
    # 2,000 short pages, each cut at another byte (a third of them mid-character).
    for cut in range(200, 2200):
        data = seed[:cut]
        decoded = decode_bytes(data)
        assert decoded.encoding == "utf-8", cut
        expected = data.decode("utf-8", "replace").replace("\r\n", "\n")
        assert decoded.text == expected, cut
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            line = data.count(b"\n") + 1
            assert [where for where, _ in decoded.replaced] == [line], cut
            assert "truncated at the end" in decoded.replaced[0][1]
        else:
            assert decoded.replaced == ()


@needs_seed
def test_one_bad_byte_is_replaced_and_reported_at_its_utf8_line() -> None:
    seed = SEED.read_bytes()
    at = seed.index("。".encode()) + 1  # keep the first byte of 。 only
    data = seed[:at] + seed[at + 2 :]
    report = import_bytes(data, source="damaged.txt")
    assert report.encoding == "utf-8"
    line = seed.count(b"\n", 0, at) + 1
    notes = [note for note in report.notes if "invalid UTF-8" in note.message]
    assert [note.line for note in notes] == [line]
    assert "0xe3" in notes[0].message
    text = "\n".join(p for a in report.page.articles for p in (a.title, *a.paragraphs))
    assert "\ufffd" in text
    assert "杩" not in text  # GB18030 mojibake of UTF-8 Chinese
