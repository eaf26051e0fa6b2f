"""Go to a date: a one-line box that takes 2020-05-31, 5-31, 5月31日 or 昨天."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.model.dates import parse_day
from reader.ui.private import DrawsNothingTwice

#: What the box says under the query when nothing is wrong.
HINT = "回车转到那一天的报纸（没有则转到之前最近的一期） · esc 取消"


class GoToDateScreen(DrawsNothingTwice, ModalScreen[dt.date | None]):
    """Asks for a day; dismisses with it, or None. A bad day is said under the box.

    Kept between openings (MainScreen.install_date_screen): :meth:`fresh`
    empties it before each.
    """

    DEFAULT_CSS = """
    GoToDateScreen {
        align: center top;
    }
    GoToDateScreen > Vertical {
        width: 60%;
        min-width: 40;
        height: auto;
        margin-top: 2;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    GoToDateScreen Label {
        color: $text-muted;
    }
    GoToDateScreen Label.-error {
        color: $error;
    }
    """

    BINDINGS = [Binding("escape", "dismiss_none", "关闭", id="date_close")]

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self._today = today

    @property
    def today(self) -> dt.date:
        """What 昨天 and a day without a year are read against: today, unless given."""
        return self._today or dt.date.today()

    def fresh(self) -> None:
        """An empty box and the hint, as at the first opening (before it is shown again)."""
        if not self.is_mounted:
            return
        self.query_one(Input).value = ""
        label = self.query_one(Label)
        if label.has_class("-error"):
            label.update(HINT)
            label.remove_class("-error")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "转到日期"
            yield Input(placeholder="2020-05-31、5-31、5月31日、昨天", id="date-query")
            yield Label(HINT, markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            day = parse_day(event.value, self.today)
        except ValueError as error:
            label = self.query_one(Label)
            label.update(str(error))
            label.add_class("-error")
            return
        self.dismiss(day)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
