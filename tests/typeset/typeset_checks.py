"""Shared helpers for the typesetting tests: the guide's properties as a checker.

The checker keeps its own tables, copied from ``shared/guides/cjk-typesetting.md``
(§1 rules 2–4, §3) and from Python's ``unicodedata``, never the code under test's:
a mistake in ``reader.typeset.breaks`` must not be repeated by its own checker.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

from rich.cells import cell_len

from reader.typeset import display_text, layout

#: Guide §1 rule 2: never at the start of a line (a *single* — is handled by is_bad_start).
LINE_START_PROHIBITED = frozenset(
    "、，。．：；！？‼⁇"  # Chinese stops and the half-width ones used as Chinese punctuation
    ",.:;!?"
    "”’」』）》〉】〗〕］｝)]}"  # closing quotes and brackets
    "～-–"  # connectors
    "·・‧"  # interpuncts
)
#: Guide §1 rule 3: never at the end of a line.
LINE_END_PROHIBITED = frozenset("“‘「『（《〈【〖〔［｛([{")
#: Guide §3: the first-line indent, two ideographic spaces.
INDENT = "\u3000\u3000"

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_f7f43db65705d640.txt"
CORPUS = SHARED / "corpus" / "tw-president-news.jsonl.gz"
LINE_BREAK_TEST = SHARED / "unicode" / "LineBreakTest-17.0.0.txt"

_ASCII_ALNUM = re.compile("[A-Za-z0-9]")


def seed_paragraphs() -> list[str]:
    """Non-empty lines of the seed page (each a paragraph or heading)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def corpus_paragraphs(articles: int = 60) -> list[str]:
    """Paragraphs of every k-th corpus article (a spread over the years)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    step = max(len(lines) // articles, 1)
    out: list[str] = []
    for line in lines[::step][:articles]:
        out.extend(p for p in json.loads(line)["paragraphs"] if p.strip())
    return out


def measure(text: str, ambiguous_wide: bool = False) -> int:
    """Cells as the terminal draws them (East Asian Ambiguous characters wide if asked)."""
    extra = 0
    if ambiguous_wide:
        extra = sum(
            1 for ch in text if unicodedata.east_asian_width(ch) == "A" and cell_len(ch) == 1
        )
    return cell_len(text) + extra


def is_han(ch: str) -> bool:
    """A CJK ideograph (class ID in UAX #14, named by no rule of the guide)."""
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def next_sure_break(text: str, after: int) -> int | None:
    """The first offset > ``after`` between two ideographs: a break both UAX #14 and
    every rule of the guide allow. (Other breaks may come earlier; this one is sure.)"""
    for i in range(after + 1, len(text)):
        if is_han(text[i - 1]) and is_han(text[i]):
            return i
    return None


def is_bad_start(line: str) -> bool:
    """A line-start-prohibited mark at the start (a single — included)."""
    if not line:
        return False
    if line[0] in LINE_START_PROHIBITED:
        return True
    return line[0] == "—" and line[1:2] != "—"


def boundary_violation(left: str, right: str) -> str | None:
    """What is wrong with a break between the characters ``left`` and ``right``."""
    if _ASCII_ALNUM.match(left) and _ASCII_ALNUM.match(right):
        return "break inside an ASCII letter/digit run"
    if left == right and left in "—…":
        return f"break inside {left * 2}"
    return None


def violations(text: str, width: int, **options: bool) -> list[str]:
    """Every broken promise of the guide's property list for one paragraph."""
    ambiguous = options.get("ambiguous_wide", False)
    indent = options.get("indent", True)
    disp = display_text(text, options.get("fullwidth_punctuation", True))
    pieces = layout(text, width, **options)
    found: list[str] = []
    if not text:
        return [] if not pieces else ["lines for an empty paragraph"]
    # lossless: the pieces tile the paragraph and show it minus dropped spaces
    if pieces[0].start != 0 or pieces[-1].end != len(text):
        found.append("pieces do not cover the paragraph")
    for a, b in zip(pieces, pieces[1:], strict=False):
        if a.end != b.start:
            found.append(f"gap or overlap at {a.end}/{b.start}")
    for i, p in enumerate(pieces):
        shown = p.text
        if i == 0 and indent and shown.startswith(INDENT):
            shown = shown[len(INDENT) :]
        expected = disp[p.start : p.end]
        if not p.folded:
            expected = expected.rstrip(" ")
        if shown != expected:
            found.append(f"line {i} shows {shown!r}, paragraph has {expected!r}")
        if measure(p.text, ambiguous) > width:
            found.append(f"line {i} {p.text!r} is wider than {width}")
        after_fold = i > 0 and pieces[i - 1].folded
        if p.start > 0 and not after_fold and is_bad_start(p.text):
            found.append(f"line {i} starts with {p.text[0]!r}")
        last = i == len(pieces) - 1
        if not last and not p.folded and p.text and p.text[-1] in LINE_END_PROHIBITED:
            found.append(f"line {i} ends with {p.text[-1]!r}")
        if not last and not p.folded:
            problem = p.end > p.start and boundary_violation(disp[p.end - 1], disp[p.end])
            if problem:
                found.append(f"line {i}: {problem}")
            # short only when no later break would have fitted: checked against
            # the breaks that are sure (between two ideographs), so never wrongly.
            nxt = next_sure_break(disp, p.end)
            grown = disp[p.start : nxt].rstrip(" ") if nxt is not None else ""
            prefix = INDENT if (i == 0 and p.text.startswith(INDENT) and indent) else ""
            if nxt is not None and measure(prefix + grown, ambiguous) <= width:
                found.append(f"line {i} {p.text!r} is short: the text up to {nxt} fits")
    return found
