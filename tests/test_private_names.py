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
from textual._parser import Parser
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.pilot import Pilot
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget
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


# One frame per layout change, and escape at ESCDELAY (commit 129d670) -----------
#
# reader.ui.private.ResizedBeforeDrawing, reader.ui.driver.QuickEscapeDriver and
# the Sidebar's resize handler lean on the Textual internals below. Each message
# says what a user of zhpaper would see if the name changed under us.

#: Textual 8.2's code we replaced or copied, as sha256 prefixes of its source: a
#: change means reading the new version and carrying its fixes over.
REPLACED_SOURCES = {
    # reader.ui.driver.QuickEscapeDriver.run_input_thread is this loop, waking at
    # the parser's deadline instead of every 100 ms.
    "LinuxDriver.run_input_thread": "d796af6d69db337d",
    # Sidebar._on_resize stands in for this handler (without its relayout).
    "Tree._on_resize": "ac9951ecac600cb8",
}


def test_the_replaced_textual_code_is_the_one_we_read() -> None:
    found = {
        "LinuxDriver.run_input_thread": _digest(LinuxDriver.run_input_thread),
        "Tree._on_resize": _digest(Tree._on_resize),
    }
    assert found == REPLACED_SOURCES, (
        "Textual's input loop or Tree's resize handler changed: re-read them and update "
        "reader.ui.driver.QuickEscapeDriver.run_input_thread / Sidebar._on_resize "
        "(escape could answer late again, or the sidebar miss a change Tree now makes)"
    )


def test_size_updated_is_called_in_the_layout_pass_before_the_frame() -> None:
    parameters = ["self", "size", "virtual_size", "container_size", "layout"]
    for cls in (Widget, ScrollView):
        assert "_size_updated" in cls.__dict__, f"{cls.__name__}._size_updated is gone"
        signature = inspect.signature(cls.__dict__["_size_updated"])
        assert list(signature.parameters) == parameters, (
            f"{cls.__name__}._size_updated changed its signature: "
            "ResizedBeforeDrawing._size_updated (reading pane, article list) would fail"
        )
        assert signature.parameters["layout"].default is True
    source = inspect.getsource(ScrollView._size_updated)
    assert "self._size = size" in source and "_scroll_update(" in source, (
        "ScrollView._size_updated no longer sets _size and the scrollbars: "
        "ResizedBeforeDrawing's hook would read the old width (text set at the old measure)"
    )
    layout = inspect.getsource(Screen._refresh_layout)
    assert "._size_updated(" in layout and "ResizeEvent(" in layout, (
        "Screen._refresh_layout no longer tells widgets their size in the layout pass: "
        "panes would adapt only on Resize, a frame late (two redraws per enter/escape)"
    )
    assert layout.rindex("._size_updated(") < layout.rindex("_compositor_refresh()"), (
        "the layout pass now draws before telling widgets their size: "
        "ResizedBeforeDrawing would lay out after the frame it meant to fix"
    )
    assert hasattr(Widget(), "_size"), "Widget._size is gone: ResizedBeforeDrawing reads it"


def test_scroll_update_and_the_virtual_size_reactive() -> None:
    assert "virtual_size" in inspect.signature(Widget._scroll_update).parameters, (
        "Widget._scroll_update changed: ResizedBeforeDrawing.set_virtual_size_before_drawing "
        "(the reading pane's scrollbar after enter/escape) needs another way"
    )
    assert isinstance(Widget.__dict__["virtual_size"], Reactive), (
        "Widget.virtual_size is no longer a reactive: set_reactive in "
        "set_virtual_size_before_drawing would fail"
    )


def test_a_cleared_repaint_flag_means_no_second_frame() -> None:
    check = inspect.getsource(Widget._check_refresh)
    assert "_repaint_required" in check and "Update(" in check, (
        "Widget._check_refresh no longer reads _repaint_required: clearing it in "
        "ResizedBeforeDrawing no longer saves the second redraw after enter/escape"
    )
    assert "self._repaint_required = True" in inspect.getsource(Widget.refresh), (
        "Widget.refresh no longer sets _repaint_required: ResizedBeforeDrawing clears a "
        "flag nobody sets (and may hide a refresh Textual now asks for another way)"
    )
    assert Widget()._repaint_required is False


