"""The reading progress in the reader's corner: 100% whenever the article's end is on screen."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_fixtures import settle, started

from reader.model import Article, Page, PageRef
from reader.store.memory import MemoryCatalog

SENTENCE = "武川县坚持新时代好干部标准，把政治标准放在首位。"


def _articles(up_to: int) -> MemoryCatalog:
    """Articles of 1 … ``up_to`` paragraphs, one page each (the list holds one)."""
    pages = []
    for n in range(1, up_to + 1):
        ref = PageRef("晚报", dt.date(2024, 1, 1) + dt.timedelta(days=n), 1, "要闻")
        article = Article(id=f"a{n}", title=f"{n}段", paragraphs=(SENTENCE,) * n, page=ref)
        pages.append(Page(ref, (article,)))
    return MemoryCatalog(pages)


#: Sizes, and article lengths (paragraphs) around the one that just fills the pane.
AROUND_A_SCREENFUL = [
    ((120, 40), range(16, 21)),
    ((80, 24), range(8, 13)),
    ((60, 20), range(5, 10)),
]


@pytest.mark.parametrize(("size", "lengths"), AROUND_A_SCREENFUL)
async def test_an_article_whose_end_is_on_screen_reads_100_percent(
    make_app, size: tuple[int, int], lengths: range
) -> None:
    app = make_app(_articles(lengths.stop))
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        reader = screen.reader
        fits = longer = 0
        for n in lengths:
            assert screen.open_article(f"a{n}")
            await pilot.press("enter")
            await settle(app, pilot)
            assert reader.display and reader.article.id == f"a{n}"
            height = reader.scrollable_content_region.height
            # The article's last line is on screen (the blank line kept after it aside).
            if len(reader.lines) <= height:
                fits += 1
                assert reader.border_subtitle == "100%", (n, len(reader.lines), height)
            else:
                longer += 1
                assert reader.percent < 100, (n, len(reader.lines), height)
                await pilot.press("G")
                await pilot.pause()
                assert reader.border_subtitle == "100%"
            await pilot.press("escape")
        assert fits and longer  # both cases were met, the boundary among them
