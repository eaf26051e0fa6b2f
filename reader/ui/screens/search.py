"""`/` search: a query box and a results list.

The search engine plugs in as a :class:`reader.contracts.SearchBackend`
(``reader.ui.search_backend.IndexSearch`` over the index); with None the screen
says plainly that search is unavailable instead of pretending to search.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.contracts import SearchBackend, SearchResults
from reader.ui.search_results import hit_label


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """What the user picked: the article, and the query to highlight in it."""

    article_id: str
    query: str


class SearchScreen(ModalScreen[SearchChoice | None]):
    """Type to search; enter opens the highlighted result; escape returns."""

    COMPONENT_CLASSES = {"search--match", "search--where"}

    BINDINGS = [
        Binding("escape", "close", "返回", id="search_close"),
        Binding("down", "cursor(1)", "下一条结果", show=False),
        Binding("up", "cursor(-1)", "上一条结果", show=False),
    ]

    def __init__(
        self, backend: SearchBackend | None, *, fullwidth_punctuation: bool = True
    ) -> None:
        super().__init__()
        self.backend = backend
        #: The reader's display transform, so a snippet reads as the article does.
        self.fullwidth_punctuation = fullwidth_punctuation
        self._results: SearchResults | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder='搜索（如：干部  "精气神"  -会议  section:党建）', id="search-box")
        yield Static(id="search-status")
        yield OptionList(id="search-results")

    def on_mount(self) -> None:
        status = self.query_one("#search-status", Static)
        if self.backend is None:
            status.update(Text("搜索不可用（search engine not available in this build）"))
        else:
            status.update(Text("正在准备索引…"))
            self._prepare(self.backend)
        self.query_one(Input).focus()

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
                '输入查询：词语（空格＝且） "短语" -排除 section:栏目 by:作者 date:2024-03-01'
            )

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
            article_id = results.get_option_at_index(index).id
            if article_id is not None:
                self.dismiss(SearchChoice(article_id, self.query_one(Input).value))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(SearchChoice(event.option.id, self.query_one(Input).value))

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
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show, results, "")
        if results.total is None:
            # The page is on screen; now the exact total (slower for very common words).
            total = self.backend.count(query)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_total, results, total)

    def _show(self, results: SearchResults | None, message: str) -> None:
        self._results = results
        status = self.query_one("#search-status", Static)
        if results is None:
            self.query_one(OptionList).clear_options()
            status.update(Text(message))
            return
        self._show_total(results, results.total)
        self._draw_hits(results, 0)

    def _draw_hits(self, results: SearchResults, highlighted: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        # Room for the text: the scrollbar's cells are kept free whether or not it
        # shows yet, so adding the rows never makes Rich re-wrap them.
        width = option_list.content_region.width - option_list.styles.scrollbar_size_vertical
        styles = (
            self.get_component_rich_style("search--match", partial=True),
            self.get_component_rich_style("search--where", partial=True),
        )
        for hit in results.hits:
            label = hit_label(hit, max(width, 8), self.fullwidth_punctuation, *styles)
            option_list.add_option(Option(label, id=hit.id))
        if option_list.option_count:
            option_list.highlighted = min(highlighted, option_list.option_count - 1)

    def on_resize(self) -> None:
        if self._results is not None:
            self._draw_hits(self._results, self.query_one(OptionList).highlighted or 0)

    def _show_total(self, results: SearchResults, total: int | None) -> None:
        status = self.query_one("#search-status", Static)
        ranking = f" · {results.ranking}" if results.ranking else ""
        if total is None:
            status.update(Text(f"显示前 {len(results.hits):,} 篇，正在计数…{ranking}"))
            return
        shown = f"，显示前 {len(results.hits):,} 篇" if total > len(results.hits) else ""
        status.update(Text(f"共 {total:,} 篇{shown}{ranking}"))

    def action_cursor(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if delta > 0 else option_list.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
