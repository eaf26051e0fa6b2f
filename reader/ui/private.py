"""The private Textual names zhpaper relies on, each behind one small function.

Textual offers no public way to do these; keeping every use here means one
place to look after an upgrade, and ``tests/test_private_names.py`` fails by
name when one of them is gone (never a silent change of behaviour).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from rich.style import Style
from textual import messages
from textual._compositor import ChopsUpdate, Compositor
from textual._time import get_time
from textual.app import App
from textual.cache import LRUCache
from textual.css.errors import StylesheetError
from textual.css.stylesheet import Stylesheet
from textual.css.tokenizer import TokenError
from textual.geometry import Region, Size
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Tree

#: The meta ``Tree`` gives its expand/collapse icon: a click on a segment with
#: it toggles the node (``Tree._on_click``). Our own ``render_label`` must set it.
TREE_TOGGLE_META = {"toggle": True}


def tree_toggle_style() -> Style:
    """The style that makes a segment of a Tree label toggle its node when clicked."""
    return Style.from_meta(TREE_TOGGLE_META)


def rebuild_tree_lines(tree: Tree) -> None:
    """Make ``node.line`` right now, after an expand (Tree otherwise waits for idle).

    Reading the private ``_tree_lines`` property rebuilds the line table.
    """
    _ = tree._tree_lines


def replace_notice(
    app: App[Any], previous: Notification | None, message: str, timeout: float
) -> Notification:
    """Show ``message`` as a plain-text notice in place of ``previous`` (if still shown).

    Textual has no public way to withdraw one notification (``App._unnotify``).
    """
    if previous is not None:
        with suppress(KeyError):
            app._unnotify(previous)
    notice = Notification(message, "", "information", timeout, markup=False)
    app.post_message(Notify(notice))
    return notice


# Wide characters under overlays (Textual issue 6357) ---------------------------
#
# The compositor cuts every screen line wherever any visible widget starts or
# ends, then divides each widget's line at every cut inside it. A notice (or any
# overlay) drawn over a pane border is divided there too, and Strip.divide turns
# a wide character straddling the cut into two spaces: `所有内容  都已读取`.
# The replacement below divides a widget's line only where it stops winning the
# cut buckets (something in front of it begins): the buckets it wins in a row
# are one strip, held by the first, and the others hold an empty placeholder so
# nothing behind claims them. Partial updates get the merged strips' true ends,
# and their spans are grown to whole merged strips (a crop would split one).
# Written against Textual 8.2's Compositor._render_chops/render_partial_update
# (MIT); tests/test_private_names.py says when those change.

_HELD = Strip([], 0)  # a bucket covered by a merged strip to its left


def _render_chops_keeping_wide_characters(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            # Painting front to back: a bucket still empty is this widget's.
            wins = [line[cut] is None for cut in final_cuts[:-1]]
            starts = [0] + [i for i in range(1, len(wins)) if wins[i] != wins[i - 1]]
            ends = [*starts[1:], len(wins)]
            pieces = strip.divide([final_cuts[end] - render_x for end in ends])
            for start, end, piece in zip(starts, ends, pieces, strict=False):
                if wins[start]:
                    line[final_cuts[start]] = piece
                    for held in final_cuts[start + 1 : end]:
                        line[held] = _HELD
    return cast("Sequence[Mapping[int, Strip]]", chops)


def _chop_ends(cut_set: list[int], line: Mapping[int, Strip | None]) -> list[int]:
    """Where each chop of a line ends: a merged strip runs over the buckets it holds."""
    ends = cut_set[1:]
    values = list(line.values())
    for index in range(len(values) - 2, -1, -1):
        if values[index + 1] is _HELD:
            ends[index] = ends[index + 1]
    return ends


def _widen_spans(
    spans: list[tuple[int, int, int]],
    cuts: list[list[int]],
    chops: Sequence[Mapping[int, Strip | None]],
    chop_ends: list[list[int]],
) -> list[tuple[int, int, int]]:
    """Spans grown to whole merged strips: a span ending inside one would crop it mid-character.

    Chops partition a line, so growing a span to the ends of the merged strips it
    cuts never makes it cut another one.
    """
    widened = []
    for y, x1, x2 in spans:
        for (x, strip), end, cut in zip(chops[y].items(), chop_ends[y], cuts[y][1:], strict=False):
            if strip is None or end == cut:
                continue  # not drawn here, or not merged
            if x < x1 < end:
                x1 = x
            if x < x2 < end:
                x2 = end
        widened.append((y, x1, x2))
    return widened


def _render_partial_update_keeping_wide_characters(self: Compositor) -> ChopsUpdate | None:
    screen_region = self.size.region
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(list(update_regions)).intersection(screen_region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    chops = self._render_chops(crop, is_rendered_line)
    cuts = self.cuts
    chop_ends = [_chop_ends(cut_set, line) for cut_set, line in zip(cuts, chops, strict=False)]
    return ChopsUpdate(chops, _widen_spans(spans, cuts, chops, chop_ends), chop_ends)


#: The compositor methods replaced, and the source each replacement was written against.
COMPOSITOR_PATCHES: dict[str, Callable[..., object]] = {
    "_render_chops": _render_chops_keeping_wide_characters,
    "render_partial_update": _render_partial_update_keeping_wide_characters,
}
#: Textual's own methods, kept to compare with what the replacements were written against.
TEXTUAL_COMPOSITOR = {name: Compositor.__dict__[name] for name in COMPOSITOR_PATCHES}
#: Compositor class attributes the replacements call (instance ones: see the tests).
COMPOSITOR_NEEDS = ("cuts", "_get_renders", "_regions_to_spans")


def keep_wide_characters_under_overlays() -> bool:
    """Stop notices and other overlays losing wide characters at pane borders (issue 6357).

    Installs the replacements above on Textual's Compositor (idempotent).
    Returns False, changing nothing, when this Textual lacks a name they need:
    the reader must still start (the glitch comes back; the tests say which).
    """
    needed = (*COMPOSITOR_PATCHES, *COMPOSITOR_NEEDS)
    if not all(hasattr(Compositor, name) for name in needed):
        return False
    for name, patch in COMPOSITOR_PATCHES.items():
        setattr(Compositor, name, patch)
    return True


# The input thread's wait (a lone escape) ----------------------------------------
#
# Textual's LinuxDriver waits for input in steps of 100 ms and only between steps
# asks its parser whether a lone escape byte has waited long enough (ESCDELAY) to
# be the escape key. So escape always answers about 100 ms late, whatever ESCDELAY
# says. reader.ui.driver waits only until the parser's own deadline.


def parser_deadline(parser: Any) -> float | None:
    """When the parser gives up waiting for the rest of a sequence (``time.monotonic``).

    None when it waits for nothing (``Parser._timeout_time``).
    """
    return cast("float | None", getattr(parser, "_timeout_time", None))


# Adapting to a new size in the frame that gave it ----------------------------------
#
# Textual tells a widget its new size twice: at once, inside the layout pass
# (``Widget._size_updated``), and later with a Resize event, after the frame is
# drawn. A widget that lays its content out to its width (text set at a measure,
# a title fitted to the border) and waits for the event draws a frame at the new
# size with the old content, then a second frame: every enter and escape, which
# change the panes' widths, cost two full redraws.


def _bar_state(bar: ScrollBar) -> tuple[object, ...]:
    """What a scrollbar is drawn from."""
    return (bar.window_virtual_size, bar.window_size, bar.position, bar.size)


def _bar_look(bar: ScrollBar) -> tuple[object, ...]:
    """Everything a scrollbar's drawing depends on (``ScrollBar.render``)."""
    styles = bar.parent.styles if isinstance(bar.parent, Widget) else None
    colours = (
        ()
        if styles is None
        else (
            styles.scrollbar_color,
            styles.scrollbar_color_hover,
            styles.scrollbar_color_active,
            styles.scrollbar_background,
            styles.scrollbar_background_hover,
            styles.scrollbar_background_active,
        )
    )
    return (_bar_state(bar), bar.grabbed, bar.mouse_over, colours)


