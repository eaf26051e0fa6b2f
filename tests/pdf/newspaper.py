"""A small newspaper typesetter for tests: pages of any column grid, set with reportlab.

It lays out bands of column groups (banners, kicker/headline/subtitle centred
over an article's columns, bodies flowing down one column and on into the
next with two-em first-line indents, photo boxes with captions and credits),
draws every character at its position, and writes the content stream either
column by column or row by row across the page. It returns the PDF and the
articles a reader sees on it, in reading order, with the column breaks that
split a paragraph — so the PDF reader can be tested on layouts it has never
seen, not only the two fixture pages.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.pdf.pages import FONT, make_pdf

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
)


@dataclass
class Story:
    """An article as a reader sees it (what the PDF reader must give back)."""

    title: str
    paragraphs: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    reporter: str | None = "张明"  # 本报讯（记者 X）opens the body when set
    photo: bool = False  # a photo box, the paragraphs its caption, then a credit


@dataclass
class Group:
    """Stories stacked in columns [first, first + span) of a band."""

    first: int
    span: int
    stories: list[Story]
    banner: str | None = None


@dataclass
class Band:
    """A row of groups across the page; a banner may run over all of them."""

    groups: list[Group]
    banner: str | None = None
    rule_below: bool = True
    rules_between: bool = True


@dataclass
class Sheet:
    """The page: its grid, type sizes and bands."""

    bands: list[Band]
    columns: int = 5
    width: float = 842.0
    height: float = 1191.0
    margin: float = 30.0
    gutter: float = 11.0
    body: float = 9.0
    leading: float = 13.0
    paper: str = "试验日报"
    date: str = "2025年6月3日　星期二"
    page: str = "第5版"
    page_name: str = "要闻"


@dataclass
class Typeset:
    """What was drawn: the PDF, and what a reader reads on it."""

    pdf: bytes
    articles: list[dict[str, object]]
    joins: int
    glyphs: list[tuple[str, float, float, float]] = field(default_factory=list)


def sentence(rng: random.Random, low: int = 8, high: int = 30) -> str:
    """A made-up Chinese sentence: characters, a comma or two, a number, a full stop."""
    chars = [rng.choice(HAN) for _ in range(rng.randint(low, high))]
    for _ in range(rng.randint(0, 2)):
        chars.insert(rng.randint(2, len(chars) - 1), "，")
    if rng.random() < 0.3:
        chars.insert(rng.randint(1, len(chars) - 1), str(rng.randint(2, 2025)))
    if rng.random() < 0.2:
        at = rng.randint(1, len(chars) - 3)
        chars[at:at] = ["“", rng.choice(HAN), rng.choice(HAN), "”"]
    return "".join(chars) + "。"


def paragraph(rng: random.Random, sentences: tuple[int, int] = (1, 5)) -> str:
    return "".join(sentence(rng) for _ in range(rng.randint(*sentences)))


class _Setter:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        inner = sheet.width - 2 * sheet.margin
        self.col_width = (inner - (sheet.columns - 1) * sheet.gutter) / sheet.columns
        self.ops: list[tuple[str, float, float, float]] = []  # char, x, baseline, size
        self.rules: list[tuple[float, float, float, float]] = []
        self.rects: list[tuple[float, float, float, float, float]] = []  # x, top, w, h, grey
        self.articles: list[dict[str, object]] = []
        self.joins = 0
        self.section: str | None = None
        self.bottom = 0.0

    def left(self, column: int) -> float:
        return self.sheet.margin + column * (self.col_width + self.sheet.gutter)

    def span_box(self, first: int, span: int) -> tuple[float, float]:
        return self.left(first), self.left(first + span - 1) + self.col_width

    # -- drawing text ------------------------------------------------------------

    def text(self, text: str, x: float, baseline: float, size: float, spread: float = 0.0) -> float:
        for ch in text:
            self.ops.append((ch, x, baseline, size))
            x += stringWidth(ch, FONT, size) + spread
        return x

    def justified(self, text: str, x: float, width: float, baseline: float, size: float) -> None:
        """A full line set flush to both edges, as papers set body type."""
        natural = stringWidth(text, FONT, size)
        spread = (width - natural) / (len(text) - 1) if len(text) > 1 else 0.0
        self.text(text, x, baseline, size, max(0.0, spread))

    def centred(self, text: str, left: float, right: float, baseline: float, size: float) -> None:
        width = stringWidth(text, FONT, size)
        self.text(text, (left + right - width) / 2, baseline, size)

    def wrap(self, text: str, width: float, size: float, indent: float) -> list[tuple[str, float]]:
        """Greedy lines of ``text`` in ``width``: (line, indent) pairs."""
        lines: list[tuple[str, float]] = []
        current, used, first = "", indent, True
        for ch in text:
            advance = stringWidth(ch, FONT, size)
            if used + advance > width + 0.01 and current:
                lines.append((current, indent if first else 0.0))
                current, used, first = "", 0.0, False
            current += ch
            used += advance
        if current:
            lines.append((current, indent if first else 0.0))
        return lines

    # -- stories -------------------------------------------------------------------

    def headline(self, story: Story, left: float, right: float, top: float) -> float:
        size = self.sheet.body
        y = top
        if story.kicker:
            y += size * 1.3
            self.centred(story.kicker + "：", left, right, y, size * 1.3)
            y += size * 0.7
        # A headline fits its columns: one line, else two, set smaller if need be.
        room = right - left - size
        for count in (1, 2, 3, 4):
            per = -(-len(story.title) // count)
            title_size = min(size * 2.2, room / (per * 1.0))
            if title_size >= size * 1.7:
                break
        words = [story.title[n : n + per] for n in range(0, len(story.title), per)]
        for word in words:
            y += title_size
            self.centred(word, left, right, y, title_size)
            y += size * 0.5
        if story.subtitle:
            y += size * 1.3
            self.centred("——" + story.subtitle, left, right, y, size * 1.3)
            y += size * 0.6
        return y + size * 0.8

    def body(self, story: Story, first: int, span: int, top: float) -> float:
        size, leading = self.sheet.body, self.sheet.leading
        texts = list(story.paragraphs)
        if story.reporter:
            texts[0] = f"本报讯（记者 {story.reporter}）" + texts[0]
        lines: list[tuple[str, float, bool, bool]] = []  # text, indent, opens, ends
        for text in texts:
            wrapped = self.wrap(text, self.col_width, size, 2 * size)
            for n, (line, indent) in enumerate(wrapped):
                lines.append((line, indent, n == 0, n == len(wrapped) - 1))
        per_column = max(1, math.ceil(len(lines) / span))
        bottom = top
        for column in range(span):
            chunk = lines[column * per_column : (column + 1) * per_column]
            if column and chunk and not chunk[0][2]:
                self.joins += 1
            x = self.left(first + column)
            for row, (line, indent, _, last) in enumerate(chunk):
                baseline = top + size + row * leading
                if last:
                    self.text(line, x + indent, baseline, size)
                else:
                    self.justified(line, x + indent, self.col_width - indent, baseline, size)
                bottom = max(bottom, baseline + leading - size)
        return bottom

    def photo(self, story: Story, first: int, span: int, top: float) -> float:
        size, leading = self.sheet.body, self.sheet.leading
        left, right = self.span_box(first, span)
        height = leading * 8
        self.rects.append((left, top, right - left, height, 0.75))
        y = top + height + size * 0.6
        width = right - left
        for text in story.paragraphs:
            for line, indent in self.wrap(text, width, size, 2 * size):
                y += leading
                self.text(line, left + indent, y - leading + size, size)
        credit = f"■本报记者 {story.reporter} 摄"
        y += leading
        self.text(credit, right - stringWidth(credit, FONT, size), y - leading + size, size)
        return y

    def story(self, story: Story, first: int, span: int, top: float) -> float:
        left, right = self.span_box(first, span)
        expected: dict[str, object] = {
            "section": self.section,
            "kind": "photo" if story.photo else "article",
            "kicker": story.kicker,
            "title": "" if story.photo else story.title,
            "subtitle": None if story.photo or not story.subtitle else "——" + story.subtitle,
            "dateline": None,
            "byline": [],
            "paragraphs": list(story.paragraphs),
        }
        if story.photo:
            expected["byline"] = [{"role": "摄影", "name": story.reporter}]
            expected["paragraphs"] = [*story.paragraphs, f"■本报记者 {story.reporter} 摄"]
            self.articles.append(expected)
            return self.photo(story, first, span, top)
        if not story.reporter and sum(len(p) for p in story.paragraphs) < 300:
            expected["kind"] = "brief"  # content/README: no dateline or byline, and short
        if story.reporter:
            expected["dateline"] = "本报讯"
            expected["byline"] = [{"role": "记者", "name": story.reporter}]
        self.articles.append(expected)
        y = self.headline(story, left, right, top)
        return self.body(story, first, span, y)

    # -- the page --------------------------------------------------------------------

    def banner(self, text: str, left: float, right: float, top: float) -> float:
        size = self.sheet.body * 1.5
        width = stringWidth(text, FONT, size) + size * 1.4
        self.rects.append((left, top, width, size * 1.6, 0.55))
        self.text(text, left + size * 0.7, top + size * 1.2, size)
        self.rules.append((left, top + size * 1.6, right, top + size * 1.6))
        self.section = text
        return top + size * 1.6 + self.sheet.body * 0.8

    def header(self) -> float:
        sheet = self.sheet
        left, right = sheet.margin, sheet.width - sheet.margin
        self.text(sheet.page, left, sheet.margin + 16, 16)
        self.text(sheet.page_name, left + 50, sheet.margin + 16, 14)
        self.centred(sheet.paper, left, right, sheet.margin + 24, 26)
        date_width = stringWidth(sheet.date, FONT, 11)
        self.text(sheet.date, right - date_width, sheet.margin + 16, 11)
        y = sheet.margin + 34
        self.rules.append((left, y, right, y))
        return y + sheet.body

    def set(self) -> None:
        sheet = self.sheet
        y = self.header()
        for band in sheet.bands:
            if band.banner:
                y = self.banner(band.banner, *self.span_box(0, sheet.columns), y)
            bottom = y
            for group in band.groups:
                top = y
                if group.banner:
                    top = self.banner(group.banner, *self.span_box(group.first, group.span), top)
                for n, story in enumerate(group.stories):
                    if n:
                        left, right = self.span_box(group.first, group.span)
                        self.rules.append((left, top + 4, right, top + 4))
                        top += sheet.body * 1.5
                    top = self.story(story, group.first, group.span, top)
                bottom = max(bottom, top)
            if band.rules_between:
                for group in band.groups[1:]:
                    x = self.left(group.first) - sheet.gutter / 2
                    self.rules.append((x, y, x, bottom))
            y = bottom + sheet.body
            self.bottom = y
            if band.rule_below:
                self.rules.append((sheet.margin, y - 4, sheet.width - sheet.margin, y - 4))
                y += sheet.body * 0.5


def typeset(sheet: Sheet, *, order: str = "column") -> Typeset:
    """Set ``sheet`` and write its characters column by column or row by row."""
    setter = _Setter(sheet)
    setter.set()
    ops = list(setter.ops)
    if order == "row":
        ops.sort(key=lambda op: (round(op[2], 1), op[1]))
    height = max(sheet.height, setter.bottom + sheet.margin)  # a long page, not a lost band

    def draw(canvas: Canvas) -> None:
        for x, top, width, tall, grey in setter.rects:
            canvas.setFillGray(grey)
            canvas.rect(x, height - top - tall, width, tall, stroke=0, fill=1)
        canvas.setFillGray(0)
        for x0, y0, x1, y1 in setter.rules:
            canvas.line(x0, height - y0, x1, height - y1)
        # Runs of characters that follow each other on a line are one string: the
        # same page, a content stream a tenth as long (pdfminer reads it faster).
        run: list[tuple[str, float, float, float]] = []
        spread = 0.0
        for op in [*ops, ("", -1.0, -1.0, -1.0)]:
            if run:
                ch, x, baseline, size = run[-1]
                step = op[1] - (x + stringWidth(ch, FONT, size))
                if len(run) == 1 and op[2] == baseline and op[3] == size and 0 <= step < size:
                    spread = step
                if op[2] == baseline and op[3] == size and abs(step - spread) < 0.001:
                    run.append(op)
                    continue
                canvas.setFont(FONT, run[0][3])
                text = "".join(r[0] for r in run)
                canvas.drawString(run[0][1], height - run[0][2], text, charSpace=spread)
            run, spread = [op], 0.0

    pdf = make_pdf(draw, size=(sheet.width, height))
    for article in setter.articles:
        article["paper"] = sheet.paper
    return Typeset(pdf=pdf, articles=setter.articles, joins=setter.joins, glyphs=ops)
