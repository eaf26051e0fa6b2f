"""The command palette (ctrl+p): type part of a name, Chinese or English, and run it.

Textual's own palette is a new screen at each ctrl+p that gathers its hits in a
worker, so it drew three or four frames over some 130 ms before it showed its
list. This one is built once and kept (``ReaderApp.action_command_palette``):
each opening fills the list from the commands of the moment, and each keystroke
filters them at once (:func:`reader.ui.palette.palette_hits`, a few dozen
commands), in the frame of the key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.ui.palette import PLACEHOLDER, PaletteHit, palette_hits
from reader.ui.private import DrawsNothingTwice

#: What the list says when nothing matches.
NO_MATCH = "没有这样的命令"


class PaletteScreen(DrawsNothingTwice, ModalScreen[None]):
    """A query box over the commands that match it, best first."""

    COMPONENT_CLASSES = {"palette--highlight"}

    DEFAULT_CSS = """
    PaletteScreen {
        align-horizontal: center;
        background: $background 60%;
    }
    PaletteScreen > #palette {
        margin-top: 3;
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: round $primary;
        background: $surface;
    }
    PaletteScreen #palette-query {
        border: none;
        height: 1;
        padding: 0 1;
        background: $surface;
    }
    PaletteScreen #palette-commands {
        border: none;
        height: auto;
        max-height: 24;
        background: $surface;
    }
    /* The query box keeps the focus: the command enter runs is shown as if
       the list had it. */
    PaletteScreen #palette-commands > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    PaletteScreen > .palette--highlight {
        color: $accent;
        text-style: bold underline;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", show=False),
        Binding("down", "cursor('cursor_down')", show=False),
        Binding("up", "cursor('cursor_up')", show=False),
        Binding("pagedown", "cursor('page_down')", show=False),
        Binding("pageup", "cursor('page_up')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._commands: list[SystemCommand] = []
        self._hits: list[PaletteHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="palette"):
            yield Input(placeholder=PLACEHOLDER, id="palette-query", select_on_focus=False)
            yield OptionList(id="palette-commands")

    def on_mount(self) -> None:
        self._list(self.query_one(Input).value)

    def show(self, commands: Iterable[SystemCommand]) -> None:
        """Offer ``commands`` (asked afresh at each opening: which apply may change)."""
        self._commands = list(commands)
        if self.is_mounted:
            query = self.query_one(Input)
            with query.prevent(Input.Changed):
                query.value = ""
            self._list("")
            query.focus()

    @on(Input.Changed, "#palette-query")
    def _typed(self, event: Input.Changed) -> None:
        self._list(event.value)

    def _list(self, query: str) -> None:
        style = self.get_visual_style("palette--highlight", partial=True)
        self._hits = palette_hits(query, self._commands, style)
        options = self.query_one(OptionList)
        options.clear_options()
        if self._hits:
            options.add_options(
                Option(Content.assemble(hit.title, "\n", (hit.help, "dim"))) for hit in self._hits
            )
            options.highlighted = 0
        else:
            options.add_option(Option(NO_MATCH, disabled=True))

    def action_cursor(self, move: str) -> None:
        getattr(self.query_one(OptionList), f"action_{move}")()

    @on(Input.Submitted, "#palette-query")
    def _submitted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self._hits):
            self._run(self._hits[index].callback)

    @on(OptionList.OptionSelected, "#palette-commands")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._hits):
            self._run(self._hits[event.option_index].callback)

    def _run(self, callback: Callable[[], object]) -> None:
        # Closed first: the command runs on the screen below (and may open another).
        self.dismiss()
        self.app.call_later(callback)

    def on_click(self, event: events.Click) -> None:
        # A click beside the box closes it, as escape does.
        if self.get_widget_at(event.screen_x, event.screen_y)[0] is self:
            self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
