"""Fixture content for UI tests: two editions, three pages, a photo, hostile text."""

from __future__ import annotations

import dataclasses
import datetime as dt

from textual.app import App
from textual.pilot import Pilot

from reader.model import Article, ArticleKind, Byline, Page, PageRef
from reader.store.memory import MemoryCatalog
from reader.ui.screens.main import MainScreen

PARAGRAPH = (
    "近年来,武川县坚持新时代好干部标准,把政治标准放在首位,"
    "在选干部、配班子、抓监督的全过程中,树立“重实干、重实绩”的鲜明导向,"
    "2022—2023年度共提拔重用干部523人,有效激发了干部干事创业的精气神。"
)


def _article(ref: PageRef, n: int, section: str | None, **extra: object) -> Article:
    fields: dict[str, object] = {
        "id": f"{ref.date or 'undated'}-{ref.number}-{n:02d}",
        "title": f"多举措提振干部干事创业精气神（{n}）",
        "kicker": "武川县",
        "dateline": "本报讯",
        "byline": (Byline("记者", "云艳芳"), Byline("通讯员", "武组轩")),
        "paragraphs": tuple(f"{PARAGRAPH}（第{p + 1}段）" for p in range(12)),
        "section": section,
        "page": ref,
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


def pages() -> list[Page]:
    """The fixture pages, in no particular order (the catalogue sorts them)."""
    day1 = dt.date(2024, 3, 1)
    day2 = dt.date(2024, 3, 2)
    ref1 = PageRef("内蒙古日报", day1, 1, "要闻")
    ref2 = PageRef("内蒙古日报", day1, 5, "党建")
    ref3 = PageRef("内蒙古日报", day2, 1, "要闻")
    page1 = Page(
        ref1,
        (
            _article(ref1, 1, "时政"),
            _article(
                ref1, 2, "时政", title="[bold]标记[/bold]不应解析\x1b]2;pwned\x07", kicker=None
            ),
            _article(ref1, 3, "时政", byline=(), subtitle="副题：把政治标准放在首位"),
            _article(ref1, 4, "经济"),
            Article(
                id="2024-03-01-1-photo",
                title="",
                kind=ArticleKind.PHOTO,
                section="经济",
                paragraphs=("3月1日,牧民在草原上放牧。",),
                byline=(Byline("摄影", "王磊"),),
                page=ref1,
            ),
        ),
    )
    page2 = Page(ref2, tuple(_article(ref2, n, "党旗领航") for n in range(1, 4)))
    page3 = Page(ref3, tuple(_article(ref3, n, "时政") for n in range(1, 3)))
    return [page3, page1, page2]


def catalog() -> MemoryCatalog:
    """A memory catalogue over the fixture pages."""
    return MemoryCatalog(pages())


#: The reader's first article (newest edition, first row) and a url for it.
FIRST = "2024-03-02-1-01"
URL = "https://www.example.com/nmgrb/2024-03/02/content_1.htm?from=zhpaper&page=1"


def pages_with(article_id: str, **changes: object) -> list[Page]:
    """The fixture pages with ``changes`` made to one article."""
    return [
        dataclasses.replace(
            page,
            articles=tuple(
                dataclasses.replace(a, **changes) if a.id == article_id else a  # type: ignore[arg-type]
                for a in page.articles
            ),
        )
        for page in pages()
    ]


def shared_catalog() -> MemoryCatalog:
    """The fixture with a source line (新华社) and a long url on the first article."""
    return MemoryCatalog(pages_with(FIRST, source="新华社", url=URL))


async def settle(app: App[None], pilot: Pilot[None]) -> None:
    """Let key events start their workers, then wait for the workers and their messages."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def started(app: App[None], pilot: Pilot[None]) -> MainScreen:
    """The main screen once the catalogue is loaded and shown."""
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen
