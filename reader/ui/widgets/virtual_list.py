"""The base of zhpaper's long lists: rows of a fixed height, drawn only where visible.

Textual's line API (a ``ScrollView`` with ``render_line``) asks for the lines on
screen and nothing else, so a list of a million rows costs what a list of ten
does. A subclass says how many rows there are (:meth:`VirtualList.set_total`)
and draws one line of one row (:meth:`VirtualList.render_row`); this class
keeps the cursor, scrolls it into view, pages, takes clicks, and caches the
drawn strips. The article list and the search results are both one of these.
"""

from __future__ import annotations

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from reader.ui.private import ResizedBeforeDrawing


class VirtualList(ResizedBeforeDrawing, can_focus=True):
    """Rows of ``ROW_HEIGHT`` lines; ``cursor`` is the highlighted row."""

    #: Lines per row (every row the same, so row N starts at line N × ROW_HEIGHT).
    ROW_HEIGHT = 2

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        #: Drawn lines by whatever the subclass says decides their look.
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # Rows -----------------------------------------------------------------------

    def set_total(self, total: int) -> None:
        """The list now has ``total`` rows (the caller puts the cursor within them)."""
        self.total = total
        self._size_virtually()

    def show_rows(self, total: int, cursor: int = 0) -> None:
        """New rows, ``total`` of them, shown from the top with the cursor on row ``cursor``."""
        self._strips.clear()
        self.set_total(total)
        self.scroll_to(y=0, animate=False, force=True)
        self.cursor = cursor
        self.refresh()

    def _size_virtually(self) -> None:
        # A few blank lines after the last row, so that every scroll position the
        # cursor needs (down to the very end) starts on a whole row: the top row is
        # never cut, not even after G.
        # No virtual width: rows are set to the room beside the scrollbar when drawn,
        # so a width here could only overflow (a horizontal scrollbar) or, by
        # following the pane's, lay the whole screen out again after each resize.
        # The scrollbar is always shown (app.tcss): a new length lays nothing out.
        slack = self.room.height % self.ROW_HEIGHT
        self.set_virtual_size_quietly(Size(0, self.total * self.ROW_HEIGHT + slack))

    def render_row(self, index: int, line: int, width: int) -> Strip:
        """Line ``line`` of row ``index`` (``0 <= index < total``), ``width`` cells wide."""
        raise NotImplementedError

    def render_empty(self, line: int, width: int) -> Strip:
        """Screen line ``line`` below the last row (or of an empty list)."""
        return Strip.blank(width, self.rich_style)

    def render_line(self, y: int) -> Strip:
        width = self.room.width
        index, line = divmod(y + int(self.scroll_y), self.ROW_HEIGHT)
        if 0 <= index < self.total:
            return self.render_row(index, line, width)
        return self.render_empty(y + int(self.scroll_y), width)

    def visible_rows(self) -> range:
        """The rows at least partly on screen."""
        top = int(self.scroll_y)
        height = max(self.room.height, 1)
        first = top // self.ROW_HEIGHT
        last = (top + height - 1) // self.ROW_HEIGHT
        return range(first, min(last + 1, self.total))

    def forget_drawn(self) -> None:
        """Draw every row again (its data or its look changed)."""
        self._strips.clear()
        self.refresh()

    # Cursor -----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.total - 1)) if self.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if self._scroll_cursor_into_view():
            self.refresh()
        else:
            # Only the rows that gain or lose the cursor change: j and k redraw two rows.
            self.refresh_lines(old * self.ROW_HEIGHT, self.ROW_HEIGHT)
            self.refresh_lines(new * self.ROW_HEIGHT, self.ROW_HEIGHT)
        self.cursor_moved(new)

    def cursor_moved(self, index: int) -> None:
        """The cursor is on row ``index`` now (a subclass tells its screen)."""

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor's row is on screen; whether it had to scroll."""
        self._size_virtually()  # the room may have changed without a resize (a scrollbar)
        top = self.cursor * self.ROW_HEIGHT
        height = max(self.room.height, self.ROW_HEIGHT)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, force=True)
            return True
        if top + self.ROW_HEIGHT > self.scroll_y + height:
            # Rounded up to a whole row: the top row is never cut (a snippet line
            # without its title reads as noise), and the cursor's row still fits.
            lowest = top + self.ROW_HEIGHT - height
            self.scroll_to(
                y=-(-lowest // self.ROW_HEIGHT) * self.ROW_HEIGHT, animate=False, force=True
            )
            return True
        return False

    def move(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows (it stops at the first and the last)."""
        self.cursor = self.cursor + delta

    def page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        rows = max(1, self.room.height // self.ROW_HEIGHT)
        self.cursor = self.cursor + direction * rows

    def on_resize(self) -> None:
        # Drawn strips are kept: a subclass keys them by width.
        self._size_virtually()
        self._scroll_cursor_into_view()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or the scrollbar
            return
        index = (offset.y + int(self.scroll_y)) // self.ROW_HEIGHT
        if 0 <= index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.row_chosen(index)

    def row_chosen(self, index: int) -> None:
        """Row ``index`` was double-clicked (a subclass opens it)."""
