"""`/` search: a query box and a results list.

The search engine (issue 5, ``reader.search.engine``) plugs in as a
:data:`SearchBackend`; the app passes None until it exists, and the screen then
says so plainly instead of pretending to search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.ui.text import visible


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result as the screen shows it."""

    id: str
    title: str
    section: str | None
    date: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of results, the total, and how they were ranked (said in the UI)."""

    total: int
    hits: Sequence[SearchHit]
    ranking: str = ""


#: query → results; raises ValueError with a user-facing message for a malformed query.
SearchBackend = Callable[[str], SearchResults]


class SearchScreen(ModalScreen[str | None]):
    """Type to search; enter opens the highlighted result; escape returns."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="search_close"),
        Binding("down", "cursor(1)", "Next result", show=False),
        Binding("up", "cursor(-1)", "Previous result", show=False),
    ]

    def __init__(self, backend: SearchBackend | None) -> None:
        super().__init__()
        self.backend = backend

    def compose(self) -> ComposeResult:
        yield Input(placeholder='搜索（如：干部  "精气神"  -会议  section:党建）', id="search-box")
        yield Static(id="search-status")
        yield OptionList(id="search-results")

    def on_mount(self) -> None:
        status = self.query_one("#search-status", Static)
        if self.backend is None:
            status.update(Text("搜索索引尚未接入（search engine not available in this build）"))
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.backend is not None:
            self._search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            index = results.highlighted if results.highlighted is not None else 0
            self.dismiss(results.get_option_at_index(index).id)

    @work(thread=True, exclusive=True)
    def _search(self, query: str) -> None:
        assert self.backend is not None
        worker = get_current_worker()
        if not query.strip():
            self.app.call_from_thread(self._show, None, "")
            return
        try:
            results = self.backend(query)
        except ValueError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show, None, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, results, "")

    def _show(self, results: SearchResults | None, message: str) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        status = self.query_one("#search-status", Static)
        if results is None:
            status.update(Text(message))
            return
        status.update(
            Text(f"{results.total} 篇" + (f" · {results.ranking}" if results.ranking else ""))
        )
        for hit in results.hits:
            label = Text(visible(hit.title) or "（无标题）", style="bold")
            where = " · ".join(part for part in (hit.date, hit.section) if part)
            if where:
                label.append("  " + visible(where), style="dim")
            label.append("\n" + visible(hit.snippet))
            option_list.add_option(Option(label, id=hit.id))
        if option_list.option_count:
            option_list.highlighted = 0

    def action_cursor(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if delta > 0 else option_list.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