#: How each pane's scrollbar looked when a frame last drew it.
_DRAWN: WeakKeyDictionary[ScrollBar, tuple[object, ...]] = WeakKeyDictionary()


def quiet_scrollbars(widget: Widget, size_updated: Callable[[], bool]) -> bool:
    """Run ``size_updated`` (a ScrollView's ``_size_updated``), drawing its scrollbars in this frame.

    Called inside the screen's layout pass, which draws the frame right after;
    the bars are drawn in it, as they now are (and noted so: see
    :func:`already_drawn`). Left to Textual, they cost extra frames:

    - ScrollView refreshes its scrollbars at every layout pass (the size the
      compositor passes is never its virtual size);
    - a bar whose size changed marks itself for a repaint and a layout, which
      it sends to the screen when next idle: another layout pass and another
      frame some 30 ms after this one. A bar never needs a layout of its own
      (its place is its owner's, laid out now).
    """
    bars = [bar for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar) if bar]
    changed = size_updated()
    for bar in bars:
        bar._layout_required = bar._repaint_required = False
        widget.screen._compositor.update_widgets({bar})
        _DRAWN[bar] = _bar_look(bar)
    return changed


if TYPE_CHECKING:
    _ScreenMixin = Screen[Any]
else:
    # A mixin, not a Screen: between a screen and ModalScreen in the MRO, a Screen
    # subclass would put Screen's opaque background before ModalScreen's rule.
    _ScreenMixin = object


