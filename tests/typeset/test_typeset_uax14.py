"""UAX #14 conformance (untailored) and the engine's shortcuts against its full rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typeset_checks import LINE_BREAK_TEST

from reader.typeset import break_opportunities
from reader.typeset.uax14 import uax14_breaks

FLOOR = 19_314  # uniseg 0.10.1's score; the issue's floor


def load_cases() -> list[tuple[str, list[int]]]:
    cases = []
    for line in LINE_BREAK_TEST.read_text(encoding="utf-8").splitlines():
        body = line.partition("#")[0].split()
        if not body:
            continue
        chars: list[str] = []
        breaks: list[int] = []
        for token in body[1:]:  # the first token is the "÷" before the text
            if token == "÷":
                breaks.append(len(chars))
            elif token != "×":
                chars.append(chr(int(token, 16)))
        cases.append(("".join(chars), breaks))
    return cases


@pytest.mark.skipif(not LINE_BREAK_TEST.exists(), reason=f"absent: {LINE_BREAK_TEST}")
def test_conformance_floor() -> None:
    cases = load_cases()
    assert len(cases) == 19_338
    passed = sum(break_opportunities(text, tailored=False) == want for text, want in cases)
    print(f"LineBreakTest-17.0.0: {passed} of {len(cases)}")
    assert passed >= FLOOR


SAMPLE = list("一二，。、“”‘’（）《》——…… abcAB012,.:;!?()%$-–\u00a0\u200b\u2060\u0301") + [
    "\u05d0",
    "\u05be",
    "\u2010",
    "🇨",
    "👍",
    "🏻",
    "\u200d",
    "\u1b05",
    "\u1b44",
    "\u25cc",
    "\uac00",
    "\u1100",
    "\u0e01",
]


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from(SAMPLE), st.characters()), max_size=40))
def test_pair_table_and_runs_agree_with_full_rules(text: str) -> None:
    assert uax14_breaks(text) == uax14_breaks(text, pair_table=False)


def test_tailoring() -> None:
    # ”÷“ allowed; no break before a single — or ·; none after opening marks
    assert 5 in break_opportunities("“成长期”“壮年期”")
    assert 5 not in break_opportunities("“成长期”“壮年期”", tailored=False)
    assert 4 not in break_opportunities("2022—2023")
    assert 2 in break_opportunities("他说——我们")
    assert 2 not in break_opportunities("马克·吐温")
    assert 1 not in break_opportunities("《人民日报》")
    assert break_opportunities("") == []
