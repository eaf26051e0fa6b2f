"""Raw page text → a :class:`reader.model.Page`, never losing a character.

How a page is read (see also :mod:`reader.importer.lines`):

* Every non-empty line is a *block*. A headline group is a run of short lines:
  an optional section (栏目), an optional kicker (引题, ends in ：), the title
  and an optional subtitle; it opens an article.
* A dateline line (本报讯(记者 …)) gives the article its dateline and byline;
  the text after the bracket is its first paragraph.
* A photo credit (■本报记者 X 摄) makes the block just before it a photo's
  caption; the credit line stays as printed, and X gets the role 摄影.
* A block that does not end a sentence continues in the next block (a column
  break split it), unless the next block opens something new.
* What fits no rule is kept as a paragraph and reported. Nothing is reordered:
  printing the page back (see :mod:`reader.importer.printed`) gives the same
  characters, whitespace aside.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ParamSpec, Protocol, TypeVar

from reader.importer.lines import (
    Shape,
    ends_sentence,
    has_pause,
    join_blocks,
    parse_credit,
    parse_dateline,
    shape_of,
)
from reader.model import Article, ArticleKind, Byline, Page, PageRef

#: A brief (简讯): no dateline or byline, and a body shorter than this.
BRIEF_MAX_CHARS = 300
_SUBTITLE_MARKS = ("——", "--", "—", "－－")


@dataclass(frozen=True, slots=True)
class Block:
    """One non-empty line of the raw page."""

    line: int  # 1-based line number in the decoded text
    text: str  # stripped
    shape: Shape


@dataclass(frozen=True, slots=True)
class ImportNote:
    """Something the importer could not classify, or guessed about, at a line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class _Draft:
    """An article being assembled."""

    line: int
    section: str | None
    title: str = ""
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    byline: tuple[Byline, ...] = ()
    kind: ArticleKind | None = None
    paragraphs: list[str] = field(default_factory=list)
    # Whether the last paragraph may continue in the next block.
    open_end: bool = False
    last_line: int = 0

    def add(self, text: str, line: int, *, joinable: bool = True) -> bool:
        """Append a block; returns True if it was joined to the previous one."""
        joined = self.open_end and bool(self.paragraphs)
        if joined:
            self.paragraphs[-1] = join_blocks(self.paragraphs[-1], text)
        else:
            self.paragraphs.append(text)
        self.open_end = joinable and not ends_sentence(text)
        self.last_line = line
        return joined


def blocks_of(text: str) -> list[Block]:
    """The non-empty lines of ``text`` (LF line ends), stripped, with their shapes."""
    # split("\n"), not splitlines(): form feeds and U+2028 are not line ends here.
    return [
        Block(number, stripped, shape_of(stripped))
        for number, raw in enumerate(text.split("\n"), start=1)
        if (stripped := raw.strip())
    ]


