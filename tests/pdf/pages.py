"""Small PDFs made in tests with reportlab (a test-only dependency).

Text is set in reportlab's built-in CID font STSong-Light (Adobe-GB1, not
embedded), as the fixture pages are: no font file is needed anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

reportlab = pytest.importorskip("reportlab", reason="reportlab is in the test extra")

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def make_pdf(
    draw: Callable[[Canvas], None],
    size: tuple[float, float] = (595.0, 842.0),
    **canvas_options: object,
) -> bytes:
    """A one-page PDF drawn by ``draw`` (reportlab coordinates: y up from the bottom)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1, **canvas_options)  # type: ignore[arg-type]
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def text_page(text: str = "本报讯 测试") -> bytes:
    """A page with one line of text."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 12)
        canvas.drawString(72, 720, text)

    return make_pdf(draw)


def scanned_page() -> bytes:
    """A page that is only a picture (what a scanner makes): no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (40, 60), color=200)

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(ImageReader(image), 0, 0, width=595, height=842)

    return make_pdf(draw)


def encrypted_page() -> bytes:
    """A page that needs a password to open."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(canvas: Canvas) -> None:
        canvas.setFont(FONT, 12)
        canvas.drawString(72, 720, "机密")

    return make_pdf(draw, encrypt=StandardEncryption("secret", canPrint=0))


def inflating_page(megabytes: int, fill: bytes = b"0 0 m ") -> bytes:
    """A tiny PDF whose one content stream inflates to ``megabytes`` MiB of operators.

    Written by hand (reportlab would not): what a hostile or broken file can do
    to a parser that trusts it.
    """
    import zlib

    packer = zlib.compressobj(1)
    chunk = fill * (1_048_576 // len(fill))
    body = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