def test_the_parser_keeps_its_escape_deadline_in_timeout_time() -> None:
    assert "_timeout_time" in inspect.getsource(Parser.tick), (
        "Parser.tick no longer reads _timeout_time: reader.ui.private.parser_deadline "
        "finds no deadline and escape answers 100 ms late again"
    )
    parser = XTermParser()
    assert parser._timeout_time is None
    list(parser.feed("\x1b"))
    assert isinstance(parser._timeout_time, float), (
        "a lone ESC no longer sets Parser._timeout_time: escape would answer 100 ms late"
    )
    assert "self._debug = debug" in inspect.getsource(Driver.__init__), (
        "Driver._debug is gone: QuickEscapeDriver passes it to XTermParser"
    )
    assert "self.run_input_thread()" in inspect.getsource(LinuxDriver._run_input_thread), (
        "LinuxDriver's input thread no longer runs run_input_thread: "
        "QuickEscapeDriver's loop would not be used"
    )


def test_tree_resizes_and_measures_through_the_names_sidebar_overrides() -> None:
    assert "_invalidate()" in inspect.getsource(Tree._on_resize), (
        "Tree._on_resize no longer calls _invalidate: Sidebar._on_resize (which skips it) "
        "may be needless or skip something new"
    )
    assert hasattr(Tree("x")._line_cache, "grow"), (
        "Tree._line_cache.grow is gone: Sidebar._on_resize fails on every resize"
    )
    assert "width," in inspect.getsource(Tree._render_line), (
        "Tree's line cache is no longer keyed by width: Sidebar._on_resize keeps the "
        "cache, so a narrower sidebar would draw lines of the old width"
    )
    # prevent_default in Sidebar._on_resize skips every resize handler above it.
    handlers = [
        cls.__name__
        for cls in Tree.__mro__
        if "_on_resize" in cls.__dict__ or "on_resize" in cls.__dict__
    ]
    assert handlers == ["Tree"], (
        f"resize handlers in {handlers}: Sidebar._on_resize's prevent_default now skips "
        "more than Tree's relayout"
    )
    build = inspect.getsource(Tree._build)
    assert "get_label_width" in build and "self.virtual_size = " in build, (
        "Tree._build no longer sizes the tree by get_label_width: Sidebar.get_label_width "
        "(0) no longer keeps the sidebar's virtual width still on enter/escape"
    )


def test_scrollbars_are_kept_where_quiet_scrollbars_looks() -> None:
    widget = Widget()
    assert (widget._vertical_scrollbar, widget._horizontal_scrollbar) == (None, None), (
        "Widget._vertical_scrollbar/_horizontal_scrollbar are gone: "
        "reader.ui.private.quiet_scrollbars fails on every layout of the panes"
    )
    assert "self._vertical_scrollbar" in inspect.getsource(
        Widget.__dict__["vertical_scrollbar"].fget
    )
    for name in ("window_virtual_size", "window_size", "position"):
        assert isinstance(ScrollBar.__dict__.get(name), Reactive), (
            f"ScrollBar.{name} is gone: quiet_scrollbars could skip a redraw a bar needs"
        )
    assert ".refresh()" in inspect.getsource(Widget._scroll_update), (
        "Widget._scroll_update no longer refreshes the scrollbars: quiet_scrollbars "
        "(which undoes needless refreshes by clearing _repaint_required) may be needless"
    )


def test_pending_refreshes_are_flags_a_widget_sends_when_idle() -> None:
    check = inspect.getsource(Widget._check_refresh)
    assert "_layout_required" in check and "Layout(" in check, (
        "Widget._check_refresh no longer sends _layout_required: "
        "reader.ui.private.drop_widget_refreshes (one frame for t, T, a) needs another way"
    )
    assert "self._layout_required = True" in inspect.getsource(Widget.refresh)
    for name in ("_vertical_scrollbar", "_horizontal_scrollbar"):
        assert getattr(Widget(), name) is None, (
            f"Widget.{name} is gone: drop_widget_refreshes cannot reach the scrollbars"
        )
    assert "self.screen._refresh_layout" in inspect.getsource(App.refresh_css), (
        "App.refresh_css no longer lays the screen out itself: the refreshes "
        "drop_widget_refreshes drops after it may be needed"
    )


