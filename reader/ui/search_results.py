"""One search result as the search screen draws it: title line and snippet.

The snippet is set by ``reader.typeset`` (the CJK line-breaking rules, the
reader's full-width punctuation transform), never by Rich's own wrapping, which
breaks Chinese only at spaces and would start lines with ，。、.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from reader.contracts import SearchHit
from reader.typeset import layout
from reader.ui.text import elide, visible

#: A snippet is shown in at most this many lines.
SNIPPET_LINES = 2

#: (start, end) offsets of the matches in a snippet.
Spans = tuple[tuple[int, int], ...]


def _highlighted(text: str, start: int, spans: Spans, style: Style) -> Text:
    """``text`` (covering offsets from ``start``) with the parts inside ``spans`` styled."""
    line = Text(text, no_wrap=True, overflow="ignore")
    end = start + len(text)
    for span_start, span_end in spans:
        lo, hi = max(span_start, start), min(span_end, end)
        if lo < hi:
            line.stylize(style, lo - start, hi - start)
    return line


def set_lines(
    text: str,
    spans: Spans,
    width: int,
    fullwidth_punctuation: bool,
    match_style: Style,
    max_lines: int = SNIPPET_LINES,
) -> list[Text]:
    """``text`` set at ``width`` cells in at most ``max_lines`` lines, matches styled.

    ``visible`` and the full-width transform map one character to one, so the
    engine's spans stay valid offsets into every line.
    """
    pieces = layout(visible(text), width, indent=False, fullwidth_punctuation=fullwidth_punctuation)
    lines = [_highlighted(p.text, p.start, spans, match_style) for p in pieces[:max_lines]]
    if len(pieces) > max_lines and lines:
        # Cut short: the last line says so (…), still within the width.
        last = lines[-1]
        if not last.plain.endswith("…"):
            while last.cell_len + 1 > width and last.plain:
                last.right_crop(1)
            last.append("…")
    return lines


def _title_spans(title: str, snippet: str, spans: Spans) -> Spans | None:
    """The spans moved onto ``title`` when the snippet is only the title; else None."""
    if snippet.strip("…").strip() != title.strip() or not title.strip():
        return None
    shift = snippet.find(title.strip()) - title.find(title.strip())
    return tuple((start - shift, end - shift) for start, end in spans)


def _same_words(title: str, snippet: str, spans: Spans) -> Spans:
    """Where the words matched in the snippet occur in ``title`` too (highlighted there)."""
    words = {snippet[start:end] for start, end in spans if end > start}
    found: list[tuple[int, int]] = []
    for word in words:
        at = title.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = title.find(word, at + len(word))
    return tuple(sorted(found))


#: Lines per result in the list: the title line, then the snippet's lines.
HIT_LINES = 1 + SNIPPET_LINES


def hit_lines(
    hit: SearchHit, width: int, fullwidth_punctuation: bool, match_style: Style, where_style: Style
) -> list[Text]:
    """A result in exactly :data:`HIT_LINES` lines: title with date · section, then snippet.

    Every result is as tall as every other, so the list can be virtual (row N
    starts at line N × HIT_LINES). The title takes one line, cut with …, and
    the date and section end it; a snippet that only repeats the title is not
    shown twice: the title takes two lines instead and carries the highlights.
    Words matched in the snippet are highlighted in the title too.
    """
    where = visible(" · ".join(part for part in (hit.date, hit.section) if part))
    title_spans = _title_spans(hit.title, hit.snippet, hit.spans)
    marks = (
        title_spans if title_spans is not None else _same_words(hit.title, hit.snippet, hit.spans)
    )
    # The date and section keep at most half the line; the title has the rest.
    where = elide(where, max(width // 2 - 2, 0)) if where else ""
    room = max(width - (cell_len(where) + 2 if where else 0), 8)
    title_lines = 2 if title_spans is not None else 1
    lines = set_lines(hit.title, marks, room, fullwidth_punctuation, match_style, title_lines)
    if not lines:
        lines = [Text("（无标题）")]
    for line in lines:
        line.stylize("bold")
    if where:
        last = lines[-1]
        last.append(" " * max(width - last.cell_len - cell_len(where), 1))
        last.append(where, style=where_style)
    if title_spans is None:
        lines += set_lines(hit.snippet, hit.spans, width, fullwidth_punctuation, match_style)
    lines = lines[:HIT_LINES]
    return lines + [Text("") for _ in range(HIT_LINES - len(lines))]
