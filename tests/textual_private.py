"""The private Textual names the tests use, each behind one function.

``tests/test_private_names.py`` checks that every one of them still exists, so
a Textual upgrade that removes one fails there, by name, instead of making the
tests that use it pass or fail for the wrong reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget


def notifications(app: App, severity: str | None = None) -> list[str]:
    """The messages of the notices the app is showing (of ``severity`` only, if given).

    Textual's own (toasts) and those zhpaper says in the footer (ReaderApp.footer_notices).
    """
    said = [
        *app._notifications,
        *(n for n in getattr(app, "footer_notices", ()) if not n.has_expired),
    ]
    return [str(n.message) for n in said if severity is None or n.severity == severity]


async def wheel_down(pilot: Pilot, widget: type[Widget], offset: tuple[int, int]) -> None:
    """One turn of the mouse wheel, down, over ``widget`` at ``offset`` (Pilot has no public call)."""
    await pilot._post_mouse_events([events.MouseScrollDown], widget, offset=offset)


def screen_lines(app: App) -> list[str]:
    """The whole screen as text, one string per line, as the compositor paints it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@contextmanager
def frames_drawn(app: App) -> Iterator[list[object]]:
    """The updates the app writes to the terminal (each a frame) while inside.

    Counts what the screens hand to ``App._display``, the one place every frame
    goes through on its way to the driver.
    """
    drawn: list[object] = []
    display = app._display

    def spy(screen, renderable) -> None:
        if renderable is not None:
            drawn.append(renderable)
        display(screen, renderable)

    app._display = spy
    try:
        yield drawn
    finally:
        del app._display


def redraw(app: App, widget: Widget) -> str:
    """The escape sequences the app writes when only ``widget`` has changed (a partial update)."""
    compositor = app.screen._compositor
    compositor._dirty_regions.clear()
    widget.refresh()
    compositor.update_widgets({widget})
    update = compositor.render_update()
    return update.render_segments(app.console) if update is not None else ""


def footer_keys(screen: Widget) -> set[tuple[str, str]]:
    """(key as shown, description) of every key the screen's footer draws."""
    from reader.ui.widgets.key_footer import KeyFooter

    footer = screen.query_one(KeyFooter)
    return {(key.key_display, key.description) for _start, _end, key in footer.placed()}
