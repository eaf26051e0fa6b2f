"""Every private Rich/Textual name zhpaper or its tests rely on still exists.

Each is used through one adapter (``reader/typeset/terminal.py`` for rich.cells,
``reader/ui/private.py`` for Textual's Tree, ``tests/textual_private.py`` for
the tests). When an upgrade removes one, these tests fail and say which: the
adapters themselves degrade quietly at run time (the reader must still start),
so the suite is where the loss has to be loud.
"""

from __future__ import annotations

import hashlib
import inspect

from textual._compositor import ChopsUpdate, Compositor
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Tree

from reader.typeset.terminal import missing_rich_internals, set_ambiguous_wide
from reader.ui.private import (
    COMPOSITOR_NEEDS,
    COMPOSITOR_PATCHES,
    TEXTUAL_COMPOSITOR,
    TREE_TOGGLE_META,
    keep_wide_characters_under_overlays,
)

#: Textual 8.2's compositor code our replacements (reader.ui.private) were written
#: against, as sha256 prefixes of its source: a change means reading Textual's new
#: version (is issue 6357 fixed upstream?) and updating or dropping the replacements.
COMPOSITOR_SOURCES = {
    "_render_chops": "ca8c3359d7afd017",
    "render_partial_update": "888dccc892d8ecc2",
    "ChopsUpdate": "7c7d3e0bf714e836",
}


def test_rich_cells_has_what_set_ambiguous_wide_replaces() -> None:
    assert missing_rich_internals() == [], "rich.cells lost names wide quotes (a) rely on"
    try:
        assert set_ambiguous_wide(True) is True
    finally:
        set_ambiguous_wide(False)


def test_tree_rebuilds_its_lines_through_a_private_property() -> None:
    assert isinstance(inspect.getattr_static(Tree, "_tree_lines", None), property), (
        "Tree._tree_lines is gone: reader.ui.private.rebuild_tree_lines needs another way"
    )


def test_tree_toggles_on_clicks_on_segments_with_the_toggle_meta() -> None:
    (key,) = TREE_TOGGLE_META
    source = inspect.getsource(Tree._on_click)
    assert f'"{key}"' in source or f"'{key}'" in source, (
        "Tree._on_click no longer reads the toggle meta: clicks on sidebar icons would not toggle"
    )


async def test_the_tests_private_textual_names_exist() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        app.notify("x")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["x"], "App._notifications changed"
        assert isinstance(pilot, Pilot)

        assert callable(getattr(pilot, "_post_mouse_events", None)), (
            "Pilot._post_mouse_events is gone: tests/textual_private.wheel_down needs another way"
        )


def _digest(source: object) -> str:
    return hashlib.sha256(inspect.getsource(source).encode()).hexdigest()[:16]  # type: ignore[arg-type]


def test_the_compositor_is_the_one_the_wide_character_fix_replaces_parts_of() -> None:
    found = {name: _digest(method) for name, method in TEXTUAL_COMPOSITOR.items()}
    found["ChopsUpdate"] = _digest(ChopsUpdate)
    assert found == COMPOSITOR_SOURCES, (
        "Textual's compositor changed: check reader.ui.private's wide-character replacements"
    )
    for name in COMPOSITOR_NEEDS:
        assert hasattr(Compositor, name), f"Compositor.{name} is gone"
    compositor = Compositor()
    assert hasattr(compositor, "_dirty_regions") and hasattr(compositor, "size")
    assert inspect.signature(ChopsUpdate).parameters.keys() == {"chops", "spans", "chop_ends"}
    assert keep_wide_characters_under_overlays()
    for name, patch in COMPOSITOR_PATCHES.items():
        assert getattr(Compositor, name) is patch
