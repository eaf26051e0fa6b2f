"""The main screen's share-and-display commands: w, y, Y (share and open) and F (简繁).

:class:`SharingScreen` is the base of :class:`reader.ui.screens.main.MainScreen`,
which owns the panes and settings these commands read; kept apart so the main
screen stays about getting around the paper. Also here, for both: ``say`` (a
notice replacing its predecessor) and ``_guard_settings`` (saving settings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache, partial

from textual import work
from textual.notifications import Notification
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.model import Article
from reader.state import Settings, save_settings
from reader.store.plaintext import article_as_text, citation_line
from reader.typeset.script import convert, converter_ready, has_traditional, load_converter
from reader.ui.share import open_in_browser, over_ssh, web_address
from reader.ui.text import elide, visible
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.sidebar import Sidebar

#: Fewer cells than this for Y's notice in the footer (a narrow window): said whole, as a toast.
MIN_CITATION_SHOWN = 24


class SharingScreen(Screen[None]):
    """Copying, opening and the display script of the article being read."""

    # Set by MainScreen.__init__.
    reader: ReadingPane
    articles: ArticleList
    sidebar: Sidebar
    settings: Settings
    _said: dict[str, Notification]

    def say(self, key: str, message: str, timeout: float = 2) -> None:
        """A notice replacing the previous one of the same ``key`` (+ + +, n n n, t t t)."""
        self._said[key] = self.app.say_once(self._said.get(key), message, timeout)  # type: ignore[attr-defined]

    def _guard_settings(self, settings: Settings) -> None:
        try:
            save_settings(settings)
        except OSError as error:
            self.notify(f"无法保存设置：{error.strerror or error}", severity="error")

    def _title_list(self) -> None:
        """Fit the article list's title again (MainScreen names the list's scope)."""

    def _article_to_share(self) -> Article | None:
        if self.reader.article is None:
            self.notify("先选择一篇文章", timeout=2)
        return self.reader.article

    def action_copy_article(self) -> None:
        """Copy the article as text, its citation line first (y). OSC 52: the terminal's clipboard."""
        if (article := self._article_to_share()) is not None:
            self.app.copy_to_clipboard(article_as_text(article, cite=True))
            self.say("copy", f"已复制全文（{article.char_count:,} 字）")

    def action_copy_citation(self) -> None:
        """Copy the citation line alone (Y): 标题 · 报纸 · 日期 · 第N版."""
        if (article := self._article_to_share()) is not None:
            citation = citation_line(article)
            if not citation:
                self.notify("这篇文章没有标题、报名和日期，无从引用", timeout=3)
                return
            self.app.copy_to_clipboard(citation)
            # Said in the footer, cut to fit if long: a toast takes three frames.
            footer = next(iter(self.query(KeyFooter)), None)
            said = f"已复制引用：{citation}"
            if footer is not None and footer.notice_room() >= MIN_CITATION_SHOWN:
                said = elide(said, footer.notice_room())
            self.say("copy", said)

    def action_open_url(self) -> None:
        """Open the article's url in a browser (w); over SSH show and copy it instead."""
        if (article := self._article_to_share()) is None:
            return
        url = (article.url or "").strip()
        if not url:
            self.notify("这篇文章没有网址", timeout=2)
        elif not web_address(url):
            self._show_url(url, "这不是 http(s) 网址，不会自动打开")
        elif over_ssh():
            self._show_url(url, "通过 SSH 连接时，浏览器会在远端的机器上打开")
        else:
            self.say("open", "正在打开浏览器…")
            self._open_url(url)

    @work(thread=True, exclusive=True, group="browser", description="_open_url")
    def _open_url(self, url: str) -> None:
        why_not = open_in_browser(url)  # webbrowser probes the system: never on the UI thread
        self.app.call_from_thread(self._opened_url, url, why_not)

    def _opened_url(self, url: str, why_not: str | None) -> None:
        if why_not is None:
            self.say("open", "已在浏览器中打开")
        else:
            self.say("open", "网址已复制到剪贴板")  # in place of 正在打开浏览器…
            self._show_url(url, why_not)

    def _show_url(self, url: str, why_not: str) -> None:
        from reader.ui.screens.url import UrlScreen

        self.app.copy_to_clipboard(visible(url))  # a pasted control character would act
        self.app.push_screen(UrlScreen(url, why_not))

    def _display_text(self) -> Callable[[str], str]:
        """How names and titles are shown: in the display script once its converter is ready."""
        script = self.settings.script
        if script == "original" or not converter_ready(script):
            return str
        return _converting(script)

    def action_toggle_script(self) -> None:
        """简繁 (F): a simplified article in traditional, a traditional one in simplified; again: as printed."""
        if self.settings.script != "original":
            self._use_script("original")
            return
        article = self.reader.article
        sample = (article.title + "".join(article.paragraphs[:3]))[:2000] if article else ""
        if converter_ready("simplified"):
            # Both tests are quick once the dictionaries are loaded: no worker to wait for.
            script = "simplified" if has_traditional(sample) else "traditional"
            if converter_ready(script):
                self._use_script(script)
                return
        self._choose_script(sample)

    @work(thread=True, exclusive=True, group="script", description="_choose_script")
    def _choose_script(self, sample: str) -> None:
        # OpenCC builds each converter in ~50-100 ms the first time: off the UI thread.
        script = "simplified" if has_traditional(sample) else "traditional"
        load_converter(script)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._use_script, script)

    @work(thread=True, exclusive=True, group="script", description="_load_script")
    def _load_script(self, script: str) -> None:
        load_converter(script)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._script_loaded)

    def _script_loaded(self) -> None:
        self.reader.reconvert()
        self._show_names()

    def _show_names(self) -> None:
        """The list, tree and headers in the display script (the reader sets its own text)."""
        display = self._display_text()
        self.articles.set_display(display)
        self.sidebar.set_display(display)
        self._title_list()
        self.post_message(ReadingPane.Moved())

    def _use_script(self, script: str) -> None:
        names = {"traditional": "显示繁体", "simplified": "显示简体", "original": "按原文显示"}
        self.settings = replace(self.settings, script=script)
        self.reader.apply_settings(self.settings)
        self._guard_settings(self.settings)
        self._show_names()  # apply_settings has set the article in the script
        again = "（再按 F 恢复原文）" if script != "original" else ""
        self.say("script", f"简繁：{names[script]}{again}")


@cache
def _converting(script: str) -> Callable[[str], str]:
    """One display function per script, so a list told the same one again keeps its rows."""
    return partial(convert, script=script)
