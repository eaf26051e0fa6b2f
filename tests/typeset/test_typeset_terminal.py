"""Switching rich's (so Textual's) measure to ambiguous-wide for the process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rich.cells as rc
from typeset_checks import SEED, seed_paragraphs

from reader.typeset import wrap_paragraph
from reader.typeset.terminal import ambiguous_wide_active, set_ambiguous_wide
from reader.typeset.wrap import _bmp_widths


@pytest.fixture
def wide() -> Iterator[None]:
    assert set_ambiguous_wide(True)
    try:
        yield
    finally:
        set_ambiguous_wide(False)


def test_switch_changes_rich_measure_and_back() -> None:
    assert rc.cell_len("“”‘’—…·") == 7
    assert set_ambiguous_wide(True) and ambiguous_wide_active()
    try:
        assert rc.cell_len("“”‘’—…·") == 14
        assert rc.cached_cell_len("“好”") == 6  # what textual._cells.cell_len is
        assert rc.cell_len("中文abc") == 7  # wide and narrow characters unchanged
        assert rc.cell_len("e\u0301") == 1  # combining marks stay zero-width
    finally:
        assert set_ambiguous_wide(False)
    assert not ambiguous_wide_active()
    assert rc.cell_len("“”‘’—…·") == 7


@pytest.mark.skipif(not SEED.exists(), reason=f"seed page absent: {SEED}")
@pytest.mark.usefixtures("wide")
def test_lines_fit_when_the_process_measures_wide() -> None:
    for paragraph in seed_paragraphs():
        for width in range(16, 81, 7):
            for line in wrap_paragraph(paragraph, width):
                assert rc.cell_len(line) <= width
            # the wrapping option does not count a character twice
            assert wrap_paragraph(paragraph, width, ambiguous_wide=True) == wrap_paragraph(
                paragraph, width
            )


def _asked_one_by_one() -> str:
    return "".join(chr(rc.get_character_cell_size(chr(cp))) for cp in range(0x10000))


def test_width_table_is_what_rich_says_of_each_character() -> None:
    # The wrapper's table is read off rich's ranges (fast, at every `a`); it must
    # give every BMP character the width rich gives it, in both measures.
    assert _bmp_widths() == _asked_one_by_one()
    assert set_ambiguous_wide(True)
    try:
        wide = _bmp_widths()
        assert wide == _asked_one_by_one()
        assert wide[ord("“")] == "\x02" and wide[ord("中")] == "\x02" and wide[ord("a")] == "\x01"
    finally:
        set_ambiguous_wide(False)
    assert _bmp_widths()[ord("“")] == "\x01"
