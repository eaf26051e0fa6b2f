"""The search results: a virtual list that reaches every match.

Only the rows on screen are drawn (:class:`~reader.ui.widgets.virtual_list.VirtualList`).
The hits come a page at a time from the search backend, which the search
screen asks in a worker: a row whose page has not arrived is drawn as 载入中…
and the list posts :class:`ResultList.PagesWanted` with the pages the screen
is waiting for, so ``G`` on 12,338 matches fetches only the last page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip

from reader.contracts import SearchHit
from reader.ui.search_results import HIT_LINES, hit_lines
from reader.ui.widgets.virtual_list import VirtualList

#: Pages of hits kept (a page is what one backend call returns).
PAGES_KEPT = 256


class ResultList(VirtualList):
    """Search hits, :data:`HIT_LINES` lines each, fetched by page on demand."""

    ROW_HEIGHT = HIT_LINES

    COMPONENT_CLASSES = {
        "result-list--cursor",
        "result-list--match",
        "result-list--where",
        "result-list--loading",
    }

    BINDINGS = [
        Binding("down,j", "move(1)", "下一条", show=False),
        Binding("up,k", "move(-1)", "上一条", show=False),
        Binding("pagedown,space", "page(1)", "下一页", show=False),
        Binding("pageup,b", "page(-1)", "上一页", show=False),
        Binding("home,g", "edge(0)", "第一条", key_display="g"),
        Binding("end,G", "edge(1)", "最后一条", key_display="G"),
        Binding("enter", "choose", "阅读"),
    ]

    class PagesWanted(Message):
        """Rows on screen wait for these pages (offsets); empty: stop fetching."""

        def __init__(self, offsets: tuple[int, ...]) -> None:
            super().__init__()
            self.offsets = offsets

    class Highlighted(Message):
        """The cursor moved to row ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """The user asked to read row ``index`` (enter, double click)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The reader's display transform, so a snippet reads as the article does.
        self.fullwidth_punctuation = True
        #: Titles, where lines and snippets as displayed (the 简繁 toggle converts them).
        self._display: Callable[[str], str] = str
        self.page_size = 1
        self._pages: LRUCache[int, Sequence[SearchHit]] = LRUCache(PAGES_KEPT)
        #: The pages last asked for and not yet arrived.
        self._asked: frozenset[int] = frozenset()
        self._ask_pending = False
        #: Set lines by (row, width): setting a snippet costs more than drawing it.
        self._set: LRUCache[tuple[int, int], list[Text]] = LRUCache(256)

    # Data -------------------------------------------------------------------------

    def reset(self, first: Sequence[SearchHit], total: int, cursor: int = 0) -> None:
        """A new query's first page (``first``, at offset 0) of ``total`` hits."""
        self.page_size = max(len(first), 1)
        self._pages.clear()
        self._pages[0] = first
        self._asked = frozenset()
        self._set.clear()
        self.show_rows(total, cursor)

    def clear(self) -> None:
        """No results (an empty box, an error)."""
        self.reset((), 0)

    def reset_lines(self) -> None:
        """Set every row again (the display transform changed)."""
        self._set.clear()
        self.forget_drawn()

    def set_display(self, display: Callable[[str], str]) -> None:
        """How to show a hit's text (e.g. in simplified characters); redraws every row if new."""
        if display is not self._display:
            self._display = display
            self.reset_lines()

    def set_total(self, total: int) -> None:
        super().set_total(total)
        if self.total and self.cursor >= self.total:
            self.cursor = self.total - 1
        self.refresh()

    def add_page(self, offset: int, hits: Sequence[SearchHit]) -> None:
        """The page of hits starting at row ``offset`` arrived."""
        self._asked -= {offset}
        self._pages[offset] = hits
        if len(hits) < self.page_size and offset + len(hits) < self.total:
            # The index changed since it was counted: fewer matches than said.
            self.set_total(offset + len(hits))
        self.forget_drawn()

    @property
    def waiting(self) -> bool:
        """Whether rows on screen wait for pages still being fetched."""
        return bool(self._asked)

    def hit(self, index: int) -> SearchHit | None:
        """The hit on row ``index``, or None while its page is still coming."""
        start = index - index % self.page_size
        page = self._pages.get(start)
        if page is None or not 0 <= index - start < len(page):
            return None
        return page[index - start]

    # Keys ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.move(delta)

    def action_page(self, direction: int) -> None:
        self.page(direction)

    def action_edge(self, end: int) -> None:
        self.cursor = self.total - 1 if end else 0

    def action_choose(self) -> None:
        self.row_chosen(self.cursor)

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(index))

    def row_chosen(self, index: int) -> None:
        if self.hit(index) is not None:
            self.post_message(self.Chosen(index))

    # Drawing ------------------------------------------------------------------------

    def render_row(self, index: int, line: int, width: int) -> Strip:
        hit = self.hit(index)
        if hit is None:
            self._want_pages()
        is_cursor = index == self.cursor
        key = (index, line, width, is_cursor, self.has_focus, hit is None)
        strip = self._strips.get(key)
        if strip is None:
            base = self.rich_style
            if is_cursor:
                base += self.get_component_rich_style("result-list--cursor")
            if hit is None:
                loading = self.get_component_rich_style("result-list--loading", partial=True)
                text = Text("载入中…" if line == 0 else "", style=loading)
            else:
                text = self.row_lines(index, width)[line]
            segments = Segment.apply_style(list(text.render(self.app.console)), base)
            strip = Strip(segments, text.cell_len).adjust_cell_length(width, base).simplify()
            self._strips[key] = strip
        return strip

    def row_lines(self, index: int, width: int | None = None) -> list[Text]:
        """Row ``index`` as set at ``width`` (default: the list's), [] while it is coming."""
        hit = self.hit(index)
        if hit is None:
            return []
        width = self.scrollable_content_region.width if width is None else width
        lines = self._set.get((index, width))
        if lines is None:
            display = self._display
            if display is not str:
                # Conversion keeps every length, so the engine's spans stay on the match.
                hit = replace(
                    hit,
                    title=display(hit.title),
                    section=display(hit.section) if hit.section else hit.section,
                    snippet=display(hit.snippet),
                )
            lines = hit_lines(
                hit,
                max(width, 8),
                self.fullwidth_punctuation,
                self.get_component_rich_style("result-list--match", partial=True),
                self.get_component_rich_style("result-list--where", partial=True),
            )
            self._set[(index, width)] = lines
        return lines

    def _want_pages(self) -> None:
        """Ask (once the screen is drawn) for the pages the rows on screen wait for."""
        if not self._ask_pending:
            self._ask_pending = True
            self.call_after_refresh(self._ask)

    def _ask(self) -> None:
        self._ask_pending = False
        rows = [*self.visible_rows(), self.cursor]
        wanted = frozenset(
            index - index % self.page_size
            for index in rows
            if 0 <= index < self.total and self.hit(index) is None
        )
        if wanted != self._asked:
            # A new set replaces the old (the screen cancels what is no longer
            # wanted); pages that arrived were taken off, so they never re-ask.
            self._asked = wanted
            self.post_message(self.PagesWanted(tuple(sorted(wanted))))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._want_pages()
