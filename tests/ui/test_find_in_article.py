"""Find in the article being read (ctrl+f): every match highlighted, n/N walk them."""

from __future__ import annotations

import datetime as dt

from textual_private import notifications

from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.screens.find import FindScreen
from reader.ui.screens.main import MainScreen


async def test_find_highlights_every_match_and_n_walks_them(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # read the first article
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)
        # Traditional characters find the simplified text (folding as in search).
        await pilot.press(*"幹部", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        lines = main.reader.match_lines
        assert len(lines) >= 12  # 干部 is in every one of the twelve paragraphs
        start = main.reader.scroll_y
        await pilot.press("n")
        assert main.reader.scroll_y > start
        await pilot.press("N")
        assert main.reader.scroll_y <= start + 1
        await pilot.press("escape")  # clears the highlight
        assert not main.reader.match_lines


async def _read_and_find(app, pilot, words: str) -> None:
    """Open the first article and find ``words`` in it (ctrl+f, the words, enter)."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter", "ctrl+f")
    await pilot.pause()
    await pilot.press(*words, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_find_nothing_or_cancel_changes_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _read_and_find(app, pilot, "火星")
        main = app.screen
        assert isinstance(main, MainScreen)
        assert not main.reader.match_lines
        assert any("没有" in m for m in notifications(app))
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not main.reader.match_lines


async def test_ctrl_f_finds_the_phrase_across_ideographic_spaces(make_app) -> None:
    """A phrase typed with one space finds words set apart by two U+3000 (issue 11)."""
    ref = PageRef(paper="人民日报", date=dt.date(2024, 5, 9), number=1)
    text = "今日推荐：看人民映像\u3000\u3000品百味人生。"
    article = Article(id="p-1", title="推荐", paragraphs=(text,), page=ref)
    app = make_app(MemoryCatalog([Page(ref, (article,))]))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "ctrl+f")
        await pilot.pause()
        await pilot.press(
            "quotation_mark", *"看人民映像", "space", *"品百味人生", "quotation_mark", "enter"
        )
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert len(main.reader.match_lines) >= 1


async def test_find_in_a_huge_article_runs_in_a_worker_and_shows_matches_as_they_come(
    make_app,
) -> None:
    import datetime as dt

    from reader.model import Article, Page, PageRef
    from reader.store.memory import MemoryCatalog

    ref = PageRef("甲报", dt.date(2024, 1, 1), 1, None)
    paragraph = "近年来，武川县坚持新时代好干部标准，把政治标准放在首位，树立鲜明导向。" * 20
    paragraphs = tuple(paragraph for _ in range(600_000 // len(paragraph)))
    huge = Article(id="huge", title="长文", paragraphs=paragraphs, page=ref)
    app = make_app(MemoryCatalog([Page(ref, (huge,))]))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "ctrl+f")
        await pilot.pause()
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        batches: list[int] = []
        shown = main._found_some

        def counting(article, matches):
            batches.append(len(matches))
            shown(article, matches)

        main._found_some = counting  # type: ignore[method-assign]
        await pilot.press(*"幹部", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = sum(p.count("干部") for p in paragraphs)
        assert sum(batches) == expected and len(batches) > 1  # shown as they came
        assert len(main.reader.match_lines) >= len(paragraphs)
        assert main.reader.scroll_y < 10  # at the first match, not pulled to the last
        assert any(f"{expected:,} 处" in m for m in notifications(app))


async def test_the_find_box_is_kept_and_opens_empty(make_app) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _read_and_find(app, pilot, "干部")
        await pilot.press("ctrl+f")
        await pilot.pause()
        box = app.screen
        assert isinstance(box, FindScreen) and box is app.get_screen("find")  # built once
        assert box.query_one(Input).value == ""  # asking afresh
