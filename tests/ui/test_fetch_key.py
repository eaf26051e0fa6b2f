"""`r` in the reader: subscriptions fetched in a worker, new articles marked 新, place kept."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from functools import partial
from pathlib import Path

import pytest
from textual_private import notifications

from reader.cli.read import default_content_dir
from reader.contracts import ROOT
from reader.fetch.client import Client
from reader.fetch.subscriptions import Subscription, save_subscriptions
from reader.fetch.update import fetch_into
from reader.search.opening import open_catalog
from reader.state.paths import library_dir
from reader.store.locate import bundled_content_dir
from reader.ui.app import ReaderApp

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@pytest.fixture
def layout_site():  # type: ignore[no-untyped-def]
    if not (FIXTURES / "serve.py").is_file():
        pytest.skip("fixture sites not found")
    sys.path.insert(0, str(FIXTURES))
    from serve import start

    server, base = start(str(FIXTURES / "web"))
    yield base + "layout-paper/"
    server.shutdown()
    server.server_close()


async def _settle(app: ReaderApp) -> None:
    """Wait until the reader is showing its catalogue with nothing running.

    Opening, the first build, the fetch and the sync it starts run one after
    another, each started by a message the one before posts.
    """
    quiet = 0
    for _ in range(600):
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.05)
        main = app.main_screen
        idle = all(worker.is_finished for worker in app.workers)
        shown = main.catalog is not None and not main.has_class("-building")
        quiet = quiet + 1 if idle and shown else 0
        if quiet == 3:
            return
    raise AssertionError("the reader did not settle")


async def test_r_fetches_new_articles_marks_them_and_keeps_the_place(
    layout_site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHPAPER_DATA_DIR", str(tmp_path / "data"))
    library = library_dir()
    assert default_content_dir() == bundled_content_dir()  # an empty library: the bundled paper
    with Client(rate=0) as client:
        fetch_into(layout_site, library, client, dates=[dt.date(2025, 3, 4)])
    assert default_content_dir() == library  # it holds articles now: the library
    save_subscriptions([Subscription("北疆晨报", layout_site, "layout")])
    app = ReaderApp(library, partial(open_catalog, background=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app)
        main = app.main_screen
        assert main.catalog is not None and main.catalog.count(ROOT) == 8
        reading = main.catalog.summaries(ROOT, 0, 3)[2].id
        main.open_article(reading)
        await pilot.pause()
        assert main.reader.article is not None and main.reader.article.id == reading
        await pilot.press("r")
        await _settle(app)
        await pilot.pause()
        assert main.catalog.count(ROOT) == 16
        assert len(main.new_ids) == 8
        assert main.reader.article is not None and main.reader.article.id == reading
        flags = main.articles._flags(next(iter(main.new_ids)))
        assert flags.new and not flags.read
        await pilot.press("r")  # nothing new the second time
        await _settle(app)
        assert len(main.new_ids) == 8


async def test_r_without_subscriptions_says_how_to_add_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHPAPER_DATA_DIR", str(tmp_path / "data"))
    app = ReaderApp(bundled_content_dir(), partial(open_catalog, background=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app)
        await pilot.press("r")
        await _settle(app)
        await pilot.pause()
        messages = notifications(app)
        assert any("zhpaper subscribe" in m for m in messages)