def test_frames_reach_the_terminal_through_app_display() -> None:
    assert "app._display(" in inspect.getsource(Screen._compositor_refresh), (
        "Screen._compositor_refresh no longer draws through App._display: "
        "tests/textual_private.frames_drawn counts nothing"
    )


def test_a_whole_screen_frame_is_the_screen_among_its_dirty_widgets() -> None:
    # reader.ui.private.DrawsNothingTwice tells a whole-screen frame by the screen
    # itself among its dirty widgets, and drops Update messages older than it.
    tick = inspect.getsource(Screen._on_timer_update)
    assert "self._dirty_widgets.add(self)" in tick and "_repaint_required" in tick, (
        "Screen._on_timer_update no longer marks a whole repaint with the screen "
        "itself: DrawsNothingTwice cannot tell a whole-screen frame"
    )
    assert "_dirty_widgets" in inspect.getsource(Screen._compositor_refresh)
    update = inspect.getsource(Screen._on_update)
    assert "_dirty_widgets.add(widget)" in update, (
        "Screen._on_update changed: DrawsNothingTwice._on_update runs before it"
    )
    assert "self._update_timer.pause()" in inspect.getsource(Screen._refresh_layout), (
        "Screen._refresh_layout no longer pauses the update timer: DrawsNothingTwice "
        "resumes it when it leaves a layout's part to the whole frame"
    )
    assert isinstance(inspect.getattr_static(Screen, "_update_timer"), property)
    from textual import messages
    from textual._time import get_time

    assert messages.Update(Widget()).time <= get_time(), (
        "Message.time is not on textual._time's clock: DrawsNothingTwice compares them"
    )


def test_tree_lays_out_again_at_each_restyle() -> None:
    assert "_invalidate" in inspect.getsource(Tree.notify_style_update)
    assert "refresh(layout=True)" in inspect.getsource(Tree._invalidate), (
        "Tree no longer asks for a layout at a restyle: Sidebar.notify_style_update's "
        "without_own_layout is needless"
    )


def test_an_installed_screen_can_be_started_and_laid_out_before_it_is_pushed() -> None:
    # reader.ui.private.start_offscreen / lay_out_offscreen (the help and palette
    # are built while the reader is idle, not under their first key).
    assert "self._register(self, _screen)" in inspect.getsource(App._get_screen), (
        "App._get_screen no longer registers a screen that is not running: "
        "start_offscreen would not build it"
    )
    layout = inspect.getsource(Screen._refresh_layout)
    assert "self._compositor.reflow(self, size)" in layout and "if self.is_current" in layout, (
        "Screen._refresh_layout changed: lay_out_offscreen may draw a screen not shown"
    )


def test_the_stylesheet_keeps_its_parses_where_themes_kept_swaps_them() -> None:
    parse_rules = inspect.getsource(Stylesheet._parse_rules)
    assert "self._parse_cache[cache_key]" in parse_rules, (
        "Stylesheet._parse_rules no longer keeps its parses in _parse_cache: "
        "ThemesKeptStylesheet would keep nothing and t/T parse every theme again"
    )
    assert "self._parse_cache.clear()" in inspect.getsource(Stylesheet.set_variables), (
        "Stylesheet.set_variables no longer clears _parse_cache: re-read it, "
        "ThemesKeptStylesheet.set_variables swaps the cache around that call"
    )
    assert "Stylesheet(" in inspect.getsource(Stylesheet.reparse), (
        "Stylesheet.reparse changed: ThemesKeptStylesheet.reparse stands in for it"
    )
    refresh_css = inspect.getsource(App.refresh_css)
    assert "set_variables(" in refresh_css and "reparse()" in refresh_css, (
        "App.refresh_css no longer sets the variables and reparses: a theme change "
        "would not go through ThemesKeptStylesheet"
    )
