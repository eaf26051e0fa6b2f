"""Balanced headline lines: as few lines as greedy filling, as even as they can be.

A headline filled greedily can end on one lonely character (`…打造全社會防衛韌` /
`性`). Like CSS ``text-wrap: balance``, :func:`balance` keeps the number of lines
greedy filling needs and sets them at the narrowest measure that still gives
that many. Headlines often join clauses with an ideographic space
(`總統出席國防活動　強調打造全社會防衛韌性`); a break there reads best, so
layouts breaking at those spaces are preferred, unless a line would be left far
shorter than the others. Every line-breaking rule of :func:`layout` still holds:
only its own break opportunities are used (a clause space counts only where a
break after it is allowed).
"""

from __future__ import annotations

from itertools import combinations

from rich.cells import cell_len

from reader.typeset.breaks import break_opportunities
from reader.typeset.wrap import Piece, layout

__all__ = ["CLAUSE_SPACE", "balance"]

#: Between the clauses of a headline (U+3000 IDEOGRAPHIC SPACE).
CLAUSE_SPACE = "\u3000"
#: Clause spaces tried as breaks (their subsets are tried: 2**4 layouts at most).
MAX_CLAUSES = 4
#: A line narrower than this share of the widest is a defect (`短` / `很长的一行`).
SHORT_SHARE = 1 / 3


def balance(text: str, width: int, **options: bool) -> list[Piece]:
    """Lines of a headline: greedy's number of lines, evened out, broken between clauses.

    ``options`` are :func:`layout`'s (``indent`` is always off: headlines are
    not indented). Offsets tile ``text`` as :func:`layout`'s do; a clause space
    at a break is not shown.
    """
    options = {**options, "indent": False}
    greedy = layout(text, width, **options)
    if len(greedy) < 2 or any(piece.folded for piece in greedy):
        return _without_end_spaces(greedy)
    lines = len(greedy)
    allowed = set(break_opportunities(text))
    clauses = [
        at + 1
        for at, char in enumerate(text)
        if char == CLAUSE_SPACE and 0 < at < len(text) - 1 and at + 1 in allowed
    ][:MAX_CLAUSES]
    best: tuple[tuple[int, int, int], list[Piece]] | None = None
    for count in range(len(clauses) + 1):
        for forced in combinations(clauses, count):
            candidate = _narrowest(_broken_at(text, forced), width, lines, options)
            if candidate is None:
                continue
            score = _score(text, candidate)
            if best is None or score < best[0]:
                best = (score, candidate)
    return _without_end_spaces(best[1] if best is not None else greedy)


def _without_end_spaces(pieces: list[Piece]) -> list[Piece]:
    """``pieces`` with the spaces ending each line but the last not shown.

    A clause space ending a line would only shift a centred headline, and so
    would a space before it (`員工 　總統…` in the shared corpus). A folded line
    (a unit wider than the line, cut) is shown as cut.
    """
    ends = CLAUSE_SPACE + " "
    shown = [
        piece if piece.folded else piece._replace(text=piece.text.rstrip(ends))
        for piece in pieces[:-1]
    ]
    return shown + pieces[-1:]


def _broken_at(text: str, breaks: tuple[int, ...]) -> str:
    """``text`` with a mandatory break in place of the clause space before each offset.

    One character for one, so the layout's offsets stay offsets into ``text``.
    """
    chars = list(text)
    for at in breaks:
        chars[at - 1] = "\n"
    return "".join(chars)


def _narrowest(text: str, width: int, lines: int, options: dict[str, bool]) -> list[Piece] | None:
    """The layout at the narrowest measure giving ``lines`` lines (None: none does).

    Fewer cells never give fewer lines, so the measure is found by bisection.
    """
    best = layout(text, width, **options)
    if len(best) != lines or any(piece.folded for piece in best):
        return None
    low, high = 2, width
    while low < high:
        middle = (low + high) // 2
        pieces = layout(text, middle, **options)
        if len(pieces) <= lines and not any(piece.folded for piece in pieces):
            high, best = middle, pieces
        else:
            low = middle + 1
    return best


def _score(text: str, pieces: list[Piece]) -> tuple[int, int, int]:
    """Smaller is better: short lines, breaks inside a clause, then the widest line."""
    widths = [cell_len(piece.text.rstrip(CLAUSE_SPACE + " ")) for piece in pieces]
    widest = max(widths)
    short = sum(1 for cells in widths if cells < widest * SHORT_SHARE)
    inside = sum(1 for piece in pieces[:-1] if text[piece.end - 1] != CLAUSE_SPACE)
    return short, inside, widest
