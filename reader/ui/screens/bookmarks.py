"""The bookmarks list: pick one to open it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.private import DrawsNothingTwice
from reader.ui.text import visible


class BookmarksScreen(DrawsNothingTwice, ModalScreen[str | None]):
    """Bookmarked articles (few, so a plain OptionList is enough)."""

    BINDINGS = [
        Binding("escape,q", "dismiss_none", "关闭", id="bookmarks_close"),
        Binding("j", "cursor(1)", "下移", show=False),
        Binding("k", "cursor(-1)", "上移", show=False),
    ]

    def __init__(self, titles: list[tuple[str, str, str]]) -> None:
        """``titles``: (article id, title, where: paper · date · 版 · 栏目)."""
        super().__init__()
        self.titles = titles

    def compose(self) -> ComposeResult:
        option_list = OptionList(*self._options(), id="bookmark-list")
        option_list.border_title = "书签"
        yield option_list

    def show(self, titles: list[tuple[str, str, str]]) -> None:
        """List ``titles`` now (the screen is kept between openings: MainScreen)."""
        self.titles = titles
        if not self.is_mounted:
            return  # not built yet: composed from these when first shown
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._options())
        option_list.highlighted = 0

    def _options(self) -> list[Option]:
        options = []
        for article_id, title, where in self.titles:
            prompt = Text(visible(title))
            prompt.append("\n" + where, style="dim")
            options.append(Option(prompt, id=article_id))
        if not options:
            options = [Option(Text("还没有书签 — 按 s 给文章加书签"), disabled=True)]
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cursor(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if delta > 0 else option_list.action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