class DrawsNothingTwice(_ScreenMixin):
    """A screen that drops repaints a frame has already drawn.

    Textual draws the whole screen when the screen itself was refreshed (its
    ``focused`` changes at every enter, escape and tab). Each widget refreshed
    by the same key sends its own repaint to the screen only when next idle,
    which on a busy frame is after that whole-screen frame has begun, and the
    screen then drew those widgets again in a frame of their own some 30 ms
    later. A whole-screen frame draws every widget as it is, so what was asked
    before it began is dropped: the flags not yet sent, and the messages sent;
    and a layout pass just before it draws nothing of its own.
    Scrollbars that look as last drawn are not drawn again either
    (:func:`already_drawn`).
    """

    _whole_drawn_at = float("-inf")

    def _compositor_refresh(self) -> None:
        whole = self.is_current and self in self._dirty_widgets
        if not whole and self.is_current and self._repaint_required:
            # A layout pass, and the whole screen is drawn next (the screen was
            # refreshed): in the same tick of the update timer, or, for a layout
            # pass of its own (App.refresh_css), which pauses the timer, at its
            # next. Its part is drawn then, with the rest: one render, not two.
            self._update_timer.resume()
            return
        if whole:
            began = get_time()
            _drop_pending(self, layouts=False)
        super()._compositor_refresh()
        if whole:
            self._whole_drawn_at = began
            if self is not self.app.screen:
                # Under a modal screen: Textual handed the whole of it to the top
                # screen, which draws it under itself in its next frame, and asked
                # for all of it again at this screen's next tick, which drew the
                # same frame byte for byte some 30-60 ms later.
                self._repaint_required = False

    async def _on_update(self, message: messages.Update) -> None:
        # Runs before Screen's own handler, which stopping the message skips.
        if message.time < self._whole_drawn_at or already_drawn(message.widget):
            message.stop()
            message.prevent_default()


def without_own_layout(widget: Widget, call: Callable[[], None]) -> None:
    """Run ``call`` (a widget's restyle hook) dropping the layout it asks of ``widget``.

    A layout asked for before, and not yet sent to the screen, is kept.
    """
    pending = widget._layout_required
    call()
    if not pending:
        widget._layout_required = False


def already_drawn(widget: Widget) -> bool:
    """Whether a repaint asked for by ``widget`` would draw what is on screen already.

    For a screen's handler of Textual's ``Update`` message: Textual's scrollbar
    colour styles refresh the bars of a widget whenever it is restyled (every
    change of focus: enter, escape, tab), whether or not a colour changed. The
    bar sends that repaint when next idle, often just before the layout pass
    that draws it anyway, and the screen then drew it again in a frame of its
    own some 30 ms later. A bar that looks as it did when last drawn is not
    drawn again; any other repaint is noted as drawn.
    """
    if not isinstance(widget, ScrollBar):
        return False
    look = _bar_look(widget)
    if _DRAWN.get(widget) == look:
        return True
    _DRAWN[widget] = look
    return False


