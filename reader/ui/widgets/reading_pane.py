"""The reading pane: an article set by reader.typeset, drawn line by line.

Textual never wraps this text: reader.typeset breaks the lines by the CJK rules
at the measure, and this widget only places them (centred in the pane) and
scrolls. The place in the article is kept as (paragraph, character offset), so
it survives a change of measure or terminal width.
"""

from __future__ import annotations

import bisect

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.model import Article, ArticleKind
from reader.state import Position, Settings
from reader.typeset import (
    HEADLINE_ROLES,
    SetLine,
    TypesetOptions,
    line_index_for,
    set_article,
)
from reader.typeset.script import convert_article, converter_ready
from reader.ui.private import ResizedBeforeDrawing
from reader.ui.text import visible
from reader.ui.widgets.titles import FittedTitle

#: Cells kept free on each side when the pane is narrower than the measure.
MARGIN = 1
#: Articles up to this many characters are converted to the display script at
#: once (OpenCC: about 3 ms); longer ones in a worker, shown as printed meanwhile.
CONVERT_AT_ONCE = 50_000


def typeset_options(settings: Settings) -> TypesetOptions:
    """The typesetting options chosen by the user's settings."""
    return TypesetOptions(
        indent=settings.indent,
        fullwidth_punctuation=settings.fullwidth_punctuation,
        ambiguous_wide=settings.ambiguous_wide,
        paragraph_spacing=settings.paragraph_spacing,
    )


