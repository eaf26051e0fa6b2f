"""Reading order from geometry: a recursive cut of the page into rectangles.

The eye reads a newspaper page as nested rectangles: a band across the page
(a banner, a row of articles), inside it a group of columns, inside an article
its headline and then its columns left to right, each column top to bottom.
:func:`reading_order` finds those rectangles by cutting the page where nothing
is printed, or along a printed rule:

* Columns first. A gutter (a vertical strip with no ink from the top of the
  rectangle to its bottom, or a vertical rule over most of its height) splits
  it into parts read left to right. A headline centred over several columns is
  first widened to the columns it is centred over, so that its columns stay
  together below it.
* Otherwise bands, read top to bottom: a horizontal rule across the
  rectangle, a gap next to a headline, a photo or a rule, or between two lines
  of body type a gap clearly wider than the leading.

Nothing inside a column is reordered: a column is never cut sideways, and the
lines of a rectangle that cannot be cut are read top to bottom.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import Enum

from reader.pdf.layer import Rect
from reader.pdf.lines import Line

#: Type at least this much larger than the body is display type (kickers, headlines).
HEADING_RATIO = 1.15
#: A gutter is at least this share of the body size wide.
MIN_GUTTER_EM = 0.5
#: A rule counts as a separator when it runs along this share of what it separates.
RULE_COVER = 0.6


class ItemKind(Enum):
    BODY = "body"
    HEADING = "heading"
    PICTURE = "picture"  # a photo box or an image


@dataclass(slots=True)
class Item:
    """Something read in order: a line of text, or a picture."""

    kind: ItemKind
    x0: float  # the extent used for cutting (a headline: the columns it spans)
    top: float
    x1: float
    bottom: float
    line: Line | None = None
    column: int = 0  # which column part of the page it was read in (set by the cut)
    boxed: bool = False  # set on a filled ground (a banner)

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class PageGeometry:
    """Measures of one page that the cuts depend on."""

    body: float  # body type size
    min_gap: float  # a gap between body lines wider than this separates blocks
    columns: list[tuple[float, float]] = field(default_factory=list)


def measure(lines: list[Line], body: float) -> PageGeometry:
    """Body size, the gap that means "new block" and the column grid, from the body lines."""
    body_lines = [ln for ln in lines if abs(ln.size - body) < 0.5]
    gaps: list[float] = []
    by_right: dict[int, list[Line]] = {}
    for line in body_lines:
        by_right.setdefault(round(line.x1), []).append(line)
    for group in by_right.values():
        group.sort(key=lambda ln: ln.top)
        for above, below in zip(group, group[1:], strict=False):
            gap = below.top - above.bottom
            if 0 <= gap < body * 2:
                gaps.append(gap)
    leading_gap = statistics.median(gaps) if gaps else body * 0.4
    # Column grid: lines starting at one left edge mostly end at one right edge
    # (justified type); indented first lines end there too, so each right edge
    # keeps its leftmost start.
    by_left: dict[int, list[Line]] = {}
    for line in body_lines:
        by_left.setdefault(round(line.x0), []).append(line)
    left_of: dict[int, float] = {}
    for group in by_left.values():
        if len(group) < 3:
            continue
        right, count = Counter(round(ln.x1) for ln in group).most_common(1)[0]
        if count < 2:
            continue
        left = min(ln.x0 for ln in group)
        if right - left >= body * 3 and left < left_of.get(right, math.inf):
            left_of[right] = left
    columns = [(left, float(right)) for right, left in left_of.items()]
    columns.sort()
    return PageGeometry(body=body, min_gap=leading_gap + body * 0.3, columns=columns)


def _widen_heading(item: Item, geometry: PageGeometry, lines: list[Line]) -> None:
    """Give a centred headline the extent of the columns it is centred over."""
    line = item.line
    assert line is not None
    tolerance = max(line.size, geometry.body)
    best: tuple[float, float] | None = None
    cols = geometry.columns
    for i in range(len(cols)):
        for j in range(i, len(cols)):
            if j > i and cols[j][0] - cols[j - 1][1] > geometry.body * 3:
                break  # not neighbouring columns
            left, right = cols[i][0], cols[j][1]
            if left > line.x0 + 1 or right < line.x1 - 1:
                continue
            if abs((left + right) / 2 - line.centre) > tolerance:
                continue
            crowded = any(
                other is not line
                and other.bottom > line.top
                and other.top < line.bottom
                and other.x1 > left
                and other.x0 < right
                for other in lines
            )
            # A headline centred on one column is also centred on it and its two
            # neighbours: a span counts only if body type follows in its end columns.
            followed = all(_body_below(line, cols[k], geometry, lines) for k in {i, j})
            if not crowded and followed and (best is None or right - left > best[1] - best[0]):
                best = (left, right)
    if best is not None:
        item.x0, item.x1 = min(item.x0, best[0]), max(item.x1, best[1])


def _body_below(
    line: Line, column: tuple[float, float], geometry: PageGeometry, lines: list[Line]
) -> bool:
    """Whether body type starts in ``column`` soon below ``line`` (its article's body)."""
    below = [
        other
        for other in lines
        if other.top >= line.bottom - 0.5
        and other.top - line.bottom <= geometry.body * 10
        and other.x0 < column[1]
        and other.x1 > column[0]
    ]
    return any(abs(other.size - geometry.body) < 0.5 for other in below)


def make_items(
    lines: list[Line],
    pictures: list[Rect],
    grounds: list[Rect],
    geometry: PageGeometry,
) -> list[Item]:
    """Items to order: lines (headlines widened to their columns) and pictures."""
    items: list[Item] = []
    for line in lines:
        heading = line.size >= geometry.body * HEADING_RATIO
        item = Item(
            ItemKind.HEADING if heading else ItemKind.BODY,
            line.x0,
            line.top,
            line.x1,
            line.bottom,
            line=line,
            boxed=any(
                g.x0 - 1 <= line.x0
                and line.x1 <= g.x1 + 1
                and g.top - 1 <= line.top
                and line.bottom <= g.bottom + 1
                for g in grounds
            ),
        )
        if heading and not item.boxed:
            _widen_heading(item, geometry, lines)
        items.append(item)
    for box in pictures:
        items.append(Item(ItemKind.PICTURE, box.x0, box.top, box.x1, box.bottom))
    return items


class _Cutter:
    def __init__(self, geometry: PageGeometry, rules: list[Rect]) -> None:
        self.geometry = geometry
        self.horizontal = [r for r in rules if r.width >= r.height]
        self.vertical = [r for r in rules if r.height > r.width]
        self.next_column = 1
        self.out: list[Item] = []

    # -- finding cuts -----------------------------------------------------------

    def _gutters(self, items: list[Item]) -> list[tuple[float, float]]:
        """Vertical strips with no ink from the top of ``items`` to their bottom."""
        left, top, right, bottom = _extent(items)
        spans = [(i.x0, i.x1) for i in items]
        # A rule across the rectangle blocks any cut through it.
        spans += [(r.x0, r.x1) for r in self.horizontal if top < (r.top + r.bottom) / 2 < bottom]
        return _gaps(spans, left, right, self.geometry.body * MIN_GUTTER_EM)

    def _vertical_cuts(self, items: list[Item]) -> list[float]:
        left, top, right, bottom = _extent(items)
        cuts = [(a + b) / 2 for a, b in self._gutters(items)]
        height = bottom - top
        for rule in self.vertical:
            x = (rule.x0 + rule.x1) / 2
            if not left < x < right or any(i.x0 < x < i.x1 for i in items):
                continue
            covered = min(rule.bottom, bottom) - max(rule.top, top)
            if covered >= RULE_COVER * height and all(abs(x - c) > 1 for c in cuts):
                cuts.append(x)
        return sorted(cuts)

    def _horizontal_cuts(self, items: list[Item]) -> list[tuple[float, bool]]:
        """Where bands separate, and whether a rule runs there."""
        left, top, right, bottom = _extent(items)
        spans = [(i.top, i.bottom) for i in items]
        blockers = [(r.top, r.bottom) for r in self.vertical if left < (r.x0 + r.x1) / 2 < right]
        cuts: list[tuple[float, bool]] = []
        for a, b in _gaps(spans + blockers, top, bottom, 0.0):
            above = max((i for i in items if i.bottom <= a + 0.01), key=lambda i: i.bottom)
            below = min((i for i in items if i.top >= b - 0.01), key=lambda i: i.top)
            plain = above.kind is ItemKind.BODY and below.kind is ItemKind.BODY
            ruled = any(
                a - 1 <= r.top
                and r.bottom <= b + 1
                and min(r.x1, right) - max(r.x0, left) >= RULE_COVER * (right - left)
                for r in self.horizontal
            )
            if not plain or ruled or b - a >= self.geometry.min_gap:
                cuts.append(((a + b) / 2, ruled))
        return cuts

    def _free(
        self, band: list[Item], left: float, right: float, slab: tuple[float, float]
    ) -> list[tuple[float, float]]:
        """Strips of (left, right) with no ink in ``band`` or on a rule in its slab."""
        spans = [(i.x0, i.x1) for i in band]
        # A banner's rule sits in the gap under its text: the slab runs from cut to cut.
        # A rule across the whole rectangle is a cut of its own (see _horizontal_cuts).
        spans += [
            (r.x0, r.x1)
            for r in self.horizontal
            if slab[0] <= (r.top + r.bottom) / 2 <= slab[1]
            and min(r.x1, right) - max(r.x0, left) < RULE_COVER * (right - left)
            and r.x1 > left
            and r.x0 < right
        ]
        spans += [(right, right + 1)]  # so a free strip up to the right edge counts
        return _gaps(spans, left - 1, right + 1, self.geometry.body * MIN_GUTTER_EM)

    def _bands(self, items: list[Item], cuts: list[tuple[float, bool]]) -> list[list[Item]]:
        """Bands top to bottom; neighbours a gutter runs through (and no rule) stay together.

        The kicker row, the headline row and the bodies of two articles side by
        side are separate bands, but one gutter runs through all of them: they
        are one rectangle of two columns, read column by column, not row by row.
        A band on one side of the gutter only (a caption under a photo) joins
        that side.
        """
        left, top, right, bottom = _extent(items)
        minimum = self.geometry.body * MIN_GUTTER_EM
        positions = [c for c, _ in cuts]
        bands = _split(items, positions, lambda i: (i.top + i.bottom) / 2)
        edges = [top, *positions, bottom]
        ruled = [r for _, r in cuts]
        groups: list[list[Item]] = [list(bands[0])]
        common = self._free(bands[0], left, right, (edges[0], edges[1]))
        for index, band in enumerate(bands[1:]):
            free = self._free(band, left, right, (edges[index + 1], edges[index + 2]))
            joined = groups[-1] + band
            shared = [
                (a, b)
                for a, b in _overlaps(common, free, minimum)
                if any(i.x1 <= a + 0.01 for i in joined) and any(i.x0 >= b - 0.01 for i in joined)
            ]
            if shared and not ruled[index]:
                groups[-1] = joined
                common = shared
            else:
                groups.append(list(band))
                common = free
        if len(groups) == 1:
            return bands
        return groups

    # -- cutting ------------------------------------------------------------------

    def cut(self, items: list[Item], column: int) -> None:
        if len(items) == 1:
            items[0].column = column
            self.out.append(items[0])
            return
        vertical = self._vertical_cuts(items)
        if vertical:
            for part in _split(items, vertical, lambda i: i.centre_x):
                self.next_column += 1
                self.cut(part, self.next_column)
            return
        horizontal = self._horizontal_cuts(items)
        if horizontal:
            for part in self._bands(items, horizontal):
                self.cut(part, column)
            return
        # Nothing to cut: lines overlapping each other; read them as printed.
        for item in sorted(items, key=lambda i: (i.top, i.x0)):
            item.column = column
            self.out.append(item)


def _extent(items: list[Item]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of what ``items`` cover."""
    return (
        min(i.x0 for i in items),
        min(i.top for i in items),
        max(i.x1 for i in items),
        max(i.bottom for i in items),
    )


def _gaps(
    spans: list[tuple[float, float]], start: float, end: float, minimum: float
) -> list[tuple[float, float]]:
    """Intervals inside (start, end) covered by no span, wider than ``minimum``."""
    gaps: list[tuple[float, float]] = []
    reach = start
    for a, b in sorted(spans):
        if a >= end:
            break
        if a > reach and a - reach > minimum:
            gaps.append((reach, a))
        reach = max(reach, b)
    return gaps


def _overlaps(
    first: list[tuple[float, float]], second: list[tuple[float, float]], minimum: float
) -> list[tuple[float, float]]:
    """The parts shared by two sets of intervals, wider than ``minimum``."""
    return [
        (max(a, c), min(b, d))
        for a, b in first
        for c, d in second
        if min(b, d) - max(a, c) >= minimum
    ]


def _split(items: list[Item], cuts: list[float], key: object) -> list[list[Item]]:
    parts: list[list[Item]] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        value = key(item)  # type: ignore[operator]
        index = sum(1 for c in cuts if value > c)
        parts[index].append(item)
    return [p for p in parts if p]


def reading_order(items: list[Item], geometry: PageGeometry, rules: list[Rect]) -> list[Item]:
    """The items in the order a reader takes them, each tagged with its column part."""
    if not items:
        return []
    cutter = _Cutter(geometry, rules)
    cutter.cut([replace(i) for i in items], 0)
    return cutter.out


__all__ = [
    "HEADING_RATIO",
    "Item",
    "ItemKind",
    "PageGeometry",
    "make_items",
    "measure",
    "reading_order",
]
