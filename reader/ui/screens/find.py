"""Find in the article being read: a one-line box that asks for the words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class FindScreen(ModalScreen[str | None]):
    """Asks what to find in the current article; dismisses with the query (or None)."""

    BINDINGS = [Binding("escape", "dismiss_none", "关闭", id="find_close")]

    def __init__(self, title: str, query: str = "") -> None:
        super().__init__()
        self.article_title = title
        self.initial = query

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "在本文中查找"
            yield Input(
                value=self.initial, placeholder='词语、"短语"（简繁、全半角不分）', id="find-query"
            )
            yield Label("回车查找 · n / N 跳到下一处 / 上一处 · esc 取消", markup=False)

    def start(self, title: str) -> None:
        """Ask again, for the article ``title``, from an empty box (the screen is kept)."""
        self.article_title = title
        self.query_one(Input).value = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        self.dismiss(query or None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
