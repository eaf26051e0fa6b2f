"""Tokens for the FTS5 index: CJK unigrams and overlapping bigrams, Latin words.

FTS5's ``unicode61`` tokenizer sees a run of Chinese characters as one long
"word", so nothing shorter than a whole clause could be found. We cut the
folded text ourselves (the Lucene CJK-bigram scheme) and hand FTS5 tokens
separated by spaces:

* table ``uni`` gets every character (``detail=none``: 1-character queries
  only ask *which* articles hold a character);
* table ``bi`` gets, per CJK run, the overlapping bigrams in order
  (干部队伍 → 干部 部队 队伍) and Latin/digit runs as words. A 3+-character
  query is the phrase of its bigrams. Between two CJK runs (separated by
  punctuation) we put :data:`RUN_BREAK`, so a bigram phrase never spans a comma:
  a phrase match in ``bi`` is then an exact substring match of the folded text.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# Han (incl. extension A, compatibility, supplementary planes), kana, hangul.
_CJK = (
    "\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_SEGMENT = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
_concat = operator.add

#: A private-use character: unicode61 keeps it as a token (category Co) and
#: folded text never contains it (see :func:`segments`).
RUN_BREAK = "\ue000"

SegmentKind = Literal["cjk", "word"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of folded text that the index tokenizes one way."""

    kind: SegmentKind
    text: str


def segments(folded: str) -> list[Segment]:
    """Split folded text into CJK runs and Latin/digit words (punctuation dropped)."""
    out: list[Segment] = []
    for match in _SEGMENT.finditer(folded):
        cjk, word = match.groups()
        if cjk is not None:
            out.append(Segment("cjk", cjk))
        else:
            out.append(Segment("word", word))
    return out


def unigram_text(folded_parts: Iterable[str]) -> str:
    """The ``uni`` column: every character, space-separated.

    The tokenizer drops punctuation and the table (``detail=none``) keeps each
    character once per article, so letting SQLite do the work in C is ~4× faster
    than collecting distinct CJK characters in Python. Latin letters become
    one-letter tokens there, which no query asks the ``uni`` table for.
    """
    return " ".join(" ".join(folded_parts))


def bigram_text(folded_parts: Iterable[str]) -> str:
    """A ``bi`` column: bigrams per CJK run, words, run breaks between CJK runs."""
    tokens: list[str] = []
    last_was_bigram = False
    for part in folded_parts:
        # Fields (title, paragraphs …) are separate runs too.
        for match in _SEGMENT.finditer(part):
            cjk, word = match.groups()
            if cjk is not None:
                if len(cjk) < 2:
                    continue
                if last_was_bigram:
                    tokens.append(RUN_BREAK)
                # map() pairs neighbouring characters in C: faster than slicing.
                tokens.extend(map(_concat, cjk, cjk[1:]))
                last_was_bigram = True
            else:
                tokens.append(word)
                last_was_bigram = False
    return " ".join(tokens)


def fts_quote(text: str) -> str:
    """One FTS5 string literal (a phrase when it holds several tokens)."""
    return '"' + text.replace('"', '""') + '"'


def segment_expr(segment: Segment) -> tuple[Literal["uni", "bi"], str]:
    """Which table answers one query segment, and the FTS5 expression for it.

    One CJK character → its unigram; two → the bigram token; more → the phrase
    of overlapping bigrams; a word → the word.
    """
    text = segment.text
    if segment.kind == "word":
        return "bi", fts_quote(text)
    if len(text) == 1:
        return "uni", fts_quote(text)
    return "bi", fts_quote(" ".join(text[i : i + 2] for i in range(len(text) - 1)))


__all__ = [
    "RUN_BREAK",
    "Segment",
    "bigram_text",
    "fts_quote",
    "segment_expr",
    "segments",
    "unigram_text",
]