class ResizedBeforeDrawing(ScrollView):
    """A ScrollView told of a new size before the frame at that size is drawn."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        width_changed = size.width != self._size.width
        pending = self._repaint_required
        update = super()._size_updated

        def updated() -> bool:
            changed = update(size, virtual_size, container_size, layout)
            if width_changed:
                self.resized_before_drawing()  # its scrollbar is drawn as this leaves it
            return changed

        changed = quiet_scrollbars(self, updated)
        if width_changed and changed and not pending:
            # Resized, so the compositor redraws the whole widget in this frame:
            # what the hook refreshed needs no second frame (a redraw asked for
            # before the layout still happens).
            self._repaint_required = False
        return changed

    @property
    def room(self) -> Size:
        """The size of the scrollable content: the widget less border, padding and scrollbars.

        Made from the size the layout gave the widget (``outer_size``), so it is
        right inside the layout pass too, where ``size`` and
        ``scrollable_content_region`` (read from the compositor's map) may still
        be the old ones; and a hidden pane keeps the size it was last shown at.
        """
        gutter = self.styles.gutter + self.scrollbar_gutter
        width, height = self.outer_size
        return Size(max(0, width - gutter.width), max(0, height - gutter.height))

    def resized_before_drawing(self) -> None:
        """The widget has a new width and is about to be drawn at it (no layout now)."""

    def set_virtual_size_quietly(self, size: Size) -> None:
        """Set the scrollable size without a layout pass of the whole screen.

        The scrollbars are told at once (as ``_size_updated`` itself does). For
        ``resized_before_drawing``, or any time for a widget whose scrollbars are
        always shown (``overflow-y: scroll``): then nothing on screen moves when
        its content grows or shrinks, and a layout pass (a full frame, and a
        second one for the scrollbar) would only redraw what is already right.
        """
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)


def drop_widget_refreshes(app: App[Any]) -> None:
    """The whole screen will be laid out and drawn again: drop each widget's own refresh.

    Call it once the screen has asked for a layout and a repaint of all of it:
    after ``App.refresh_css`` (a theme changed: it applies every style, lays the
    screen out and repaints it), or after the ambiguous width changed. Each
    widget that changed had also marked itself for a repaint (the Tree and the
    scrollbars for a layout too), which it sends to the screen only when it is
    next idle: after the frame that draws everything, so a second frame as large
    followed it some 30 ms later. What they asked for is drawn by the first
    (their styles cache stays marked dirty: only the message is dropped).
    """
    _drop_pending(app.screen, layouts=True)


def _drop_pending(screen: Screen[Any], *, layouts: bool) -> None:
    """Clear the repaints (and ``layouts``) the widgets of ``screen`` have not sent yet.

    Their scrollbars' too, layouts always: a bar never needs one of its own.
    """
    for widget in screen.walk_children(Widget):
        widget._repaint_required = False
        if layouts:
            widget._layout_required = False
        for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
            if bar is not None:
                bar._repaint_required = bar._layout_required = False


def start_offscreen(app: App[Any], name: str) -> None:
    """Compose and mount the installed screen ``name`` now, off screen.

    As pushing it would (Textual's ``_get_screen`` registers a screen that is
    not running yet), and as ``install_screen`` itself once did. The screen is
    then only drawn when pushed.
    """
    if app.is_screen_installed(name) and not app.get_screen(name).is_running:
        app._get_screen(name)


def lay_out_offscreen(app: App[Any], name: str) -> None:
    """Lay the mounted screen ``name`` out at the window's size, off screen.

    A screen not on the stack never is: its widgets measure their content (the
    help's table) when it is first shown, under its key.
    """
    if app.is_screen_installed(name) and (screen := app.get_screen(name)).is_mounted:
        screen._refresh_layout(app.size)


#: How many sources' parses Textual's stylesheet keeps (``Stylesheet._parse_cache``).
PARSES_KEPT = 64


class ThemesKeptStylesheet(Stylesheet):
    """Textual's stylesheet, keeping the parse of every source under every theme.

    A theme change sets the theme's variables and parses every CSS source again
    (``refresh_css``): 20–25 ms of `t`'s 80 on the corpus, each time, for themes
    seen a minute before. Textual keeps one theme's parses (``_parse_cache``,
    cleared at each change of variables); this stylesheet keeps one such cache
    per set of variables and swaps them, so a theme parsed once (or prepared
    while the reader is idle: :meth:`prepare`) is set without parsing. A source
    added since (a screen's widgets seen for the first time) is parsed alone.
    """

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parses_by_theme: dict[frozenset[tuple[str, str]], LRUCache[Any, Any]] = {}
        self._parse_cache = self._parses_for(self._variables)

    def _parses_for(self, variables: dict[str, str]) -> LRUCache[Any, Any]:
        key = frozenset(variables.items())
        if key not in self._parses_by_theme:
            self._parses_by_theme[key] = LRUCache(PARSES_KEPT)
        return self._parses_by_theme[key]

    def set_variables(self, variables: dict[str, str]) -> None:
        # Textual's clears the parses: give it a spare to clear, keep the theme's.
        self._parse_cache = LRUCache(PARSES_KEPT)
        super().set_variables(variables)
        self._parse_cache = self._parses_for(variables)

    def reparse(self) -> None:
        """Every source parsed with the variables set now (those already parsed kept).

        As Textual's: on an error it raises and the rules in use stay.
        """
        self.parse()

    def prepare(self, variables: dict[str, str]) -> None:
        """Parse every source with ``variables`` (a theme's), for a later change to it.

        Nothing in use changes. CSS that does not parse with them is left to
        the change itself to report, as it would have without this.
        """
        other = Stylesheet(variables=variables)
        other.source = self.source.copy()
        other._parse_cache = self._parses_for(variables)
        with suppress(StylesheetError, TokenError):
            other.parse()

    def themes_kept(self) -> int:
        """For how many sets of variables parses are kept."""
        return len(self._parses_by_theme)


def theme_variables(app: App[Any], name: str) -> dict[str, str]:
    """The CSS variables theme ``name`` gives, as ``App.get_css_variables`` makes them.

    Without making it the app's theme (``get_css_variables`` reads the current one
    and records its variables on the app).
    """
    theme = app.get_theme(name)
    assert theme is not None, f"no theme {name!r}"
    return {
        **app.get_theme_variable_defaults(),
        **theme.to_color_system().generate(),
        **theme.variables,
    }
