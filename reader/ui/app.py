"""The zhpaper reader application."""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.contracts import CatalogOpener, OpenedCatalog, SearchBackend, SyncOutcome
from reader.state import ReadingState, StateError, load_keymap, load_settings
from reader.store.loader import problem_counts
from reader.typeset.terminal import set_ambiguous_wide
from reader.ui.keys import unknown_ids
from reader.ui.palette import FoldedCommands, open_palette, palette_commands
from reader.ui.private import keep_wide_characters_under_overlays, replace_notice
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList

#: Benchmark hook (bench/run.py): when set, the app writes ``{"ready_at": time,
#: "max_rss_mb": peak RSS}`` as JSON to this path once the article list has drawn
#: its first rows of real summaries, then exits.
BENCH_READY_ENV = "ZHPAPER_BENCH_READY_FILE"


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM first: ``ru_maxrss`` survives exec, so a process started by a
    big parent (the benchmark) would report the parent's peak, not its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def problems_notice(problems: Sequence[str]) -> str:
    """The start-up notice: files that could not be read, and articles kept under a new id.

    Only unreadable files are skipped; an article whose id another file took is
    shown under a derived id (reader.store.loader), so it is counted apart.
    """
    files, articles = problem_counts(problems)
    parts = [f"{files:,} 个文件未能读取"] if files else []
    if articles:
        parts.append(f"{articles:,} 篇文章编号重复，已改用新编号显示")
    return "，".join(parts) + "（按 ! 查看）"


