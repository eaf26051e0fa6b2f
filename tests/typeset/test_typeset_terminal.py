"""Switching rich's (so Textual's) measure to ambiguous-wide for the process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rich.cells as rc
from typeset_checks import SEED, seed_paragraphs

from reader.typeset import wrap_paragraph
from reader.typeset.terminal import ambiguous_wide_active, set_ambiguous_wide


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
