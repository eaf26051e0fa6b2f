"""What a Chinese reader sees: sidebar dates and counts, Chinese footer, help and palette."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.style import Style
from ui_fixtures import started

from reader.contracts import Level, Node, Scope
from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.keys import KEYS, bindings
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.sidebar import count_suffix, date_label

SIZE = (120, 40)


def _calendar(days: int, per_day: int = 1) -> MemoryCatalog:
    start = dt.date(2023, 11, 1)
    pages = []
    for n in range(days):
        ref = PageRef("晚报", start + dt.timedelta(days=n), 1, "要闻")
        articles = tuple(
            Article(
                id=f"d{n}-{k}", title=f"标题{n}", paragraphs=("正文。",), section="本市", page=ref
            )
            for k in range(per_day)
        )
        pages.append(Page(ref, articles))
    return MemoryCatalog(pages)


def test_date_labels_name_the_weekday() -> None:
    day = dt.date(2026, 10, 16)  # a Friday
    node = Node(Level.DATE, day, "2026年10月16日", 22, Scope(()))
    assert date_label(node, in_month=True) == "16日 周五"
    assert date_label(node) == "2026年10月16日 周五"
    unknown = Node(Level.DATE, None, "日期不详", 3, Scope(()))
    assert date_label(unknown, in_month=True) == "日期不详"


def test_counts_have_separators_and_unread_survives_narrow_rooms() -> None:
    assert count_suffix(294068, 294068, 40).plain == " 294,068 ·294,068"
    assert count_suffix(294068, 0, 40).plain == " 294,068"
    # Too narrow for both: the unread count stays, the total goes.
    assert count_suffix(294068, 12, 8).plain == " ·12"


async def test_calendar_days_read_as_day_and_weekday(make_app) -> None:
    app = make_app(_calendar(70, per_day=20))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        sidebar = screen.sidebar
        paper = sidebar.root.children[0]
        month = paper.children[0].children[0]
        days = [child.label.plain for child in month.children]
        # Newest first: 2024-01-09 was a Tuesday.
        assert days[:2] == ["9日 周二", "8日 周一"]
        room = sidebar.scrollable_content_region.width
        for node in (paper, paper.children[0], month, month.children[0]):
            drawn = sidebar.render_label(node, Style(), Style()).plain
            assert "…" not in drawn and cell_len(drawn) <= room
        assert sidebar.render_label(paper, Style(), Style()).plain.endswith(" 1,400 ·1,400")
        # The list's title names the weekday too.
        assert screen.articles.border_title == "2024-01-09 周二 · 第1版 要闻 · 本市"


async def test_narrow_sidebar_keeps_unread_counts(make_app) -> None:
    app = make_app(_calendar(70, per_day=20))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("shift+tab")
        await pilot.pause()
        sidebar = screen.sidebar
        room = sidebar.scrollable_content_region.width
        node = sidebar.cursor_node
        while node is not None and node.parent is not None and node.parent is not sidebar.root:
            drawn = sidebar.render_label(node, Style(), Style()).plain
            assert cell_len(drawn) <= room and "·" in drawn
            node = node.parent


async def test_the_footer_draws_its_commands_in_chinese(make_app) -> None:
    from textual_private import screen_lines

    from reader.ui.widgets.key_footer import KeyFooter

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await started(app, pilot)
        footer = app.screen.query_one(KeyFooter)
        drawn = [f"{key.key_display} {key.description}" for _start, _end, key in footer.placed()]
        line = screen_lines(app)[-1]
    assert all(label in line for label in drawn), (drawn, line)  # as drawn on screen
    # Each footer command of the key table, by its Chinese name (ctrl+p is drawn
    # from the app's own binding, 命令, in the corner). next_match (下一处) takes
    # n's place only while search matches are shown (tests/ui/test_match_footer.py).
    for key in KEYS:
        if key.footer and key.id not in ("palette", "next_match"):
            assert any(label.endswith(" " + key.name) for label in drawn), (key.id, drawn)
    assert drawn[-1].endswith("命令"), drawn
    assert len(drawn) == sum(1 for b in bindings() if b.show) - 1, drawn
    # Every command has a Chinese name and help, and keeps its English name.
    for key in KEYS:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in key.name + key.help), key.id
        assert key.description.isascii(), key.id


async def test_palette_finds_commands_in_either_language(make_app) -> None:
    for typed in ("搜索", "search"):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await started(app, pilot)
            await pilot.press("ctrl+p", *typed)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "SearchScreen", typed


async def test_help_shows_key_chinese_english_what_and_id(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        static = app.screen.query_one("Static")
        lines = [strip.text for strip in static.render_lines(static.region.reset_offset)]
        row = next(line for line in lines if "next_unread" in line)
        for part in ("n", "下一篇未读", "Next unread", "转到下一篇未读文章", "next_unread"):
            assert part in row, part


async def test_reader_header_counts_articles_and_shows_how_much_is_seen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        reader = screen.reader
        # Where the article is (paper · date 周X · 第N版 版名 · 栏目), what fits of it.
        assert reader.border_title == "2024-03-02 周六 · 第1版 要闻 · 时政 · 1/2"
        # As a pager counts: the first screen already shows part of the article.
        lines = len(reader.lines)
        shown = reader.scrollable_content_region.height
        assert lines > shown
        assert reader.percent == round(100 * shown / lines) > 0
        assert reader.border_subtitle == f"{reader.percent}%"
        await pilot.press("j")
        await pilot.pause()
        assert reader.border_title == "2024-03-02 周六 · 第1版 要闻 · 时政 · 2/2"


async def test_palette_names_textual_commands_in_chinese_too(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "退出 Quit" in titles and "截图 Screenshot" in titles and "搜索 Search" in titles
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles), titles
        # The sidebar says what its two counts are.
        assert screen.sidebar.border_subtitle == "篇数 ·未读"