class ReaderApp(App[None], inherit_bindings=False):
    """Sidebar, article list and reading pane over one content directory."""

    TITLE = "zhpaper"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {FoldedCommands}
    # Textual's own ctrl+q quit is a hidden priority binding: it would take the
    # footer's place from a quit the user rebound to ctrl+q (keymap.toml), so it
    # is ours, and stands aside on the main screen when the user's quit is ctrl+q.
    # Textual adds its own palette binding labelled "palette" when the app has
    # none; this one gives the footer's corner a Chinese label.
    BINDINGS = [
        Binding("ctrl+q", "quit_anywhere", "退出", show=False, priority=True, tooltip="退出"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding(
            "ctrl+p", "command_palette", "命令", show=False, priority=True, tooltip="打开命令面板"
        ),
    ]

    class Opened(Message):
        """The catalogue is ready (posted from the loading worker)."""

        def __init__(self, opened: OpenedCatalog) -> None:
            super().__init__()
            self.opened = opened

    def __init__(
        self,
        content_dir: Path,
        open_catalog: CatalogOpener,
        search_backend: SearchBackend | None = None,
    ) -> None:
        # Notices over a pane border must not lose the wide characters astride it.
        keep_wide_characters_under_overlays()
        super().__init__()
        self.content_dir = content_dir
        self.open_catalog = open_catalog
        self.search_backend = search_backend
        self.keymap, self._keymap_problems = load_keymap()
        self._notices: list[str] = list(self._keymap_problems)
        unknown = unknown_ids(self.keymap)
        if unknown:
            self._notices.append(
                "keymap.toml 里有不认识的按键 id（unknown binding id）：" + ", ".join(unknown)
            )
        self.settings, notice = load_settings()
        if notice:
            self._notices.append(notice)
        if self.settings.ambiguous_wide and not set_ambiguous_wide(True):
            self._notices.append("无法把整个界面的 “ ” — … 按双宽计算，只调整正文排版")
        self.set_keymap(self.keymap)
        self._said: Notification | None = None
        #: The first index build is running: search results are partial until it ends.
        self.index_building = False
        self._pending_sync: OpenedCatalog | None = None
        self._opened: OpenedCatalog | None = None
        self._bench_reported = False

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify as plain text, always: messages here carry file names and content."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def action_quit_anywhere(self) -> None:
        """ctrl+q quits from any screen, as in every Textual app."""
        await self.action_quit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_anywhere" and self.screen is self.screen_stack[0]:
            # The user's own quit binding is ctrl+q: that one is shown in the footer.
            quit_keys = self.keymap.get("quit", "")
            return "ctrl+q" not in {key.strip().lower() for key in quit_keys.split(",")}
        return True

    def action_help_quit(self) -> None:
        """ctrl+c: say (in Chinese, no raw markup) which key quits, as the user bound it."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                message = f"按 {self.get_key_display(active.binding)} 退出 zhpaper"
                self._said = replace_notice(self, self._said, message, 4)
                return

    def get_default_screen(self) -> Screen:
        return MainScreen(
            self.content_dir,
            self.settings,
            keymap=self.keymap,
            search_backend=self.search_backend,
        )

    @property
    def main_screen(self) -> MainScreen:
        return self.get_screen_stack_base()

    def get_screen_stack_base(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10)
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        # Opening an index (or loading a directory) takes a while: never on the main thread.
        opened = self.open_catalog(self.content_dir)
        self.post_message(self.Opened(opened))

    def on_reader_app_opened(self, message: Opened) -> None:
        opened = message.opened
        if opened.notice:
            self.notify(opened.notice, severity="warning", timeout=10)
        if opened.watch_damage is not None:
            opened.watch_damage(partial(self._damage_reported, opened))
        if opened.sync is not None and not opened.ready:
            # No finished index yet: build it (resuming an interrupted build) with
            # progress on screen; the app stays usable (quit works) meanwhile.
            self.main_screen.show_progress(0, 0)
            self.index_building = True
            self._sync(opened, first=True)
            return
        if opened.sync is not None:
            # Let the first screen draw before scanning the archive: the scan is
            # Python work that would compete with it for the interpreter. (Set
            # before showing: damage met while showing replaces it with a rebuild.)
            self._pending_sync = opened
            self.set_timer(1.0, self._start_background_sync)
        self._show(opened)

    def _damage_reported(self, opened: OpenedCatalog, reason: str) -> None:
        try:
            self.call_from_thread(self._rebuild_damaged, opened, reason)
        except RuntimeError:  # already on the app's thread
            self._rebuild_damaged(opened, reason)

    def _rebuild_damaged(self, opened: OpenedCatalog, reason: str) -> None:
        """The index is damaged: say so and rebuild it with progress (replacing any sync)."""
        self.notify(f"搜索索引已损坏（{reason}），正在移开并重建", severity="error", timeout=10)
        self._pending_sync = None
        self.main_screen.show_progress(0, 0)
        self.index_building = True
        self._sync(opened, first=True)

    def _start_background_sync(self) -> None:
        opened, self._pending_sync = self._pending_sync, None
        if opened is not None:
            self._sync(opened, first=False)

    def on_article_list_first_rows_drawn(self, message: ArticleList.FirstRowsDrawn) -> None:
        """The first screen is up: start the background sync, or report to the benchmark."""
        path = os.environ.get(BENCH_READY_ENV)
        if not path:
            self._start_background_sync()
        elif not self._bench_reported:
            self._bench_reported = True
            rss_mb = peak_rss_mb()
            Path(path).write_text(json.dumps({"ready_at": time.time(), "max_rss_mb": rss_mb}))
            self.exit()

    @work(thread=True, exclusive=True, group="sync")
    def _sync(self, opened: OpenedCatalog, first: bool) -> None:
        assert opened.sync is not None
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if first and not worker.is_cancelled:
                self.call_from_thread(self.main_screen.show_progress, done, total)

        try:
            outcome = opened.sync(progress, lambda: worker.is_cancelled)
        except (sqlite3.Error, OSError) as error:
            # Another reader holds the index, the disk is full …: say so, show what there is.
            if worker.is_cancelled:
                return
            if first and opened.from_files is not None:
                # No finished index to show: read the files instead.
                self.post_message(self.Opened(opened.from_files(error)))
                self.call_from_thread(self.main_screen.hide_progress)
                return
            self.call_from_thread(self._sync_failed, opened, first, str(error))
            return
        if not outcome.cancelled and not worker.is_cancelled:
            self.call_from_thread(self._synced, opened, outcome, first)

    def _build_ended(self) -> None:
        """The first build is over: a search screen showing partial results searches again."""
        self.index_building = False
        from reader.ui.screens.search import SearchScreen

        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_built()

    def _sync_failed(self, opened: OpenedCatalog, first: bool, reason: str) -> None:
        if first:
            self._build_ended()
        self.notify(f"索引未能更新：{reason}", severity="error", timeout=10)
        if first:
            self.main_screen.hide_progress()
            self._show(opened)

    def _synced(self, opened: OpenedCatalog, outcome: SyncOutcome, first: bool) -> None:
        if first:
            self._build_ended()
            self.main_screen.hide_progress()
            self._show(replace(opened, problems=outcome.problems))
            return
        self._set_problems(outcome.problems)
        if outcome.changed:
            self.main_screen.reload()

    def _set_problems(self, problems: Sequence[str]) -> None:
        """Keep the content problems for ``!``; say so when they are new."""
        main = self.main_screen
        if problems and list(problems) != main.problems:
            self.notify(problems_notice(problems), severity="warning", timeout=10)
        main.problems = list(problems)

    def _show(self, opened: OpenedCatalog) -> None:
        state: ReadingState | None
        try:
            state = ReadingState(self.content_dir)
        except StateError as error:
            state = None
            self.notify(f"{error} — 已读标记和书签将不会保存", severity="error", timeout=10)
        if state is not None and state.notice:
            self.notify(state.notice, severity="warning", timeout=10)
        self._set_problems(opened.problems)
        self._opened = opened
        self.main_screen.start(opened.catalog, state, self.settings)

    # Fetching (r) ------------------------------------------------------------

    def on_main_screen_fetch_requested(self, message: MainScreen.FetchRequested) -> None:
        """Fetch every subscription into the library in a worker (``r``)."""
        if any(w.group == "fetch" and not w.is_finished for w in self.workers):
            self.notify("正在取新文章…", timeout=3)
            return
        self.main_screen.show_status("正在取新文章…")
        self._fetch()

    @work(thread=True, exclusive=True, group="fetch")
    def _fetch(self) -> None:
        from reader.cli.fetch import make_client
        from reader.errors import UserError
        from reader.fetch.subscriptions import load_subscriptions
        from reader.fetch.update import update_subscriptions
        from reader.state.paths import library_dir

        worker = get_current_worker()

        def progress(message: str) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(self.main_screen.show_status, f"正在取新文章：{message}")

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
                self.call_from_thread(self._fetched, [], [], str(error))
            return
        new = [article_id for o in outcomes for article_id in o.written.new]
        failures = [str(f) for o in outcomes for f in o.failures]
        if not worker.is_cancelled:
            self.call_from_thread(self._fetched, new, failures, None)

    def _fetched(self, new: list[str], failures: list[str], error: str | None) -> None:
        from reader.state.paths import library_dir

        self.main_screen.hide_progress()
        if error is not None:
            self.notify(error, severity="error", timeout=10)
            return
        for failure in failures[:3]:
            self.notify(failure, severity="warning", timeout=10)
        if len(failures) > 3:
            self.notify(f"另有 {len(failures) - 3} 项未能取得", severity="warning", timeout=10)
        if not new:
            self.notify("没有新文章", timeout=5)
            return
        library = library_dir()
        if self.content_dir.resolve() != library.resolve():
            self.notify(
                f"取得 {len(new):,} 篇新文章，存入文库 {library}（zhpaper 不带 --content 即打开文库）",
                timeout=10,
            )
            return
        self.main_screen.new_ids.update(new)
        self.notify(f"取得 {len(new):,} 篇新文章（标“新”）", timeout=8)
        if self._opened is not None and self._opened.sync is not None:
            self._sync(self._opened, first=False)  # reloads, keeping the reader's place
        else:
            self.main_screen.reload()

    def action_command_palette(self) -> None:
        """Textual's palette, with a Chinese placeholder."""
        open_palette(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from palette_commands(
            self, super().get_system_commands(screen), self.keymap, self.main_screen.run_action
        )
