"""Notices over the panes keep every character (Textual issue 6357: wide characters astride
a pane border were painted as two spaces: `所有内容    都已读取`)."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual_private import notifications, redraw, screen_lines
from ui_fixtures import started

MESSAGES = (
    "所有内容文件都已读取，没有跳过的文件",
    "keymap.toml 里有不认识的按键 id（unknown binding id）：quitt",
    "6 个文件未能读取（按 ! 查看）",
)
#: Narrow (one pane), medium (a border under the notice at 102–130) and wide layouts.
WIDTHS = (60, 80, 101, 109, 112, 116, 123, 130, 160, 200)


def _notice_text(lines: list[str]) -> str:
    """What the notices say, read off the screen: the text right of each toast's edge mark."""
    return "".join(line.split("▌", 1)[1] for line in lines if "▌" in line)


def _squeezed(text: str) -> str:
    return re.sub(r"[\s│]", "", text)


class Terminal:
    """Just enough of a terminal to replay Textual's output: cursor moves and wide cells."""

    def __init__(self, lines: list[str]) -> None:
        self.cells = [self._cells(line) for line in lines]

    @staticmethod
    def _cells(line: str) -> list[str]:
        cells: list[str] = []
        for char in line:
            cells.append(char)
            cells.extend([""] * (cell_len(char) - 1))
        return cells

    def play(self, output: str) -> None:
        y = x = 0
        output = re.sub(r"\x1b\[[0-9;]*m", "", output)  # colours do not move the cursor
        for row, column, text in re.findall(r"\x1b\[(\d+);(\d+)H|([^\x1b]+)", output):
            if row:
                y, x = int(row) - 1, int(column) - 1
                continue
            for char in text.replace("\n", ""):
                width = cell_len(char)
                row = self.cells[y]
                # Writing over half a wide character wipes the other half, as terminals do.
                if x > 0 and row[x] == "":
                    row[x - 1] = " "
                if x + width < len(row) and row[x + width] == "":
                    row[x + width] = " "
                row[x : x + width] = [char] + [""] * (width - 1)
                x += width

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]


@pytest.mark.parametrize("width", WIDTHS)
async def test_a_notice_over_the_panes_keeps_every_character(make_app, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30), notifications=True) as pilot:
        screen = await started(app, pilot)
        for message in MESSAGES:
            app.notify(message, severity="warning", timeout=60)  # toasts: over the panes
        await pilot.pause(0.3)  # toasts are mounted after a refresh
        lines = screen_lines(app)
        assert all(cell_len(line) == width for line in lines)
        shown = _squeezed(_notice_text(lines))
        for message in MESSAGES:
            assert _squeezed(message) in shown, (width, lines)
        # A pane redrawn under the notices (j in the list) repaints only its part of
        # the screen: the notices' characters astride its edges stay whole.
        terminal = Terminal(lines)
        await pilot.press("j")
        for pane in (screen.articles, screen.reader, screen.sidebar):
            terminal.play(redraw(app, pane))
            for message in MESSAGES:
                assert _squeezed(message) in _squeezed(_notice_text(terminal.lines())), pane
        assert terminal.lines() == screen_lines(app)


async def test_a_short_notice_is_said_in_the_footer_in_the_frame_of_its_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("m")  # 已读
        # No pause: the footer says it with the key's own frame; no toast is mounted.
        assert screen_lines(app)[-1].startswith(" 已读 ")
        assert not app.screen.query("Toast")
        assert "已读" in notifications(app)
        await pilot.press("m")  # the next notice takes its place
        assert screen_lines(app)[-1].startswith(" 标为未读 ")


async def test_warnings_and_long_notices_are_toasts(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await started(app, pilot)
        long = "很长的消息" * 10
        app.notify(long)
        app.notify("出错了", severity="warning")
        await pilot.pause(0.3)
        toasts = {str(toast.render()).strip() for toast in app.screen.query("Toast")}
        assert any(long in text for text in toasts) and any("出错了" in t for t in toasts)
        assert long not in screen_lines(app)[-1]
