"""The zhpaper reader application: settings, keys and themes around the main screen.

The main screen loads its catalogue itself (in a worker); the app only holds
what every screen shares and reports to the start-up benchmark.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from reader.contracts import CatalogOpener, SearchBackend
from reader.state import load_keymap, load_settings
from reader.typeset.terminal import set_ambiguous_wide
from reader.ui.collector import QUIET, Collector
from reader.ui.driver import QuickEscapeDriver
from reader.ui.keys import unknown_ids
from reader.ui.palette import palette_commands
from reader.ui.private import (
    ThemesKeptStylesheet,
    drop_widget_refreshes,
    keep_wide_characters_under_overlays,
    lay_out_offscreen,
    replace_notice,
    start_offscreen,
    theme_variables,
)
from reader.ui.screens import install_once
from reader.ui.screens.main import MainScreen
from reader.ui.screens.palette import PaletteScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.key_footer import KeyFooter

#: Benchmark hook (bench/run.py): when set, the app writes ``{"ready_at": time,
#: "max_rss_mb": peak RSS}`` as JSON to this path once the article list has drawn
#: its first rows of real summaries, then exits.
BENCH_READY_ENV = "ZHPAPER_BENCH_READY_FILE"
#: How long a notice said in the footer stays when its sayer gives no time.
FOOTER_NOTICE_SECONDS = 3.0


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM first: ``ru_maxrss`` survives exec, so a process started by a
    big parent (the benchmark) would report the parent's peak, not its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: Seconds between two steps of the work done while idle (prepare_while_idle).
BUILD_STEP_GAP = 0.1
#: The name the command palette's screen is installed under.
PALETTE_SCREEN = "palette"


class ReaderApp(App[None], inherit_bindings=False):
    """Sidebar, article list and reading pane over one content directory."""

    TITLE = "zhpaper"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    # Textual's own ctrl+q quit is a hidden priority binding: it would take the
    # footer's place from a quit the user rebound to ctrl+q (keymap.toml), so it
    # is ours, and stands aside on the main screen when the user's quit is ctrl+q.
    # Textual adds its own palette binding labelled "palette" when the app has
    # none; this one gives the footer's corner a Chinese label.
    BINDINGS = [
        Binding("ctrl+q", "quit_anywhere", "退出", show=False, priority=True, tooltip="退出"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding(
            "ctrl+p", "command_palette", "命令", show=False, priority=True, tooltip="打开命令面板"
        ),
    ]

    def __init__(
        self,
        content_dir: Path,
        open_catalog: CatalogOpener,
        search_backend: SearchBackend | None = None,
    ) -> None:
        # Notices over a pane border must not lose the wide characters astride it.
        keep_wide_characters_under_overlays()
        super().__init__()
        # Each theme's parsed CSS kept: t and T set a theme without parsing it.
        self.stylesheet = ThemesKeptStylesheet(variables=self.get_css_variables())
        #: When the last key or mouse event came, and Python's full collections
        #: (started only outside tests: the setting is the whole process's).
        self._collector = Collector()
        self._collect_timer: Timer | None = None
        #: The steps left of the work done while idle (prepare_while_idle).
        self._building: list[Callable[[], object]] = []
        #: The notices said in a footer, newest last (expired ones are dropped as
        #: new ones come; tests read them as they read Textual's).
        self.footer_notices: list[Notification] = []
        self.content_dir = content_dir
        self.open_catalog = open_catalog
        self.search_backend = search_backend
        self.keymap, self._keymap_problems = load_keymap()
        self._notices: list[str] = list(self._keymap_problems)
        unknown = unknown_ids(self.keymap)
        if unknown:
            self._notices.append(
                "keymap.toml 里有不认识的按键 id（unknown binding id）：" + ", ".join(unknown)
            )
        self.settings, notice = load_settings()
        if notice:
            self._notices.append(notice)
        if self.settings.ambiguous_wide and not set_ambiguous_wide(True):
            self._notices.append("无法把整个界面的 “ ” — … 按双宽计算，只调整正文排版")
        self.set_keymap(self.keymap)
        self._said: Notification | None = None
        self._bench_reported = False

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify as plain text, always: messages here carry file names and content.

        A short piece of information is said in the footer, in the frame of the
        key that caused it (reader.ui.widgets.key_footer); the rest as a toast.
        """
        if severity == "information" and not title and self._in_footer(message, timeout):
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def say_once(self, previous: Notification | None, message: str, timeout: float) -> Notification:
        """Say ``message`` in place of ``previous`` (one notice for + + +, n n n, t t t)."""
        if self._in_footer(message, timeout, replacing=previous):
            return self.footer_notices[-1]
        return replace_notice(self, previous, message, timeout)

    def _in_footer(
        self, message: str, timeout: float | None, replacing: Notification | None = None
    ) -> bool:
        footer = next(iter(self.screen.query(KeyFooter)), None)
        if footer is None or not footer.notice_fits(message):
            return False
        notice = Notification(message, "", "information", timeout or FOOTER_NOTICE_SECONDS)
        footer.show_notice(message, notice.timeout)
        self.footer_notices = [
            said for said in self.footer_notices if not said.has_expired and said is not replacing
        ]
        self.footer_notices.append(notice)
        return True

    async def action_quit_anywhere(self) -> None:
        """ctrl+q quits from any screen, as in every Textual app."""
        await self.action_quit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_anywhere" and self.screen is self.screen_stack[0]:
            # The user's own quit binding is ctrl+q: that one is shown in the footer.
            quit_keys = self.keymap.get("quit", "")
            return "ctrl+q" not in {key.strip().lower() for key in quit_keys.split(",")}
        return True

    def action_help_quit(self) -> None:
        """ctrl+c: say (in Chinese, no raw markup) which key quits, as the user bound it."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                message = f"按 {self.get_key_display(active.binding)} 退出 zhpaper"
                self._said = self.say_once(self._said, message, 4)
                return

    def get_driver_class(self) -> type[Driver]:
        """Textual's terminal driver, with escape answering at ESCDELAY (reader.ui.driver)."""
        driver = super().get_driver_class()
        return QuickEscapeDriver if driver is LinuxDriver else driver

    def get_default_screen(self) -> Screen:
        return MainScreen(
            self.content_dir,
            self.open_catalog,
            self.settings,
            keymap=self.keymap,
            search_backend=self.search_backend,
        )

    @property
    def main_screen(self) -> MainScreen:
        return self.get_screen_stack_base()

    def get_screen_stack_base(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseEvent):
            self._collector.input_seen()
            # Garbage collected once the reader is idle (reader.ui.collector). Not in tests: the
            # setting is the whole process's, and tests run many apps.
            if self._collector.started and self._collect_timer is None:
                self._collect_timer = self.set_timer(QUIET, self._collect_garbage)
        await super().on_event(event)

    def _collect_garbage(self) -> None:
        """Collect what is due, and look again when the collector says."""
        _, again = self._collector.look()
        self._collect_timer = (
            None if again is None else self.set_timer(again, self._collect_garbage)
        )

    def on_article_list_first_rows_drawn(self, message: ArticleList.FirstRowsDrawn) -> None:
        """The first screen is up: report to the benchmark (bench/run.py) and exit."""
        if not self.is_headless and not self._collector.started:
            self._collector.start()  # what start-up made (the catalogue …) lives on
            # Not in tests either: a screen built under a test's keys would change
            # what they draw (tests/ui/test_kept_screens.py builds them itself).
            self.prepare_while_idle()
        path = os.environ.get(BENCH_READY_ENV)
        if path and not self._bench_reported:
            self._bench_reported = True
            rss_mb = peak_rss_mb()
            Path(path).write_text(json.dumps({"ready_at": time.time(), "max_rss_mb": rss_mb}))
            self.exit()

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        if self.screen.is_mounted:
            # Everything was restyled, laid out and will be repainted: in one frame.
            drop_widget_refreshes(self)

    def action_command_palette(self) -> None:
        """The palette (reader.ui.screens.palette): built once, filled at each opening."""
        if isinstance(self.screen, PaletteScreen):
            return
        self.push_screen(self._offer_commands())

    def _offer_commands(self) -> PaletteScreen:
        """The palette's screen, offering the commands of the screen shown now."""
        commands = list(self.get_system_commands(self.screen))
        palette = self.get_screen(self.install_palette())
        assert isinstance(palette, PaletteScreen)
        palette.show(commands)
        return palette

    def install_palette(self) -> str:
        """Install the palette's screen once (it is kept); its name."""
        return install_once(self, PALETTE_SCREEN, PaletteScreen)

    def prepare_while_idle(self) -> None:
        """Prepare what keys will show, while the reader is idle: a step now, the next later.

        - **The help, palette, date and bookmark screens**, built off screen.
          Built at their first `?`, ctrl+p, `d` or `B`, they cost that key
          100–150 ms (four frames for the help); built before, the key only
          shows them.
        - **Every theme's CSS**, parsed (``ThemesKeptStylesheet.prepare``), the
          themes `t` and `T` go to first: a theme change then only applies it.
        - **Then a full garbage collection**, freezing what these made
          (reader.ui.collector): later full collections do not walk it.

        A step runs only after half a second without input (``QUIET``), so a
        reader already at work is not kept waiting; the next follows
        ``BUILD_STEP_GAP`` later (the screens within a second of quiet, each
        theme's 20 ms parse in the next two).
        """
        help_screen, palette = self.main_screen.install_help(), self.install_palette()
        date_screen = self.main_screen.install_date_screen()
        bookmarks = self.main_screen.install_bookmarks_screen()
        self._building = [
            partial(start_offscreen, self, help_screen),
            partial(lay_out_offscreen, self, help_screen),
            partial(start_offscreen, self, date_screen),
            partial(lay_out_offscreen, self, date_screen),
            partial(start_offscreen, self, bookmarks),
            partial(lay_out_offscreen, self, bookmarks),
            partial(start_offscreen, self, palette),
            # Its list as it will open: laid out at that height, it opens in one frame.
            self._offer_commands,
            partial(lay_out_offscreen, self, palette),
            *(partial(self._prepare_theme, name) for name in self.themes_nearest_first()),
            # What these made lives as long as the reader: no full collection walks it.
            self._collector.freeze_survivors,
        ]
        self.set_timer(QUIET, self._next_idle_step)

    def _next_idle_step(self) -> None:
        if not self._building:
            return
        wait = QUIET
        if time.monotonic() - self._collector.last_input >= QUIET:
            self._building.pop(0)()
            wait = BUILD_STEP_GAP
        if self._building:
            self.set_timer(wait, self._next_idle_step)

    def themes_nearest_first(self) -> list[str]:
        """The other themes, in the order `t` and `T` reach them (next, previous, …)."""
        names = sorted(self.available_themes)
        at = names.index(self.theme) if self.theme in names else 0
        order: list[str] = []
        for step in range(1, len(names)):
            for name in (names[(at + step) % len(names)], names[(at - step) % len(names)]):
                if name not in order and name != self.theme:
                    order.append(name)
        return order

    def _prepare_theme(self, name: str) -> None:
        if isinstance(self.stylesheet, ThemesKeptStylesheet) and name in self.available_themes:
            self.stylesheet.prepare(theme_variables(self, name))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from palette_commands(
            self, super().get_system_commands(screen), self.keymap, self.main_screen.run_action
        )
