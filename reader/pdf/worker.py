"""The child process that reads a PDF with pdfminer.six: bytes on stdin, JSON on stdout.

Run as ``python -m reader.pdf.worker``. PDFs come from strangers: a few KiB can
inflate to gigabytes or loop for minutes inside a parser, so the parent
(:mod:`reader.pdf.extract`) runs this in a child with a memory limit and a
deadline and kills it if either is passed. The output is one JSON object:
``{"pages": [...]}`` (see :func:`reader.pdf.layer.layer_to_json`) or
``{"error": KIND, "message": TEXT}``.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator

from reader.pdf.layer import Box, BoxKind, Glyph, PageLayer, Rect, layer_to_json

#: A newspaper page holds some 20,000 characters; far more is not a page.
MAX_GLYPHS_PER_PAGE = 200_000
MAX_PAGES = 64
#: Thinner than this (points) in one direction, a rectangle is a rule.
RULE_THICKNESS = 2.0
UNMAPPED = "\ufffd"


class Refused(Exception):
    """The PDF is read no further; ``kind`` tells the parent what to say."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _walk(items: Iterable[object]) -> Iterator[object]:
    from pdfminer.layout import LTChar, LTContainer

    for item in items:
        yield item
        if isinstance(item, LTContainer) and not isinstance(item, LTChar):
            yield from _walk(item)


def _page_layer(number: int, layout: object) -> PageLayer:
    from pdfminer.layout import LTChar, LTCurve, LTImage, LTLine, LTPage, LTRect

    assert isinstance(layout, LTPage)
    x_min, y_min, x_max, y_max = layout.bbox
    height = y_max - y_min

    def rect(x0: float, y0: float, x1: float, y1: float) -> Rect:
        # PDF space (y up, origin at the media box corner) → page space (y down).
        return Rect(x0 - x_min, y_max - y1, x1 - x_min, y_max - y0)

    glyphs: list[Glyph] = []
    rules: list[Rect] = []
    boxes: list[Box] = []
    unmapped = 0
    for item in _walk(layout):
        if isinstance(item, LTChar):
            text = item.get_text()
            if text.startswith("(cid:"):
                text, unmapped = UNMAPPED, unmapped + 1
            # Rotated and vertical glyphs are kept too: their text is not lost.
            r = rect(item.x0, item.y0, item.x1, item.y1)
            size = item.size if item.upright else max(item.width, item.height)
            baseline = y_max - item.matrix[5] if item.upright else r.bottom
            glyphs.append(Glyph(text, r.x0, r.top, r.x1, r.bottom, baseline, size))
            if len(glyphs) > MAX_GLYPHS_PER_PAGE:
                raise Refused(
                    "huge", f"page {number} has more than {MAX_GLYPHS_PER_PAGE:,} characters"
                )
        elif isinstance(item, LTImage):
            boxes.append(Box(rect(*item.bbox), BoxKind.IMAGE))
        elif isinstance(item, LTLine):
            (ax, ay), (bx, by) = item.pts[0], item.pts[-1]
            if abs(ay - by) <= RULE_THICKNESS or abs(ax - bx) <= RULE_THICKNESS:
                rules.append(rect(*item.bbox))
        elif isinstance(item, LTRect):
            r = rect(*item.bbox)
            if min(r.width, r.height) <= RULE_THICKNESS:
                if max(r.width, r.height) > RULE_THICKNESS:
                    rules.append(r)
            elif item.fill:
                boxes.append(Box(r, BoxKind.FILLED))
            elif item.stroke:
                boxes.append(Box(r, BoxKind.FRAME))
        elif isinstance(item, LTCurve):
            continue  # ornaments, diagonals of a placeholder: not layout
    return PageLayer(
        number=number,
        width=x_max - x_min,
        height=height,
        glyphs=tuple(glyphs),
        rules=tuple(rules),
        boxes=tuple(boxes),
        unmapped=unmapped,
    )


def read_layers(data: bytes) -> list[PageLayer]:
    """Every page's text layer. Raises :class:`Refused` for what cannot be read."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect:
        raise Refused("encrypted", "encrypted PDF: needs a password to open") from None
    except PDFEncryptionError as error:
        raise Refused("encrypted", f"encrypted PDF: {_reason(error)}") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise Refused("damaged", f"damaged PDF: {_reason(error)}") from None
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    layers: list[PageLayer] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PAGES:
                raise Refused("huge", f"more than {MAX_PAGES} pages: not a newspaper page")
            interpreter.process_page(page)
            layers.append(_page_layer(number, device.get_result()))
    except Refused:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise Refused("encrypted", f"encrypted PDF: {_reason(error)}") from None
    except MemoryError:
        raise Refused("huge", "PDF too large to read: out of memory") from None
    except RecursionError:
        raise Refused("damaged", "damaged PDF: objects nested without end") from None
    except Exception as error:  # pdfminer raises many kinds on broken files
        raise Refused("damaged", f"damaged PDF: {_reason(error)}") from None
    if not layers:
        raise Refused("damaged", "damaged PDF: no pages found")
    return layers


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:120]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def main() -> int:
    # pdfminer logs every repaired xref and unknown operator at WARNING.
    logging.disable(logging.CRITICAL)
    data = sys.stdin.buffer.read()
    try:
        payload: dict[str, object] = {"pages": [layer_to_json(p) for p in read_layers(data)]}
    except Refused as refused:
        payload = {"error": refused.kind, "message": refused.message}
    sys.stdout.write(json.dumps(payload, ensure_ascii=True, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
