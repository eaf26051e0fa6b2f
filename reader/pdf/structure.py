"""Items in reading order → articles: sections, headlines, datelines, paragraphs, photos.

* A line on a coloured ground, or over a rule much longer than itself, is a
  section banner (栏目); the section holds until the next banner.
* A run of display-type lines is a headline group: the largest type is the
  title (lines joined with nothing between them), smaller lines before it the
  kicker (引题, stored without its trailing ：), smaller lines after it the
  subtitle (副题). Each group opens an article.
* Body lines make paragraphs. A line indented from its column's left edge
  starts a paragraph; a line that is not continues the paragraph before it,
  also across a column break (the importer's "join"). A line set apart
  (centred or right-aligned, a credit) is a paragraph of its own.
* A photo box opens a photo item; the body lines after it are its caption,
  up to and with the credit (``■本报记者 郝晓燕 摄``, role 摄影). An article
  the photo interrupted goes on after the credit.
* The first paragraph's ``本报讯（记者 …）`` becomes dateline and byline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.importer.lines import join_blocks, parse_credit, parse_dateline
from reader.model import ArticleKind, Byline
from reader.pdf.order import Item, ItemKind

#: An indent of at least this many ems (and at most SET_APART_EM) opens a paragraph.
INDENT_EM = 0.8
#: Further in than this, a line is set apart (centred, right-aligned).
SET_APART_EM = 4.0
_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』）)》〉】"


@dataclass(slots=True)
class Draft:
    """An item being assembled from lines."""

    section: str | None
    kind: ArticleKind | None = None  # None: decided at the end (article or brief)
    kicker: str | None = None
    title: str = ""
    subtitle: str | None = None
    dateline: str | None = None
    byline: tuple[Byline, ...] = ()
    paragraphs: list[str] = field(default_factory=list)
    #: The last body line, for deciding whether the next one continues it.
    last: Item | None = None
    last_set_apart: bool = False
    closed: bool = False  # a photo whose credit has been read


@dataclass(slots=True)
class Structured:
    """The articles of a page and what was learned while reading it."""

    drafts: list[Draft]
    joins: int  # paragraphs joined across a column break
    notes: list[str]


class ColumnEdges:
    """Left and right edges of each column part, from the body lines read in it.

    A part with only a few lines (all of them indented, say) takes its left
    edge from the page's column grid, so an indent is still seen as one.
    """

    def __init__(self, items: list[Item], grid: list[tuple[float, float]], body: float) -> None:
        self.left: dict[int, float] = {}
        self.right: dict[int, float] = {}
        for item in items:
            if item.kind is ItemKind.BODY and item.line is not None:
                col = item.column
                self.left[col] = min(self.left.get(col, item.line.x0), item.line.x0)
                self.right[col] = max(self.right.get(col, item.line.x1), item.line.x1)
        for col, left in self.left.items():
            for grid_left, grid_right in grid:
                if (
                    grid_left - 1 <= left <= grid_left + SET_APART_EM * body
                    and self.right[col] <= grid_right + 1
                ):
                    self.left[col] = min(left, grid_left)
                    break

    def indent(self, item: Item) -> float:
        assert item.line is not None
        return item.line.x0 - self.left.get(item.column, item.line.x0)

    def indented_lines(self, items: list[Item]) -> int:
        """How many body lines open with a first-line indent."""
        count = 0
        for item in items:
            if item.kind is ItemKind.BODY and item.line is not None:
                indent = self.indent(item)
                if INDENT_EM * item.line.size <= indent <= SET_APART_EM * item.line.size:
                    count += 1
        return count


class Assembler:
    """Walks the items once, in reading order."""

    def __init__(self, items: list[Item], banners: set[int], columns: ColumnEdges) -> None:
        self.items = items
        self.banners = banners  # indices of items that are section banners
        self.columns = columns
        # Whether paragraphs on this page open with a first-line indent.
        self.indented_page = columns.indented_lines(items) >= 2
        self.section: str | None = None
        self.section_pending: str | None = None  # a banner no article has used yet
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.interrupted: Draft | None = None  # an article a photo cut into
        self.joins = 0
        self.notes: list[str] = []

    # -- opening and closing ----------------------------------------------------

    def _open(self, draft: Draft) -> Draft:
        self.section_pending = None
        self.drafts.append(draft)
        self.current = draft
        return draft

    def _headline(self, group: list[Item]) -> None:
        sizes = [i.line.size for i in group if i.line is not None]
        biggest = max(sizes)
        title_at = [n for n, size in enumerate(sizes) if size >= biggest - 0.5]
        first, last = title_at[0], title_at[-1]
        texts = [i.line.text for i in group if i.line is not None]
        current = self.current
        if (
            current is not None
            and current.kind is ArticleKind.PHOTO
            and not current.title
            and not current.paragraphs
        ):
            draft = current  # a photo's own headline, set under the picture
        else:
            draft = self._open(Draft(section=self.section))
            self.interrupted = None
        kicker = "".join(texts[:first])
        if kicker:
            stripped = kicker.rstrip().removesuffix("：").removesuffix(":").rstrip()
            draft.kicker = stripped or None
            if draft.kicker is None:
                draft.title = kicker  # a lone colon: keep it rather than lose it
        draft.title += "".join(texts[first : last + 1])
        if last + 1 < len(texts):
            draft.subtitle = "".join(texts[last + 1 :])

    def _picture(self) -> None:
        current = self.current
        if (
            current is not None
            and current.kind is not ArticleKind.PHOTO
            and current.title
            and not current.paragraphs
        ):
            current.kind = ArticleKind.PHOTO  # a headline over a picture: a titled photo
            return
        if current is not None and current.kind is not ArticleKind.PHOTO and current.paragraphs:
            self.interrupted = current
        self._open(Draft(section=self.section, kind=ArticleKind.PHOTO))

    # -- body ---------------------------------------------------------------------

    def _starts_paragraph(self, draft: Draft, item: Item, em: float) -> tuple[bool, bool]:
        """(new paragraph?, set apart?) for a body line."""
        assert item.line is not None
        indent = self.columns.indent(item)
        set_apart = indent > SET_APART_EM * em
        last = draft.last
        if not draft.paragraphs or last is None or set_apart or draft.last_set_apart:
            return True, set_apart
        if parse_credit(item.line.text) is not None:
            return True, True
        if self.indented_page:
            return indent >= INDENT_EM * em, False
        # Pages without first-line indents: a short line that ends a sentence ends a paragraph.
        assert last.line is not None
        right = self.columns.right.get(last.column, last.line.x1)
        short = last.line.x1 < right - em
        text = last.line.text.rstrip(_CLOSERS)
        return short and bool(text) and text[-1] in _SENTENCE_END, False

    def _body(self, item: Item) -> None:
        assert item.line is not None
        text = item.line.text
        credit = parse_credit(text)
        draft = self.current
        if draft is None or draft.closed:
            if self.interrupted is not None and credit is None:
                draft = self.current = self.interrupted
                self.interrupted = None
            else:
                draft = self._open(Draft(section=self.section))
                self.notes.append(f"text without a headline kept as an untitled item: {text[:20]}")
        if credit is not None and draft.kind is not ArticleKind.PHOTO:
            draft = self._photo_from_text(draft)
        new, set_apart = self._starts_paragraph(draft, item, item.line.size)
        if new:
            draft.paragraphs.append(text)
        else:
            if draft.last is not None and draft.last.column != item.column:
                self.joins += 1
            draft.paragraphs[-1] = join_blocks(draft.paragraphs[-1], text)
        draft.last = item
        draft.last_set_apart = set_apart
        if credit is not None:
            draft.byline = draft.byline + credit
            draft.closed = True

    def _photo_from_text(self, draft: Draft) -> Draft:
        """A credit with no photo box before it: the paragraph above is the caption."""
        if len(draft.paragraphs) == 1 and draft.dateline is None and not draft.byline:
            draft.kind = ArticleKind.PHOTO  # headline, caption, credit: a titled photo
            return draft
        photo = Draft(section=draft.section, kind=ArticleKind.PHOTO)
        if draft.paragraphs:
            photo.paragraphs.append(draft.paragraphs.pop())
            photo.last = draft.last
        self.notes.append("photo credit without a photo box: the paragraph above is its caption")
        return self._open(photo)

    def _banner(self, text: str) -> None:
        if self.section_pending is not None:
            # A banner with nothing under it: kept as an item rather than lost.
            self.notes.append(
                f"section banner without articles kept as a brief: {self.section_pending}"
            )
            self.drafts.append(Draft(section=None, title=self.section_pending))
        self.section = self.section_pending = text

    # -- the walk -------------------------------------------------------------------

    def run(self) -> Structured:
        index = 0
        while index < len(self.items):
            item = self.items[index]
            if index in self.banners:
                assert item.line is not None
                self._banner(item.line.text)
                self.current = None
                self.interrupted = None
                index += 1
            elif item.kind is ItemKind.HEADING:
                end = index
                while (
                    end < len(self.items)
                    and self.items[end].kind is ItemKind.HEADING
                    and end not in self.banners
                ):
                    end += 1
                self._headline(self.items[index:end])
                index = end
            elif item.kind is ItemKind.PICTURE:
                self._picture()
                index += 1
            else:
                self._body(item)
                index += 1
        if self.section_pending is not None:
            self._banner("")
        for draft in self.drafts:
            _take_dateline(draft, self.notes)
        return Structured(drafts=self.drafts, joins=self.joins, notes=self.notes)


def _take_dateline(draft: Draft, notes: list[str]) -> None:
    if draft.kind is ArticleKind.PHOTO or not draft.paragraphs or draft.dateline is not None:
        return
    parts = parse_dateline(draft.paragraphs[0])
    if parts is None:
        return
    draft.dateline = parts.dateline
    draft.byline = parts.byline
    if parts.unparsed is not None:
        notes.append(f"byline not understood, kept as text: {parts.unparsed}")
    if parts.rest.strip():
        draft.paragraphs[0] = parts.rest.strip()
    else:
        del draft.paragraphs[0]


__all__ = ["Assembler", "ColumnEdges", "Draft", "Structured"]
