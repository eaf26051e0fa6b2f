"""The guide's properties, on arbitrary text and on real text (seed page, corpus)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typeset_checks import CORPUS, SEED, corpus_paragraphs, seed_paragraphs, violations

# Characters that exercise the rules: Han, full- and half-width punctuation, quotes,
# dashes, ellipses, Latin, digits with separators and affixes, spaces, emoji.
INTERESTING = list(
    "一二三四五六七八九十的是了我他说记者本报讯年月日"
    "，。、：；！？“”‘’（）《》〈〉「」『』【】〔〕［］｛｝～·・‧"
    "——……-–"
    "abcxyzABCXYZ0123456789"
    ",.:;!?()[]{}%‰℃¥$'\"/"
    "  \u3000\u00a0"
    "éñ\u0301\u200b\u2060"
    "👍🏻🇨🇳😀\u200d\ufe0f"
)

# No line terminators: mandatory breaks are a separate matter (tested below).
GENERAL = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
TEXT = st.one_of(
    st.text(st.sampled_from(INTERESTING), max_size=120),
    st.text(GENERAL, max_size=60),
    st.lists(
        st.one_of(st.sampled_from(INTERESTING), GENERAL, st.sampled_from(["——", "……", "2022"]))
    ).map("".join),
)
OPTIONS = st.fixed_dictionaries(
    {
        "indent": st.booleans(),
        "fullwidth_punctuation": st.booleans(),
        "hanging": st.just(False),
        "push_in": st.just(False),
        "ambiguous_wide": st.booleans(),
    }
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, width=st.integers(16, 80), options=OPTIONS)
def test_properties_on_arbitrary_text(text: str, width: int, options: dict) -> None:
    assert violations(text, width, **options) == []


@settings(max_examples=200, deadline=None)
@given(
    text=TEXT,
    width=st.integers(2, 80),
    hanging=st.booleans(),
    push_in=st.booleans(),
    ambiguous_wide=st.booleans(),
)
def test_never_wider_never_lossy_with_any_option(
    text: str, width: int, hanging: bool, push_in: bool, ambiguous_wide: bool
) -> None:
    from typeset_checks import measure

    from reader.typeset import layout

    pieces = layout(text, width, hanging=hanging, push_in=push_in, ambiguous_wide=ambiguous_wide)
    for p in pieces:
        assert measure(p.text, ambiguous_wide) <= width
    if text:
        assert pieces[0].start == 0 and pieces[-1].end == len(text)
        assert all(a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))


@pytest.mark.skipif(not SEED.exists(), reason=f"seed page absent: {SEED}")
def test_seed_page_all_widths_zero_violations() -> None:
    found = []
    for paragraph in seed_paragraphs():
        for width in range(16, 81):
            for options in ({}, {"indent": False, "fullwidth_punctuation": False}):
                found += [(width, v) for v in violations(paragraph, width, **options)]
    assert found == []


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus absent: {CORPUS}")
def test_corpus_sample_all_widths_zero_violations() -> None:
    found = []
    for paragraph in corpus_paragraphs(40):
        for width in range(16, 81, 3):
            found += [(width, v) for v in violations(paragraph, width)]
            found += [(width, v) for v in violations(paragraph, width, ambiguous_wide=True)]
    assert found == []


def test_mandatory_breaks_end_lines() -> None:
    from reader.typeset import wrap_paragraph

    assert wrap_paragraph("第一行\n第二行 \r\n第三行", 40, indent=False) == [
        "第一行",
        "第二行",
        "第三行",
    ]


def test_the_checker_catches_each_broken_promise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Handmade bad lines: the checker must name each fault (else it could pass anything)."""
    import typeset_checks

    from reader.typeset.wrap import Piece

    def fake(pieces):
        monkeypatch.setattr(typeset_checks, "layout", lambda *args, **kwargs: pieces)

    text = "一二三四，五六七八"
    fake([Piece("一二三四", 0, 4), Piece("，五六七八", 4, 9)])
    assert any("starts with '，'" in v for v in violations(text, 10, indent=False))
    fake([Piece("一二", 0, 2), Piece("三四，五六", 2, 7), Piece("七八", 7, 9)])
    assert any("is short" in v for v in violations(text, 10, indent=False))
    fake([Piece("一二三四，五六七八", 0, 9)])
    assert any("wider than 8" in v for v in violations(text, 8, indent=False))
    text = "他说“好的”"
    fake([Piece("他说“", 0, 3), Piece("好的”", 3, 6)])
    assert any("ends with '“'" in v for v in violations(text, 6, indent=False))
    fake([Piece("一二三", 0, 3), Piece("五六七八", 4, 9)])
    assert any("gap or overlap" in v for v in violations("一二三四，五六七八", 10, indent=False))
