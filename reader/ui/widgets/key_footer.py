"""The footer: the keys of the focused pane, and the last short notice, as one line.

Textual's Footer is a container of one widget per key, rebuilt (removed and
mounted again) after every change of the screen's bindings, which happens at
every change of focus: enter, escape and tab each paid for a second frame and
some fifteen widgets created and styled. This footer is one widget: when the
keys change it draws its one line again, in the same frame as the key that
changed them.

Short notices (已读, 每行 40 字 …) are said here too, at the left, as a pager's
status line says them: in the frame of the key that caused them. A Textual
notice (a toast) is mounted after that frame and drew one or two more, some
30–50 ms later; warnings, errors and what does not fit still go there.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget


@dataclass(frozen=True)
class FooterKey:
    """One key the footer shows."""

    key: str
    key_display: str
    description: str
    enabled: bool = True


class KeyFooter(Widget, can_focus=False):
    """The screen's keys (those shown), the command palette's at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--rule",
        "key-footer--notice",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--rule {
            color: $foreground 20%;
        }
        & > .key-footer--notice {
            color: $text;
            background: $primary 40%;
            text-style: bold;
        }
    }
    """

    #: Less padding (narrow terminals: Chinese labels are wide).
    compact = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[FooterKey, ...] = ()
        self.palette_key: FooterKey | None = None
        #: The notice shown at the left, if any (until its timer ends it).
        self.notice: str | None = None
        self._notice_timer: Timer | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings may have changed: draw again if the keys shown did."""
        keys: list[FooterKey] = []
        palette: FooterKey | None = None
        app = screen.app
        for key, active in screen.active_bindings.items():
            binding = active.binding
            shown = FooterKey(
                binding.key, app.get_key_display(binding), binding.description, active.enabled
            )
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show:
                keys.append(shown)
        if (tuple(keys), palette) != (self.keys, self.palette_key):
            self.keys, self.palette_key = tuple(keys), palette
            self.refresh()

    def watch_compact(self) -> None:
        self.refresh()

    def notice_fits(self, text: str) -> bool:
        """Whether ``text`` can be said here whole (with some keys beside it)."""
        return "\n" not in text and cell_len(text) <= self.notice_room()

    def notice_room(self) -> int:
        """The cells a notice may take here: half the footer, the rest for keys."""
        return max(0, self.size.width // 2 - cell_len(self._notice_text("")))

    def show_notice(self, text: str, timeout: float) -> None:
        """Say ``text`` at the left for ``timeout`` seconds (replacing the notice shown)."""
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self.notice = text
        self._notice_timer = self.set_timer(timeout, self._end_notice)
        self.refresh()

    def _end_notice(self) -> None:
        self.notice, self._notice_timer = None, None
        self.refresh()

    @staticmethod
    def _notice_text(text: str) -> str:
        return f" {text} "

    def placed(self, width: int | None = None) -> list[tuple[int, int, FooterKey]]:
        """The keys drawn at ``width`` (default: the footer's): (first cell, end, key).

        A key is shown whole or not at all; the command palette's keeps the right end.
        """
        width = self.size.width if width is None else width
        room = width - (1 + self._cells(self.palette_key) if self.palette_key else 0)
        spans: list[tuple[int, int, FooterKey]] = []
        x = cell_len(self._notice_text(self.notice)) + 1 if self.notice else 0
        for key in self.keys:
            cells = self._cells(key)
            if x + cells > room:
                break
            spans.append((x, x + cells, key))
            x += cells
        if self.palette_key is not None and room > 0:
            spans.append((room, width, self.palette_key))
        return spans

    def _cells(self, key: FooterKey) -> int:
        return sum(cell_len(text) for text, _role in self._parts(key))

    def _parts(self, key: FooterKey) -> list[tuple[str, str]]:
        """A key's pieces of text, each with its role: key, description or space."""
        if self.compact or key is self.palette_key:
            # The key without padding, one space, the description, one space.
            parts = [(key.key_display, "key")]
            if key.description:
                parts.append((f" {key.description}", "description"))
            return [*parts, (" ", "space")]
        parts = [(f" {key.key_display} ", "key")]
        if key.description:
            parts.append((f"{key.description} ", "description"))
        return parts

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        styles = {
            "key": base + self.get_component_rich_style("key-footer--key", partial=True),
            "description": base
            + self.get_component_rich_style("key-footer--description", partial=True),
            "space": base,
        }
        dim = Style(dim=True)
        segments: list[Segment] = []
        x = 0
        if self.notice:
            notice = self._notice_text(self.notice)
            style = base + self.get_component_rich_style("key-footer--notice", partial=True)
            segments += [Segment(notice, style), Segment(" ", base)]
            x = cell_len(notice) + 1
        for start, end, key in self.placed(width):
            if key is self.palette_key:
                segments.append(Segment(" " * (start - x), base))
                rule = self.get_component_rich_style("key-footer--rule", partial=True)
                segments.append(Segment("▏", base + rule))
            for text, role in self._parts(key):
                style = styles[role] if key.enabled else styles[role] + dim
                segments.append(Segment(text, style))
            x = end
        return Strip(segments).adjust_cell_length(width, base)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.placed():
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
