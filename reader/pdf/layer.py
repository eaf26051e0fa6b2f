"""What a PDF page's text layer holds, in page coordinates (points, y downwards).

These are plain values: the extraction worker (:mod:`reader.pdf.worker`) builds
them with pdfminer.six in a child process and sends them back as JSON, and the
reading-order code never sees a PDF object.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character: its text, box (top < bottom) and the baseline it sits on."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float

    def as_row(self) -> list[object]:
        return [self.text, self.x0, self.top, self.x1, self.bottom, self.baseline, self.size]


class BoxKind(Enum):
    """A rectangle on the page that is not a thin rule."""

    IMAGE = "image"  # a raster image: a photo, a logo
    FILLED = "filled"  # a filled rectangle: a banner's ground, a photo placeholder
    FRAME = "frame"  # a stroked, unfilled rectangle: a boxed article


@dataclass(frozen=True, slots=True)
class Rect:
    """A rule (thin in one direction) or a box, in page coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle that is not a rule, and what it looks like."""

    rect: Rect
    kind: BoxKind


@dataclass(frozen=True, slots=True)
class PageLayer:
    """Everything the reading-order code needs from one page."""

    number: int  # 1-based position in the PDF
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rect, ...]  # horizontal (height ~0) or vertical (width ~0) lines
    boxes: tuple[Box, ...]
    unmapped: int = 0  # glyphs whose code has no Unicode value (kept as U+FFFD)

    @property
    def horizontal_rules(self) -> tuple[Rect, ...]:
        return tuple(r for r in self.rules if r.width >= r.height)

    @property
    def vertical_rules(self) -> tuple[Rect, ...]:
        return tuple(r for r in self.rules if r.height > r.width)


def layer_to_json(page: PageLayer) -> dict[str, object]:
    """A page as JSON-ready data (the worker's output)."""
    return {
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "glyphs": [g.as_row() for g in page.glyphs],
        "rules": [[r.x0, r.top, r.x1, r.bottom] for r in page.rules],
        "boxes": [
            [b.rect.x0, b.rect.top, b.rect.x1, b.rect.bottom, b.kind.value] for b in page.boxes
        ],
        "unmapped": page.unmapped,
    }


def layer_from_json(data: dict[str, object]) -> PageLayer:
    """The inverse of :func:`layer_to_json`."""
    glyphs = tuple(
        Glyph(str(t), float(a), float(b), float(c), float(d), float(e), float(f))
        for t, a, b, c, d, e, f in data["glyphs"]  # type: ignore[attr-defined]
    )
    rules = tuple(Rect(*map(float, r)) for r in data["rules"])  # type: ignore[attr-defined]
    boxes = tuple(
        Box(Rect(float(a), float(b), float(c), float(d)), BoxKind(k))
        for a, b, c, d, k in data["boxes"]  # type: ignore[attr-defined]
    )
    return PageLayer(
        number=int(data["number"]),  # type: ignore[call-overload]
        width=float(data["width"]),  # type: ignore[arg-type]
        height=float(data["height"]),  # type: ignore[arg-type]
        glyphs=glyphs,
        rules=rules,
        boxes=boxes,
        unmapped=int(data.get("unmapped", 0)),  # type: ignore[call-overload]
    )
