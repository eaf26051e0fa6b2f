"""The files that could not be read, and why (from the palette: Skipped files)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.text import visible


class ProblemsScreen(ModalScreen[None]):
    """One line per skipped file: FILE:LINE: message."""

    BINDINGS = [Binding("escape,q", "dismiss", "关闭", id="problems_close")]

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-body") as body:
            body.border_title = f"未能读取的文件（{len(self.problems):,} 个）"
            body.border_subtitle = "esc 关闭"
            yield Static(Text("\n".join(visible(p) for p in self.problems)))
