"""The reading pane: an article set by reader.typeset, drawn line by line.

Textual never wraps this text: reader.typeset breaks the lines by the CJK rules
at the measure, and this widget only places them (centred in the pane) and
scrolls. The place in the article is kept as (paragraph, character offset), so
it survives a change of measure or terminal width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, ArticleKind
from reader.state import Position, Settings
from reader.typeset import SetLine, TypesetOptions, line_index_for, set_article
from reader.ui.text import visible

#: Roles reader.typeset gives lines, and whether they are centred.
CENTRED = {"kicker", "title", "subtitle"}
#: Cells kept free on each side when the pane is narrower than the measure.
MARGIN = 1


def typeset_options(settings: Settings) -> TypesetOptions:
    """The typesetting options chosen by the user's settings."""
    return TypesetOptions(
        indent=settings.indent,
        fullwidth_punctuation=settings.fullwidth_punctuation,
        ambiguous_wide=settings.ambiguous_wide,
        paragraph_spacing=settings.paragraph_spacing,
    )


class ReadingPane(ScrollView, can_focus=True):
    """One article, set at the user's measure."""

    COMPONENT_CLASSES = {
        "reading-pane--kicker",
        "reading-pane--title",
        "reading-pane--subtitle",
        "reading-pane--dateline",
        "reading-pane--byline",
        "reading-pane--paragraph",
        "reading-pane--caption",
        "reading-pane--photo",
        "reading-pane--empty",
    }

    class AtEnd(Message):
        """The user paged down past the end: time for the next article."""

    class Moved(Message):
        """The visible place in the article changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.settings = Settings()
        self.lines: Sequence[SetLine] = ()
        self._laid_out_for: tuple[object, ...] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self._pending: Position | None = None
        self.empty_message = "选择一篇文章阅读"

    # Content ------------------------------------------------------------------

    def show(self, article: Article | None, position: Position | None = None) -> None:
        """Show ``article`` at ``position`` (its top when None)."""
        self.article = article
        self._pending = position
        self._laid_out_for = None
        self.scroll_to(y=0, animate=False, force=True)
        self._layout()

    def apply_settings(self, settings: Settings) -> None:
        """Re-set the text for new settings, keeping the place in it."""
        keep = self.position()
        self.settings = settings
        self._laid_out_for = None
        self._pending = keep
        self._layout()

    @property
    def measure_cells(self) -> int:
        """The line width in cells the text is set at (measure or what fits)."""
        room = self.scrollable_content_region.width - 2 * MARGIN
        return max(4, min(self.settings.measure * 2, room))

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not sized yet: on_resize lays out
        key = (id(self.article), self.measure_cells, self.settings)
        if key == self._laid_out_for:
            return
        if self._pending is None and self.lines:
            self._pending = self.position()
        self._laid_out_for = key
        self._strips.clear()
        if self.article is None:
            self.lines = ()
        else:
            self.lines = set_article(
                self.article, self.measure_cells, typeset_options(self.settings)
            )
        extra = 1 if self.article is not None and self.article.kind is ArticleKind.PHOTO else 0
        self._photo_header = extra
        self.virtual_size = Size(width, len(self.lines) + extra + 1)
        target = 0
        pending = self._pending
        if (
            pending is not None
            and self.article is not None
            and pending.article_id == self.article.id
            and self.lines
            and pending.paragraph >= 0
        ):
            target = extra + line_index_for(self.lines, pending.paragraph, pending.char_offset)
        self._pending = None
        self.scroll_to(y=target, animate=False, force=True)
        self.refresh()
        self.post_message(self.Moved())

    def on_resize(self) -> None:
        self._layout()
        self._strips.clear()

    # Position -----------------------------------------------------------------

    def position(self) -> Position | None:
        """The place at the top of the pane, as (paragraph, offset)."""
        if self.article is None:
            return None
        index = int(self.scroll_y) - getattr(self, "_photo_header", 0)
        if not self.lines:
            return Position(self.article.id)
        index = max(0, min(index, len(self.lines) - 1))
        # A blank line belongs to nothing: the place is the next line with text.
        while index + 1 < len(self.lines) and self.lines[index].role == "blank":
            index += 1
        line = self.lines[index]
        if line.block < 0:
            # Heading lines all start at offset 0: the heading as a whole is the place.
            return Position(self.article.id, -1, 0)
        return Position(self.article.id, line.block, line.start)

    @property
    def percent(self) -> int:
        """How far through the article the bottom of the pane is, 0–100."""
        if self.article is None:
            return 0
        if self.max_scroll_y <= 0:
            return 100
        return round(100 * self.scroll_y / self.max_scroll_y)

    @property
    def at_end(self) -> bool:
        """Whether the last line is visible."""
        return self.scroll_y >= self.max_scroll_y

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.Moved())

    def page(self, direction: int) -> None:
        """Page down (1) or up (-1); paging down at the end asks for the next article."""
        if direction > 0 and self.at_end:
            self.post_message(self.AtEnd())
            return
        # Keep one line of context, as a pager does.
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def move(self, delta: int) -> None:
        """Scroll by ``delta`` lines."""
        self.scroll_to(y=self.scroll_y + delta, animate=False)

    # Drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        key = (index, width, self.app.theme, self._laid_out_for)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(index, width)
            self._strips[key] = strip
        return strip

    def _draw(self, index: int, width: int) -> Strip:
        base = self.rich_style
        measure = self.measure_cells
        left = max(0, (width - measure) // 2)
        if self.article is None:
            if index != 1:
                return Strip.blank(width, base)
            return self._centred(self.empty_message, "reading-pane--empty", width, base)
        header = getattr(self, "_photo_header", 0)
        if header and index == 0:
            return self._centred("〔图片〕", "reading-pane--photo", width, base)
        index -= header
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        text = visible(line.text)
        style = base + self._role_style(line.role)
        pad = left
        if line.role in CENTRED:
            pad += max(0, (measure - cell_len(text)) // 2)
        segments = [Segment(" " * pad, base), Segment(text, style)]
        return Strip(segments).adjust_cell_length(width, base).simplify()

    def _role_style(self, role: str) -> Style:
        name = f"reading-pane--{role}"
        if name in self.COMPONENT_CLASSES:
            return self.get_component_rich_style(name, partial=True)
        return Style()

    def _centred(self, text: str, component: str, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style(component, partial=True)
        pad = max(0, (width - cell_len(text)) // 2)
        segments = [Segment(" " * pad, base), Segment(text, style)]
        return Strip(segments).adjust_cell_length(width, base)
