"""Pilot tests: every key and every state of the reader, at 120×40 unless said."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual_private import notifications, wheel_down
from ui_fixtures import settle, started

from reader.contracts import ROOT
from reader.state import ReadingState, load_settings
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.sidebar import Sidebar

SIZE = (120, 40)


def list_place(screen: MainScreen) -> str:
    """The list's title at its fullest (the border shows the longest form that fits)."""
    return screen._list_forms[0]


def reader_id(screen: MainScreen) -> str | None:
    return screen.reader.article.id if screen.reader.article else None


async def test_start_selects_first_section_and_focuses_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert isinstance(app.focused, ArticleList)
        # Newest edition first: 2 March, page 1, section 时政.
        assert screen.articles.total == 2
        assert list_place(screen) == "内蒙古日报 · 2024年3月2日 周六 · 第1版 要闻 · 时政"
        assert screen.sidebar.cursor_node is not None
        assert screen.sidebar.cursor_node.data.label == "时政"
        assert reader_id(screen) == "2024-03-02-1-01"


async def test_j_k_and_arrows_move_and_reader_follows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j")
        assert screen.articles.cursor == 1 and reader_id(screen) == "2024-03-02-1-02"
        await pilot.press("j")  # stays on the last row
        assert screen.articles.cursor == 1
        await pilot.press("k")
        assert reader_id(screen) == "2024-03-02-1-01"
        await pilot.press("down")
        assert screen.articles.cursor == 1
        await pilot.press("up")
        assert screen.articles.cursor == 0


async def test_tab_and_shift_tab_cycle_panes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("tab")
        assert isinstance(app.focused, Sidebar)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Sidebar)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ReadingPane)


async def test_enter_focuses_reader_and_marks_read_escape_returns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.focused, ReadingPane)
        assert "2024-03-02-1-01" in screen.read_ids
        assert screen.state is not None and screen.state.is_read("2024-03-02-1-01")
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("escape")
        assert isinstance(app.focused, Sidebar)