class _PageBuilder:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.drafts: list[_Draft] = []
        self.notes: list[ImportNote] = []
        self.section: str | None = None
        self.current: _Draft | None = None
        self.joins = 0

    # -- headline groups -------------------------------------------------------

    def _titled_kicker(self, index: int) -> bool:
        """A kicker counts only before a title or a dateline (全文如下： is body text)."""
        after = index + 1
        return after < len(self.blocks) and self.blocks[after].shape in (
            Shape.HEADING,
            Shape.DATELINE,
        )

    def _group_end(self, start: int) -> int:
        """Index after the run of headline-like blocks starting at ``start``."""
        end = start
        kickers = 0
        while end < len(self.blocks) and self.blocks[end].shape in (Shape.KICKER, Shape.HEADING):
            block = self.blocks[end]
            if block.shape is Shape.KICKER:
                if kickers or not self._titled_kicker(end) or end - start == 3:
                    break
                kickers += 1
            elif (
                end > start
                and has_pause(block.text)
                and not block.text.startswith(_SUBTITLE_MARKS)
                and self.blocks[end - 1].shape is not Shape.KICKER
            ):
                break  # a short line with a comma after a headline is body text
            end += 1
            if end - start == 4:
                break
        return end

    def _opens_article(self, index: int) -> bool:
        """Whether the headline-like block at ``index`` starts a new article."""
        end = self._group_end(index)
        if end == index:
            return False  # a kicker with no title after it: body text
        group = self.blocks[index:end]
        if any(b.shape is Shape.KICKER for b in group):
            return True
        after = self.blocks[end].shape if end < len(self.blocks) else None
        if len(group) > 3:
            return False
        if after is Shape.DATELINE:
            return True
        if any(b.text.startswith(_SUBTITLE_MARKS) for b in group[1:]):
            return True
        # A headline without kicker or dateline (a brief): only where a sentence
        # ended before it and it has no comma (the half of a split sentence has).
        if self.current is not None and self.current.open_end:
            return False
        if after not in (Shape.TEXT, Shape.HEADING, Shape.CREDIT):
            return False
        return not any(has_pause(b.text) for b in group)

    def _open_article(self, index: int) -> int:
        end = self._group_end(index)
        group = self.blocks[index:end]
        kicker_at = next((i for i, b in enumerate(group) if b.shape is Shape.KICKER), None)
        if kicker_at is not None:
            before, kicker, after = group[:kicker_at], group[kicker_at], group[kicker_at + 1 :]
        else:
            kicker = None
            if len(group) >= 2 and not group[1].text.startswith(_SUBTITLE_MARKS):
                before, after = group[:1], group[1:]
            else:
                before, after = [], group
        for extra in before[:-1]:
            # More than one line before the kicker: keep the earlier ones as text.
            self._text(extra)
        if before and before[-1].text == self.section:
            # The same section heading again cannot be told apart from the first
            # one in the model, so it is kept as text rather than lost.
            self.notes.append(ImportNote(before[-1].line, "repeated section heading kept as text"))
            self._text(before[-1])
        elif before:
            self.section = before[-1].text
        self._close_current()
        first = kicker or after[0]
        draft = _Draft(line=first.line, section=self.section)
        if kicker is not None:
            draft.kicker = kicker.text[:-1].rstrip() or None
            if draft.kicker is None:
                after = [kicker, *after]
        if after:
            draft.title = after[0].text
        if len(after) > 1:
            draft.subtitle = after[1].text
        for extra in after[2:]:
            draft.add(extra.text, extra.line)
            self.notes.append(ImportNote(extra.line, "extra headline line kept as a paragraph"))
        if not draft.title:
            self.notes.append(ImportNote(first.line, "kicker without a title"))
        self.current = draft
        return end

    # -- body ------------------------------------------------------------------

    def _close_current(self) -> None:
        draft = self.current
        if draft is None:
            return
        if draft.open_end and draft.paragraphs:
            self.notes.append(
                ImportNote(draft.last_line, "article ends mid-sentence (continued elsewhere?)")
            )
        self.drafts.append(draft)
        self.current = None

    def _untitled(self, block: Block, why: str) -> _Draft:
        self.notes.append(ImportNote(block.line, why))
        draft = _Draft(line=block.line, section=self.section)
        self.current = draft
        return draft

    def _text(self, block: Block) -> None:
        draft = self.current or self._untitled(block, "text without a headline: untitled brief")
        if draft.add(block.text, block.line):
            self.joins += 1
        if block.shape is Shape.HEADING and draft.paragraphs[-1] == block.text:
            self.notes.append(
                ImportNote(block.line, "short line kept as a paragraph (not a headline)")
            )

    def _dateline(self, block: Block) -> None:
        parts = parse_dateline(block.text)
        assert parts is not None
        draft = self.current
        if draft is not None and (draft.paragraphs or draft.dateline is not None):
            # A second dateline inside one article: no headline to open a new one.
            self.notes.append(ImportNote(block.line, "dateline inside an article kept as text"))
            draft.open_end = False
            draft.add(block.text, block.line)
            return
        if draft is None:
            draft = self._untitled(block, "dateline without a headline: untitled brief")
        draft.dateline = parts.dateline
        draft.byline = parts.byline
        if parts.unparsed is not None:
            self.notes.append(
                ImportNote(block.line, f"byline not understood, kept as text: {parts.unparsed}")
            )
        if parts.rest:
            draft.add(parts.rest, block.line)

    def _credit(self, block: Block) -> None:
        byline = parse_credit(block.text)
        assert byline is not None
        draft = self.current
        if draft is not None and draft.paragraphs and draft.kind is not ArticleKind.PHOTO:
            if len(draft.paragraphs) == 1 and draft.dateline is None and not draft.byline:
                photo = draft  # a titled photo: the headline, its caption, the credit
            else:
                caption = draft.paragraphs.pop()
                draft.open_end = False
                photo = _Draft(line=block.line, section=draft.section, paragraphs=[caption])
                self._close_current()
        else:
            self._close_current()
            photo = _Draft(line=block.line, section=self.section)
            self.notes.append(ImportNote(block.line, "photo credit without a caption"))
        photo.kind = ArticleKind.PHOTO
        photo.byline = byline
        photo.open_end = False
        # The credit stays in the text as printed: 本报记者 and 摄 are not lost.
        photo.add(block.text, block.line, joinable=False)
        self.current = photo
        self._close_current()

    def build(self) -> None:
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.shape in (Shape.KICKER, Shape.HEADING) and self._opens_article(index):
                index = self._open_article(index)
                continue
            if block.shape is Shape.DATELINE:
                self._dateline(block)
            elif block.shape is Shape.CREDIT:
                self._credit(block)
            else:
                self._text(block)
            index += 1
        self._close_current()


