"""`?` help: every command with its current keys, from the one command table."""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.typeset import wrap_paragraph
from reader.ui.keys import KEYS, KEYS_BY_ID, shown_keys
from reader.ui.private import DrawsNothingTwice


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


class RenderedOncePerWidth:
    """A Rich renderable whose lines are made once for each width it is drawn at.

    Textual renders a Static's content twice, for its height and for its lines,
    and again when the screen is shown; the help's table of ~60 keys with
    wrapped explanations is what the help spends its time on.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = console.render_lines(self.renderable, options.update(height=None), pad=False)
            self._lines = {options.max_width: lines}  # one width at a time: the window's
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


#: Binding id (reader.ui.keys) → what it does in the help.
HELP_MOVES = {
    "cursor_down": "scroll(1)",
    "cursor_up": "scroll(-1)",
    "page_down": "page(1)",
    "page_up": "page(-1)",
    "screen_down": "page(1)",
    "screen_up": "page(-1)",
    "top": "edge(0)",
    "bottom": "edge(1)",
}


class HelpBody(VerticalScroll, inherit_bindings=False):
    """The scrolling list of keys: no keys of its own, the screen's (the key table's) scroll it."""


#: From this terminal width the help shows the English names and the ids too.
WIDE_HELP = 100


class HelpScreen(DrawsNothingTwice, ModalScreen[None]):
    """A list of every key."""

    # The reader's own moves, by the same binding ids, so a key the user rebound
    # in keymap.toml scrolls the help as it moves the reader.
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "关闭", id="help_close"),
        *(
            Binding(KEYS_BY_ID[key_id].default_keys, action, show=False, id=key_id)
            for key_id, action in HELP_MOVES.items()
        ),
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap
        self._wide = False

    def on_screen_resume(self) -> None:
        # The screen is kept between openings (MainScreen.action_help): it opens at
        # the top each time, and takes the other layout if the window crossed it.
        if (self.app.size.width >= WIDE_HELP) != self._wide:
            self.refresh(recompose=True)
        elif self.is_mounted and self.query("#help-body"):
            self._body.scroll_to(y=0, animate=False)

    def compose(self) -> ComposeResult:
        # Key, 中文 name, English name, what it does, binding id. On a narrow
        # terminal the ids give way to the explanations.
        wide = self._wide = self.app.size.width >= WIDE_HELP
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
        with HelpBody(id="help-body") as body:
            body.border_title = "按键一览 · 在 keymap.toml 里按 id 改键"
            body.border_subtitle = "esc 关闭"
            yield Static(RenderedOncePerWidth(table))

    @property
    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, delta: int) -> None:
        self._body.scroll_relative(y=delta, animate=False)

    def action_page(self, direction: int) -> None:
        body = self._body
        # A line of context kept, as the reader pages.
        step = max(1, body.scrollable_content_region.height - 1)
        body.scroll_relative(y=direction * step, animate=False)

    def action_edge(self, end: int) -> None:
        body = self._body
        body.scroll_to(y=body.max_scroll_y if end else 0, animate=False)
