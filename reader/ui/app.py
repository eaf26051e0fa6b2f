"""The zhpaper reader application."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from reader.state import ReadingState, StateError, load_keymap, load_settings
from reader.store.catalog import Catalog
from reader.typeset.terminal import set_ambiguous_wide
from reader.ui.commands import COMMANDS, unknown_ids
from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchBackend


@dataclass(frozen=True, slots=True)
class OpenedCatalog:
    """A catalogue and the content problems met while opening it (files skipped …)."""

    catalog: Catalog
    problems: Sequence[str] = field(default_factory=tuple)


CatalogOpener = Callable[[Path], OpenedCatalog]


class ReaderApp(App[None]):
    """Sidebar, article list and reading pane over one content directory."""

    TITLE = "zhpaper"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    class Opened(Message):
        """The catalogue is ready (posted from the loading worker)."""

        def __init__(self, opened: OpenedCatalog) -> None:
            super().__init__()
            self.opened = opened

    def __init__(
        self,
        content_dir: Path,
        open_catalog: CatalogOpener,
        search_backend: SearchBackend | None = None,
    ) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.open_catalog = open_catalog
        self.search_backend = search_backend
        self.keymap, self._keymap_problems = load_keymap()
        self._notices: list[str] = list(self._keymap_problems)
        unknown = unknown_ids(self.keymap)
        if unknown:
            self._notices.append("keymap.toml: unknown binding id(s): " + ", ".join(unknown))
        self.settings, notice = load_settings()
        if notice:
            self._notices.append(notice)
        if self.settings.ambiguous_wide and not set_ambiguous_wide(True):
            self._notices.append(
                "This rich cannot measure “ ” — … as wide; only the text is set so."
            )
        self.set_keymap(self.keymap)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify as plain text, always: messages here carry file names and content."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.content_dir)

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
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10)
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        # Loading a large directory takes a while: never on the main thread.
        opened = self.open_catalog(self.content_dir)
        self.post_message(self.Opened(opened))

    def on_reader_app_opened(self, message: Opened) -> None:
        state: ReadingState | None
        try:
            state = ReadingState(self.content_dir)
        except StateError as error:
            state = None
            self.notify(f"{error} — marks will not be saved", severity="error", timeout=10)
        if state is not None and state.notice:
            self.notify(state.notice, severity="warning", timeout=10)
        problems = message.opened.problems
        if problems:
            self.notify(
                f"{len(problems)} 个文件未能读取（按 ! 查看 · Skipped files）",
                severity="warning",
                timeout=10,
            )
        self.problems = list(problems)
        self.main_screen.start(message.opened.catalog, state, self.settings)

    def _theme_changed(self, theme: Theme) -> None:
        main = self.main_screen
        main.settings = replace(main.settings, theme=theme.name)
        main._guard_settings(main.settings)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen
        for command in COMMANDS:
            if command.palette and not command.action.startswith("app."):
                keys = self.keymap.get(command.id, command.keys)
                shown = " / ".join(self.get_key_display_for(k) for k in keys.split(","))
                yield SystemCommand(
                    command.description,
                    f"{command.help} — {shown}",
                    partial(main.run_action, command.action),
                )

    def get_key_display_for(self, key: str) -> str:
        """How one key name is shown to the user."""
        from textual.binding import Binding

        return self.get_key_display(Binding(key.strip(), ""))

    def _show_problems(self) -> None:
        from reader.ui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problems))
