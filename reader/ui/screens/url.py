"""An article's url, shown (and already copied) when no browser can open it here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.text import visible


class UrlScreen(ModalScreen[None]):
    """The url in full (folded, never cut), why it was not opened, and that it was copied."""

    BINDINGS = [Binding("escape,q,enter", "dismiss", "关闭", id="url_close")]

    def __init__(self, url: str, reason: str) -> None:
        super().__init__()
        self.url = url
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="url-body") as box:
            box.border_title = "网址"
            box.border_subtitle = "esc 关闭"
            # Content is data: the url is never parsed as markup, and a long one folds.
            yield Static(Text(visible(self.url), overflow="fold"), id="url-text")
            note = f"{self.reason}。网址已复制到剪贴板，可粘贴到本机的浏览器。"
            yield Static(Text(note), id="url-note")
