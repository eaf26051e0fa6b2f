"""Where am I: the reader's header, dated rows, a tree without empty levels, one order."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.cells import cell_len
from textual_private import screen_lines
from ui_fixtures import settle, started

from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.where import fit, where_forms


def _archive() -> MemoryCatalog:
    """Three days of a paper that names no page and no section (a scraped archive)."""
    pages = []
    for day in (1, 2, 3):
        ref = PageRef("晚报", dt.date(2020, 5, day), None, None)
        articles = tuple(
            Article(id=f"d{day}-{n}", title=f"五月{day}日第{n}篇", paragraphs=("正文。",), page=ref)
            for n in range(2)
        )
        pages.append(Page(ref, articles))
    return MemoryCatalog(pages)


async def test_a_day_with_no_named_page_or_section_opens_straight_to_its_articles(
    make_app,
) -> None:
    app = make_app(_archive())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        paper = screen.sidebar.root.children[0]
        days = paper.children
        # paper › day: no 版次不详 › 无栏目 levels in between, and newest first.
        assert [d.label.plain for d in days] == [
            "2020年5月3日 周日",
            "2020年5月2日 周六",
            "2020年5月1日 周五",
        ]
        assert not any(d.allow_expand for d in days)
        assert screen.sidebar.cursor_node is days[0]
        assert screen.articles.total == 2
        assert screen.articles.highlighted.id == "d3-0"
        labels = [n.label.plain for n in _all_nodes(screen.sidebar)]
        assert not any(name in label for label in labels for name in ("版次不详", "无栏目"))


async def test_rows_of_a_list_of_several_days_show_their_date(make_app) -> None:
    app = make_app(_archive())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        screen.sidebar.focus()
        await pilot.press("k")  # day → the paper: six articles over three days
        await pilot.pause()
        assert screen.articles.total == 6
        # Newest first, and each row says its day.
        assert screen.articles.summary(0).id == "d3-0"
        assert screen.articles.summary(5).id == "d1-1"
        assert "2020-05-03 周日" in screen.articles.render_line(1).text
        # A one-day list does not repeat its date on every row.
        await pilot.press("j")
        await pilot.pause()
        assert "2020-05-03" not in screen.articles.render_line(1).text


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (200, 50)])
async def test_reader_header_says_where_at_every_width(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        title = screen.reader._border_title.plain
        # paper (when it fits) · date 周X · 第N版 版名 · 栏目, never cut mid-word.
        assert "03-02 周六" in title or "3月2日 周六" in title or "3-2 周六" in title
        assert "时政" in title and "…" not in title
        assert cell_len(title) <= screen.reader.size.width - 4
        if size[0] >= 80:
            assert title.startswith("内蒙古日报 · 2024年3月2日 周六 · 第1版 要闻 · 时政")


def test_where_forms_fit_longest_first_and_leave_unknowns_out() -> None:
    ref = PageRef("内蒙古日报", dt.date(2024, 3, 2), 1, "要闻")
    forms = where_forms(ref, "时政")
    assert forms[0] == "内蒙古日报 · 2024年3月2日 周六 · 第1版 要闻 · 时政"
    assert fit(forms, 70, " · 第1篇/共2篇").endswith("时政 · 第1篇/共2篇")
    assert fit(forms, 30) == "3-2 周六 · 第1版 要闻 · 时政"
    for width in range(1, 70):
        assert cell_len(fit(forms, width, " · 1/2")) <= width
    assert where_forms(PageRef(), None) == [""]
    assert where_forms(PageRef(None, dt.date(2024, 3, 2)), None)[0] == "2024年3月2日 周六"


def _all_nodes(tree):
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


@pytest.mark.parametrize("width", [60, 80, 100, 120, 140, 159, 160, 200])
async def test_the_list_title_fits_the_list_pane_after_enter_narrows_it(make_app, width) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await started(app, pilot)
        for keys in ((), ("enter",), ("escape",), ("enter", "tab")):
            await pilot.press(*keys)
            await settle(app, pilot)
            articles = screen.articles
            if not articles.display:
                continue
            title = str(articles.border_title)
            # Fitted by us to the pane as it is now: Textual never has to cut it.
            assert cell_len(title) <= articles.size.width - 4, (keys, title, articles.size)
            top = screen_lines(app)[articles.region.y][articles.region.x :]
            assert title.replace(" ", "") in top.replace(" ", ""), (keys, top)
