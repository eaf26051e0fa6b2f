"""`/` search: a query box and a results list.

The search engine plugs in as a :class:`reader.contracts.SearchBackend`
(``reader.ui.search_backend.IndexSearch`` over the index); with None the screen
says plainly that search is unavailable instead of pretending to search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.contracts import SearchBackend, SearchCancelled, SearchHit, SearchResults
from reader.ui.search_results import hit_label


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """What the user picked: the article, the query to highlight, and the result's row."""

    article_id: str
    query: str
    cursor: int = 0


#: Load the next page of results when the cursor comes this close to the end.
MORE_AHEAD = 10
#: A malformed query is said only after typing pauses this long (not mid-word).
ERROR_DELAY = 0.8


class SearchScreen(ModalScreen[SearchChoice | None]):
    """Type to search; enter opens the highlighted result; escape returns.

    Results arrive a page at a time: the list grows as the cursor nears its end,
    so every match can be reached, and the status says 第 x/共 N. ↑ on the first
    result (or with none) and ↓ after it walk the query history.
    """

    COMPONENT_CLASSES = {"search--match", "search--where"}

    BINDINGS = [
        Binding("escape", "close", "返回", id="search_close"),
        Binding("down", "cursor(1)", "下一条结果", show=False),
        Binding("up", "cursor(-1)", "上一条结果", show=False),
        Binding("pagedown", "cursor(10)", "下一页结果", show=False),
        Binding("pageup", "cursor(-10)", "上一页结果", show=False),
    ]

    def __init__(
        self,
        backend: SearchBackend | None,
        *,
        fullwidth_punctuation: bool = True,
        query: str = "",
        cursor: int = 0,
        history: Sequence[str] = (),
        partial: bool = False,
    ) -> None:
        super().__init__()
        self.backend = backend
        #: The reader's display transform, so a snippet reads as the article does.
        self.fullwidth_punctuation = fullwidth_punctuation
        self.initial_query = query
        self.initial_cursor = cursor
        self.history = list(history)
        #: Where ↑/↓ are in the history (len(history): the text being typed).
        self._history_at = len(self.history)
        #: The index is still being built: results are partial until it is done.
        self.partial = partial
        self._results: SearchResults | None = None
        self._hits: list[SearchHit] = []
        self._total: int | None = None
        self._query = ""
        self._loading_more = False
        self._exhausted = False
        self._want_cursor = 0
        self._error_timer: object | None = None
        self._error_message = ""
        self._typed = ""

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial_query,
            placeholder='搜索（如：干部  "精气神"  -会议  section:党建）',
            id="search-box",
        )
        yield Static(id="search-status")
        yield OptionList(id="search-results")

    def on_mount(self) -> None:
        status = self.query_one("#search-status", Static)
        if self.backend is None:
            status.update(Text("搜索不可用（search engine not available in this build）"))
        else:
            status.update(Text("正在准备索引…"))
            self._prepare(self.backend)
        box = self.query_one(Input)
        box.focus()
        if self.initial_query:
            # `/` again shows the last query, selected: typing replaces it.
            box.select_all()
            self._want_cursor = self.initial_cursor

    @work(thread=True, exclusive=True, group="prepare")
    def _prepare(self, backend: SearchBackend) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(
                    self._set_status, f"正在建立索引：{done:,}/{total:,} 个文件"
                )

        try:
            ready = backend.prepare(progress, lambda: worker.is_cancelled)
        except ValueError as error:  # index busy, disk full …: said, never a crash
            if not worker.is_cancelled:
                self.app.call_from_thread(self._set_status, str(error))
            return
        if ready and not worker.is_cancelled:
            self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        if not self.query_one(Input).value.strip():
            self._set_status(
                '输入查询：词语（空格＝且） "短语" -排除 section:栏目 by:作者 date:2024-03'
            )

    def index_built(self) -> None:
        """The reader's index build ended: the results so far were partial, search again."""
        self.partial = False
        self._want_cursor = self.query_one(OptionList).highlighted or 0
        self._search(self.query_one(Input).value)

    def _set_status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.backend is not None:
            self._search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            index = results.highlighted if results.highlighted is not None else 0
            self._choose(index)
        elif self._error_timer is not None:
            self._show_error()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self._hits):
            article_id = self._hits[index].id
            self.dismiss(SearchChoice(article_id, self.query_one(Input).value, index))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        assert self.backend is not None
        worker = get_current_worker()
        if not query.strip():
            self.app.call_from_thread(self._show, query, None, "")
            return
        try:
            # A newer keystroke cancels this worker, and the engine stops with it.
            results = self.backend(query, 0, lambda: worker.is_cancelled)
        except SearchCancelled:
            return
        except ValueError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show, query, None, str(error))
            return
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show, query, results, "")
        if results.total is None:
            # The page is on screen; now the exact total (slower for very common words).
            total = self.backend.count(query)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._set_total, query, total)

    @work(thread=True, exclusive=True, group="more")
    def _more(self, query: str, offset: int) -> None:
        assert self.backend is not None
        worker = get_current_worker()
        try:
            results = self.backend(query, offset, lambda: worker.is_cancelled)
        except (SearchCancelled, ValueError):
            results = None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._add_more, query, offset, results)

    def _show(self, query: str, results: SearchResults | None, message: str) -> None:
        self._cancel_error()
        if results is None and message:
            # Said once typing pauses: `date:2020` is not an error while `-05` follows.
            self._error_message = message
            self._error_timer = self.set_timer(ERROR_DELAY, self._show_error)
            self.query_one(OptionList).clear_options()
            self._results, self._hits, self._total = None, [], None
            self._set_status("")
            return
        self._query = query
        self._results = results
        self._hits = list(results.hits) if results is not None else []
        self._exhausted = False
        self._total = results.total if results is not None else None
        option_list = self.query_one(OptionList)
        if results is None:
            option_list.clear_options()
            self._set_status("")
            return
        self._draw_hits(self._want_cursor)
        self._update_status()

    def _cancel_error(self) -> None:
        if self._error_timer is not None:
            self._error_timer.stop()  # type: ignore[attr-defined]
            self._error_timer = None

    def _show_error(self) -> None:
        self._cancel_error()
        self.query_one(OptionList).clear_options()
        self._results, self._hits, self._total = None, [], None
        self._set_status(self._error_message)

    def _set_total(self, query: str, total: int) -> None:
        if query == self._query:
            self._total = total
            self._update_status()
            self._maybe_more()

    def _add_more(self, query: str, offset: int, results: SearchResults | None) -> None:
        self._loading_more = False
        if query != self._query or offset != len(self._hits) or results is None:
            return
        if not results.hits:
            self._exhausted = True  # the end came sooner than counted
        self._hits.extend(results.hits)
        option_list = self.query_one(OptionList)
        option_list.add_options(self._options(results.hits))
        if self._want_cursor >= offset and option_list.option_count:
            option_list.highlighted = min(self._want_cursor, option_list.option_count - 1)
        self._update_status()
        self._maybe_more()

    def _options(self, hits: Sequence[SearchHit]) -> list[Option]:
        option_list = self.query_one(OptionList)
        # Room for the text: the scrollbar's cells are kept free whether or not it
        # shows yet, so adding the rows never makes Rich re-wrap them.
        width = option_list.content_region.width - option_list.styles.scrollbar_size_vertical
        styles = (
            self.get_component_rich_style("search--match", partial=True),
            self.get_component_rich_style("search--where", partial=True),
        )
        # No option ids: the row's index finds its hit (an archive may list one
        # article twice, and OptionList refuses duplicate ids).
        return [
            Option(hit_label(hit, max(width, 8), self.fullwidth_punctuation, *styles))
            for hit in hits
        ]

    def _draw_hits(self, highlighted: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._options(self._hits))
        if option_list.option_count:
            option_list.highlighted = min(highlighted, option_list.option_count - 1)
        self._maybe_more()

    def on_resize(self) -> None:
        if self._results is not None:
            self._draw_hits(self.query_one(OptionList).highlighted or 0)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._update_status()
        self._maybe_more()

    def _maybe_more(self) -> None:
        """Fetch the next page when the cursor (or the wanted row) nears the end."""
        loaded = len(self._hits)
        highlighted = self.query_one(OptionList).highlighted or 0
        wanted = max(highlighted, self._want_cursor)
        more = (self._total is None or loaded < self._total) and not self._exhausted
        if self._loading_more or not more or not loaded or wanted < loaded - MORE_AHEAD:
            return
        self._loading_more = True
        self._more(self._query, loaded)

    def _update_status(self) -> None:
        results = self._results
        if results is None:
            return
        ranking = f" · {results.ranking}" if results.ranking else ""
        partial = "（索引仍在建立，结果不完整）" if self.partial else ""
        highlighted = self.query_one(OptionList).highlighted
        at = f"第 {highlighted + 1:,}/" if highlighted is not None else ""
        if not self._hits:
            self._set_status(f"没有找到{partial}")
        elif self._total is None:
            self._set_status(f"{at}{len(self._hits):,}+ 篇，正在计数…{ranking}{partial}")
        else:
            total = f"共 {self._total:,} 篇" if at else f"共 {self._total:,} 篇"
            self._set_status(f"{at}{total}{ranking}{partial}")

    def action_cursor(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        if delta < 0 and (highlighted in (None, 0)) and self._walk_history(-1):
            return
        if delta > 0 and self._history_at < len(self.history) and self._walk_history(1):
            return
        self._want_cursor = 0
        if highlighted is None:
            if option_list.option_count:
                option_list.highlighted = 0
            return
        option_list.highlighted = max(0, min(highlighted + delta, option_list.option_count - 1))

    def _walk_history(self, step: int) -> bool:
        """Put the previous (-1) or next (1) remembered query in the box."""
        at = self._history_at + step
        if not 0 <= at <= len(self.history):
            return False
        if self._history_at == len(self.history):
            self._typed = self.query_one(Input).value
        self._history_at = at
        box = self.query_one(Input)
        box.value = self.history[at] if at < len(self.history) else self._typed
        box.cursor_position = len(box.value)
        return True

    def action_close(self) -> None:
        self.dismiss(None)
