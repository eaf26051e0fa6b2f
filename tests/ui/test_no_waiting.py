"""No waiting: what grows with the archive runs in workers, never on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Set as AbstractSet

import pytest
from textual_private import footer_keys, notifications
from ui_fixtures import pages, settle, started

from reader.contracts import Scope
from reader.state import ReadingState
from reader.store.memory import MemoryCatalog
from reader.ui.widgets.key_footer import KeyFooter

SIZE = (120, 40)


class WatchedCatalog(MemoryCatalog):
    """The fixture catalogue, noting which thread asks how many are read."""

    def __init__(self) -> None:
        super().__init__(pages())
        self.counted_on: list[threading.Thread] = []

    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        self.counted_on.append(threading.current_thread())
        return super().count_among(scope, ids)


def _labels(screen) -> dict[str, str]:
    """Each loaded tree node's name → its label as drawn (with 篇数 ·未读)."""
    out = {}
    stack = list(screen.sidebar.root.children)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        line = screen.sidebar.render_label(
            node, screen.sidebar.rich_style, screen.sidebar.rich_style
        )
        out[node.data.label] = line.plain
    return out


async def test_marking_a_paper_read_writes_and_counts_off_the_ui_thread(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    written_on: list[threading.Thread] = []
    bulk = ReadingState.set_read_many

    def recorded(self: ReadingState, ids, read: bool = True) -> None:
        if len(list(ids)) > 1:
            written_on.append(threading.current_thread())
        bulk(self, ids, read)

    monkeypatch.setattr(ReadingState, "set_read_many", recorded)
    watched = WatchedCatalog()
    app = make_app(watched)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.sidebar.focus()
        await pilot.press("k", "k", "k")  # the paper
        await pilot.pause()
        paper = screen.sidebar.cursor_node
        assert paper is not None and paper.data.label == "内蒙古日报"
        await pilot.press("M")
        await settle(app, pilot)
        assert len(screen.read_ids) == paper.data.count
        # The tree says so once the worker has counted: nothing unread anywhere.
        assert not any("·" in label for label in _labels(screen).values()), _labels(screen)
        await pilot.press("u")
        await settle(app, pilot)
        assert not screen.read_ids
        assert screen.state is not None and not screen.state.read_ids()
        assert _labels(screen)["内蒙古日报"].endswith(f"{paper.data.count} ·{paper.data.count}")
        await pilot.press("tab", "enter")  # reading marks one article read: counted in a worker
        await settle(app, pilot)
        assert len(screen.read_ids) == 1
    main = threading.main_thread()
    assert written_on and main not in written_on
    assert watched.counted_on and main not in watched.counted_on


async def test_moving_between_panes_redraws_the_footer_without_widgets(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        footer = screen.query_one(KeyFooter)
        in_list = footer_keys(screen)
        assert in_list >= {("⏎", "阅读"), ("q", "退出")}
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert footer_keys(screen) != in_list  # the tree's own keys (its enter and space)
        for key in ("tab", "enter", "escape"):
            await pilot.press(key)
            await settle(app, pilot)
        # One widget drawing one line: nothing mounted or removed per change of focus.
        assert screen.query_one(KeyFooter) is footer and not footer.children
        assert footer_keys(screen) == in_list


class BlockedCountCatalog(MemoryCatalog):
    """The fixture catalogue whose recount of read marks waits until released."""

    def __init__(self) -> None:
        super().__init__(pages())
        self.release = threading.Event()

    def count_among(self, scope: Scope, ids: AbstractSet[str]) -> int:
        self.release.wait(10)
        return super().count_among(scope, ids)


async def test_m_moves_the_counts_above_the_article_before_any_recount(make_app) -> None:
    catalog = BlockedCountCatalog()
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        summary = screen.articles.highlighted
        before = dict(screen.sidebar._counts)
        await pilot.press("m")  # the worker's recount is held: only m's own change shows
        await pilot.pause()
        after = dict(screen.sidebar._counts)
        moved = {scope for scope in before if after[scope] != before[scope]}
        assert moved, "no count changed at once"
        for scope in moved:
            # Every changed node holds the article, and lost exactly one unread.
            assert summary.id in {s.id for s in catalog.summaries(scope, 0, 10_000)}
            assert after[scope][1] == before[scope][1] - 1
        await pilot.press("m")  # and back
        await pilot.pause()
        assert dict(screen.sidebar._counts) == before
        catalog.release.set()
        await settle(app, pilot)
        assert dict(screen.sidebar._counts) == before  # the recount agrees


async def test_M_shows_the_counts_before_any_recount_and_u_restores_them(make_app) -> None:
    catalog = BlockedCountCatalog()
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        screen.sidebar.focus()
        await pilot.press("k", "k")  # an edition
        await pilot.pause()
        marked = screen.sidebar.cursor_node.data
        before = dict(screen.sidebar._counts)
        await pilot.press("M")
        await pilot.pause(0.2)  # the ids come from a worker; the recount is held
        after = dict(screen.sidebar._counts)
        assert after[marked.scope] == (marked.count, 0)
        for scope, (count, unread) in after.items():
            inside = all(pair in scope.filters for pair in marked.scope.filters)
            holding = all(marked.scope.get(level) == value for level, value in scope.filters)
            if inside:
                assert unread == 0, scope
            elif holding:
                assert unread == before[scope][1] - marked.count, scope
            else:
                assert (count, unread) == before[scope], scope
        await pilot.press("u")
        await pilot.pause()
        assert dict(screen.sidebar._counts) == before
        catalog.release.set()
        await settle(app, pilot)
        assert dict(screen.sidebar._counts) == before  # the recount agrees


class BlockedIdsCatalog(MemoryCatalog):
    """The fixture catalogue whose ids of a scope (M) wait until released."""

    def __init__(self) -> None:
        super().__init__(pages())
        self.release = threading.Event()

    def ids(self, scope: Scope) -> list[str]:
        self.release.wait(10)
        return super().ids(scope)


async def _mark_an_edition(app, pilot):
    screen = await started(app, pilot)
    screen.sidebar.focus()
    await pilot.press("k", "k")  # an edition: the list shows it
    await pilot.pause()
    marked = screen.sidebar.cursor_node.data
    assert screen.sidebar.unread_shown(marked.scope) == marked.count
    rows = [screen.articles.summary(i).id for i in range(screen.articles.total)]
    await pilot.press("M")
    await pilot.pause()
    return screen, marked, rows


async def test_M_draws_the_mark_before_the_ids_come_and_writes_them_after(make_app) -> None:
    # The tree shows how many of the edition are unread, and the list shows the
    # edition: counts, rows and notice are drawn in M's own frame, while the
    # worker reading the ids is held. When they come, they are kept and written.
    catalog = BlockedIdsCatalog()
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen, marked, rows = await _mark_an_edition(app, pilot)
        assert screen.sidebar.unread_shown(marked.scope) == 0
        assert rows and all(screen.articles.flags_of(row).read for row in rows)
        assert not screen.read_ids  # nothing kept before the ids come
        assert f"{marked.count:,} 篇标为已读" in " ".join(notifications(app))
        catalog.release.set()
        await settle(app, pilot)
        assert set(rows) <= screen.read_ids
        assert set(rows) <= screen.state.read_ids()
        assert screen.sidebar.unread_shown(marked.scope) == 0


async def test_u_before_the_ids_come_undoes_M_and_nothing_is_written(make_app) -> None:
    catalog = BlockedIdsCatalog()
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen, marked, rows = await _mark_an_edition(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert screen.sidebar.unread_shown(marked.scope) == marked.count
        assert not any(screen.articles.flags_of(row).read for row in rows)
        catalog.release.set()
        await settle(app, pilot)
        assert not screen.read_ids and not screen.state.read_ids()
        assert screen.sidebar.unread_shown(marked.scope) == marked.count
        await pilot.press("u")  # nothing left to undo
        await pilot.pause()
        assert "没有可撤销的操作" in notifications(app)
