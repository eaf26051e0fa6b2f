"""`?` help: every command with its current keys, from the one command table."""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.typeset import wrap_paragraph
from reader.ui.keys import KEYS, shown_keys


class CJKParagraph:
    """A Rich renderable: ``text`` wrapped by reader.typeset at whatever width it gets.

    Rich breaks lines only at spaces (and folds the rest anywhere), which would
    start help lines with ，；; a table cell does not know its width before
    rendering, so the wrapping happens then.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap_paragraph(self.text, options.max_width, indent=False)
        yield Text("\n".join(lines), no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(8, cell_len(self.text)), cell_len(self.text))


class HelpScreen(ModalScreen[None]):
    """A list of every key."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "关闭", id="help_close"),
        Binding("j,down", "scroll(1)", "下移", show=False),
        Binding("k,up", "scroll(-1)", "上移", show=False),
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        # Key, 中文 name, English name, what it does, binding id. On a narrow
        # terminal the ids give way to the explanations.
        wide = self.app.size.width >= 100
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("键", no_wrap=True)
        table.add_column("命令", no_wrap=wide, max_width=None if wide else 12)
        if wide:
            table.add_column("Command", no_wrap=True, style="dim")
        table.add_column("说明", ratio=1)
        if wide:
            table.add_column("id", style="dim", no_wrap=True)
        for key in KEYS:
            name = Text(key.name)
            if not wide:  # the English name goes under the Chinese one
                name.append("\n" + key.description, style="dim")
            row: list[RenderableType] = [Text(shown_keys(self.app, self.keymap, key)), name]
            if wide:
                row.append(Text(key.description))
            row.append(CJKParagraph(key.help))
            if wide:
                row.append(Text(key.id))
            table.add_row(*row)
        with VerticalScroll(id="help-body") as body:
            body.border_title = "按键一览 · 在 keymap.toml 里按 id 改键"
            body.border_subtitle = "esc 关闭"
            yield Static(table)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=delta, animate=False)
