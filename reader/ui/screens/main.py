"""The main screen: sidebar, article list and reading pane; it owns the selection.

Widgets send messages up; this screen decides what they show, marks articles
read, and saves the user's place. Narrow terminals show one pane at a time (the
focused one); medium ones hide the sidebar while reading so the text keeps its
measure.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.notifications import Notification, SeverityLevel
from textual.theme import Theme
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ProgressBar, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from reader.contracts import (
    ROOT,
    ArticleSummary,
    Catalog,
    CatalogOpener,
    Node,
    OpenedCatalog,
    Scope,
    SearchBackend,
    SyncOutcome,
)
from reader.model import Article
from reader.state import Position, ReadingState, Settings, StateError
from reader.state.settings import MAX_MEASURE, MIN_MEASURE
from reader.typeset.script import converter_ready
from reader.typeset.terminal import set_ambiguous_wide
from reader.typeset.wrap import prepare as prepare_typesetting
from reader.ui.keys import bindings
from reader.ui.loading import Reading, problems_notice, read_state
from reader.ui.panes import NARROW_WIDTH, PANE_NAMES, PaneStyle, pane_styles, width_class
from reader.ui.private import DrawsNothingTwice, drop_widget_refreshes
from reader.ui.scopes import article_scope, summary_scope
from reader.ui.screens import install_once
from reader.ui.screens.sharing import SharingScreen
from reader.ui.targets import (
    Target,
    edition_on,
    newest_edition,
    page_step,
    scope_ids,
    step_target,
)
from reader.ui.where import scope_forms, where_forms
from reader.ui.widgets.article_list import ArticleList, RowFlags
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from reader.ui.screens.search import SearchScreen

#: The names the help, bookmark, find and date screens are installed under (each built once).
HELP_SCREEN = "help"
BOOKMARKS_SCREEN = "bookmarks"
FIND_SCREEN = "find"
DATE_SCREEN = "go-to-date"
#: Save the reading position this long after the last scroll.
SAVE_DELAY = 1.0


#: Characters searched by ctrl+f between two updates of the highlighted matches.
FIND_BATCH_CHARS = 50_000


@dataclass
class Marking:
    """A whole scope being marked read (M) while its ids are read in a worker."""

    scope: Scope
    name: str
    #: How many of it the tree showed unread (None: no count shown, so the mark
    #: is drawn when the ids come).
    unread: int | None
    #: The tree's counts before, once the mark is drawn ahead of the ids (undo).
    counts: dict[Scope, tuple[int, int]] | None = None

    def covers(self, scope: Scope) -> bool:
        """Whether ``scope`` (the list's) lies within the marked scope."""
        return scope.within(self.scope)


class MainScreen(DrawsNothingTwice, SharingScreen):
    """Three panes over one catalogue."""

    BINDINGS = bindings()

    class UnreadCounted(Message):
        """Unread articles per tree scope, counted in a worker against ``read``."""

        def __init__(self, unread: dict[Scope, int], read: frozenset[str]) -> None:
            super().__init__()
            self.unread = unread
            self.read = read

    class ScopeRead(Message):
        """Every article id of a scope the user marked read (found in a worker)."""

        def __init__(self, marking: Marking, ids: list[str]) -> None:
            super().__init__()
            self.marking = marking
            self.ids = ids

    class Found(Message):
        """A move through the paper (next unread, a date, a page …) found its target."""

        def __init__(self, target: Target, keep_pane: bool) -> None:
            super().__init__()
            self.target = target
            self.keep_pane = keep_pane

    # Posted by the loading, sync and fetch workers; handled here, on the UI thread.

    class Opened(Message):
        """The catalogue is open and the reading state read."""

        def __init__(self, opened: OpenedCatalog, reading: Reading) -> None:
            super().__init__()
            self.opened = opened
            self.reading = reading

    class BuildProgress(Message):
        """The first index build has done ``done`` of ``total`` files."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class SyncEnded(Message):
        """A sync of the index ended: its outcome, or why it failed."""

        def __init__(
            self,
            opened: OpenedCatalog,
            first: bool,
            outcome: SyncOutcome | None = None,
            error: str | None = None,
            fallback: OpenedCatalog | None = None,
        ) -> None:
            super().__init__()
            self.opened = opened
            #: It was the first build: nothing was shown yet.
            self.first = first
            self.outcome = outcome
            self.error = error
            #: The catalogue read straight from the files, when the first build failed.
            self.fallback = fallback

    class Damaged(Message):
        """The index turned out to be damaged (reported from any thread)."""

        def __init__(self, opened: OpenedCatalog, reason: str) -> None:
            super().__init__()
            self.opened = opened
            self.reason = reason

    class FetchProgress(Message):
        """A line of progress from the fetch worker (``r``)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Fetched(Message):
        """The fetch worker ended: the new article ids, what failed, or why nothing ran."""

        def __init__(self, new: list[str], failures: list[str], error: str | None) -> None:
            super().__init__()
            self.new = new
            self.failures = failures
            self.error = error

    def __init__(
        self,
        content_dir: Path,
        open_catalog: CatalogOpener,
        settings: Settings | None = None,
        *,
        keymap: Mapping[str, str] | None = None,
        search_backend: SearchBackend | None = None,
    ) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.open_catalog = open_catalog
        #: The user's keys by binding id (for ``?`` help).
        self.keymap: Mapping[str, str] = keymap if keymap is not None else {}
        self.search_backend = search_backend
        #: Content files that could not be read, as ``FILE: problem`` lines (``!``).
        self.problems: list[str] = []
        self.catalog: Catalog | None = None
        self.state: ReadingState | None = None
        self.settings = settings if settings is not None else Settings()
        self.read_ids: set[str] = set()
        self.bookmarked: set[str] = set()
        #: Articles fetched by `r` in this session (marked 新 until read).
        self.new_ids: set[str] = set()
        self._save_timer: Timer | None = None
        self._list_forms: list[str] = ["文章"]
        #: What M marked read, newest last, and the tree's counts before (u undoes both).
        self._undo: list[tuple[list[str], dict[Scope, tuple[int, int]]]] = []
        #: A mark of a whole scope whose ids are still being read (M).
        self._marking: Marking | None = None
        #: Tree scopes (and their article counts) whose unread count is still owed.
        self._unread_owed: dict[Scope, int] = {}
        #: Bulk read-mark writes (M, u), one at a time in order, off the UI thread.
        self._mark_writer: ThreadPoolExecutor | None = None
        #: The state database on the writer thread's own connection (made there).
        self._writer_state: ReadingState | None = None
        #: The last notice of each kind that replaces its predecessor (see say()).
        self._said: dict[str, Notification] = {}
        #: The last search's query and result row (`/` and escape return to them).
        self._last_search: tuple[str, int, bool] = ("", 0, False)
        #: The article being read was opened from search results.
        self._from_search = False
        #: The search screen, kept (installed) once opened: escape from an article
        #: opened from it, and `/`, show it again as it was, without searching again.
        self._search_screen: SearchScreen | None = None
        #: The first index build is running: search results are partial until it ends.
        self.index_building = False
        #: The catalogue as opened (a sync after `r` refreshes it).
        self._opened: OpenedCatalog | None = None
        #: A sync to run once the first screen is drawn.
        self._pending_sync: OpenedCatalog | None = None
        #: The reading state read at start, until the catalogue is shown.
        self._reading: Reading | None = None
        # Kept as attributes (not queried) so the position can still be read
        # while the screen is being unmounted at exit.
        self.sidebar = Sidebar(id="sidebar")
        self.articles = ArticleList(id="articles")
        self.reader = ReadingPane(id="reader")
        #: The pane in use (reader.ui.panes names it): at narrow widths the only one shown.
        self._shown_pane = "list"
        #: The pane styles set last (only changes are set again).
        self._applied: dict[str, PaneStyle] = {}
        self.sidebar.border_title = "版面"
        self.sidebar.border_subtitle = "篇数 ·未读"  # what the two counts on each row are
        self.articles.border_title = "文章"
        self.reader.border_title = "阅读"
        self.articles.on_highlight = self._follow
        self.sidebar.on_highlight = self._tree_moved
        self.articles.set_flags(
            lambda article_id: RowFlags(
                self._shown_read(article_id),
                article_id in self.bookmarked,
                article_id in self.new_ids,
            )
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="build"):
            yield Static(id="build-status")
            yield ProgressBar(id="build-bar", show_eta=False)
        with Horizontal(id="panes"):
            yield self.sidebar
            yield self.articles
            yield self.reader
        yield KeyFooter()

    def on_mount(self) -> None:
        # A theme picked anywhere (t, the palette) is remembered.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_pane(self.articles)
        self._open()

    # Loading -----------------------------------------------------------------
    # Opening an index, syncing it and fetching take a while: workers do them and
    # post messages; the handlers below show the results.

    @work(thread=True, exclusive=True, group="load", description="_open")
    def _open(self) -> None:
        opened = self.open_catalog(self.content_dir)
        prepare_typesetting()  # the first article is set on the UI thread: not its tables
        self.post_message(self.Opened(opened, read_state(self.content_dir)))

    def on_main_screen_opened(self, message: Opened) -> None:
        self._reading = message.reading
        if message.reading.notice:
            severity: SeverityLevel = "error" if message.reading.state is None else "warning"
            self.notify(message.reading.notice, severity=severity, timeout=10)
        self._catalog_opened(message.opened)

    def _catalog_opened(self, opened: OpenedCatalog) -> None:
        if opened.notice:
            self.notify(opened.notice, severity="warning", timeout=10)
        if opened.watch_damage is not None:

            def damaged(reason: str) -> None:  # called from any thread
                self.post_message(self.Damaged(opened, reason))

            opened.watch_damage(damaged)
        if opened.sync is not None and not opened.ready:
            # No finished index yet: build it (resuming an interrupted build) with
            # progress on screen; the reader stays usable (quit works) meanwhile.
            self._build(opened)
            return
        if opened.sync is not None:
            # Let the first screen draw before scanning the archive: the scan is
            # Python work that would compete with it for the interpreter. (Set
            # before showing: damage met while showing replaces it with a rebuild.)
            self._pending_sync = opened
            self.set_timer(1.0, self._start_background_sync)
        self._show(opened)

    def _build(self, opened: OpenedCatalog) -> None:
        self._pending_sync = None
        self.show_progress(0, 0)
        self.index_building = True
        self._sync(opened, first=True)

    def on_main_screen_damaged(self, message: Damaged) -> None:
        """The index is damaged: say so and rebuild it with progress (replacing any sync)."""
        self.notify(
            f"搜索索引已损坏（{message.reason}），正在移开并重建", severity="error", timeout=10
        )
        self._build(message.opened)

    def on_article_list_first_rows_drawn(self) -> None:
        self._start_background_sync()

    def _start_background_sync(self) -> None:
        opened, self._pending_sync = self._pending_sync, None
        if opened is not None:
            self._sync(opened, first=False)

    @work(thread=True, exclusive=True, group="sync", description="_sync")
    def _sync(self, opened: OpenedCatalog, first: bool) -> None:
        assert opened.sync is not None
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if first and not worker.is_cancelled:
                self.post_message(self.BuildProgress(done, total))

        try:
            outcome = opened.sync(progress, lambda: worker.is_cancelled)
        except (sqlite3.Error, OSError) as error:
            # Another reader holds the index, the disk is full …: say so, show what there is.
            if not worker.is_cancelled:
                # No finished index to show after a failed first build: read the files.
                files = opened.from_files if first else None
                fallback = files(error) if files is not None else None
                self.post_message(self.SyncEnded(opened, first, None, str(error), fallback))
            return
        if not outcome.cancelled and not worker.is_cancelled:
            self.post_message(self.SyncEnded(opened, first, outcome))

    def on_main_screen_build_progress(self, message: BuildProgress) -> None:
        self.show_progress(message.done, message.total)

    def on_main_screen_sync_ended(self, message: SyncEnded) -> None:
        if message.first:
            self._build_ended()
        if message.fallback is not None:
            self._catalog_opened(message.fallback)
        elif message.error is not None:
            self.notify(f"索引未能更新：{message.error}", severity="error", timeout=10)
            if message.first:
                self._show(message.opened)
        elif message.outcome is not None and message.first:
            self._show(replace(message.opened, problems=message.outcome.problems))
        elif message.outcome is not None:
            self._set_problems(message.outcome.problems)
            if message.outcome.changed:
                self.reload()

    def _build_ended(self) -> None:
        """The first build is over: a search screen showing partial results searches again."""
        from reader.ui.screens.search import SearchScreen

        self.index_building = False
        self.hide_progress()
        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_built()

    def _set_problems(self, problems: Sequence[str]) -> None:
        """Keep the content problems for ``!``; say so when they are new."""
        if problems and list(problems) != self.problems:
            self.notify(problems_notice(problems), severity="warning", timeout=10)
        self.problems = list(problems)

    def _show(self, opened: OpenedCatalog) -> None:
        """Show ``opened``: at first at the last place read, later where the reader is."""
        self._set_problems(opened.problems)
        self._opened = opened
        shown_before = self.catalog is not None
        self.catalog = opened.catalog
        if shown_before:  # rebuilt after damage: keep the reader's place
            self.reload()
            return
        reading, self._reading = self._reading or Reading(None), None
        self.state = reading.state
        self.read_ids = set(reading.read_ids)
        self.bookmarked = set(reading.bookmarks)
        self.reader.settings = self.settings
        if not converter_ready(self.settings.script):
            self._load_script(self.settings.script)
        self.articles.set_display(self._display_text())
        self.sidebar.set_display(self._display_text())
        self.sidebar.newest_first = self.articles.newest_first = self.settings.newest_first
        position = reading.position
        self._fill(position.article_id if position is not None else None, position)
        if self.catalog.count(ROOT) == 0:
            self.reader.empty_message = "这个目录里没有文章"
            self.reader.refresh()
        self._show_pane(self.articles)
        self._show_pane(self.articles)

    def show_progress(self, done: int, total: int) -> None:
        """Show the index build's progress (files done of total) above the panes."""
        self.add_class("-building")
        status = f"正在建立索引：{done:,}/{total:,} 个文件" if total else "正在检查文件…"
        self.query_one("#build-status", Static).update(Text(status + "（q 退出，下次继续）"))
        self.query_one("#build-bar", ProgressBar).update(total=total or None, progress=done)

    def show_status(self, message: str) -> None:
        """A line of background progress above the panes (fetching)."""
        self.add_class("-building")
        self.query_one("#build-status", Static).update(Text(message))
        self.query_one("#build-bar", ProgressBar).update(total=None)

    def hide_progress(self) -> None:
        """The build is done: give the room back to the panes."""
        self.remove_class("-building")

    def reload(self) -> None:
        """Redraw the tree and list from the catalogue (after a background sync).

        The article being read stays open at its place when it still exists.
        """
        if self.catalog is None:
            return
        pane = self._focused_pane()
        article = self.reader.article
        position = self.reader.position() if article is not None else None
        self._fill(article.id if article is not None else None, position)
        self._show_pane(pane)

    def _fill(self, article_id: str | None, position: Position | None) -> None:
        """Load the tree; reopen ``article_id`` at ``position``, else the first section."""
        assert self.catalog is not None
        self.sidebar.load(self.catalog, self._unread)
        if article_id is not None and self.open_article(article_id, position):
            return
        first = self.sidebar.first_section()
        if first is not None and first.data is not None:
            self.sidebar.select(first)
            self._show_scope(first.data)
        else:
            self.articles.show(self.catalog, ROOT)

    def _unread(self, scope: Scope, count: int) -> int | None:
        # Nothing read: every article is unread. Otherwise the catalogue is asked,
        # in a worker (Sidebar.UnreadWanted): thousands of read marks take a while.
        return None if self.read_ids else count

    @on(Sidebar.UnreadWanted)
    def _unread_wanted(self, event: Sidebar.UnreadWanted) -> None:
        self._unread_owed.update(event.scopes)
        if self.catalog is not None:
            self._count_unread(self.catalog, dict(self._unread_owed), frozenset(self.read_ids))

    @work(thread=True, exclusive=True, group="unread", description="_count_unread")
    def _count_unread(
        self, catalog: Catalog, scopes: dict[Scope, int], read: frozenset[str]
    ) -> None:
        """Unread articles of each tree scope shown; a newer request cancels this one."""
        worker = get_current_worker()
        unread: dict[Scope, int] = {}
        for scope, count in scopes.items():
            if worker.is_cancelled:
                return
            unread[scope] = count - catalog.count_among(scope, read) if read else count
        self.post_message(self.UnreadCounted(unread, read))

    @on(UnreadCounted)
    def _unread_counted(self, event: UnreadCounted) -> None:
        if event.read != self.read_ids:
            return  # counted before the marks changed: the newer count follows
        for scope in event.unread:
            self._unread_owed.pop(scope, None)
        self.sidebar.set_unread(event.unread)

    def _show_scope(self, node: Node, cursor: int = 0) -> None:
        assert self.catalog is not None
        self._list_forms = scope_forms(node)
        self.articles.show(self.catalog, node.scope, cursor)
        self._title_list()

    def _title_list(self) -> None:
        # The longest naming that fits (a border cuts a title mid-word otherwise);
        # the list fits it again when its width changes.
        forms = [self._display_text()(form) for form in self._list_forms]
        self.articles.set_title(forms, f" · {self.articles.total:,}篇")

    def open_article(
        self,
        article_id: str,
        position: Position | None = None,
        matches: list[tuple[int, int, int]] | None = None,
    ) -> bool:
        """Select ``article_id`` in the sidebar and list and show it; False if it is gone."""
        if self.catalog is None or (article := self.catalog.article(article_id)) is None:
            return False
        leaf = self.sidebar.find_scope(article_scope(article))
        if leaf is None or leaf.data is None:
            return False
        index = self.catalog.position(leaf.data.scope, article_id, self.settings.newest_first) or 0
        self.sidebar.select(leaf)
        self._show_scope(leaf.data, index)
        self.reader.show(article, position, matches)
        return True

    # Messages from the panes ---------------------------------------------------

    def _tree_moved(self, tree_node: TreeNode[Node]) -> None:
        # Only the user's own moves in the tree count: Tree also moves the cursor
        # by itself while being filled, which must not undo a restored place.
        if not self.sidebar.has_focus:
            return
        node = tree_node.data
        if node is not None and self.catalog is not None and node.scope != self.articles.scope:
            self._show_scope(node)

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[Node]) -> None:
        # Choosing a section (enter, click) moves on to its articles.
        if not event.node.allow_expand:
            self._show_pane(self.articles)

    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.action_open_reader()

    def _follow(self, summary: ArticleSummary | None) -> None:
        if self.catalog is None:
            return
        current = self.reader.article
        if summary is None:
            self.reader.show(None)
        elif current is None or current.id != summary.id:
            # Saved by the debounce timer (ReadingPane.Moved): holding j does not
            # write the database once per row.
            self.reader.show(self.catalog.article(summary.id))
            self._title_reader()  # in the frame that shows it (Moved comes after)

    def _title_reader(self) -> None:
        """Name the article's place (page, section, its place in the list) in the pane's border."""
        reader = self.reader
        if reader.article is not None:
            article = reader.article
            star = "★ " if article.id in self.bookmarked else ""
            total = self.articles.total
            at = self.articles.cursor + 1
            counts = (f" · 第{at:,}篇/共{total:,}篇", f" · {at:,}/{total:,}") if total else ()
            display = self._display_text()  # 简繁: the names as the list shows them
            forms = [display(form) for form in where_forms(article.page, article.section)]
            reader.set_where(forms, *counts, prefix=star)

    @on(ReadingPane.Moved)
    def _reader_moved(self, event: ReadingPane.Moved) -> None:
        reader = self.reader
        self._title_reader()
        if reader.article is not None and self.focused is reader and reader.at_end:
            # Read to the end (by any key or the wheel): that is what "read" means.
            self._mark_read(True, reader.article.id)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_position)

    @on(ReadingPane.AtEnd)
    def _reader_at_end(self, event: ReadingPane.AtEnd) -> None:
        self._mark_read(True)
        if self.articles.cursor + 1 < self.articles.total:
            self.articles.move(1)
        else:
            # The section is done: read on into the next one, as a paper is read.
            self.action_section(1)

    @on(ReadingPane.AtStart)
    def _reader_at_start(self, event: ReadingPane.AtStart) -> None:
        # `b` at the top goes back to the previous article, at its end, as a
        # pager's `b` undoes its `space`.
        if self.focused is self.reader:
            self._step(-1, unread=False, at_end=True)

    def on_resize(self) -> None:
        self._apply_layout()

    def on_unmount(self) -> None:
        self.save_now()
        if self._mark_writer is not None:
            # Marks being written are written before the reader ends.
            self._mark_writer.submit(self._close_writer_state)
            self._mark_writer.shutdown(wait=True)

    def _close_writer_state(self) -> None:
        if self._writer_state is not None:
            self._writer_state.close()

    def save_now(self) -> None:
        """Save the reading position at once (on quit)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_position()

    # Saving ----------------------------------------------------------------------

    def _save_position(self) -> None:
        if self.state is None or (position := self.reader.position()) is None:
            return
        self._guard(lambda: self.state.save_position(position))  # type: ignore[union-attr]

    def _guard(self, write: object) -> None:
        try:
            write()  # type: ignore[operator]
        except StateError as error:
            self.notify(str(error), severity="error", timeout=8)

    def _mark_read(self, read: bool, article_id: str | None = None) -> None:
        article_id = article_id or self._current_id()
        if article_id is None or (article_id in self.read_ids) == read:
            return
        if read:
            self.read_ids.add(article_id)
        else:
            self.read_ids.discard(article_id)
        if self.state is not None:
            self._guard(lambda: self.state.set_read(article_id, read))  # type: ignore[union-attr]
        self.articles.refresh_flags()
        # One article's mark moves each count above it by one: shown now, in this
        # frame; the recount in a worker (refresh_counts) then finds the same.
        if (where := self._scope_of(article_id)) is not None:
            self.sidebar.add_unread(where, -1 if read else 1)
        self.sidebar.refresh_counts()

    def _scope_of(self, article_id: str) -> Scope | None:
        """The fullest scope naming the article's section, when it is on screen."""
        if self.reader.article is not None and self.reader.article.id == article_id:
            return article_scope(self.reader.article)
        summary = self.articles.highlighted
        if summary is not None and summary.id == article_id:
            return summary_scope(summary)
        return None

    def _current_id(self) -> str | None:
        if self.focused is self.reader and self.reader.article is not None:
            return self.reader.article.id
        summary = self.articles.highlighted
        return summary.id if summary is not None else None

    def change_settings(self, settings: Settings, message: str) -> None:
        """Apply and remember new settings, telling the user what changed."""
        self.settings = settings
        self.reader.apply_settings(settings)
        self._guard_settings(settings)
        self.notify(message, timeout=2)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings = replace(self.settings, theme=theme.name)
            self._guard_settings(self.settings)

    # Panes -------------------------------------------------------------------

    def _panes(self) -> list[Widget]:
        return [self.sidebar, self.articles, self.reader]

    def _show_pane(self, pane: Widget) -> None:
        self._shown_pane = PANE_NAMES[self._panes().index(pane)]
        self._apply_layout()
        pane.focus()

    def _apply_layout(self) -> None:
        """Show and size the panes for the terminal's width and the pane in use.

        Inline styles, set only where they change: a layout change restyles
        nothing else (reader.ui.panes).
        """
        width = self.size.width
        styles = pane_styles(width, self._shown_pane)
        for pane, name in zip(self._panes(), PANE_NAMES, strict=True):
            style, was = styles[name], self._applied.get(name)
            if was is None or style.shown != was.shown:
                pane.styles.display = "block" if style.shown else "none"
            if was is None or style.width != was.width:
                pane.styles.width = style.width
        self._applied = styles
        # The width class changes only when the terminal is resized across a bound.
        classes = set(self.classes) - {"-narrow", "-medium"}
        if (named := width_class(width)) is not None:
            classes.add(named)
        if classes != set(self.classes):
            self.set_classes(classes)
        # Chinese labels are wide: a narrow footer drops its padding so 帮助 and
        # the palette key are not cut off.
        self.query_one(KeyFooter).compact = width < NARROW_WIDTH

    def _focused_pane(self) -> Widget:
        focused = self.focused
        for pane in self._panes():
            if focused is pane:
                return pane
        return self.articles

    # Actions ---------------------------------------------------------------------
    # The names match reader.ui.keys; each acts on the focused pane.

    def action_move(self, delta: int) -> None:
        pane = self._focused_pane()
        if pane is self.sidebar:
            if delta > 0:
                self.sidebar.action_cursor_down()
            else:
                self.sidebar.action_cursor_up()
        elif pane is self.reader:
            self.reader.move(delta)
        else:
            self.articles.move(delta)

    def action_fold(self, expand: int) -> None:
        """Collapse (0) or expand (1) the tree node under the cursor, as file trees do."""
        node = self.sidebar.cursor_node
        if self._focused_pane() is not self.sidebar or node is None:
            return
        if expand:
            if node.allow_expand and not node.is_expanded:
                node.expand()
            elif node.children:
                self.sidebar.move_cursor(node.children[0], animate=False)
        elif node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.sidebar.root:
            self.sidebar.move_cursor(node.parent, animate=False)

    def action_cycle_pane(self, direction: int) -> None:
        panes = self._panes()
        index = panes.index(self._focused_pane())
        self._show_pane(panes[(index + direction) % len(panes)])

    def action_open_reader(self) -> None:
        if self.articles.highlighted is None:
            return
        self._follow(self.articles.highlighted)
        self._mark_read(True, self.articles.highlighted.id)
        self._show_pane(self.reader)

    def action_back(self) -> None:
        pane = self._focused_pane()
        if pane is self.reader and self._from_search:
            # Opened from the results: back to them, query and cursor kept.
            self._from_search = False
            self.reader.clear_matches()
            self.action_search()
        elif pane is self.reader and self.reader.match_lines:
            self.reader.clear_matches()
        elif pane is self.reader:
            self._show_pane(self.articles)
        elif pane is self.articles:
            self._show_pane(self.sidebar)

    def action_page(self, direction: int) -> None:
        if self._focused_pane() is self.sidebar:
            self.sidebar.action_page_down() if direction > 0 else self.sidebar.action_page_up()
            return
        self.reader.page(direction)

    def action_screen(self, direction: int) -> None:
        """PageDown / PageUp: a screenful in the focused pane (the reader stays in its article)."""
        pane = self._focused_pane()
        if pane is self.sidebar:
            self.sidebar.action_page_down() if direction > 0 else self.sidebar.action_page_up()
        elif pane is self.articles:
            self.articles.page(direction)
        else:
            self.reader.page(direction, step_on=False)

    def action_edge(self, end: int) -> None:
        pane = self._focused_pane()
        if pane is self.reader:
            self.reader.scroll_to(y=self.reader.max_scroll_y if end else 0, animate=False)
        elif pane is self.articles:
            self.articles.cursor = self.articles.total - 1 if end else 0
        else:
            self.sidebar.action_scroll_end() if end else self.sidebar.action_scroll_home()

    def _walking_matches(self) -> bool:
        """Whether search matches are shown in the article being read (n/N walk them)."""
        return self._focused_pane() is self.reader and bool(self.reader.match_lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `n` has two bindings (keys.py: next_unread, next_match); this picks the one
        # that applies, so the key does it and the footer names it: 下一处 while
        # matches are shown, 下一篇未读 once they are cleared (the reading pane
        # refreshes the bindings when its matches change; focus changes do too).
        if action == "match":
            return self._walking_matches()
        if action == "unread" and parameters == (1,):
            return not self._walking_matches()
        return True

    def action_match(self, direction: int) -> None:
        """The next (1) or previous (-1) search match in the article being read."""
        jumped = self.reader.jump_match(direction)
        if jumped is not None:
            at, total, wrapped = jumped
            again = ("已回到第一处，" if direction > 0 else "已转到最后一处，") if wrapped else ""
            self.say("match", f"{again}第 {at}/{total} 处")

    def action_unread(self, direction: int) -> None:
        self._step(direction, unread=True)

    def action_article(self, direction: int) -> None:
        """The next or previous article, read or not, across sections and editions."""
        self._step(direction, unread=False)

    def _step(self, direction: int, unread: bool, at_end: bool = False) -> None:
        if self.catalog is None:
            return
        here = self._current_id()
        skip = frozenset(self.read_ids) if unread else frozenset()
        newest = self.settings.newest_first
        self._find(
            partial(step_target, self.catalog, here, direction, skip, newest, unread, at_end)
        )

    @work(thread=True, exclusive=True, group="find", description="_find")
    def _find(self, find: Callable[[], Target]) -> None:
        """Run a catalogue question off the UI thread; post where it lands.

        "Next unread" is one indexed query (SqliteCatalog.step), so an archive
        with nothing unread answers at once, and only the path to the hit is
        opened in the tree. A newer move cancels an older one.
        """
        target = find()
        if not get_current_worker().is_cancelled:
            self.post_message(self.Found(target, keep_pane=True))

    @on(Found)
    def _found(self, event: Found) -> None:
        target = event.target
        if target.notice:
            self.notify(target.notice, timeout=3)
        if target.article_id is None:
            return
        pane = self._focused_pane()
        if self.open_article(target.article_id):
            if target.at_end:
                self.reader.scroll_to(y=self.reader.max_scroll_y, animate=False)
            if pane is self.reader:
                self._mark_read(True, target.article_id)
            self._show_pane(pane)

    # Getting around the paper -----------------------------------------------

    def _paper_here(self) -> str | None:
        article = self.reader.article
        return article.page.paper if article is not None else None

    def action_mark_scope_read(self) -> None:
        """Mark the tree node under the cursor (or the whole list) read; `u` undoes it.

        When the tree shows how many of it are unread and the list lies within
        it, the counts, the list's rows and the notice are drawn at once, in the
        key's frame; the ids to write come after, from a worker, and change
        nothing on screen. Otherwise all of it waits for the ids.
        """
        if self.catalog is None:
            return
        node = self.sidebar.cursor_node
        if self._focused_pane() is self.sidebar and node is not None and node.data is not None:
            scope, name = node.data.scope, node.data.label
        else:
            scope, name = self.articles.scope, "这个列表"
        marking = Marking(scope, name, self.sidebar.unread_shown(scope))
        if marking.unread == 0:
            self.notify(f"{name}：都已读过", timeout=2)
            return
        self._marking = marking
        if marking.unread is not None and marking.covers(self.articles.scope):
            marking.counts = self.sidebar.mark_scope_read(scope, marking.unread)
            self.articles.refresh_flags()  # every row reads as read (RowFlags: _marking)
            self.notify(f"{name}：{marking.unread:,} 篇标为已读（u 撤销）", timeout=4)
            # Read once this frame is drawn: ids found quickly (a paper's 30,000 in
            # 13 ms) would otherwise be taken in before the frame and hold it back.
            self.call_after_refresh(self._ids_unless_undone, self.catalog, marking)
        else:
            self._ids_of(self.catalog, marking)

    def _ids_unless_undone(self, catalog: Catalog, marking: Marking) -> None:
        if marking is self._marking:
            self._ids_of(catalog, marking)

    @work(thread=True, exclusive=True, group="mark", description="_ids_of")
    def _ids_of(self, catalog: Catalog, marking: Marking) -> None:
        ids = scope_ids(catalog, marking.scope)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ScopeRead(marking, ids))

    def _shown_read(self, article_id: str) -> bool:
        marking = self._marking
        if article_id in self.read_ids:
            return True
        return (
            marking is not None
            and marking.counts is not None
            and marking.covers(self.articles.scope)
        )

    @on(ScopeRead)
    def _scope_read(self, event: ScopeRead) -> None:
        marking = event.marking
        if marking is not self._marking:
            return  # undone before its ids came
        self._marking = None
        fresh = [article_id for article_id in event.ids if article_id not in self.read_ids]
        shown = marking.counts is not None
        if not fresh:
            if shown:
                self.sidebar.restore_counts(marking.counts or {})
                self.articles.refresh_flags()
            self.notify(f"{marking.name}：都已读过", timeout=2)
            return
        if shown:
            # Already drawn: the marks are only kept and written (the recount after
            # the write corrects the counts if the tree's were behind).
            self.read_ids.update(fresh)
            if len(fresh) != marking.unread:
                self.notify(f"{marking.name}：{len(fresh):,} 篇标为已读（u 撤销）", timeout=4)
            self._undo.append((fresh, marking.counts or {}))
            self.call_later(self._store_marks, fresh, True)
            return
        # The counts are known at once (the worker's recount then agrees): drawn in
        # the frame that shows the rows read.
        counts = self.sidebar.mark_scope_read(marking.scope, len(fresh))
        self._set_read_many(fresh, True)
        self._undo.append((fresh, counts))
        self.notify(f"{marking.name}：{len(fresh):,} 篇标为已读（u 撤销）", timeout=4)

    def action_undo(self) -> None:
        marking = self._marking
        if marking is not None:
            # Undone before its ids came: nothing was kept or written yet, and the
            # ids are dropped when they come.
            self._marking = None
            if marking.counts is not None:
                self.sidebar.restore_counts(marking.counts)
                self.articles.refresh_flags()
            self.notify(f"已撤销：{marking.name}恢复为未读", timeout=3)
            return
        if not self._undo:
            self.notify("没有可撤销的操作", timeout=2)
            return
        ids, counts = self._undo.pop()
        self.sidebar.restore_counts(counts)
        self._set_read_many(ids, False)
        self.notify(f"已撤销：{len(ids):,} 篇恢复为未读", timeout=3)

    def _set_read_many(self, ids: list[str], read: bool) -> None:
        if read:
            self.read_ids.update(ids)
        else:
            self.read_ids.difference_update(ids)
        self.articles.refresh_flags()
        # Writing tens of thousands of marks and recounting them runs on other
        # threads, which share Python's lock with this one: started once the
        # frame showing the marks is drawn, they do not slow that frame down.
        self.call_after_refresh(self._store_marks, ids, read)

    def _store_marks(self, ids: list[str], read: bool) -> None:
        if self.state is not None:
            self._wait_for_write(self._writer().submit(self._write_marks, self.state, ids, read))
        self.sidebar.refresh_counts()

    def _writer(self) -> ThreadPoolExecutor:
        if self._mark_writer is None:
            self._mark_writer = ThreadPoolExecutor(1, thread_name_prefix="zhpaper-marks")
        return self._mark_writer

    def _write_marks(self, state: ReadingState, ids: list[str], read: bool) -> None:
        # On the writer thread, on a connection of its own: a whole paper's marks
        # take a while to write, and the UI thread goes on with its own writes.
        if self._writer_state is None:
            self._writer_state = state.apart()
        self._writer_state.set_read_many(ids, read)

    @work(thread=True, group="marks", description="_wait_for_write")
    def _wait_for_write(self, written: Future[None]) -> None:
        """Say when a bulk write failed (the marks stay on screen for this session)."""
        try:
            written.result()
        except StateError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=8)

    def action_newest_edition(self) -> None:
        """The newest edition of the paper being read."""
        if self.catalog is not None:
            newest = self.settings.newest_first
            self._find(partial(newest_edition, self.catalog, self._paper_here(), newest))

    def action_go_to_date(self) -> None:
        """Ask for a day (2020-05-31, 5-31, 昨天) and open that edition."""
        from reader.ui.screens.go_to_date import GoToDateScreen

        def chosen(day: dt.date | None) -> None:
            if day is not None and self.catalog is not None:
                newest = self.settings.newest_first
                self._find(partial(edition_on, self.catalog, self._paper_here(), day, newest))

        name = self.install_date_screen()
        screen = self.app.get_screen(name)
        assert isinstance(screen, GoToDateScreen)
        screen.fresh()
        self.app.push_screen(name, chosen)

    def install_date_screen(self) -> str:
        """Install the date box once (kept: built at each d, it cost the key a frame); its name."""
        from reader.ui.screens.go_to_date import GoToDateScreen

        return install_once(self.app, DATE_SCREEN, GoToDateScreen)

    def action_page_step(self, direction: int) -> None:
        """The previous or next page (版) of the edition being read."""
        article = self.reader.article
        if article is not None and self.catalog is not None:
            newest = self.settings.newest_first
            self._find(partial(page_step, self.catalog, article, direction, newest))

    def action_section(self, direction: int) -> None:
        current = self.sidebar.find_scope(self.articles.scope)
        if current is None:
            current = self.sidebar.cursor_node
        if current is None:
            return
        target = self.sidebar.step_leaf(current, direction)
        if target is None or target.data is None:
            self.notify("已是最后一个栏目" if direction > 0 else "已是第一个栏目", timeout=2)
            return
        self.sidebar.select(target)
        self._show_scope(target.data)

    def action_search(self) -> None:
        """Search; the box shows the last query and the list its last place (and focus)."""
        from reader.state.history import load_history, remember, save_history
        from reader.ui.screens.search import SearchChoice, SearchScreen

        def opened(choice: SearchChoice | None) -> None:
            if choice is None:
                return
            self._last_search = (choice.query, choice.cursor, choice.in_list)
            with suppress(OSError):  # history is a convenience: never an error for it
                save_history(remember(load_history(), choice.query))
            if self.open_article(choice.article_id, matches=self._matches_for(choice)):
                self._mark_read(True, choice.article_id)
                self._from_search = True
                self._show_pane(self.reader)

        screen = self._search_screen
        if screen is not None:
            screen.reopen(
                load_history(),
                self.index_building,
                self.settings.fullwidth_punctuation,
                self._display_text(),
            )
        else:
            query, cursor, in_list = self._last_search
            screen = SearchScreen(
                self.search_backend,
                fullwidth_punctuation=self.settings.fullwidth_punctuation,
                display_text=self._display_text(),
                query=query,
                cursor=cursor,
                in_list=in_list,
                history=load_history(),
                partial=self.index_building,
            )
            # Installed, so that closing it keeps it (and its results) for next time.
            self.app.install_screen(screen, name=f"search-{id(self)}")
            self._search_screen = screen
        self.app.push_screen(screen, opened)

    def action_find_in_article(self) -> None:
        """Find words in the article being read: every match highlighted, n/N walk them."""
        from reader.ui.screens.find import FindScreen

        article = self.reader.article
        if article is None:
            self.notify("先打开一篇文章", timeout=2)
            return

        def found(query: str | None) -> None:
            from reader.search.query import parse_query

            if query is None or self.reader.article is not article:
                return
            try:
                parse_query(query)
            except ValueError as error:  # QueryError: its text is the Chinese reason
                self.notify(f"查询有误：{error}", severity="error", markup=False)
                return
            self.reader.clear_matches()
            self._find_in_article(article, query)

        # Kept between uses, as help and the bookmarks are (a removed screen laid the
        # screen out again under a later key: n, N right after the search).
        if self.app.is_screen_installed(FIND_SCREEN):
            screen = self.app.get_screen(FIND_SCREEN)
            assert isinstance(screen, FindScreen)
            screen.start(article.title)
        else:
            self.app.install_screen(FindScreen(article.title), FIND_SCREEN)
        self.app.push_screen(FIND_SCREEN, found)

    @work(thread=True, exclusive=True, group="find", description="_find_in_article")
    def _find_in_article(self, article: Article, query: str) -> None:
        """Search ``article`` off the UI thread; matches are shown as they are found.

        A million-character article takes a while: the reader stays usable and
        highlights each batch of paragraphs as soon as it is searched.
        """
        from reader.search.engine import match_spans

        worker = get_current_worker()
        found = 0
        batch = [(-1, a, b) for a, b in match_spans(article.title, query)]
        searched = 0
        for index, paragraph in enumerate(article.paragraphs):
            if worker.is_cancelled:
                return
            batch.extend((index, a, b) for a, b in match_spans(paragraph, query))
            searched += len(paragraph)
            if batch and searched >= FIND_BATCH_CHARS:
                self.app.call_from_thread(self._found_some, article, batch)
                found += len(batch)
                batch, searched = [], 0
        if batch:
            self.app.call_from_thread(self._found_some, article, batch)
            found += len(batch)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found_all, article, query, found)

    def _found_some(self, article: Article, matches: list[tuple[int, int, int]]) -> None:
        if self.reader.article is article:
            first = not self.reader.match_lines
            self.reader.add_matches(matches)
            if first:
                self._show_pane(self.reader)

    def _found_all(self, article: Article, query: str, found: int) -> None:
        if self.reader.article is not article:
            return
        if found:
            self.notify(f"本文中有 {found:,} 处（n / N 跳转）", timeout=3)
        else:
            self.notify(f"本文中没有“{query}”", timeout=3, markup=False)

    def _matches_in(self, article: Article, query: str) -> list[tuple[int, int, int]] | None:
        """Where ``query`` matches in ``article``: (paragraph, start, end), -1 for the title.

        None when the query is malformed.
        """
        from reader.search.engine import match_spans

        try:
            found = [(-1, a, b) for a, b in match_spans(article.title, query)]
            for index, paragraph in enumerate(article.paragraphs):
                found.extend((index, a, b) for a, b in match_spans(paragraph, query))
        except ValueError:
            return None
        return found

    def _matches_for(self, choice: object) -> list[tuple[int, int, int]]:
        """Where the search query matches in the chosen article: (paragraph, start, end)."""
        article = self.catalog.article(choice.article_id) if self.catalog else None  # type: ignore[attr-defined]
        if article is None:
            return []
        return self._matches_in(article, choice.query) or []  # type: ignore[attr-defined]

    def action_bookmarks(self) -> None:
        """The bookmark list, newest first; the articles are looked up in a worker."""
        if self.catalog is None:
            return
        order = self.state.bookmarks() if self.state is not None else sorted(self.bookmarked)
        # 简繁, as the list shows them
        self._list_bookmarks(self.catalog, list(reversed(order)), self._display_text())

    @work(thread=True, exclusive=True, group="bookmarks", description="_list_bookmarks")
    def _list_bookmarks(
        self, catalog: Catalog, ids: list[str], display: Callable[[str], str]
    ) -> None:
        # Each bookmark names its paper and date (where_forms): a whole article read
        # per bookmark, which a long list of them makes slow.
        worker = get_current_worker()
        titles = []
        for article_id in ids:
            if worker.is_cancelled:
                return
            article = catalog.article(article_id)
            if article is not None:
                where = display(where_forms(article.page, article.section)[0])
                titles.append((article_id, display(article.title) or "（无标题）", where))
        self.app.call_from_thread(self._show_bookmarks, titles)

    def _show_bookmarks(self, titles: list[tuple[str, str, str]]) -> None:
        from reader.ui.screens.bookmarks import BookmarksScreen

        def opened(article_id: str | None) -> None:
            if article_id is not None and self.open_article(article_id):
                self._show_pane(self.reader)

        name = self.install_bookmarks_screen()
        screen = self.app.get_screen(name)
        assert isinstance(screen, BookmarksScreen)
        screen.show(titles)
        self.app.push_screen(name, opened)

    def install_bookmarks_screen(self) -> str:
        """Install the bookmark list once (it is kept, filled at each B); its name."""
        from reader.ui.screens.bookmarks import BookmarksScreen

        return install_once(self.app, BOOKMARKS_SCREEN, partial(BookmarksScreen, []))

    # Fetching (r) ------------------------------------------------------------

    def action_fetch(self) -> None:
        """Fetch every subscription into the library in a worker."""
        if any(w.group == "fetch" and not w.is_finished for w in self.workers):
            self.notify("正在取新文章…", timeout=3)
            return
        self.show_status("正在取新文章…")
        self._fetch()

    @work(thread=True, exclusive=True, group="fetch", description="_fetch")
    def _fetch(self) -> None:
        from reader.cli.fetch import make_client
        from reader.errors import UserError
        from reader.fetch.subscriptions import load_subscriptions
        from reader.fetch.update import update_subscriptions
        from reader.state.paths import library_dir

        worker = get_current_worker()

        def progress(message: str) -> None:
            if not worker.is_cancelled:
                self.post_message(self.FetchProgress(f"正在取新文章：{message}"))

        try:
            subscriptions = load_subscriptions()
            if not subscriptions:
                raise UserError("还没有订阅：在命令行用 zhpaper subscribe URL 添加")
            with make_client() as client:
                outcomes = update_subscriptions(
                    subscriptions,
                    library_dir(),
                    client,
                    progress=progress,
                    should_stop=lambda: worker.is_cancelled,
                )
        except UserError as error:
            if not worker.is_cancelled:
                self.post_message(self.Fetched([], [], str(error)))
            return
        new = [article_id for o in outcomes for article_id in o.written.new]
        failures = [str(f) for o in outcomes for f in o.failures]
        if not worker.is_cancelled:
            self.post_message(self.Fetched(new, failures, None))

    def on_main_screen_fetch_progress(self, message: FetchProgress) -> None:
        self.show_status(message.text)

    def on_main_screen_fetched(self, message: Fetched) -> None:
        from reader.state.paths import library_dir

        self.hide_progress()
        if message.error is not None:
            self.notify(message.error, severity="error", timeout=10)
            return
        failures = message.failures
        for failure in failures[:3]:
            self.notify(failure, severity="warning", timeout=10)
        if len(failures) > 3:
            self.notify(f"另有 {len(failures) - 3} 项未能取得", severity="warning", timeout=10)
        if not message.new:
            self.notify("没有新文章", timeout=5)
            return
        library = library_dir()
        if self.content_dir.resolve() != library.resolve():
            self.notify(
                f"取得 {len(message.new):,} 篇新文章，存入文库 {library}（zhpaper 不带 --content 即打开文库）",
                timeout=10,
            )
            return
        self.new_ids.update(message.new)
        self.notify(f"取得 {len(message.new):,} 篇新文章（标“新”）", timeout=8)
        if self._opened is not None and self._opened.sync is not None:
            self._sync(self._opened, first=False)  # reloads, keeping the reader's place
        else:
            self.reload()

    def action_toggle_read(self) -> None:
        article_id = self._current_id()
        if article_id is not None:
            now_read = article_id not in self.read_ids
            self._mark_read(now_read, article_id)
            self.notify("已读" if now_read else "标为未读", timeout=1.5)

    def action_toggle_bookmark(self) -> None:
        article_id = self._current_id()
        if article_id is None:
            return
        on = article_id not in self.bookmarked
        if on:
            self.bookmarked.add(article_id)
        else:
            self.bookmarked.discard(article_id)
        if self.state is not None:
            self._guard(lambda: self.state.set_bookmark(article_id, on))  # type: ignore[union-attr]
        self.articles.refresh_flags()
        self._title_reader()  # the star, in this frame
        self.notify("已加书签" if on else "已删书签", timeout=1.5)

    def action_measure(self, direction: int) -> None:
        settings = self.settings.with_measure(self.settings.measure + 2 * direction)
        if settings != self.settings:
            self.settings = settings
            self.reader.apply_settings(settings)
            self._guard_settings(settings)
        # Say what is on screen: the pane may hold fewer than the setting asks for.
        shown = self.reader.measure_cells // 2
        message = f"每行 {shown} 字"
        if shown < settings.measure:
            message += f"（设定 {settings.measure} 字，窗口只容得下 {shown} 字）"
        elif settings.measure in (MIN_MEASURE, MAX_MEASURE) and direction:
            message += "（已到极限）"
        self.say("measure", message)

    def action_toggle_setting(self, name: str) -> None:
        settings = self.settings.toggled(name)
        if name == "ambiguous_wide":
            self._set_ambiguous_wide(settings.ambiguous_wide)
        label = {
            "fullwidth_punctuation": "全角标点",
            "indent": "首行缩进",
            "paragraph_spacing": "段间空行",
            "ambiguous_wide": "引号破折号按双宽",
        }[name]
        self.change_settings(settings, f"{label}：{'开' if getattr(settings, name) else '关'}")
        if name == "ambiguous_wide":
            # The screen is laid out and drawn again whole (_set_ambiguous_wide): the
            # panes' own redraws would only make a second frame after that one.
            drop_widget_refreshes(self.app)

    def _set_ambiguous_wide(self, wide: bool) -> None:
        # Switches the cell measure of the whole process (rich, so Textual too), so
        # that every pane agrees with a terminal drawing “ ” — … two cells wide.
        if not set_ambiguous_wide(wide):
            self.notify("无法切换整个界面的字宽，只调整正文排版", severity="warning")
        self.articles.refresh_flags()
        self.sidebar.refresh_counts()
        self.app.refresh(layout=True)

    def action_toggle_order(self) -> None:
        """Newest or oldest edition first, in the tree and every list (remembered)."""
        settings = self.settings.toggled("newest_first")
        self.sidebar.newest_first = self.articles.newest_first = settings.newest_first
        self.change_settings(settings, "从新到旧" if settings.newest_first else "从旧到新")
        self.reload()

    def action_next_theme(self, direction: int = 1) -> None:
        """The next (or previous: T) colour theme, named in a notice."""
        names = sorted(self.app.available_themes)
        current = self.app.theme
        at = names.index(current) if current in names else -direction
        following = names[(at + direction) % len(names)]
        self.app.theme = following
        self.say("theme", f"主题：{following}（{names.index(following) + 1}/{len(names)}）")

    def action_skipped_files(self) -> None:
        from reader.ui.screens.problems import ProblemsScreen

        problems = self.problems
        if not problems:
            self.notify("所有内容文件都已读取，没有跳过的文件", timeout=3)
            return
        self.app.push_screen(ProblemsScreen(problems))

    def install_help(self) -> str:
        """Install the help screen once (it is kept); its name."""
        from reader.ui.screens.help import HelpScreen

        # Kept: the key table (a Rich table of ~50 rows) is laid out again only
        # when the window's size changes, not at every `?`.
        return install_once(self.app, HELP_SCREEN, partial(HelpScreen, self.keymap))

    def action_help(self) -> None:
        self.app.push_screen(self.install_help())
