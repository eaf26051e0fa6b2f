"""The list is virtual: a million rows cost what one screen costs; many editions → calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from reader.contracts import ROOT, ArticleSummary, Level, Node, Scope
from reader.model import Article, ArticleKind, Byline, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.screens.main import MainScreen

MILLION = 1_000_000


class HugeCatalog:
    """One section of a million synthetic articles; counts every summary fetched."""

    def __init__(self) -> None:
        self.fetched = 0
        self.scope = ROOT.narrow(Level.PAPER, "大报").narrow(Level.DATE, dt.date(2024, 1, 1))
        self.scope = self.scope.narrow(Level.PAGE, (1, "要闻")).narrow(Level.SECTION, "时政")

    def _summary(self, index: int) -> ArticleSummary:
        return ArticleSummary(
            id=f"a{index}",
            kind=ArticleKind.ARTICLE,
            title=f"第{index}篇文章的标题",
            kicker=None,
            byline="记者 某某",
            char_count=1000,
            paper="大报",
            date=dt.date(2024, 1, 1),
            page=(1, "要闻"),
            section="时政",
        )

    def children(self, scope: Scope, level: Level, newest_first: bool = True) -> list[Node]:
        value = self.scope.get(level)
        return [Node(level, value, str(value), MILLION, scope.narrow(level, value))]

    def count(self, scope: Scope) -> int:
        return MILLION

    def summaries(
        self, scope: Scope, offset: int, limit: int, newest_first: bool = True
    ) -> Sequence[ArticleSummary]:
        rows = [self._summary(i) for i in range(offset, min(offset + limit, MILLION))]
        self.fetched += len(rows)
        return rows

    def position(self, scope: Scope, article_id: str, newest_first: bool = True) -> int | None:
        return int(article_id[1:])

    def article(self, article_id: str) -> Article | None:
        index = int(article_id[1:])
        return Article(
            id=article_id,
            title=f"第{index}篇文章的标题",
            paragraphs=("正文。" * 50,),
            byline=(Byline("记者", "某某"),),
            section="时政",
            page=PageRef("大报", dt.date(2024, 1, 1), 1, "要闻"),
        )

    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        return len(ids)

    def step(
        self,
        article_id: str | None,
        direction: int,
        skip: AbstractSet[str] = frozenset(),
        newest_first: bool = True,
    ) -> str | None:
        index = -1 if article_id is None else int(article_id[1:])
        index += direction
        return f"a{index}" if 0 <= index < MILLION else None


async def test_a_million_rows_fetch_only_what_is_shown(make_app) -> None:
    catalog = HugeCatalog()
    app = make_app(catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.articles.total == MILLION
        # Two lines a row (and, for an odd height, one line after the last, so that
        # the top row is never cut: VirtualList._size_virtually).
        assert screen.articles.virtual_size.height - 2 * MILLION in (0, 1)
        await pilot.press("G")
        await pilot.pause()
        assert screen.articles.cursor == MILLION - 1
        assert screen.reader.article is not None and screen.reader.article.id == f"a{MILLION - 1}"
        height = screen.articles.scrollable_content_region.height
        bottom = [screen.articles.render_line(y).text for y in range(height - 3, height)]
        assert any("第999999篇文章的标题" in line for line in bottom), bottom
        await pilot.press("k", "k", "g")
        await pilot.pause()
        # Two windows (the first and the last), never the whole list.
        assert catalog.fetched <= 4 * 256


async def test_many_editions_become_years_months_days(make_app) -> None:
    start = dt.date(2023, 11, 1)
    pages = [
        Page(
            PageRef("晚报", start + dt.timedelta(days=n), 1, "要闻"),
            (
                Article(
                    id=f"d{n}",
                    title=f"标题{n}",
                    paragraphs=("正文。",),
                    section="本市",
                    page=PageRef("晚报", start + dt.timedelta(days=n), 1, "要闻"),
                ),
            ),
        )
        for n in range(70)
    ]
    app = make_app(MemoryCatalog(pages))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        labels = []
        node = screen.sidebar.root.children[0]
        while node.children:
            node = node.children[0]
            labels.append(node.data.label)
        # Newest first: 2024 › 1月 › 9 January 2024 › page 1 › 本市.
        assert labels == ["2024年", "1月", "2024年1月9日", "第1版 要闻", "本市"]
        assert screen.reader.article is not None and screen.reader.article.id == "d69"
        await pilot.press("right_square_bracket")
        assert screen.reader.article.id == "d68"


async def test_a_long_list_has_no_horizontal_scrollbar(make_app) -> None:
    """The vertical scrollbar takes a column; no horizontal one may take a line for it."""
    for size in ((120, 40), (80, 24)):
        app = make_app(HugeCatalog())
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            articles = app.screen.articles
            await pilot.press("j", "G")  # scrolled, as the room may change then
            await pilot.pause()
            assert articles.show_vertical_scrollbar
            assert not articles.show_horizontal_scrollbar
            assert articles.max_scroll_x == 0
            region = articles.scrollable_content_region
            assert region.height == articles.content_region.height
            assert region.width == articles.content_region.width - 1
