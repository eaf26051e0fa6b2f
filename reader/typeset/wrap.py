"""Greedy line filling by terminal cells (guide §2).

The width-independent work — display transform, break opportunities, unit
widths — is cached per paragraph (LRU), so re-flowing at a new width costs one
``bisect`` per line over the units' cumulative widths.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import rich.cells
from rich.cells import cell_len, get_character_cell_size, split_graphemes

from reader.typeset._lbdata import AMBIGUOUS
from reader.typeset.breaks import (
    LINE_END_PROHIBITED,
    LINE_START_PROHIBITED,
    break_opportunities,
    display_text,
)

__all__ = ["INDENT", "Piece", "layout", "prepare", "wrap_paragraph"]

INDENT = "\u3000\u3000"
_INDENT_CELLS = 4
_DROPPED = " \n\r\x0b\x0c\x85\u2028\u2029"  # dropped at a break: spaces, line terminators
_HARD = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
_HANGABLE = frozenset("、，。,.")
_PUSH_IN = {"，": ",", "。": "｡", "：": ":", "；": ";", "？": "?", "！": "!", "、": "､"}

_AMBIGUOUS_RE = re.compile(
    "["
    + "".join(
        f"{re.escape(chr(int(a, 16)))}-{re.escape(chr(int(b, 16)))}"
        for a, b in (pair.split(",") for pair in "".join(AMBIGUOUS).split(";"))
    )
    + "]"
)


class Piece(NamedTuple):
    """One display line: its text and the [start, end) it covers in the paragraph.

    ``end`` includes the spaces dropped at the break, so consecutive pieces tile
    the paragraph. ``folded`` marks a line cut inside a unit (emergency fold).
    """

    text: str
    start: int
    end: int
    folded: bool = False


class _Units(NamedTuple):
    text: str  # the displayed text
    starts: list[int]  # unit i covers [starts[i], starts[i + 1])
    core_ends: list[int]  # ... of which [starts[i], core_ends[i]) is shown at a line end
    cum: list[int]  # cells before unit i (len = units + 1)
    reach: list[int]  # cells up to the end of unit i's core
    hard: list[int]  # units that end with a mandatory break
    amb: list[int] | None  # ambiguous-character prefix counts, when measured wide
    exact: bool = True  # False: cell_len is not additive here (ZWJ, VS16); lines re-measured


_WIDTHS: str | None = None


def _width_table() -> str:
    """BMP character -> chr(cells), as rich measures each character (built once per measure)."""
    global _WIDTHS
    if _WIDTHS is None:
        _WIDTHS = _bmp_widths()
    return _WIDTHS


#: What ``rich.cells.get_character_cell_size`` gives the C0 and C1 controls (NUL aside).
_CONTROLS = ((1, 0x20), (0x7F, 0xA0))


def _bmp_widths() -> str:
    """``chr(get_character_cell_size(c))`` for every BMP character ``c``.

    Read off rich's width table, a few hundred ranges, the way that function
    reads it (controls 0, a character in no range 1): asking it for each of the
    65,536 characters took 75 ms, again at every switch of the ambiguous width
    (``a``). Without rich's ``load_cell_table`` (a private name), asks it so.
    """
    load = getattr(rich.cells, "load_cell_table", None)
    if load is None:
        return "".join(chr(get_character_cell_size(chr(cp))) for cp in range(0x10000))
    widths = bytearray(b"\x01" * 0x10000)
    for first, last, cells in load("auto").widths:
        last = min(last, 0xFFFF)
        if first <= last:
            widths[first : last + 1] = bytes([cells]) * (last + 1 - first)
    for first, end in _CONTROLS:
        widths[first:end] = bytes(end - first)
    return widths.decode("latin-1")


def prepare() -> None:
    """Build the measure table now (once per process and cell measure).

    The reader calls it in its loading worker, so the first article it opens does
    not pay for it on the UI thread.
    """
    _width_table()


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_HARD_RE = re.compile("[" + re.escape("".join(sorted(_HARD))) + "]")


def reset_measure_caches() -> None:
    """Forget measured widths (after the process's cell measure changed)."""
    global _WIDTHS
    _WIDTHS = None
    _units.cache_clear()


_DROPPED_RE = re.compile("[" + re.escape(_DROPPED) + "]+")
# cell_len is not a sum over characters around these (ZWJ sequences, VS16).
_JOINERS_RE = re.compile("[\u200d\ufe0f]")


def _char_cells(disp: str, ambiguous_wide: bool) -> tuple[list[int], list[int] | None]:
    """Prefix sums of cells per character (as cell_len counts them), and of
    ambiguous characters when they are measured wide."""
    if not _ASTRAL_RE.search(disp):
        widths = bytearray(disp.translate(_width_table()).encode("latin-1"))
    else:
        widths = bytearray(get_character_cell_size(ch) for ch in disp)
    amb: list[int] | None = None
    if ambiguous_wide and _AMBIGUOUS_RE.search(disp):
        flags = bytearray(len(disp))
        for m in _AMBIGUOUS_RE.finditer(disp):
            i = m.start()
            if widths[i] == 1:
                flags[i] = 1
                widths[i] = 2
        amb = [0, *accumulate(flags)]
    return [0, *accumulate(widths)], amb


@lru_cache(maxsize=4096)
def _units(text: str, fullwidth_punctuation: bool, ambiguous_wide: bool) -> _Units:
    """Width-independent data for one paragraph (cached)."""
    disp = display_text(text, fullwidth_punctuation)
    breaks = break_opportunities(disp)
    if _JOINERS_RE.search(disp):
        return _units_by_cell_len(disp, breaks, ambiguous_wide)
    cells, amb = _char_cells(disp, ambiguous_wide)
    starts = [0, *breaks[:-1]]
    cum = [cells[b] for b in starts]
    cum.append(cells[-1])
    core_ends = breaks.copy()
    hard: list[int] = []
    if _DROPPED_RE.search(disp):
        index = {b: k for k, b in enumerate(breaks)}
        for m in _DROPPED_RE.finditer(disp):
            # Every unit ending inside or at the end of this run drops its part of it;
            # spaces inside a unit (before a no-start mark) are shown.
            k = bisect_right(breaks, m.start())
            while k < len(breaks) and breaks[k] <= m.end():
                core_ends[k] = max(m.start(), starts[k])
                k += 1
        ends = (index.get(m.end()) for m in _HARD_RE.finditer(disp))
        hard = sorted({unit for unit in ends if unit is not None})
    reach = [cells[e] for e in core_ends]
    return _Units(disp, starts, core_ends, cum, reach, hard, amb)


def _units_by_cell_len(disp: str, breaks: list[int], ambiguous_wide: bool) -> _Units:
    """_units for text with joiners: each unit measured whole by cell_len."""
    amb: list[int] | None = None
    if ambiguous_wide and _AMBIGUOUS_RE.search(disp):
        flags = bytearray(len(disp))
        for m in _AMBIGUOUS_RE.finditer(disp):
            flags[m.start()] = get_character_cell_size(m.group()) == 1
        amb = [0, *accumulate(flags)]
    starts: list[int] = []
    core_ends: list[int] = []
    cum = [0]
    reach: list[int] = []
    hard: list[int] = []
    total = 0
    prev = 0
    for b in breaks:
        seg = disp[prev:b]
        w = cell_len(seg)
        if amb is not None:
            w += amb[b] - amb[prev]
        core_end = b
        core_w = w
        if seg[-1] in _DROPPED:
            core = seg.rstrip(_DROPPED)
            core_end = prev + len(core)
            core_w = cell_len(core)
            if amb is not None:
                core_w += amb[core_end] - amb[prev]
            if _HARD.intersection(seg[len(core) :]):
                hard.append(len(starts))
        starts.append(prev)
        core_ends.append(core_end)
        reach.append(total + core_w)
        total += w
        cum.append(total)
        prev = b
    return _Units(disp, starts, core_ends, cum, reach, hard, amb, exact=False)


def _exact_fit(u: _Units, prefix: str, off: int, s: int, k: int, hi: int, width: int) -> int:
    """Correct the estimated last unit ``k`` of a line by measuring the line whole."""

    def cells(last: int) -> int:
        end = u.core_ends[last]
        extra = u.amb[end] - u.amb[off] if u.amb is not None else 0
        return cell_len(prefix + u.text[off:end]) + extra

    while k > s and cells(k) > width:
        k -= 1
    while k + 1 < hi and cells(k + 1) <= width:
        k += 1
    return k


# A fold must not open a line with these (nor close one with an opening mark):
# line-start-prohibited marks, and the spaces that set words apart (NBSP, U+3000).
_NO_FOLD_BEFORE = LINE_START_PROHIBITED | frozenset("\u00a0\u3000\u2007\u202f")


def _fold(u: _Units, k: int, start: int, avail: int, width: int) -> tuple[list[int], int]:
    """Cut unit ``k`` (from ``start``) by grapheme: fold offsets and the tail's cells.

    The unit is wider than the line (a URL, an e-mail address, ``（Better\u00a0Health）``),
    so it is folded inside. Rule: a cut never leaves a line-start-prohibited mark
    (``，。）”`` …) or a word space to open the next line, nor an opening mark
    (``（“`` …) to end a line: such a cut moves back, grapheme by grapheme, so the
    mark takes the end of the unit with it (``…Campaig / n）的数据``), the line ending
    a cell or two short, as push-out does. Only where no such cut exists (``的？！”``
    at width 6, the guide's case 19; a width too narrow for the moved graphemes)
    is the unit cut where it fills the line.
    """
    seg = u.text[start : u.core_ends[k]]
    spans, _ = split_graphemes(seg)
    widths = [
        w + (u.amb[start + b] - u.amb[start + a] if u.amb is not None else 0) for a, b, w in spans
    ]

    def clean(j: int) -> bool:
        """Whether a cut before grapheme ``j`` breaks no rule."""
        return (
            seg[spans[j][0]] not in _NO_FOLD_BEFORE
            and seg[spans[j][0] - 1] not in LINE_END_PROHIBITED
        )

    cuts: list[int] = []
    first = 0  # the grapheme the current line starts with
    used = 0
    limit = avail
    for j, w in enumerate(widths):
        if used and used + w > limit:
            cut = j
            while cut > first + 1 and not clean(cut):
                cut -= 1
            if not clean(cut) or sum(widths[cut : j + 1]) > width:
                cut = j  # no clean cut, or the moved graphemes would not fit
            cuts.append(start + spans[cut][0])
            used = sum(widths[cut:j])
            first = cut
            limit = width
        used += w
    return cuts, used


def layout(
    text: str,
    width: int,
    *,
    indent: bool = True,
    fullwidth_punctuation: bool = True,
    hanging: bool = False,
    push_in: bool = False,
    ambiguous_wide: bool = False,
) -> list[Piece]:
    """Display lines of one paragraph with the offsets each covers (see wrap_paragraph)."""
    if not text:
        return []
    width = max(width, 2)  # one wide character must fit
    u = _units(text, fullwidth_punctuation, ambiguous_wide)
    disp, starts, core_ends, cum, reach, hard = u[:6]
    m = len(starts)
    n = len(disp)
    pieces: list[Piece] = []
    prefix = INDENT if indent and width >= 2 * _INDENT_CELLS else ""
    s = 0  # first unit (or unit tail) of the current line
    vb = 0  # cells "before" the current line on the cumulative scale
    off = 0  # offset where the current line starts
    h = 0  # index into hard
    while s < m:
        avail = width - (_INDENT_CELLS if prefix else 0)
        body = avail - 2 if hanging else avail
        while h < len(hard) and hard[h] < s:
            h += 1
        hi = hard[h] + 1 if h < len(hard) else m
        k = bisect_right(reach, vb + body, s, hi) - 1
        pushed = False
        if k < s:
            w0 = reach[s] - vb
            if w0 <= avail:  # on an empty line a unit may use the full width
                k = s
            elif push_in and disp[core_ends[s] - 1 : core_ends[s]] in _PUSH_IN and w0 - 1 <= avail:
                k = s
                pushed = True
            else:
                # Wider than the line (after the indent, on a first line: a line
                # holding only the indent would look like an empty paragraph).
                cuts, tail = _fold(u, s, off, avail, width)
                for cut in cuts:
                    pieces.append(Piece(prefix + disp[off:cut], off, cut, True))
                    prefix = ""
                    off = cut
                # The tail of the folded unit starts a line other units may join.
                vb = reach[s] - tail
                avail = width
                body = avail - 2 if hanging else avail
                k = max(bisect_right(reach, vb + body, s + 1, hi) - 1, s)
        if not pushed and k + 1 < hi:
            nxt = k + 1
            w1 = reach[nxt] - vb
            last = disp[core_ends[nxt] - 1 : core_ends[nxt]]
            if hanging and last in _HANGABLE and w1 <= avail and w1 - cell_len(last) <= body:
                k = nxt
            elif push_in and last in _PUSH_IN and w1 - 1 <= avail:
                k = nxt
                pushed = True
        if not u.exact and not pushed:
            k = _exact_fit(u, prefix, off, s, k, hi, width)
        shown = off
        if pieces:
            # Only after a mandatory break can a continuation begin with spaces.
            while shown < core_ends[k] and disp[shown] == " ":
                shown += 1
        line = disp[shown : core_ends[k]]
        if pushed:
            line = line[:-1] + _PUSH_IN[line[-1]]
        end = starts[k + 1] if k + 1 < m else n
        pieces.append(Piece(prefix + line, off, end))
        prefix = ""
        off = end
        vb = cum[k + 1]
        s = k + 1
    return pieces


def wrap_paragraph(
    text: str,
    width: int,
    *,
    indent: bool = True,
    fullwidth_punctuation: bool = True,
    hanging: bool = False,
    push_in: bool = False,
    ambiguous_wide: bool = False,
) -> list[str]:
    """Display lines of one paragraph, none wider than ``width`` cells.

    Greedy fill by cells (``rich.cells.cell_len``) at the tailored break
    opportunities; push-out by default; spaces at a break are dropped; a unit
    wider than the measure is folded by grapheme. Options (the reader's defaults):

    - ``indent``: two U+3000 on the first line, counted in the width (from width 8);
    - ``fullwidth_punctuation``: show half-width ``, : ; ? ! ( )`` in CJK context
      full-width (a display transform only);
    - ``hanging``: fill to width-2 and let one ``、，。,.`` take the last cells;
    - ``push_in``: a line-final ``，。：；？！、`` may turn half-width to fit;
    - ``ambiguous_wide``: count East-Asian-ambiguous characters (“ ” ‘ ’ — … ·)
      as two cells, for terminals that draw them so.

    An empty paragraph gives no lines; a width under 2 is treated as 2.
    """
    return [
        p.text
        for p in layout(
            text,
            width,
            indent=indent,
            fullwidth_punctuation=fullwidth_punctuation,
            hanging=hanging,
            push_in=push_in,
            ambiguous_wide=ambiguous_wide,
        )
    ]