class DraftLike(Protocol):
    """An article being assembled, as the text and the PDF importers keep one."""

    title: str
    paragraphs: list[str]
    kind: ArticleKind | None
    section: str | None
    kicker: str | None
    subtitle: str | None
    dateline: str | None
    byline: tuple[Byline, ...]


def article_kind(draft: DraftLike) -> ArticleKind:
    """The kind a draft says, else brief (no title, or short without dateline/byline)."""
    if draft.kind is not None:
        return draft.kind
    if not draft.title:
        return ArticleKind.BRIEF
    short = sum(len(p) for p in draft.paragraphs) < BRIEF_MAX_CHARS
    if draft.dateline is None and not draft.byline and short:
        return ArticleKind.BRIEF
    return ArticleKind.ARTICLE


def articles_from(
    drafts: Sequence[DraftLike], *, id_prefix: str, ref: PageRef
) -> tuple[Article, ...]:
    """Finished articles, with ids ``PREFIX-NN`` in page order."""
    return tuple(
        Article(
            id=f"{id_prefix}-{ordinal:02d}",
            title=draft.title,
            paragraphs=tuple(draft.paragraphs),
            kind=article_kind(draft),
            section=draft.section,
            kicker=draft.kicker,
            subtitle=draft.subtitle,
            dateline=draft.dateline,
            byline=draft.byline,
            page=ref,
        )
        for ordinal, draft in enumerate(drafts, start=1)
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _without_collector(parse: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``parse`` with the cycle collector paused.

    A big page makes hundreds of thousands of small objects, none in a cycle:
    with the collector on they are rescanned again and again, which made a
    14 MB page quadratic.
    """

    @functools.wraps(parse)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return parse(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


@_without_collector
def parse_page(
    text: str,
    *,
    id_prefix: str,
    paper: str | None = None,
    date: dt.date | None = None,
    page_number: int | None = None,
    page_name: str | None = None,
) -> tuple[Page, list[ImportNote], int]:
    """Structure decoded page text. Returns the page, notes, and how many joins were made."""
    builder = _PageBuilder(blocks_of(text))
    builder.build()
    ref = PageRef(paper=paper, date=date, number=page_number, name=page_name)
    articles = articles_from(builder.drafts, id_prefix=id_prefix, ref=ref)
    return Page(ref=ref, articles=articles), builder.notes, builder.joins


__all__ = [
    "BRIEF_MAX_CHARS",
    "Block",
    "DraftLike",
    "ImportNote",
    "article_kind",
    "articles_from",
    "blocks_of",
    "parse_page",
]
