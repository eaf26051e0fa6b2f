"""One page's text layer → its header, its articles in reading order, its furniture."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.pdf.header import Header, looks_like_header, read_header
from reader.pdf.layer import BoxKind, PageLayer, Rect
from reader.pdf.lines import Line, body_size, build_lines, drop_overprints
from reader.pdf.order import Item, ItemKind, make_items, measure, reading_order
from reader.pdf.structure import Assembler, ColumnEdges, Draft

#: A header rule sits in the top quarter of the page, a footer rule in the bottom tenth.
HEADER_ZONE = 0.25
FOOTER_ZONE = 0.9
#: A rule "across the page" runs at least this share of the text's width.
ACROSS = 0.8
#: A picture is at least this many body ems on each side.
PICTURE_EM = 3.0


@dataclass(slots=True)
class PageReading:
    """What one page says, before it becomes content."""

    number: int  # position in the PDF
    header: Header
    drafts: list[Draft]
    furniture: list[str]  # header and footer lines: printed, but not articles
    notes: list[str] = field(default_factory=list)
    joins: int = 0
    glyphs: int = 0  # characters on the page (blanks not counted)


def _inside(line: Line, box: Rect, slack: float = 1.0) -> bool:
    return (
        box.x0 - slack <= line.x0
        and line.x1 <= box.x1 + slack
        and box.top - slack <= line.top
        and line.bottom <= box.bottom + slack
    )


def _split_furniture(
    lines: list[Line], layer: PageLayer, body: float
) -> tuple[list[Line], list[Line], list[Line], float, float]:
    """(header lines, footer lines, the rest, header bottom, footer top)."""
    if not lines:
        return [], [], [], 0.0, layer.height
    text_width = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    across = [r for r in layer.horizontal_rules if r.width >= ACROSS * text_width]
    header_bottom = 0.0
    top_rules = sorted(r.top for r in across if r.top < HEADER_ZONE * layer.height)
    if top_rules:
        candidates = [ln for ln in lines if ln.bottom <= top_rules[0] + 1]
        if candidates and looks_like_header(candidates):
            header_bottom = top_rules[0]
    if header_bottom == 0.0:
        top = [ln for ln in lines if ln.top < 0.12 * layer.height]
        marked = [ln for ln in top if looks_like_header([ln])]
        if marked:
            header_bottom = max(ln.bottom for ln in marked) + 1
    footer_top = layer.height
    bottom_rules = sorted(
        (r.bottom for r in across if r.top > FOOTER_ZONE * layer.height), reverse=True
    )
    if bottom_rules:
        below = [ln for ln in lines if ln.top >= bottom_rules[0] - 1]
        if below and all(ln.size < body * 0.95 for ln in below):
            footer_top = bottom_rules[0]
    header = [ln for ln in lines if ln.bottom <= header_bottom + 0.5]
    footer = [ln for ln in lines if ln.top >= footer_top - 0.5 and ln not in header]
    rest = [ln for ln in lines if ln not in header and ln not in footer]
    return header, footer, rest, header_bottom, footer_top


def _banners(ordered: list[Item], rules: list[Rect]) -> set[int]:
    """Items that are section banners: a line on a ground, or over a long rule."""
    found: set[int] = set()
    for index, item in enumerate(ordered):
        line = item.line
        if line is None or len(line.text) > 20:
            continue
        if item.boxed:
            found.add(index)
            continue
        if item.kind is not ItemKind.HEADING:
            continue  # the last line of a column over a rule is body text
        for rule in rules:
            if (
                rule.width >= rule.height
                and -1 <= rule.top - line.bottom <= 0.6 * line.size
                and rule.x0 - line.size <= line.x0 <= rule.x0 + 2 * line.size
                and rule.width >= 2.5 * line.width
            ):
                found.add(index)
                break
    return found


def read_page(layer: PageLayer) -> PageReading:
    """Header, articles in reading order and furniture of one page."""
    glyphs, overprinted = drop_overprints(list(layer.glyphs))
    ink = sum(1 for g in glyphs if not g.text.isspace())
    body = body_size(glyphs)
    lines = build_lines(glyphs, list(layer.vertical_rules), body)
    header_lines, footer_lines, lines, header_bottom, footer_top = _split_furniture(
        lines, layer, body
    )
    header = read_header(header_lines)
    # The rules that close the header and open the footer belong to them.
    rules = [r for r in layer.rules if r.top > header_bottom + 0.5 and r.bottom < footer_top - 0.5]
    boxes = [
        b
        for b in layer.boxes
        if b.rect.top >= header_bottom - 0.5 and b.rect.bottom <= footer_top + 0.5
    ]
    grounds: list[Rect] = []
    pictures: list[Rect] = []
    for box in boxes:
        inside = [ln for ln in lines if _inside(ln, box.rect)]
        big = min(box.rect.width, box.rect.height) >= PICTURE_EM * body
        if box.kind is BoxKind.FILLED and 1 <= len(inside) <= 2:
            grounds.append(box.rect)
        elif box.kind in (BoxKind.FILLED, BoxKind.IMAGE) and not inside and big:
            pictures.append(box.rect)
    geometry = measure(lines, body)
    items = make_items(lines, pictures, grounds, geometry)
    ordered = reading_order(items, geometry, rules)
    edges = ColumnEdges(ordered, geometry.columns, body)
    structured = Assembler(ordered, _banners(ordered, rules), edges).run()
    notes = list(structured.notes)
    if overprinted:
        notes.append(f"{overprinted} overprinted character(s) (faux bold) read once")
    if layer.unmapped:
        notes.append(f"{layer.unmapped} character(s) without a Unicode value, kept as U+FFFD")
    return PageReading(
        number=layer.number,
        header=header,
        drafts=structured.drafts,
        furniture=[ln.text for ln in header_lines + footer_lines],
        notes=notes,
        joins=structured.joins,
        glyphs=ink,
    )


__all__ = ["PageReading", "read_page"]
