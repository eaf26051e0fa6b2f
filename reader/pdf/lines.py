"""Glyphs → printed lines, from positions alone (never from the order of the stream).

A PDF may write a page column by column (desktop publishing) or row by row
across the page (OCR text layers, re-distilled files). Both give the same
lines here: glyphs are grouped by baseline, sorted left to right and cut
wherever the space between two of them is wider than type ever sets inside a
line — a column gutter, or a vertical rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.pdf.layer import Glyph, Rect

#: Glyphs on one line: baselines closer than this share of the type size.
BASELINE_TOLERANCE = 0.25
#: A gap wider than this (in ems) with nothing drawn in it ends a line fragment.
#: Justified CJK lines stretch by well under 0.1 em; column gutters are ~1 em.
MAX_GAP_EM = 0.6
#: A gap filled by a printed blank (a space, U+3000) joins up to this many ems.
MAX_BLANK_GAP_EM = 1.6
#: Overprinted copies (faux bold) sit closer than this share of the size.
DUPLICATE_TOLERANCE = 0.15


@dataclass(frozen=True, slots=True)
class Line:
    """A run of glyphs on one baseline with no gutter inside, as printed."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float  # the most common glyph size in the line
    glyph_count: int  # glyphs that are not blanks

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def body_size(glyphs: tuple[Glyph, ...] | list[Glyph]) -> float:
    """The type size most characters are set in (the body type), rounded to 0.1 pt."""
    sizes = Counter(round(g.size, 1) for g in glyphs if not g.text.isspace())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def drop_overprints(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """Remove copies of a glyph printed again on itself (faux bold, shadows).

    A reader sees one character there, so one is kept. Returns the glyphs and
    how many copies were removed.
    """
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    dropped = 0
    for glyph in glyphs:
        step = max(glyph.size * DUPLICATE_TOLERANCE, 0.5)
        kx, ky = int(glyph.x0 // step), int(glyph.baseline // step)
        twin = next(
            (
                other
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for other in seen.get((glyph.text, kx + dx, ky + dy), ())
                if abs(other.x0 - glyph.x0) < step
                and abs(other.baseline - glyph.baseline) < step
                and abs(other.size - glyph.size) < step
            ),
            None,
        )
        if twin is not None and not glyph.text.isspace():
            dropped += 1
            continue
        seen.setdefault((glyph.text, kx, ky), []).append(glyph)
        kept.append(glyph)
    return kept, dropped


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    ordered = sorted(glyphs, key=lambda g: (g.baseline, g.x0))
    rows: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in ordered:
        if rows and glyph.baseline - anchor <= BASELINE_TOLERANCE * glyph.size:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
            anchor = glyph.baseline
    return rows


def _rule_between(rules: list[Rect], left: Glyph, right: Glyph) -> bool:
    middle = (left.top + left.bottom) / 2
    return any(
        left.x1 - 0.5 <= rule.x0 and rule.x1 <= right.x0 + 0.5 and rule.top <= middle <= rule.bottom
        for rule in rules
    )


def _make_line(glyphs: list[Glyph]) -> Line | None:
    ink = [g for g in glyphs if not g.text.isspace()]
    if not ink:
        return None
    size = Counter(round(g.size, 1) for g in ink).most_common(1)[0][0]
    return Line(
        text="".join(g.text for g in glyphs).strip(),
        x0=min(g.x0 for g in ink),
        top=min(g.top for g in ink),
        x1=max(g.x1 for g in ink),
        bottom=max(g.bottom for g in ink),
        baseline=sum(g.baseline for g in ink) / len(ink),
        size=size,
        glyph_count=len(ink),
    )


def build_lines(glyphs: list[Glyph], vertical_rules: list[Rect], body: float) -> list[Line]:
    """Group glyphs into lines, top to bottom and left to right on the page."""
    lines: list[Line] = []
    for row in _rows(glyphs):
        row.sort(key=lambda g: g.x0)
        current: list[Glyph] = []
        last_ink: Glyph | None = None
        blanks = 0.0
        for glyph in row:
            if glyph.text.isspace():
                if last_ink is not None:
                    current.append(glyph)
                    blanks += glyph.x1 - glyph.x0
                continue
            if last_ink is not None:
                gap = glyph.x0 - last_ink.x1
                em = max(glyph.size, last_ink.size)
                # Measured in body ems even for display type: two headlines in
                # neighbouring columns are one gutter apart, whatever their size.
                limit = MAX_GAP_EM * min(em, body)
                if blanks > 0 and blanks >= gap * 0.5:
                    limit = max(limit, MAX_BLANK_GAP_EM * em)
                if gap > limit or _rule_between(vertical_rules, last_ink, glyph):
                    if (line := _make_line(current)) is not None:
                        lines.append(line)
                    current = []
            current.append(glyph)
            last_ink = glyph
            blanks = 0.0
        if (line := _make_line(current)) is not None:
            lines.append(line)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


__all__ = ["Line", "body_size", "build_lines", "drop_overprints"]
