"""Folding: simplified/traditional, full/half width, case, and the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.fold import fold, fold_with_map, map_span


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("總統府", "总统府"),  # traditional → simplified
        ("总统府", "總統府"),  # and the other way: both fold to the same
        ("臺灣經濟", "台湾经济"),
        ("乾隆", "干隆"),  # per character, no phrase context: 乾 always folds the same
        ("ＣＯＶＩＤ－１９", "covid-19"),  # full width → half width, case
        ("干部，队伍", "干部,队伍"),  # full-width comma
        ("Ｔａｉｗａｎ", "TAIWAN"),
        ("Straße", "STRASSE"),  # casefold, not lower
    ],
)
def test_fold_equates(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_unrelated_text_apart() -> None:
    assert fold("干部") != fold("千部")
    assert fold("干部") == "干部"


def test_offset_map_when_length_changes() -> None:
    text = "第㈠条干部"  # ㈠ folds to "(一)": three characters for one
    folded, offsets = fold_with_map(text)
    assert folded == "第(一)条干部"
    assert offsets is not None
    start = folded.index("干部")
    assert map_span(offsets, start, start + 2) == (3, 5)
    assert text[3:5] == "干部"
    # A match inside an expanded character maps to that whole character.
    one = folded.index("一")
    assert map_span(offsets, one, one + 1) == (1, 2)


def test_offset_map_is_none_when_lengths_agree() -> None:
    assert fold_with_map("總統，ＡＢＣ") == ("总统,abc", None)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_offsets_are_monotonic_and_in_range(text: str) -> None:
    folded, offsets = fold_with_map(text)
    assert fold(text) == folded
    if offsets is None:
        assert len(folded) == len(text)
        return
    assert len(offsets) == len(folded) + 1
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)


def test_fold_wording_makes_taiwan_words_mainland() -> None:
    from reader.search.fold import fold_wording

    # Words differ, not only characters: the palette's 搜尋 must find 搜索.
    assert fold_wording("搜尋") == "搜索" and fold("搜尋") == "搜寻"
    assert fold_wording("全形標點") == "全角标点"
    assert fold_wording("書籤 ＴＨＥＭＥ") == "书签 theme"
