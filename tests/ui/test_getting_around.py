"""Getting around like a newspaper: newest edition, a date, pages, b back, mark all, h/l."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList
from textual_private import footer_keys, notifications
from ui_fixtures import settle, started

from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.go_to_date import GoToDateScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.reading_pane import ReadingPane

SIZE = (120, 40)


def _id(screen: MainScreen) -> str | None:
    return screen.reader.article.id if screen.reader.article else None


async def test_newest_edition_and_go_to_date(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket")  # into 1 March
        assert _id(screen) == "2024-03-01-1-01"
        await pilot.press("D")
        await settle(app, pilot)
        assert _id(screen) == "2024-03-02-1-01"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, GoToDateScreen)
        await pilot.press(*"2024-03-01", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert _id(screen) == "2024-03-01-1-01"
        # A day without a paper: the nearest edition before it, and the user is told.
        await pilot.press("d", *"2024-03-31", "enter")
        await settle(app, pilot)
        assert _id(screen) == "2024-03-02-1-01"
        assert any("没有报纸" in m for m in notifications(app))


async def test_a_bad_date_is_said_in_the_box_in_chinese(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("d", *"5-99", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoToDateScreen)
        label = app.screen.query_one("Label")
        assert "没有这一天" in str(label.render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_braces_step_through_pages_of_the_edition(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("right_square_bracket")  # 1 March, 第1版
        await pilot.press("right_curly_bracket")
        await settle(app, pilot)
        assert _id(screen) == "2024-03-01-5-01"  # 第5版 党建
        await pilot.press("right_curly_bracket")
        await settle(app, pilot)
        assert any("已是最后一版" in m for m in notifications(app))
        await pilot.press("left_curly_bracket")
        await settle(app, pilot)
        assert _id(screen) == "2024-03-01-1-01"


async def test_b_at_the_top_goes_back_to_the_end_of_the_previous_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "enter")
        assert _id(screen) == "2024-03-02-1-02"
        await pilot.press("b")
        await settle(app, pilot)
        assert _id(screen) == "2024-03-02-1-01"
        assert isinstance(app.focused, ReadingPane)
        assert screen.reader.at_end


async def test_mark_a_whole_node_read_and_undo(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.sidebar.focus()
        await pilot.press("k", "k")  # up to the 2 March edition (then the paper)
        await pilot.pause()
        node = screen.sidebar.cursor_node
        assert node is not None and node.data is not None
        before = set(screen.read_ids)
        await pilot.press("M")
        await settle(app, pilot)
        marked = screen.read_ids - before
        assert marked and len(marked) == node.data.count - len(before & marked)
        assert screen.state is not None and all(screen.state.is_read(i) for i in marked)
        await pilot.press("u")
        assert screen.read_ids == before
        await settle(app, pilot)
        assert not any(screen.state.is_read(i) for i in marked)


async def test_h_and_l_collapse_and_expand_tree_nodes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.sidebar.focus()
        leaf = screen.sidebar.cursor_node
        await pilot.press("h")  # a leaf: to its parent
        parent = screen.sidebar.cursor_node
        assert parent is leaf.parent and parent.is_expanded
        await pilot.press("left")
        assert not parent.is_expanded
        await pilot.press("l")
        assert parent.is_expanded
        await pilot.press("right")
        assert screen.sidebar.cursor_node is parent.children[0]


async def test_bookmark_keeps_the_unread_dot_and_the_list_says_date_and_paper(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("j", "s")
        await pilot.pause()
        row = screen.articles.render_line(2).text + screen.articles.render_line(3).text
        assert "●" in row and "★" in row
        await pilot.press("B")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
        option = app.screen.query_one(OptionList).get_option_at_index(0)
        assert "2024年3月2日 周六" in str(option.prompt) and "内蒙古日报" in str(option.prompt)


async def test_plus_says_the_measure_on_screen_in_one_notice(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter")
        for _ in range(12):
            await pilot.press("plus")
        await pilot.pause()
        notices = [m for m in notifications(app) if "每行" in m]
        assert len(notices) == 1
        shown = screen.reader.measure_cells // 2
        assert notices[0].startswith(f"每行 {shown} 字") and "容得下" in notices[0]


async def test_ctrl_c_says_the_quit_key_in_chinese(make_app, keymap) -> None:
    keymap('quit = "ctrl+q"')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = notifications(app)
        assert any("退出 zhpaper" in m and "^q" in m for m in messages), messages
        assert not any("[b]" in m for m in messages)


async def test_t_names_the_theme_and_T_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        first = app.theme
        await pilot.press("t")
        second = app.theme
        assert second != first
        assert any(second in m for m in notifications(app))
        await pilot.press("T")
        assert app.theme == first
        assert len([m for m in notifications(app) if "主题" in m]) == 1


async def test_a_quit_rebound_to_ctrl_q_shows_in_the_footer_and_quits(make_app, keymap) -> None:
    keymap('quit = "ctrl+q"')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        shown = footer_keys(screen)
        assert ("^q", "退出") in shown, shown
        assert not any(key == "q" for key, _ in shown)
        await pilot.press("q")  # no longer bound
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_ctrl_q_still_quits_beside_the_default_q(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        shown = footer_keys(screen)
        assert ("q", "退出") in shown and ("^q", "退出") not in shown
        await pilot.press("question_mark")  # from a modal screen too
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_the_bookmark_list_is_kept_and_shows_the_bookmarks_of_now(make_app) -> None:
    from textual.widgets import OptionList

    from reader.ui.screens.bookmarks import BookmarksScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("s", "B")
        await settle(app, pilot)
        kept = app.screen
        assert isinstance(kept, BookmarksScreen)
        assert kept.query_one(OptionList).option_count == 1
        await pilot.press("escape", "j", "s", "B")
        await settle(app, pilot)
        assert app.screen is kept  # the same screen, built once
        assert kept.query_one(OptionList).option_count == 2
        await pilot.press("enter")  # opens the newest bookmark
        await settle(app, pilot)
        assert app.screen is screen and screen.reader.article is not None


async def test_the_date_box_is_kept_and_opens_empty_each_time(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("d", *"5-99", "enter")  # a bad day: said in the box
        await pilot.pause()
        first = app.screen
        assert isinstance(first, GoToDateScreen)
        assert first.query_one("Label").has_class("-error")
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is first  # the same screen, not built again
        assert first.query_one("Input").value == ""
        label = first.query_one("Label")
        assert not label.has_class("-error") and "回车转到" in str(label.render())
        assert first.today == dt.date.today()  # read at each use: the reader runs past midnight
