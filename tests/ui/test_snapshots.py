"""How the reader looks: SVG snapshots of the main states at 120×40 and 60×20.

Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from ui_fixtures import FIRST, pages_with, shared_catalog

from reader.store.memory import MemoryCatalog


def after(*keys: str) -> Callable[[Pilot], object]:
    async def run_before(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # a key's worker (F loads OpenCC)
        await pilot.pause()
        # Toasts would make snapshots depend on timing.
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((120, 40), ()),  # start: first section, list focused, reader following
        ((120, 40), ("j", "enter")),  # reading: sidebar folded away, full measure
        ((120, 40), ("right_square_bracket", "right_square_bracket", "j")),  # a photo item
        ((120, 40), ("question_mark",)),  # help
        ((120, 40), ("ctrl+p", "書", "籤")),  # the palette: 書籤 finds 书签, letters marked
        ((60, 20), ()),  # narrow: the list alone
        ((60, 20), ("enter",)),  # narrow: the reader in its place
        ((60, 20), ("shift+tab",)),  # narrow: the sidebar in its place
    ],
    ids=[
        "start",
        "reading",
        "photo",
        "help",
        "palette",
        "narrow-list",
        "narrow-reader",
        "narrow-sidebar",
    ],
)
def test_snapshot(snap_compare, make_app, size, keys) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=after(*keys))


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((120, 40), ("enter", "G")),  # the end of an article: its source line and folded url
        ((120, 40), ("F", "enter")),  # 简繁: list rows, headers and the article in traditional
    ],
    ids=["source-line", "traditional"],
)
def test_snapshot_share(snap_compare, make_app, size, keys) -> None:
    assert snap_compare(make_app(shared_catalog()), terminal_size=size, run_before=after(*keys))


#: A headline of two clauses (U+3000 between them) longer than one line.
HEADLINE = "赖清德总统视察后备部队训练并听取简报\u3000强调打造全社会防卫韧性与民间韧性"


def test_snapshot_headline(snap_compare, make_app) -> None:
    """Balanced headline lines, broken between the clauses (never `…韧` / `性`)."""
    catalog = MemoryCatalog(pages_with(FIRST, title=HEADLINE))
    assert snap_compare(make_app(catalog), terminal_size=(60, 20), run_before=after("enter"))
