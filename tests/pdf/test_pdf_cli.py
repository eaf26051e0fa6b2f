"""`zhpaper import FILE.pdf`: the fixture page end to end, and every way a PDF is refused."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cmd_cli import _run as run_zhpaper
from tests.pdf.helpers import EXPECTED, FIXTURES
from tests.pdf.pages import encrypted_page, scanned_page, text_page

QINGCHENG = FIXTURES / "qingcheng-2025-02-20-p3.pdf"


def _zhpaper(*args: str) -> subprocess.CompletedProcess[str]:
    return run_zhpaper(*args)


@pytest.mark.skipif(not EXPECTED.exists(), reason="needs ../shared/fixtures/pdf")
def test_import_then_export_gives_exactly_the_expected_articles(tmp_path: Path) -> None:
    out = tmp_path / "q"
    imported = _zhpaper("import", str(QINGCHENG), "--out", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "7 article, 1 photo; PDF text layer; 6 column break(s) joined" in imported.stdout
    assert "page furniture (not an article): 责任编辑：高原　版式设计：李敏" in imported.stdout
    exported = _zhpaper("export", "--content", str(out), "--format", "json")
    assert exported.returncode == 0, exported.stderr
    got = json.loads(exported.stdout)["articles"]
    expected = [
        a
        for a in json.loads(EXPECTED.read_text("utf-8"))["articles"]
        if a["file"] == QINGCHENG.name
    ]
    shared = [key for key in expected[0] if key in got[0]]
    assert {"paper", "date", "page", "section", "kicker", "title", "paragraphs"} <= set(shared)
    assert [{k: a[k] for k in shared} for a in got] == [{k: a[k] for k in shared} for a in expected]


@pytest.mark.skipif(not EXPECTED.exists(), reason="needs ../shared/fixtures/pdf")
def test_command_line_overrides_the_page_header(tmp_path: Path) -> None:
    out = tmp_path / "q"
    args = ["--paper", "别的报", "--date", "2024-01-02", "--page", "7"]
    assert _zhpaper("import", str(QINGCHENG), "--out", str(out), *args).returncode == 0
    got = json.loads(_zhpaper("export", "--content", str(out)).stdout)["articles"]
    assert {(a["paper"], a["date"], a["page"]) for a in got} == {("别的报", "2024-01-02", 7)}


def test_a_pdf_is_recognised_by_its_header_not_its_name(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(text_page("本报讯 一段正文。"))
    done = _zhpaper("import", str(page), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "PDF text layer" in done.stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_page, "no text layer: scanned page; OCR is not supported"),
        (encrypted_page, "encrypted PDF: needs a password to open"),
        (lambda: text_page()[:400], "damaged PDF"),
        (lambda: b"%PDF-1.7\n" + os.urandom(3000), "damaged PDF"),
    ],
    ids=["scanned", "encrypted", "truncated", "garbage"],
)
def test_unreadable_pdfs_are_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    page = tmp_path / "page.pdf"
    page.write_bytes(make())
    done = _zhpaper("import", str(page), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert message in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(range(128, 256)) * 8, "a JPEG image"),
        (b"PK\x03\x04" + bytes(range(128, 256)) * 8, "a ZIP archive"),
        (b"\x1f\x8b\x08" + bytes(range(128, 256)) * 8, "gzip-compressed data"),
    ],
    ids=["png", "jpeg", "zip", "gzip"],
)
def test_other_binary_files_are_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    done = _zhpaper("import", str(page), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert f"binary data ({kind}" in done.stderr
    assert "not a text page" in done.stderr


def test_pdf_bytes_are_never_decoded_as_text() -> None:
    from reader.importer import EncodingProblem, import_bytes

    with pytest.raises(EncodingProblem, match="a PDF"):
        import_bytes(text_page(), source="page.txt")
