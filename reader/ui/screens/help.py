"""`?` help: every command with its current keys, from the one command table."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.commands import COMMANDS


def key_label(app_key_display: object, keys: str) -> str:
    """A human label for a comma-separated key list."""
    display = app_key_display  # App.get_key_display
    return " / ".join(display(Binding(key.strip(), "")) for key in keys.split(","))  # type: ignore[operator]


class HelpScreen(ModalScreen[None]):
    """A list of every key."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        # On a narrow terminal the ids give way to the explanations.
        wide = self.app.size.width >= 100
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("键 Key", no_wrap=True)
        table.add_column("命令 Command", no_wrap=wide)
        table.add_column("说明 What it does", ratio=1)
        if wide:
            table.add_column("id", style="dim", no_wrap=True)
        for command in COMMANDS:
            keys = self.keymap.get(command.id, command.keys)
            row = [
                Text(key_label(self.app.get_key_display, keys)),
                Text(command.description),
                Text(command.help),
            ]
            if wide:
                row.append(Text(command.id))
            table.add_row(*row)
        with VerticalScroll(id="help-body") as body:
            body.border_title = "按键 Keys — rebind by id in keymap.toml"
            body.border_subtitle = "esc 关闭"
            yield Static(table)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=delta, animate=False)