async def test_space_and_b_page_and_space_at_end_goes_on(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        reader = screen.reader
        assert reader.scroll_y == 0 and reader.max_scroll_y > 0
        await pilot.press("space")
        first_page = reader.scroll_y
        assert first_page == min(reader.scrollable_content_region.height - 1, reader.max_scroll_y)
        await pilot.press("b")
        assert reader.scroll_y == 0
        for _ in range(20):
            if reader.at_end:
                break
            await pilot.press("space")
        assert reader.at_end and reader.percent == 100
        await pilot.press("space")
        await pilot.pause()
        assert reader_id(screen) == "2024-03-02-1-02"
        assert reader.scroll_y == 0
        assert "2024-03-02-1-01" in screen.read_ids


async def test_space_from_the_list_pages_the_reader(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("space")
        assert isinstance(app.focused, ArticleList)
        assert screen.reader.scroll_y > 0


async def test_g_and_G_in_list_and_reader(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("G")
        assert screen.articles.cursor == 1
        await pilot.press("g")
        assert screen.articles.cursor == 0
        await pilot.press("enter", "G")
        assert screen.reader.at_end
        await pilot.press("g")
        assert screen.reader.scroll_y == 0


async def test_n_and_p_go_to_unread(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket")  # 2024-03-01 page 1 时政: three articles
        assert screen.articles.total == 3
        await pilot.press("j", "m")  # mark the second read
        assert "2024-03-01-1-02" in screen.read_ids
        await pilot.press("g", "n")
        assert screen.articles.cursor == 2  # skips the read one
        await pilot.press("p")
        assert screen.articles.cursor == 0
        await pilot.press("p")  # none before here: the previous section's last unread
        assert list_place(screen) == "内蒙古日报 · 2024年3月2日 周六 · 第1版 要闻 · 时政"
        assert screen.articles.cursor == 1
        await pilot.press("m", "k", "m")  # that whole section read
        await pilot.press("p")  # nothing unread before: stays, says so
        assert screen.articles.cursor == 0
        assert any("没有更多未读" in m for m in notifications(app))
        await pilot.press("n")  # skips the 2nd article of 1 March (read)
        assert list_place(screen) == "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 时政"
        assert screen.articles.cursor == 0


async def test_brackets_step_through_sections(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        titles = [list_place(screen)]
        for _ in range(4):
            await pilot.press("right_square_bracket")
            titles.append(list_place(screen))
        assert titles == [
            "内蒙古日报 · 2024年3月2日 周六 · 第1版 要闻 · 时政",
            "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 时政",
            "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 经济",
            "内蒙古日报 · 2024年3月1日 周五 · 第5版 党建 · 党旗领航",
            "内蒙古日报 · 2024年3月1日 周五 · 第5版 党建 · 党旗领航",  # the last: stays
        ]
        assert screen.sidebar.cursor_node.data.label == "党旗领航"
        await pilot.press("left_square_bracket")
        assert list_place(screen) == "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 经济"
        assert reader_id(screen) == "2024-03-01-1-04"


async def test_sidebar_keys_choose_a_scope(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Sidebar)
        await pilot.press("g")  # top: the paper, all 10 articles
        await pilot.pause()
        assert screen.articles.total == 10
        await pilot.press("j")  # the 2 March edition
        await pilot.pause()
        assert screen.articles.total == 2
        await pilot.press("k")
        await pilot.pause()
        assert screen.articles.total == 10


async def test_search_box_opens_and_closes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("干", "部")
        assert app.screen.query_one("Input").value == "干部"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_lists_every_command(make_app) -> None:
    from textual.geometry import Region

    from reader.ui.keys import KEYS

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("Static")
        rendered = "".join(strip.text for strip in table.render_lines(Region(0, 0, 110, 200)))
        for key in KEYS:
            assert key.id in rendered, key.id
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_and_quit(make_app) -> None:
    from reader.ui.screens.palette import PaletteScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, PaletteScreen)
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_read_and_bookmark_toggles_persist(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("m")
        assert "2024-03-02-1-01" in screen.read_ids
        await pilot.press("m")
        assert "2024-03-02-1-01" not in screen.read_ids
        await pilot.press("m", "s")
        assert screen.bookmarked == {"2024-03-02-1-01"}
        assert screen.articles.render_line(1).text.startswith("★ ")  # under the dot
    state = ReadingState(tmp_path / "content")
    assert state.read_ids() == {"2024-03-02-1-01"}
    assert state.bookmarks() == ["2024-03-02-1-01"]


async def test_bookmarks_list_opens_an_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "s")
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert reader_id(screen) == "2024-03-02-1-01"
        await pilot.press("B")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert reader_id(screen) == "2024-03-01-1-04"
        assert isinstance(app.focused, ReadingPane)


async def test_measure_and_toggles_persist(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await started(app, pilot)
        assert screen.reader.measure_cells == 80
        await pilot.press("plus")
        assert screen.reader.measure_cells == 84
        await pilot.press("minus", "minus")
        assert screen.reader.measure_cells == 76
        await pilot.press("f", "i", "o", "a")
    settings, _ = load_settings()
    assert settings.measure == 38
    assert not settings.fullwidth_punctuation and not settings.indent
    assert not settings.paragraph_spacing and settings.ambiguous_wide


async def test_indent_and_spacing_change_the_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        lines = [line.text for line in screen.reader.lines if line.role == "paragraph"]
        assert lines[0].startswith("\u3000\u3000")
        blanks = sum(1 for line in screen.reader.lines if line.role == "blank")
        await pilot.press("i", "o")
        lines = [line.text for line in screen.reader.lines if line.role == "paragraph"]
        assert not lines[0].startswith("\u3000")
        assert sum(1 for line in screen.reader.lines if line.role == "blank") < blanks


async def test_theme_key_cycles_and_persists(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        before = app.theme
        await pilot.press("t")
        assert app.theme != before
        chosen = app.theme
    assert load_settings()[0].theme == chosen
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await started(again, pilot)
        assert again.theme == chosen


async def test_restart_reopens_last_article_at_its_place(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "j", "enter")
        await pilot.pause()
        await pilot.press("space")
        place = screen.reader.position()
        assert place is not None and place.paragraph >= 1
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:  # another width: same paragraph
        screen = await started(again, pilot)
        assert reader_id(screen) == "2024-03-01-1-02"
        assert screen.articles.cursor == 1
        assert list_place(screen) == "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 时政"
        top = screen.reader.lines[int(screen.reader.scroll_y)]
        assert top.block == place.paragraph
        assert top.start <= place.char_offset <= top.end


async def test_mouse_click_selects_and_wheel_scrolls(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        # Row 1 (second article) is lines 2–3 inside the list's border.
        await pilot.click(ArticleList, offset=(5, 3))
        assert screen.articles.cursor == 1
        await pilot.click(ArticleList, offset=(5, 1), times=2)
        assert screen.articles.cursor == 0 and isinstance(app.focused, ReadingPane)
        await wheel_down(pilot, ReadingPane, (10, 10))
        await pilot.pause()
        assert screen.reader.scroll_y > 0


async def test_user_keymap_rebinds_by_id(make_app, keymap) -> None:
    keymap('cursor_down = "x"\nno_such_command = "y"')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("x")
        assert screen.articles.cursor == 1
        await pilot.press("j")  # no longer bound
        assert screen.articles.cursor == 1
        messages = notifications(app)
        assert any("no_such_command" in m for m in messages)


async def test_narrow_terminal_shows_one_pane_at_a_time(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await started(app, pilot)
        assert screen.has_class("-narrow")
        assert screen.articles.display and not screen.reader.display and not screen.sidebar.display
        await pilot.press("enter")
        assert screen.reader.display and not screen.articles.display
        assert screen.reader.region.width == 60
        await pilot.press("escape", "escape")
        assert screen.sidebar.display and not screen.articles.display


async def test_medium_width_hides_sidebar_while_reading(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.sidebar.display
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.sidebar.display
        # The full default measure fits: 40 characters = 80 cells.
        assert screen.reader.measure_cells == 80


async def test_content_text_is_never_markup_nor_control(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "j")
        row = screen.articles.render_line(2).text
        assert "[bold]标记[/bold]" in row
        assert "\x1b" not in row and "\x07" not in row
        title = "".join(line.text for line in screen.reader.lines if line.role == "title")
        # The title is set literally, its escape sequence shown as a picture (␛).
        assert title.startswith("[bold]标记[/bold]不应解析") and "␛" in title, title
        drawn = "".join(screen.reader.render_line(y).text for y in range(len(screen.reader.lines)))
        assert "[bold]标记[/bold]" in drawn and "\x1b" not in drawn


async def test_photo_items_show_caption_and_credit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        assert reader_id(screen) == "2024-03-01-1-photo"
        drawn = "\n".join(screen.reader.render_line(y).text for y in range(12))
        assert "〔图片〕" in drawn and "牧民在草原上放牧" in drawn and "王磊" in drawn
        # The untitled item is named by its kind once: 〔图片〕 above, the length below.
        assert "〔图片〕" in screen.articles.render_line(2).text
        assert screen.articles.render_line(3).text.split()[-1] == "14字"


async def test_skipped_files_are_reported(make_app) -> None:
    app = make_app(problems=("bad.yaml:3: expected a mapping",))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert any("1 个文件未能读取" in m for m in notifications(app))
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "bad.yaml:3" in str(app.screen.query_one("Static").visual)


async def test_damaged_state_is_moved_aside_with_notice(make_app, tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    (state_dir / "state.sqlite3").write_bytes(b"garbage" * 200)
    (state_dir / "settings.json").write_text(json.dumps({"measure": "x"}))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        messages = " ".join(notifications(app))
        assert "starting fresh" in messages and "using defaults" in messages
        await pilot.press("m")
        assert screen.state is not None and screen.state.read_ids() == {"2024-03-02-1-01"}


async def test_empty_content(make_app) -> None:
    from reader.store.memory import MemoryCatalog

    app = make_app(MemoryCatalog([]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.articles.total == 0
        assert "没有文章" in screen.articles.render_line(0).text
        await pilot.press("j", "enter", "space", "n", "m", "s", "right_square_bracket")
        assert screen.reader.article is None


async def test_palette_runs_reader_commands(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("ctrl+p", *"Wider")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert screen.settings.measure == 42


async def test_help_at_narrow_width_keeps_explanations(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        static = app.screen.query_one("Static")
        text = "".join(strip.text for strip in static.render_lines(static.region.reset_offset))
        # The explanation column is there (wrapped): words from the first and last rows,
        # and the English names under the Chinese ones.
        assert "向下滚动" in text and "读到哪里" in text
        assert "Down" in text and "Quit" in text
        # Wrapped by the CJK rules, not by Rich: no explanation line starts with ，；。
        lines = [strip.text for strip in static.render_lines(static.region.reset_offset)]
        cells = [cell for line in lines for cell in re.split(r"\s{2,}", line.strip())]
        assert cells and not [cell for cell in cells if cell[:1] in set("，；。、）")]


async def test_failing_state_and_settings_writes_are_messages_not_crashes(
    make_app, monkeypatch
) -> None:
    """set_read and save_settings raising (as they do on a full disk) are told, and the
    session goes on. The real full disk is in tests/hostile/test_hostile_state.py."""
    import errno

    from reader.state import StateError

    def no_space(*args, **kwargs):
        raise StateError("could not save reading state: database or disk is full")

    def no_space_os(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ReadingState, "set_read", no_space)
    monkeypatch.setattr("reader.ui.screens.sharing.save_settings", no_space_os)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("m", "plus")
        await pilot.pause()
        errors = notifications(app, "error")
        assert any("disk is full" in m for m in errors)
        assert any("No space left" in m for m in errors)
        assert screen.settings.measure == 42  # the session goes on


async def test_unwritable_state_dir_still_reads(make_app, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be")
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(blocker / "state"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert screen.state is None
        assert any("将不会保存" in m for m in notifications(app))
        await pilot.press("m", "enter", "space")
        assert "2024-03-02-1-01" in screen.read_ids  # remembered for this session


async def test_markup_in_names_is_shown_literally(make_app) -> None:
    from reader.model import Article, Page, PageRef
    from reader.store.memory import MemoryCatalog

    ref = PageRef("[bold]报[/bold]", None, None, "[link=http://x]版[/link]")
    article = Article(
        id="m1",
        title="[@click=app.quit]题",
        section="[link=http://x]栏目[/link]",
        kicker="[red]引[/]",
        paragraphs=("[@click=app.quit]正文",),
        page=ref,
    )
    app = make_app(MemoryCatalog([Page(ref, (article,))]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert app.is_running
        assert "[link=http://x]栏目[/link]" in list_place(screen)
        assert "[link=http://x]栏目[/link]" in screen.articles._border_title.plain
        assert "[@click=app.quit]题" in screen.articles.render_line(0).text
        labels = []
        stack = list(screen.sidebar.root.children)
        while stack:
            node = stack.pop()
            labels.append(node.label.plain)
            stack.extend(node.children)
        assert "[bold]报[/bold]" in labels and "[link=http://x]栏目[/link]" in labels
        await pilot.click(ReadingPane, offset=(20, 7))  # a click on the text runs nothing
        await pilot.press("enter")
        assert app.is_running


async def test_notices_are_plain_text(make_app) -> None:
    app = make_app(problems=("[link=http://x]bad[/link].yaml:1: [@click=app.quit]oops",))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "[link=http://x]bad[/link].yaml:1: [@click=app.quit]oops" in str(
            app.screen.query_one("Static").visual
        )
        app.notify("[bold]x[/bold] [link=y]")  # would raise MarkupError if parsed
        await pilot.pause()
        assert app.is_running


async def test_ambiguous_wide_switches_the_whole_measure(make_app) -> None:
    from rich.cells import cell_len

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert cell_len("“") == 1
        await pilot.press("a")
        await pilot.pause()
        assert cell_len("“") == 2 and screen.settings.ambiguous_wide
        # Every reader line still fits the measure by the (now wide) measure.
        assert all(
            cell_len(line.text) <= screen.reader.measure_cells for line in screen.reader.lines
        )
        await pilot.press("a")
        assert cell_len("“") == 1
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:  # saved off: starts narrow
        await started(again, pilot)
        assert cell_len("“") == 1


async def test_ambiguous_wide_setting_applies_at_start(make_app) -> None:
    from rich.cells import cell_len

    from reader.state import Settings, save_settings

    save_settings(Settings(ambiguous_wide=True))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert cell_len("…") == 2


async def test_space_reads_on_into_the_next_section(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "enter")  # the last article of the first section
        await pilot.pause()
        for _ in range(30):
            if list_place(screen) == "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 时政":
                break
            await pilot.press("space")
            await pilot.pause()
        assert list_place(screen) == "内蒙古日报 · 2024年3月1日 周五 · 第1版 要闻 · 时政"
        assert reader_id(screen) == "2024-03-01-1-01"
        assert isinstance(app.focused, ReadingPane)
        assert {"2024-03-02-1-02"} <= screen.read_ids


async def test_scrolling_to_the_end_marks_read(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("tab")  # focus the reader without marking
        await pilot.pause()
        assert "2024-03-02-1-01" not in screen.read_ids
        await pilot.press("G")
        await pilot.pause()
        assert "2024-03-02-1-01" in screen.read_ids


async def test_J_K_step_articles_across_sections_and_from_the_reader(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("J")
        await settle(app, pilot)
        assert reader_id(screen) == "2024-03-02-1-02"
        await pilot.press("J")  # past the end of 2 March: on into 1 March
        await settle(app, pilot)
        assert reader_id(screen) == "2024-03-01-1-01"
        await pilot.press("enter", "J")  # from inside the reader too, read or not
        await settle(app, pilot)
        assert reader_id(screen) == "2024-03-01-1-02"
        assert app.focused is screen.reader
        await pilot.press("K", "K")
        await settle(app, pilot)
        assert reader_id(screen) == "2024-03-02-1-02"
        await pilot.press("K", "K")
        await settle(app, pilot)
        assert reader_id(screen) == "2024-03-02-1-01"
        assert any("已是第一篇" in m for m in notifications(app))


async def test_n_with_nothing_unread_says_so_and_opens_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.read_ids.update(s.id for s in screen.catalog.summaries(ROOT, 0, 100))
        nodes_before = len(list(_tree_nodes(screen.sidebar)))
        await pilot.press("n")
        await settle(app, pilot)
        assert any("没有更多未读" in m for m in notifications(app))
        assert len(list(_tree_nodes(screen.sidebar))) == nodes_before


async def test_O_toggles_oldest_first_and_remembers(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        first = screen.sidebar.root.children[0].children[0]
        assert "3月2日" in first.label.plain
        await pilot.press("O")
        first = screen.sidebar.root.children[0].children[0]
        assert "3月1日" in first.label.plain
        assert reader_id(screen) == "2024-03-02-1-01"  # still on the same article
        assert load_settings()[0].newest_first is False
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        assert "3月1日" in screen.sidebar.root.children[0].children[0].label.plain


def _tree_nodes(tree):
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)
