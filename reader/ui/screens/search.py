"""`/` search: a query box and a results list.

The search engine plugs in as a :class:`reader.contracts.SearchBackend`
(``reader.ui.search_backend.IndexSearch`` over the index); with None the screen
says plainly that search is unavailable instead of pretending to search.

Every call to the backend runs in a worker: the query's first page (its own
exclusive group, so a newer keystroke cancels it and the engine stops), the
exact count after it, and the further pages the results list asks for as rows
come on screen (another exclusive group: ``G`` then ``g`` cancels the fetch of
the last page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.contracts import SearchBackend, SearchCancelled, SearchResults
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.result_list import ResultList


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """What the user picked: the article, the query to highlight, the result's row,
    and whether it was picked in the list (escape then returns into the list)."""

    article_id: str
    query: str
    cursor: int = 0
    in_list: bool = False


#: A malformed query is said only after typing pauses this long. Typing
#: ``date:2020`` passes through ``date:`` and ``date:20``, which do not parse;
#: saying so at each keystroke would flash an error at every field being typed.
#: Until the pause (or enter) the previous results stay as they were.
ERROR_DELAY = 0.8


class SearchScreen(ModalScreen[SearchChoice | None]):
    """Type to search; enter opens the highlighted result; escape returns.

    The results list is virtual and reaches every match (第 x/共 N). In the box,
    ↓ ↑ PageDown PageUp move the results' cursor while typing goes on; ↑ on the
    first result walks the query history. Tab moves into the list, where
    j k g G space b work too, and tab or / go back to the box.
    """

    BINDINGS = [
        Binding("escape", "close", "返回", id="search_close"),
        # Priority: the App runs these before it routes the next key, so a G typed
        # right after tab reaches the list, not the box. check_action picks one.
        Binding("tab", "focus_results", "结果列表", key_display="tab", priority=True),
        Binding("tab,shift+tab,slash", "focus_box", "搜索框", key_display="tab", priority=True),
        Binding("down", "cursor(1)", "下一条结果", show=False),
        Binding("up", "cursor(-1)", "上一条结果", show=False),
        Binding("pagedown", "page(1)", "下一页结果", show=False),
        Binding("pageup", "page(-1)", "上一页结果", show=False),
    ]

    def __init__(
        self,
        backend: SearchBackend | None,
        *,
        fullwidth_punctuation: bool = True,
        display_text: Callable[[str], str] = str,
        query: str = "",
        cursor: int = 0,
        history: Sequence[str] = (),
        partial: bool = False,
        in_list: bool = False,
    ) -> None:
        super().__init__()
        self.backend = backend
        #: The reader's display transform, so a snippet reads as the article does.
        self.fullwidth_punctuation = fullwidth_punctuation
        #: The 简繁 display of the results (the box keeps what is typed).
        self.display_text = display_text
        self.initial_query = query
        self.history = list(history)
        #: Where ↑/↓ are in the history (len(history): the text being typed).
        self._history_at = len(self.history)
        #: The index is still being built: results are partial until it is done.
        self.partial = partial
        #: The query whose results are shown, and their page (None: none shown).
        self._query = ""
        self._results: SearchResults | None = None
        self._total: int | None = None
        #: The row to put the cursor on once the results reach it (escape → back here).
        self._want_cursor = cursor if query else 0
        #: Focus the list once the results are back (it had the focus when left).
        self._want_list = in_list and bool(query)
        #: Bumped by every query shown: pages of an older query are dropped.
        self._generation = 0
        self._error_timer: Timer | None = None
        self._error_message = ""
        self._typed = ""

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.initial_query,
            placeholder='搜索（如：干部  "精气神"  -会议  section:党建  date:2024-05）',
            id="search-box",
            # Back from the list (tab, /) the query is refined, not replaced.
            select_on_focus=False,
        )
        yield Static(id="search-status")
        results = ResultList(id="search-results")
        results.fullwidth_punctuation = self.fullwidth_punctuation
        results.set_display(self.display_text)
        yield results
        yield KeyFooter()

    @property
    def results(self) -> ResultList:
        """The results list."""
        return self.query_one(ResultList)

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

    @work(thread=True, exclusive=True, group="prepare", description="_prepare")
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
                '输入查询：词语（空格＝且） "短语" -排除 section:栏目 by:作者 date:2024-05'
            )

    def reopen(
        self,
        history: Sequence[str],
        partial: bool,
        fullwidth_punctuation: bool,
        display_text: Callable[[str], str] = str,
    ) -> None:
        """Shown again (`/`, escape from an article opened here): as it was left.

        The query is selected, so typing replaces it; the history is read again;
        results that were partial when the build ended meanwhile are searched again;
        the results follow the display settings (full-width punctuation, 简繁).
        """
        self.history = list(history)
        self._history_at = len(self.history)
        if fullwidth_punctuation != self.fullwidth_punctuation:
            self.fullwidth_punctuation = fullwidth_punctuation
            self.results.fullwidth_punctuation = fullwidth_punctuation
            self.results.reset_lines()
        self.display_text = display_text
        self.results.set_display(display_text)
        self.query_one(Input).select_all()
        if self.partial and not partial:
            self.index_built()

    def index_built(self) -> None:
        """The reader's index build ended: the results so far were partial, search again."""
        self.partial = False
        self._want_cursor = self.results.cursor
        self._search(self.query_one(Input).value)

    def _set_status(self, message: str) -> None:
        # One line of fixed size: no layout pass for it (it is said at every cursor move).
        self.query_one("#search-status", Static).update(Text(message), layout=False)

    # Searching ----------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.backend is not None:
            self._search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._error_timer is not None:
            self._show_error()  # asked for: said at once
        elif self.results.total:
            self._choose(self.results.cursor)

    @on(ResultList.Chosen)
    def _chosen(self, event: ResultList.Chosen) -> None:
        self._choose(event.index)

    def _choose(self, index: int) -> None:
        hit = self.results.hit(index)
        if hit is not None:
            in_list = self.focused is self.results
            self.dismiss(SearchChoice(hit.id, self.query_one(Input).value, index, in_list))

    @work(thread=True, exclusive=True, group="search", description="_search")
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

    def _show(self, query: str, results: SearchResults | None, message: str) -> None:
        self._cancel_error()
        if results is None and message:
            # Said once typing pauses (see ERROR_DELAY); what was shown stays till then.
            self._error_message = message
            self._error_timer = self.set_timer(ERROR_DELAY, self._show_error)
            return
        self._drop_pages()
        self._query = query
        self._results = results
        if results is None:
            self._total = None
            self.results.clear()
            self._set_status("")
            return
        self._total = results.total
        hits = results.hits
        # Until counted, the list holds what came; the count makes it whole.
        total = results.total if results.total is not None else len(hits)
        want = min(self._want_cursor, max(total - 1, 0))
        self.results.reset(hits, total, want)
        if results.total is not None:
            self._want_cursor = 0
        if self._want_list and total:
            self._want_list = False
            self.set_focus(self.results)
        self._update_status()

    def _cancel_error(self) -> None:
        if self._error_timer is not None:
            self._error_timer.stop()
            self._error_timer = None

    def _drop_pages(self) -> None:
        """Pages of the results shown so far: their fetch is cancelled, late ones dropped."""
        self._generation += 1
        self.workers.cancel_group(self, "pages")

    def _show_error(self) -> None:
        self._cancel_error()
        self._drop_pages()
        self._results, self._total = None, None
        self.results.clear()
        self._set_status(self._error_message)

    def _set_total(self, query: str, total: int) -> None:
        if query != self._query or self._results is None:
            return
        self._total = total
        self.results.set_total(total)
        if self._want_cursor:
            self.results.cursor = self._want_cursor
            self._want_cursor = 0
        self._update_status()

    # Pages on demand ----------------------------------------------------------------

    @on(ResultList.PagesWanted)
    def _pages_wanted(self, event: ResultList.PagesWanted) -> None:
        # A newer wish replaces the older: its fetch is cancelled (the engine stops).
        self.workers.cancel_group(self, "pages")
        if event.offsets and self.backend is not None and self._results is not None:
            self._fetch_pages(self._query, self._generation, event.offsets)

    @work(thread=True, exclusive=True, group="pages", description="_fetch_pages")
    def _fetch_pages(self, query: str, generation: int, offsets: tuple[int, ...]) -> None:
        assert self.backend is not None
        worker = get_current_worker()
        for offset in offsets:
            try:
                results = self.backend(query, offset, lambda: worker.is_cancelled)
            except SearchCancelled:
                return
            except ValueError as error:  # the index went away: said, never a crash
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._set_status, str(error))
                return
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._page_arrived, generation, offset, results)

    def _page_arrived(self, generation: int, offset: int, results: SearchResults) -> None:
        if generation == self._generation:
            self.results.add_page(offset, results.hits)
            self._update_status()

    # Status and cursor ----------------------------------------------------------------

    @on(ResultList.Highlighted)
    def _highlighted(self, event: ResultList.Highlighted) -> None:
        self._update_status()

    def _update_status(self) -> None:
        results = self._results
        if results is None:
            return
        ranking = f" · {results.ranking}" if results.ranking else ""
        partial = "（索引仍在建立，结果不完整）" if self.partial else ""
        shown = self.results.total
        at = f"第 {self.results.cursor + 1:,}/" if shown else ""
        if not shown:
            self._set_status(f"没有找到{partial}")
        elif self._total is None:
            self._set_status(f"{at}{shown:,}+ 篇，正在计数…{ranking}{partial}")
        else:
            self._set_status(f"{at}共 {shown:,} 篇{ranking}{partial}")

    def action_cursor(self, delta: int) -> None:
        """↓/↑ in the box: the results' cursor; ↑ on the first result: the history."""
        results = self.results
        if delta < 0 and results.cursor == 0 and self._walk_history(-1):
            return
        if delta > 0 and self._history_at < len(self.history) and self._walk_history(1):
            return
        results.move(delta)

    def action_page(self, direction: int) -> None:
        self.results.page(direction)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # tab goes to the list from the box and back from the list; / goes back only
        # from the list (in the box it is typed, as in date:2024/05).
        if action == "focus_results":
            return self.focused is not self.results
        if action == "focus_box":
            return self.focused is self.results
        return True

    def action_focus_results(self) -> None:
        # At once (Widget.focus waits a turn); even before the results are back.
        self.set_focus(self.results)

    def action_focus_box(self) -> None:
        box = self.query_one(Input)
        self.set_focus(box)
        box.cursor_position = len(box.value)

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
