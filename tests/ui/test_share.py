"""Share and open: the source line, y / Y (clipboard), w (browser or shown url), F (简繁)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from unittest.mock import patch

import pytest
from rich.cells import cell_len
from textual_private import notifications
from ui_fixtures import FIRST, URL, pages_with, settle, shared_catalog, started

from reader.state import load_settings
from reader.store.memory import MemoryCatalog
from reader.store.plaintext import article_as_text
from reader.typeset.script import load_converter
from reader.ui.screens.main import MainScreen
from reader.ui.screens.url import UrlScreen
from reader.ui.text import elide
from reader.ui.widgets.key_footer import KeyFooter

SIZE = (120, 40)


def shown_text(screen: MainScreen) -> list[str]:
    """Every line of the reading pane as drawn (all of them, not just the visible ones)."""
    reader = screen.reader
    width = reader.scrollable_content_region.width
    return [reader._draw(i, width).text.strip() for i in range(reader.virtual_size.height)]


async def test_source_line_closes_the_article_within_the_pane(make_app) -> None:
    app = make_app(shared_catalog())
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter")
        lines = shown_text(screen)
        at = lines.index("来源：新华社")
        # Below the body, after a blank line; the long url folds, nothing is lost or widened.
        assert lines[at - 1] == "" and lines[at - 2].endswith("（第12段）")
        url_lines = [line for line in lines[at + 1 :] if line]
        assert len(url_lines) > 1 and "".join(url_lines) == URL
        width = screen.reader.scrollable_content_region.width
        assert all(len(line.text) <= width for line in screen.reader.lines)


async def test_an_article_without_source_has_no_source_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert not [line for line in screen.reader.lines if line.role == "source"]


async def test_y_copies_the_article_with_its_citation(make_app) -> None:
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        article = screen.reader.article
        assert article is not None and article.id == FIRST
        await pilot.press("y")
        text = app.clipboard
        assert text == article_as_text(article, cite=True)
        first, *rest = text.splitlines()
        assert first == "多举措提振干部干事创业精气神（1） · 内蒙古日报 · 2024年3月2日 · 第1版"
        assert rest[-2:] == ["来源：新华社", URL]
        assert f"已复制全文（{article.char_count:,} 字）" in notifications(app)


async def test_Y_copies_the_citation_alone(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:  # wide: the notice says it whole
        await started(app, pilot)
        await pilot.press("Y")
        citation = "多举措提振干部干事创业精气神（1） · 内蒙古日报 · 2024年3月2日 · 第1版"
        assert app.clipboard == citation
        assert f"已复制引用：{citation}" in notifications(app)


async def test_a_long_citation_is_said_cut_to_fit_the_footer(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(app, pilot)
        footer = screen.query_one(KeyFooter)
        await pilot.press("Y")
        citation = "多举措提振干部干事创业精气神（1） · 内蒙古日报 · 2024年3月2日 · 第1版"
        assert app.clipboard == citation  # whole
        said = f"已复制引用：{citation}"
        assert cell_len(said) > footer.notice_room()
        assert notifications(app) == [elide(said, footer.notice_room())]
        assert not app._notifications  # in the footer, not a toast
        assert elide(said, footer.notice_room()) in footer.render_line(0).text


async def test_copied_titles_are_data_not_markup(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        # The hostile title: markup and an escape sequence (first edition, second row).
        assert screen.open_article("2024-03-01-1-02")
        await pilot.pause()
        await pilot.press("Y")
        assert app.clipboard.startswith("[bold]标记[/bold]不应解析␛]2;pwned␇ · 内蒙古日报")
        assert any("[bold]标记[/bold]" in notice for notice in notifications(app))


class _Recorder:
    def __init__(self) -> None:
        self.opened: list[str] = []
        self.asked = 0


@pytest.fixture
def browsers(monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    """webbrowser, patched at its boundary: what get() returns and what was opened."""
    record = _Recorder()
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)

    def opened(
        self: webbrowser.BaseBrowser, url: str, new: int = 0, autoraise: bool = True
    ) -> bool:
        record.opened.append(url)
        return True

    # Never start a real browser, whatever get() returns.
    monkeypatch.setattr(webbrowser.GenericBrowser, "open", opened)
    monkeypatch.setattr(webbrowser.BackgroundBrowser, "open", opened)
    return record


async def press_w(app, pilot) -> None:
    """Start, press w and wait for its worker (the browser is asked off the UI thread)."""
    await started(app, pilot)
    await pilot.press("w")
    await settle(app, pilot)


def _get_returns(
    monkeypatch: pytest.MonkeyPatch, record: _Recorder, browser: webbrowser.BaseBrowser | None
) -> None:
    def get(using: str | None = None) -> webbrowser.BaseBrowser:
        record.asked += 1
        if browser is None:
            raise webbrowser.Error("could not locate runnable browser")
        return browser

    monkeypatch.setattr(webbrowser, "get", get)


def _launcher(tmp_path: Path, status: int = 0) -> tuple[webbrowser.BackgroundBrowser, Path]:
    """A browser command (as xdg-open is) that notes its url, chatters on stderr and exits."""
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(
        f'#!/bin/sh\nprintf %s "$1" > {log}\necho "Gtk-Message: chatter" >&2\nexit {status}\n'
    )
    script.chmod(0o755)
    return webbrowser.BackgroundBrowser([str(script), "%s"]), log


async def test_w_opens_the_url_with_the_browser_command(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser, log = _launcher(tmp_path)
    _get_returns(monkeypatch, browsers, browser)
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        # Started by the reader itself (output discarded), not by webbrowser's open().
        assert log.read_text() == URL and browsers.opened == []
        assert "已在浏览器中打开" in notifications(app)
        assert not isinstance(app.screen, UrlScreen) and app.clipboard == ""


async def test_a_browser_command_that_fails_shows_the_url(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    browser, log = _launcher(tmp_path, status=3)
    _get_returns(monkeypatch, browsers, browser)
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert log.read_text() == URL
        assert isinstance(app.screen, UrlScreen) and app.screen.reason == "浏览器没有打开"
        assert app.clipboard == URL


class _RemoteBrowser(webbrowser.BaseBrowser):
    """A browser webbrowser drives itself (macOS, Firefox's remote control …)."""

    def __init__(self, record: _Recorder) -> None:
        super().__init__("remote")
        self.record = record

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.record.opened.append(url)
        return True


async def test_w_opens_other_browsers_through_webbrowser(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _get_returns(monkeypatch, browsers, _RemoteBrowser(browsers))
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert browsers.opened == [URL]
        assert "已在浏览器中打开" in notifications(app)


@pytest.mark.parametrize(
    "browser",
    [webbrowser.GenericBrowser("w3m"), webbrowser.GenericBrowser("/usr/bin/lynx"), None],
    ids=["w3m", "lynx", "none"],
)
async def test_w_shows_and_copies_the_url_when_no_browser_can_open_here(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch, browser
) -> None:
    # A text browser would run in this terminal, over the reader: never started.
    _get_returns(monkeypatch, browsers, browser)
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert browsers.asked == 1 and browsers.opened == []
        assert isinstance(app.screen, UrlScreen) and app.screen.url == URL
        assert app.clipboard == URL
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_w_over_ssh_shows_and_copies_without_asking_for_a_browser(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _get_returns(monkeypatch, browsers, webbrowser.BackgroundBrowser("firefox"))
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = make_app(shared_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert browsers.asked == 0 and browsers.opened == []
        assert isinstance(app.screen, UrlScreen) and "SSH" in app.screen.reason
        assert app.clipboard == URL


async def test_w_without_url_says_so(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _get_returns(monkeypatch, browsers, webbrowser.BackgroundBrowser("firefox"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert "这篇文章没有网址" in notifications(app)
        assert browsers.asked == 0 and app.clipboard == ""


# 简繁 ------------------------------------------------------------------------


async def test_F_shows_a_simplified_article_in_traditional_and_back(
    make_app, private_dirs: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        stored = screen.reader.article
        assert stored is not None
        await pilot.press("F")
        await settle(app, pilot)
        shown = screen.reader.shown
        assert shown is not None and shown.title == "多舉措提振幹部幹事創業精氣神（1）"
        assert shown.page.paper == "內蒙古日報" and "幹部" in shown.paragraphs[0]
        # Display only: the stored article (and what y copies) is as printed.
        assert screen.reader.article is stored and stored.title.startswith("多举措")
        assert screen.catalog is not None
        assert screen.catalog.article(stored.id) == stored
        # Headline and body, the list rows and the headers convert.
        drawn = "\n".join(shown_text(screen))
        assert "多舉措提振幹部幹事創業精氣神（1）" in drawn and "幹部" in drawn
        assert "多舉措提振幹部" in screen.articles.render_line(0).text
        # Both headers alike (週六 too: the list's title and the reader's are one naming).
        assert "週六 · 第1版 要聞 · 時政" in str(screen.reader.border_title)
        assert "週六 · 第1版 要聞 · 時政" in str(screen.articles.border_title)
        assert [node.label.plain for node in screen.sidebar.root.children] == ["內蒙古日報"]
        assert "简繁：显示繁体（再按 F 恢复原文）" in notifications(app)
        assert load_settings()[0].script == "traditional"
        await pilot.press("y")
        assert "多举措提振干部" in app.clipboard
        await pilot.press("F")
        await settle(app, pilot)
        assert screen.reader.shown is stored
        assert "多举措提振干部" in screen.articles.render_line(0).text
        assert [node.label.plain for node in screen.sidebar.root.children] == ["内蒙古日报"]
        assert load_settings()[0].script == "original"


async def test_F_is_remembered_and_applied_at_start(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await started(again, pilot)
        await settle(again, pilot)
        assert screen.settings.script == "traditional"
        assert screen.reader.shown is not None
        assert screen.reader.shown.title == "多舉措提振幹部幹事創業精氣神（1）"
        assert "多舉措提振幹部" in screen.articles.render_line(0).text


async def test_F_shows_a_traditional_article_in_simplified(make_app) -> None:
    catalog = MemoryCatalog(
        pages_with(
            FIRST, title="總統發表國慶談話", paragraphs=("總統今天發表談話，強調兩岸關係。",)
        )
    )
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        assert screen.settings.script == "simplified"
        assert screen.reader.shown is not None
        assert screen.reader.shown.title == "总统发表国庆谈话"
        assert screen.reader.shown.paragraphs == ("总统今天发表谈话，强调两岸关系。",)


async def test_a_long_article_is_converted_off_the_ui_thread_keeping_offsets(make_app) -> None:
    long_body = tuple("干部发展" * 5_000 for _ in range(6))  # 120,000 characters
    catalog = MemoryCatalog(pages_with(FIRST, paragraphs=long_body))
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        shown = screen.reader.shown
        assert shown is not None and shown is not screen.reader.article
        assert shown.paragraphs[0].startswith("幹部發展")
        assert [len(p) for p in shown.paragraphs] == [len(p) for p in long_body]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://example.com/a b",
        "https://x.y/\x1b]52;c;QQ==\x07",
    ],
)
async def test_w_never_opens_what_is_not_a_web_address(
    make_app, browsers: _Recorder, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    _get_returns(monkeypatch, browsers, webbrowser.BackgroundBrowser("firefox"))
    app = make_app(MemoryCatalog(pages_with(FIRST, url=url)))
    async with app.run_test(size=SIZE) as pilot:
        await press_w(app, pilot)
        assert browsers.asked == 0 and browsers.opened == []
        assert isinstance(app.screen, UrlScreen)
        # Shown with its controls visible, never sent to the terminal.
        shown = str(app.screen.query_one("#url-text").render())
        assert "\x1b" not in shown and "\x07" not in shown


async def test_a_hostile_source_line_is_drawn_literally(make_app) -> None:
    source = "[b]新华社[/b]\x1b]52;c;QQ==\x07"
    app = make_app(MemoryCatalog(pages_with(FIRST, source=source)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        lines = shown_text(screen)
        assert "来源：[b]新华社[/b]␛]52;c;QQ==␇" in lines


async def test_bookmarks_list_follows_the_display_script(make_app) -> None:
    from reader.ui.screens.bookmarks import BookmarksScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("s", "F")
        await settle(app, pilot)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        ((_id, title, where),) = app.screen.titles
        assert title == "多舉措提振幹部幹事創業精氣神（1）" and where.startswith("內蒙古日報")


async def test_F_with_the_dictionaries_loaded_applies_in_its_own_key(make_app) -> None:
    load_converter("simplified")
    load_converter("traditional")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        with patch.object(type(screen), "_choose_script") as worker:
            await pilot.press("F")
        worker.assert_not_called()  # no worker to wait for: set in the key's own frame
        assert screen.settings.script == "traditional"
        assert screen.reader.shown is not None
        assert screen.reader.shown.title == "多舉措提振幹部幹事創業精氣神（1）"
