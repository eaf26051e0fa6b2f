"""Hostile PDFs: bounded time, bounded memory, bounded size — one clear line each."""

from __future__ import annotations

import pytest

from reader.pdf import PdfProblem, extract, import_pdf_bytes
from reader.pdf.extract import read_pdf_layers
from tests.pdf.pages import inflating_page, text_page

MIB = 1024 * 1024


def test_a_stream_that_inflates_past_the_memory_limit_is_refused() -> None:
    bomb = inflating_page(320, fill=b" ")  # 1.4 MB on disk, 320 MiB inflated
    assert len(bomb) < 2 * MIB
    with pytest.raises(PdfProblem, match="too large to read") as caught:
        read_pdf_layers(bomb, memory=200 * MIB, timeout=60)
    assert caught.value.kind == "huge"


def test_a_page_that_takes_too_long_is_stopped() -> None:
    slow = inflating_page(16)  # millions of drawing operators
    with pytest.raises(PdfProblem, match="not read within 1 s") as caught:
        read_pdf_layers(slow, timeout=1)
    assert caught.value.kind == "huge"


def test_the_limits_leave_room_for_a_real_page() -> None:
    (layer,) = read_pdf_layers(text_page("一二三"), memory=200 * MIB)
    assert "".join(g.text for g in layer.glyphs) == "一二三"


def test_a_file_too_big_to_be_a_page_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_PDF_BYTES", 1000)
    with pytest.raises(PdfProblem, match="larger than"):
        import_pdf_bytes(text_page() + b" " * 1000, source="big.pdf")