class ReadingPane(ResizedBeforeDrawing, can_focus=True, inherit_bindings=False):
    """One article, set at the user's measure.

    No keys of its own: ScrollView's (home, end, pagedown …) would shadow the
    key table (reader.ui.keys), which the user can rebind.
    """

    COMPONENT_CLASSES = {
        "reading-pane--kicker",
        "reading-pane--title",
        "reading-pane--subtitle",
        "reading-pane--dateline",
        "reading-pane--byline",
        "reading-pane--paragraph",
        "reading-pane--caption",
        "reading-pane--source",
        "reading-pane--photo",
        "reading-pane--empty",
        "reading-pane--match",
    }

    class AtEnd(Message):
        """The user paged down past the end: time for the next article."""

    class AtStart(Message):
        """The user paged up at the top: time for the previous article."""

    class Moved(Message):
        """The visible place in the article changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The article as stored (ids, places, copying); ``shown`` is what is drawn.
        self.article: Article | None = None
        #: ``article`` in the display script (settings.script): the same article when
        #: that is "original", or while a long article is still being converted.
        self.shown: Article | None = None
        self.settings = Settings()
        self.lines: list[SetLine] = []
        self._laid_out_for: tuple[object, ...] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        #: The last settings of the text, by (article, measure, settings).
        self._kept_lines: LRUCache[tuple[object, ...], list[SetLine]] = LRUCache(4)
        self._pending: Position | None = None
        self.empty_message = "选择一篇文章阅读"
        #: Search matches: (block, start, end) in the stored text, block -1 = title.
        self._matches: list[tuple[int, int, int]] = []
        #: Line index → (start, end) cell-free character spans within the line text.
        self._line_marks: dict[int, list[tuple[int, int]]] = {}
        #: Whether matches were shown when the bindings were last refreshed.
        self._matches_shown = False
        #: 1 when a photo item's 〔图片〕 line sits above the typeset lines.
        self._photo_header = 0
        #: Which match line n/N are on (an index into match_lines).
        self._match_at = 0
        #: Where the article is (page, section, its place in the list), in the border.
        self._title = FittedTitle(self, empty="阅读")

    # Content ------------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        position: Position | None = None,
        matches: list[tuple[int, int, int]] | None = None,
    ) -> None:
        """Show ``article`` at ``position`` (its top when None).

        ``matches`` are search hits to highlight, as (paragraph, start, end) in the
        stored text (-1 for the title); the view then opens at the first one.
        """
        self.article = article
        self.shown = self._in_script(article)
        self._matches = list(matches or [])
        self._pending = position
        self._laid_out_for = None
        # The old article's lines say nothing about the new one's place.
        self.lines = []
        self.scroll_to(y=0, animate=False, force=True)
        self._layout()

    def apply_settings(self, settings: Settings) -> None:
        """Re-set the text for new settings, keeping the place in it."""
        keep = self.position()
        script_changed = settings.script != self.settings.script
        self.settings = settings
        if script_changed:
            self.shown = self._in_script(self.article)
        self._laid_out_for = None
        self._pending = keep
        self._layout()

    def _in_script(self, article: Article | None) -> Article | None:
        """``article`` in the display script now, or as printed until a worker converts it."""
        script = self.settings.script
        if article is None or script == "original":
            return article
        if converter_ready(script) and article.char_count <= CONVERT_AT_ONCE:
            return convert_article(article, script)
        self._convert(article, script)
        return article

    @work(thread=True, exclusive=True, group="script", description="_convert")
    def _convert(self, article: Article, script: str) -> None:
        shown = convert_article(article, script)  # loads the converter the first time
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._converted, article, script, shown)

    def _converted(self, article: Article, script: str, shown: Article) -> None:
        if self.article is not article or self.settings.script != script:
            return  # the user moved on, or toggled again
        self.shown = shown
        self._laid_out_for = None
        self._layout()

    def reconvert(self) -> None:
        """Show the article in the display script again (its converter just became ready)."""
        if self.article is not None and self.shown is self.article:
            self.shown = self._in_script(self.article)
            self._laid_out_for = None
            self._layout()

    @property
    def measure_cells(self) -> int:
        """The line width in cells the text is set at (measure or what fits)."""
        room = self.room.width - 2 * MARGIN
        return max(4, min(self.settings.measure * 2, room))

    def set_where(self, forms: list[str], *counts: str, prefix: str = "") -> None:
        """Name the article's place in the border: the first of ``forms`` that fits."""
        self._title.set(forms, *counts, prefix=prefix)

    def _show_percent(self) -> None:
        subtitle = f"{self.percent}%" if self.article is not None else ""
        if self.border_subtitle != subtitle:  # setting it redraws the pane
            self.border_subtitle = subtitle

    def resized_before_drawing(self) -> None:
        # Set again at the new width now, so the frame at the new size shows the
        # text set to it (waiting for the Resize event drew the old lines first).
        self._layout()
        self._title.fit()
        self._show_percent()

    def _layout(self) -> None:
        width = self.room.width
        if width <= 0:
            return  # not sized yet: resized_before_drawing lays out
        key = (id(self.shown), self.measure_cells, self.settings)
        if key == self._laid_out_for:
            return
        if self._pending is None and self.lines:
            self._pending = self.position()
        self._laid_out_for = key
        self._strips.clear()
        self.lines = self._set_lines()
        self._line_marks = self._mark_lines()
        self._matches_changed()
        extra = 1 if self.article is not None and self.article.kind is ArticleKind.PHOTO else 0
        self._photo_header = extra
        # The scrollbar is always shown (app.tcss): a new length lays nothing out.
        self.set_virtual_size_quietly(Size(width, len(self.lines) + extra + 1))
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
        if pending is None and self._line_marks and target == 0:
            # Opened from search: start at the first match, with a line of context.
            target = max(0, extra + min(self._line_marks) - 2)
        self._pending = None
        self.scroll_to(y=target, animate=False, force=True)
        self._show_percent()
        self.refresh()
        self.post_message(self.Moved())

    def _set_lines(self) -> list[SetLine]:
        """The article set at the measure.

        The last few settings are kept: enter and escape set the text at two widths
        in turn, and an article opened again (from the list, a bookmark) is the
        same text, by value.
        """
        shown = self.shown
        if shown is None:
            return []
        key = (shown, self.measure_cells, self.settings)
        lines = self._kept_lines.get(key)
        if lines is None:
            lines = set_article(shown, self.measure_cells, typeset_options(self.settings))
            self._kept_lines[key] = lines
        return lines

    def _mark_lines(
        self, matches: list[tuple[int, int, int]] | None = None
    ) -> dict[int, list[tuple[int, int]]]:
        """Line index → highlighted spans for ``matches`` (default: all of them).

        Lines are looked up per block by bisection, so a million-character
        article with thousands of matches is marked in milliseconds.
        """
        marks: dict[int, list[tuple[int, int]]] = {}
        matches = self._matches if matches is None else matches
        if not matches:
            return marks
        by_block: dict[int, list[tuple[int, int, int]]] = {}  # block → (start, end, index)
        for index, line in enumerate(self.lines):
            if line.role in ("paragraph", "caption"):
                by_block.setdefault(line.block, []).append((line.start, line.end, index))
            elif line.role == "title":
                by_block.setdefault(-1, []).append((line.start, line.end, index))
        starts = {block: [row[0] for row in rows] for block, rows in by_block.items()}
        for m_block, start, end in matches:
            rows = by_block.get(m_block)
            if not rows:
                continue
            at = max(0, bisect.bisect_right(starts[m_block], start) - 1)
            while at < len(rows) and rows[at][0] < end:
                line_start, line_end, index = rows[at]
                at += 1
                if end <= line_start or start >= line_end:
                    continue
                text = self.lines[index].text
                # The line's text is its slice of the stored text, plus the indent on a
                # paragraph's first line (punctuation forms change, lengths do not).
                prefix = len(text) - len(text.lstrip("\u3000")) if line_start == 0 else 0
                a = max(start, line_start) - line_start + prefix
                b = min(end, line_end) - line_start + prefix
                if a < len(text):
                    marks.setdefault(index, []).append((a, min(b, len(text))))
        return marks

    @property
    def match_lines(self) -> list[int]:
        """Scroll offsets of the lines holding search matches, in order."""
        extra = self._photo_header
        return [extra + index for index in sorted(self._line_marks)]

    def jump_match(self, direction: int) -> tuple[int, int, bool] | None:
        """Scroll to the next (1) or previous (-1) match line, wrapping around at the ends.

        Returns (which match, how many, whether it wrapped), counting every match
        (a line may hold several); None when there are none.
        """
        lines = self.match_lines
        if not lines:
            return None
        at = self._match_at + direction
        wrapped = not 0 <= at < len(lines)
        self._match_at = at % len(lines)
        target = lines[self._match_at]
        self.scroll_to(y=max(0, target - 2), animate=False, force=True)
        counts = [len(self._line_marks[line]) for line in sorted(self._line_marks)]
        return sum(counts[: self._match_at]) + 1, sum(counts), wrapped

    def highlight(self, matches: list[tuple[int, int, int]]) -> bool:
        """Highlight ``matches`` in the article being read and go to the first one.

        Same form as :meth:`show`'s ``matches``; returns False (and changes
        nothing) when there are none.
        """
        if not matches or self.article is None:
            return False
        self._matches = list(matches)
        self._line_marks = self._mark_lines()
        self._matches_changed()
        self._match_at = 0
        self._strips.clear()
        first = self._photo_header + min(self._line_marks) if self._line_marks else 0
        self.scroll_to(y=max(0, first - 2), animate=False, force=True)
        self.refresh()
        return True

    def add_matches(self, matches: list[tuple[int, int, int]]) -> None:
        """Highlight more matches (a find still running); the first ones scroll into view."""
        if not matches or self.article is None:
            return
        first = not self._matches
        self._matches.extend(matches)
        for index, spans in self._mark_lines(matches).items():
            self._line_marks.setdefault(index, []).extend(spans)
        if first:
            self._matches_changed()
        self._strips.clear()
        if first and self._line_marks:
            top = self._photo_header + min(self._line_marks)
            self.scroll_to(y=max(0, top - 2), animate=False, force=True)
        self.refresh()

    def clear_matches(self) -> None:
        """Stop highlighting search matches."""
        self._matches = []
        self._line_marks = {}
        self._matches_changed()
        self._strips.clear()
        self.refresh()

    def _matches_changed(self) -> None:
        # What n does depends on whether matches are shown (the screen's
        # check_action): the footer asks again and says 下一处 or 下一篇未读.
        # Only when that changes: the footer is rebuilt at each refresh, and
        # every article shown (j in the list) lays the pane out again.
        shown = bool(self._line_marks)
        if shown != self._matches_shown:
            self._matches_shown = shown
            self.refresh_bindings()

    def on_resize(self) -> None:
        # Laid out already (resized_before_drawing). A taller or shorter pane shows
        # a different share: the percentage follows, and the end may now be in view.
        self._show_percent()
        self.post_message(self.Moved())

    # Position -----------------------------------------------------------------

    def position(self) -> Position | None:
        """The place at the top of the pane, as (paragraph, offset)."""
        if self.article is None:
            return None
        index = int(self.scroll_y) - self._photo_header
        if not self.lines:
            return Position(self.article.id)
        index = max(0, min(index, len(self.lines) - 1))
        # A blank line belongs to nothing: the place is the next line with text.
        while index + 1 < len(self.lines) and self.lines[index].role == "blank":
            index += 1
        if self.lines[index].role == "source":
            # The source line closes the article: the place is the end of the text.
            while index > 0 and self.lines[index].block < 0:
                index -= 1
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
        # As a pager counts: the share of the lines down to the pane's last one,
        # so the first screen of a short article already says how much it shows.
        # The blank line kept below the text is not the article: once its last
        # line is on screen, all of it has been seen.
        total = self._photo_header + len(self.lines)
        seen = self.scroll_y + self.room.height
        if total <= 0 or seen >= total:
            return 100
        return min(99, round(100 * seen / total))

    @property
    def at_end(self) -> bool:
        """Whether the last line is visible."""
        return self.scroll_y >= self.max_scroll_y

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._show_percent()
        self.post_message(self.Moved())

    def page(self, direction: int, step_on: bool = True) -> None:
        """Page down (1) or up (-1); at the end (start) ask for the next (previous) article.

        ``step_on`` False only pages (PageDown / PageUp): the article stays.
        """
        if direction > 0 and self.at_end:
            if step_on:
                self.post_message(self.AtEnd())
            return
        if direction < 0 and self.scroll_y <= 0 and self.article is not None:
            if not step_on:
                return
            self.post_message(self.AtStart())
            return
        # Keep one line of context, as a pager does.
        step = max(1, self.room.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def move(self, delta: int) -> None:
        """Scroll by ``delta`` lines."""
        self.scroll_to(y=self.scroll_y + delta, animate=False)

    # Drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.room.width
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
        header = self._photo_header
        if header and index == 0:
            return self._centred("〔图片〕", "reading-pane--photo", width, base)
        index -= header
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        text = visible(line.text)
        style = base + self._role_style(line.role)
        pad = left
        if line.role in HEADLINE_ROLES:
            pad += max(0, (measure - cell_len(text)) // 2)
        segments = [Segment(" " * pad, base)]
        marks = self._line_marks.get(index)
        if marks:
            match_style = style + self.get_component_rich_style("reading-pane--match", partial=True)
            cursor = 0
            for start, end in sorted(marks):
                if start > cursor:
                    segments.append(Segment(text[cursor:start], style))
                segments.append(Segment(text[max(start, cursor) : end], match_style))
                cursor = max(cursor, end)
            segments.append(Segment(text[cursor:], style))
        else:
            segments.append(Segment(text, style))
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
