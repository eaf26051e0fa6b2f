"""Shared helpers for the typesetting tests: the guide's properties as a checker."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from rich.cells import cell_len

from reader.typeset import break_opportunities, display_text, layout
from reader.typeset.breaks import LINE_END_PROHIBITED, LINE_START_PROHIBITED
from reader.typeset.wrap import _AMBIGUOUS_RE, INDENT

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
    """Cells as the terminal draws them (ambiguous characters wide if asked)."""
    extra = 0
    if ambiguous_wide:
        extra = sum(1 for m in _AMBIGUOUS_RE.finditer(text) if cell_len(m.group()) == 1)
    return cell_len(text) + extra


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
    opportunities = break_opportunities(disp)
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
            # short only when the next unit would not have fitted
            nxt = next(b for b in opportunities if b > p.end)
            grown = disp[p.start : nxt].rstrip(" ")
            prefix = INDENT if (i == 0 and p.text.startswith(INDENT) and indent) else ""
            if measure(prefix + grown, ambiguous) <= width:
                found.append(f"line {i} {p.text!r} is short: the next unit fits")
    return found
