"""Setting a whole article: headline block, byline, paragraphs, captions."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from reader.model import Article, ArticleKind
from reader.store.plaintext import source_line
from reader.store.sanitize import visible_controls
from reader.typeset.balance import balance
from reader.typeset.wrap import layout

__all__ = [
    "HEADLINE_ROLES",
    "Role",
    "SetLine",
    "TypesetOptions",
    "line_index_for",
    "set_article",
]

#: Headline lines are balanced (reader.typeset.balance); the UI centres them.
HEADLINE_ROLES = frozenset({"kicker", "title", "subtitle"})

Role = Literal[
    "kicker", "title", "subtitle", "dateline", "byline", "paragraph", "caption", "source", "blank"
]


@dataclass(frozen=True, slots=True)
class TypesetOptions:
    """How the reading pane sets text (the reader's defaults)."""

    indent: bool = True
    fullwidth_punctuation: bool = True
    hanging: bool = False
    push_in: bool = False
    ambiguous_wide: bool = False
    paragraph_spacing: bool = True  # a blank line between paragraphs


@dataclass(frozen=True, slots=True)
class SetLine:
    """One display line of an article.

    ``block`` is the paragraph index for paragraph and caption lines, -1 otherwise;
    ``start``/``end`` are offsets into that block's stored text (or the heading's)
    covered by the line, spaces dropped at the break included, so the lines of a
    block tile it. Blank lines have ``start == end == 0``.
    """

    role: Role
    text: str
    block: int
    start: int
    end: int


_BLANK = SetLine("blank", "", -1, 0, 0)


def _set(
    text: str,
    role: Role,
    block: int,
    width: int,
    options: TypesetOptions,
    indent: bool,
    *,
    literal: bool = False,
) -> list[SetLine]:
    # Lines are measured as the terminal will draw them: control characters as
    # pictures, bidi controls as U+FFFD, ZWJ as WJ (one character for one, so
    # offsets stay offsets into the stored text). Measuring the raw text and
    # cleaning it afterwards would let a line outgrow the measure.
    shown = visible_controls(text, keep_newlines=False)
    flags = {
        # A url is typed, not read: its ? and : must stay what they are.
        "fullwidth_punctuation": options.fullwidth_punctuation and not literal,
        "hanging": options.hanging,
        "push_in": options.push_in,
        "ambiguous_wide": options.ambiguous_wide,
    }
    if role in HEADLINE_ROLES:
        pieces = balance(shown, width, **flags)
    else:
        pieces = layout(shown, width, indent=indent, **flags)
    return [SetLine(role, p.text, block, p.start, p.end) for p in pieces]


def set_article(
    article: Article, width: int, options: TypesetOptions | None = None
) -> list[SetLine]:
    """Display lines of ``article`` at ``width`` cells.

    Order: kicker, title, subtitle, dateline, byline (each wrapped by the same
    rules, never indented), a blank line, then the paragraphs (indented if the
    option says so, blank lines between them if ``paragraph_spacing``). A photo
    item's paragraphs are its caption (role ``caption``, not indented) and its
    credit follows as a ``byline`` line. Lines only: the UI centres and styles.
    Line texts are terminal-safe (:func:`reader.store.sanitize.visible_controls`):
    a newline or tab inside a paragraph shows as ␊ / ␉, as in the text export.
    """
    opts = options or TypesetOptions()
    out: list[SetLine] = []
    photo = article.kind == ArticleKind.PHOTO
    head: list[tuple[Role, str | None]] = [
        ("kicker", article.kicker),
        ("title", article.title),
        ("subtitle", article.subtitle),
        ("dateline", article.dateline),
    ]
    if not photo:
        head.append(("byline", article.byline_text()))
    for role, text in head:
        if text:
            out.extend(_set(text, role, -1, width, opts, False))
    body_role: Role = "caption" if photo else "paragraph"
    for index, paragraph in enumerate(article.paragraphs):
        if not paragraph:
            continue
        if out and (opts.paragraph_spacing or out[-1].block == -1):
            out.append(_BLANK)
        out.extend(_set(paragraph, body_role, index, width, opts, opts.indent and not photo))
    # A credit printed with the caption (■本报记者 郝晓燕 摄) already names the
    # photographer: the structured byline would only repeat it.
    printed_credit = bool(article.paragraphs) and all(
        person.name in article.paragraphs[-1] for person in article.byline
    )
    if photo and article.byline and not printed_credit:
        out.extend(_set(article.byline_text(), "byline", -1, width, opts, False))
    tail = []
    if article.source and article.source.strip():
        tail.extend(_set(source_line(article.source), "source", -1, width, opts, False))
    if article.url and article.url.strip():
        tail.extend(_set(article.url.strip(), "source", -1, width, opts, False, literal=True))
    if tail and out:
        out.append(_BLANK)
    out.extend(tail)
    return out


def line_index_for(lines: list[SetLine], block: int, offset: int) -> int:
    """Index of the line showing ``offset`` of paragraph ``block``.

    An offset at or past the block's end gives its last line; a block with no
    lines gives the first line of the next block that has some (or the last
    line); an empty ``lines`` gives 0.
    """
    if not lines:
        return 0
    first = -1
    last = -1
    for i, line in enumerate(lines):
        if line.block == block:
            if first < 0:
                first = i
            last = i
        elif first >= 0:
            break
    if first < 0:
        for i, line in enumerate(lines):
            if line.block > block:
                return i
        return len(lines) - 1
    starts = [lines[i].start for i in range(first, last + 1)]
    return first + max(bisect_right(starts, offset) - 1, 0)
