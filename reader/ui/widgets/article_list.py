"""The article list: a virtual list that can hold a whole archive.

Only visible rows are drawn (:class:`~reader.ui.widgets.virtual_list.VirtualList`,
Textual's line API); summaries are fetched from the catalogue in windows and
kept in a small LRU cache, and drawn strips are cached too, so a million-row
list scrolls as fast as a ten-row one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip

from reader.contracts import ROOT, ArticleSummary, Catalog, Level, Scope
from reader.model import ArticleKind
from reader.ui.text import elide, visible, weekday
from reader.ui.widgets.titles import FittedTitle
from reader.ui.widgets.virtual_list import VirtualList

WINDOW = 256

KIND_LABELS = {
    ArticleKind.PHOTO: "图片",
    ArticleKind.BRIEF: "简讯",
    ArticleKind.EDITORIAL: "社论",
    ArticleKind.COMMENTARY: "评论",
    ArticleKind.INTERVIEW: "访谈",
    ArticleKind.NOTICE: "公告",
}


@dataclass(frozen=True, slots=True)
class RowFlags:
    """What a row shows besides the summary itself."""

    read: bool
    bookmarked: bool
    new: bool = False  # fetched by `r` in this session


class ArticleList(VirtualList, inherit_bindings=False):
    """The articles of one scope, two lines per row.

    No keys of its own: ScrollView's (↓, PageDown, End …) would scroll a long
    list without moving its cursor; the key table (reader.ui.keys) moves it.
    """

    ROW_HEIGHT = 2

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--kicker",
        "article-list--mark",
    }

    class Chosen(Message):
        """The user asked to read the highlighted article (enter or double click)."""

        def __init__(self, summary: ArticleSummary) -> None:
            super().__init__()
            self.summary = summary

    class FirstRowsDrawn(Message):
        """Rows of real summaries are on screen for the first time (the first screen is up).

        The app starts the background sync on it, and the start-up benchmark
        (``ZHPAPER_BENCH_READY_FILE``) measures up to it.
        """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._catalog: Catalog | None = None
        self.scope: Scope = ROOT
        self._windows: LRUCache[int, Sequence[ArticleSummary]] = LRUCache(16)
        self._flags: Callable[[str], RowFlags] = lambda _id: RowFlags(False, False)
        self._drew_rows = False
        #: Editions newest first (the user's order setting).
        self.newest_first = True
        #: Told at once of each move of the cursor (the summary, None for an empty
        #: list), before the frame that shows it: the screen shows the article in
        #: that same frame (a message would arrive after it).
        self.on_highlight: Callable[[ArticleSummary | None], None] = lambda _summary: None
        #: The list's name in its border, fitted to its width.
        self._title = FittedTitle(self)
        #: Titles, kickers and bylines as displayed (the 简繁 toggle converts them).
        self._display: Callable[[str], str] = str

    def set_display(self, display: Callable[[str], str]) -> None:
        """How to show a row's text (e.g. in traditional characters); redraws every row."""
        self._display = display
        self.refresh_flags()

    # Data -------------------------------------------------------------------

    def set_title(self, forms: Sequence[str], *suffixes: str) -> None:
        """Name the list in its border: the longest of ``forms`` (with a suffix) that fits.

        Fitted again whenever the pane's width changes (``enter`` narrows it).
        """
        self._title.set(forms, *suffixes)

    def resized_before_drawing(self) -> None:
        self._title.fit()

    def set_flags(self, flags: Callable[[str], RowFlags]) -> None:
        """How to learn whether an article is read or bookmarked."""
        self._flags = flags

    def flags_of(self, article_id: str) -> RowFlags:
        """What the row of ``article_id`` shows: read, bookmarked, new."""
        return self._flags(article_id)

    def show(self, catalog: Catalog, scope: Scope, cursor: int = 0) -> None:
        """Show ``scope`` of ``catalog`` with the cursor on row ``cursor``."""
        self._catalog = catalog
        self.scope = scope
        self._windows.clear()
        self.show_rows(catalog.count(scope), cursor)

    def summary(self, index: int) -> ArticleSummary | None:
        """The summary at ``index`` (fetched with its window if needed)."""
        if self._catalog is None or not 0 <= index < self.total:
            return None
        start = index - index % WINDOW
        window = self._windows.get(start)
        if window is None:
            window = self._catalog.summaries(self.scope, start, WINDOW, self.newest_first)
            self._windows[start] = window
        offset = index - start
        return window[offset] if offset < len(window) else None

    @property
    def highlighted(self) -> ArticleSummary | None:
        """The summary under the cursor."""
        return self.summary(self.cursor)

    def refresh_flags(self) -> None:
        """Redraw after read marks or bookmarks changed."""
        self.forget_drawn()

    # Cursor -----------------------------------------------------------------

    def cursor_moved(self, index: int) -> None:
        self.on_highlight(self.highlighted)

    def row_chosen(self, index: int) -> None:
        if (summary := self.summary(index)) is not None:
            self.post_message(self.Chosen(summary))

    # Drawing ------------------------------------------------------------------

    def render_empty(self, line: int, width: int) -> Strip:
        if line == 0:
            message = "载入中…" if self._catalog is None else "（没有文章）"
            style = self.rich_style + self.get_component_rich_style(
                "article-list--meta", partial=True
            )
            return Strip([Segment("  " + message, style)]).adjust_cell_length(
                width, self.rich_style
            )
        return Strip.blank(width, self.rich_style)

    def render_row(self, index: int, line: int, width: int) -> Strip:
        summary = self.summary(index)
        if summary is None:  # the catalogue changed under the list: drawn as empty
            return Strip.blank(width, self.rich_style)
        if not self._drew_rows:
            # Say once that the first real rows are on screen (FirstRowsDrawn).
            self._drew_rows = True
            self.call_after_refresh(self._first_rows_drawn)
        flags = self._flags(summary.id)
        is_cursor = index == self.cursor
        key = (summary.id, line, width, is_cursor, flags, self.has_focus, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(summary, line, width, is_cursor, flags)
            self._strips[key] = strip
        return strip

    def _first_rows_drawn(self) -> None:
        # Sent from this list: made while the screen refreshes, the message would
        # carry the screen as its sender, and Textual stops bubbling below a sender.
        self.post_message(self.FirstRowsDrawn().set_sender(self))

    def _draw(
        self, summary: ArticleSummary, line: int, width: int, is_cursor: bool, flags: RowFlags
    ) -> Strip:
        base = self.rich_style
        if is_cursor:
            base += self.get_component_rich_style("article-list--cursor")
        title_style = self.get_component_rich_style(
            "article-list--read" if flags.read else "article-list--unread", partial=True
        )
        meta = self.get_component_rich_style("article-list--meta", partial=True)
        if line == 0:
            mark_style = self.get_component_rich_style("article-list--mark", partial=True)
            mark = "  " if flags.read else "● "
            if flags.new and not flags.read:
                mark = "新"  # two cells, like "● "
            text = Text(mark, style=mark_style, no_wrap=True, overflow="ignore")
            kind = KIND_LABELS.get(summary.kind)
            # An untitled item is named by its kind, as the reading pane heads it.
            title = visible(self._display(summary.title)) or (
                f"〔{kind}〕" if kind else "（无标题）"
            )
            room = width - cell_len(text.plain)
            kicker = visible(self._display(summary.kicker or ""))
            if kicker and cell_len(kicker) + 2 < room // 2:
                kicker_style = self.get_component_rich_style("article-list--kicker", partial=True)
                text.append(kicker + "｜", style=kicker_style)
                room -= cell_len(kicker) + 2
            text.append(elide(title, room), style=title_style)
        else:
            length = f"{summary.char_count:,}字"
            kind = KIND_LABELS.get(summary.kind)
            # The kind is said once: an untitled item already shows it as its title.
            right = f"{kind} {length}" if kind and summary.title else length
            if summary.date is not None and not self.scope.has(Level.DATE):
                # A list spanning several editions says which day each row is from.
                right = f"{summary.date.isoformat()} {weekday(summary.date)}  {right}"
            room = width - 2 - cell_len(right) - 1
            byline = elide(visible(self._display(summary.byline)), max(room, 0))
            gap = max(1, width - 2 - cell_len(byline) - cell_len(right))
            # The star sits under the unread dot, so a bookmark never hides it.
            text = Text("  ", style=meta, no_wrap=True, overflow="ignore")
            if flags.bookmarked:
                star = self.get_component_rich_style("article-list--mark", partial=True)
                text = Text("★ ", style=star, no_wrap=True, overflow="ignore")
            text.append(byline + " " * gap + right, style=meta)
        segments = list(text.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, base), text.cell_len)
        return strip.adjust_cell_length(width, base).simplify()
