"""The help and palette screens: built off screen while the reader is idle, shown by their key.

Built at their first `?`, ctrl+p or `B` they cost that key 100–150 ms and several
frames (bench/keys.py); ReaderApp.prepare_while_idle builds them, a step at a
time, after the first screen is up (not in tests: these call it themselves).
"""

from __future__ import annotations

import time

from textual.widgets import Input
from textual_private import frames_drawn
from ui_fixtures import settle, started

from reader.ui.app import PALETTE_SCREEN
from reader.ui.collector import QUIET
from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import BOOKMARKS_SCREEN, HELP_SCREEN
from reader.ui.screens.palette import PaletteScreen

SIZE = (120, 40)


async def _build(app, pilot) -> None:
    """Every step of prepare_while_idle, as idle time would run them: in turn, apart."""
    app._collector.last_input = time.monotonic() - 2 * QUIET
    app.prepare_while_idle()
    steps, app._building = app._building, []  # run here, not also by its timer
    for step in steps:
        await pilot.pause(0.05)
        step()
    await settle(app, pilot)


async def test_the_help_palette_and_bookmarks_are_built_before_their_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await _build(app, pilot)
        help_screen, palette = app.get_screen(HELP_SCREEN), app.get_screen(PALETTE_SCREEN)
        bookmarks = app.get_screen(BOOKMARKS_SCREEN)
        assert isinstance(help_screen, HelpScreen) and help_screen.is_mounted
        assert isinstance(palette, PaletteScreen) and palette.is_mounted
        assert isinstance(bookmarks, BookmarksScreen) and bookmarks.is_mounted
        assert help_screen.outer_size == palette.outer_size == bookmarks.outer_size == app.size
        assert app.screen_stack == [app.main_screen]  # nothing shown
        # Its query box's cursor blinks every half second: a frame of its own.
        palette.query_one(Input).cursor_blink = False
        for key, screen in (("ctrl+p", palette), ("question_mark", help_screen), ("B", bookmarks)):
            with frames_drawn(app) as drawn:
                await pilot.press(key)
                await settle(app, pilot)
                await pilot.pause(0.3)
            assert app.screen is screen
            # Shown whole: no part drawn after. (Textual may draw the whole screen
            # more than once in that frame, the layout pass's and the repaint's,
            # one right after the other; bench/keys.py times them together.)
            kinds = [type(update).__name__ for update in drawn]
            assert kinds and set(kinds) == {"LayoutUpdate"}, (key, kinds)
            await pilot.press("escape")
            await settle(app, pilot)


async def test_a_key_pressed_while_building_puts_the_next_step_off(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        app.prepare_while_idle()
        steps = len(app._building)
        assert steps == 9 + len(app.available_themes) - 1 + 1  # screens, other themes, freeze
        await pilot.press("j")  # input just now: the step waits
        app._next_idle_step()
        assert len(app._building) == steps
        assert not app.get_screen(HELP_SCREEN).is_running
        app._collector.last_input = time.monotonic() - 2 * QUIET  # then, quiet, it runs
        app._next_idle_step()
        assert len(app._building) == steps - 1
        await _build(app, pilot)  # and the others, each in turn
        assert app.get_screen(HELP_SCREEN).is_mounted
        assert app.get_screen(PALETTE_SCREEN).is_mounted
