"""The sidebar: paper › edition (date) › page › section, with article and unread counts.

Children are asked of the catalogue only when a node is opened, so an archive of
decades opens instantly. A paper with many editions gets years › months › days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.contracts import ROOT, Catalog, Level, Node, Scope
from reader.ui.private import (
    quiet_scrollbars,
    rebuild_tree_lines,
    tree_toggle_style,
    without_own_layout,
)
from reader.ui.text import elide, visible, weekday

#: What Tree marks its expand/collapse icon with, so clicks on it toggle the node.
_TOGGLE = tree_toggle_style()

#: More editions than this and a paper is shown as years › months › days.
CALENDAR_THRESHOLD = 31

#: Unread articles among a node's ``count``, when that is known without asking the
#: catalogue (nothing read yet); None: the screen counts it in a worker.
UnreadCounter = Callable[[Scope, int], int | None]


def date_label(node: Node, in_month: bool = False) -> str:
    """A node's sidebar name; an edition carries its weekday (周五).

    Under a month node the year and month are already on screen, so the day is
    named alone (``16日 周五``) instead of a full date elided to ``2026年10…``.
    """
    value = node.value
    if node.level is not Level.DATE or not isinstance(value, dt.date):
        return node.label
    if in_month:
        return f"{value.day}日 {weekday(value)}"
    return f"{node.label} {weekday(value)}"


def count_suffix(count: int, unread: int, room: int) -> Text:
    """`` 294,068 ·12`` (articles, then unread after a dot), fitted to ``room`` cells.

    When the pane is too narrow for both, the unread count is kept (it is what
    the reader acts on) and the total is dropped.
    """
    full = Text(f" {count:,}")
    if unread:
        full.append(f" ·{unread:,}")
        if full.cell_len > room:
            return Text(f" ·{unread:,}")
    return full


def child_level(node: Node | None, catalog: Catalog) -> Level | None:
    """The level shown under ``node`` (None for a leaf)."""
    if node is None:
        return Level.PAPER
    match node.level:
        case Level.PAPER:
            # A catalogue may count values without listing them (SqliteCatalog:
            # a paper of decades has ~10,000 editions; listing them costs ~0.1 s).
            counter = getattr(catalog, "count_children", None)
            dates = (
                counter(node.scope, Level.DATE)
                if counter is not None
                else len(catalog.children(node.scope, Level.DATE))
            )
            many = dates > CALENDAR_THRESHOLD
            return Level.YEAR if many else Level.DATE
        case Level.YEAR:
            return Level.MONTH
        case Level.MONTH:
            return Level.DATE
        case Level.DATE:
            return Level.PAGE
        case Level.PAGE:
            return Level.SECTION
    return None


def says_nothing(node: Node) -> bool:
    """An unknown page or section: a tree level with only this in it is skipped."""
    if node.level is Level.PAGE:
        return node.value == (None, None)
    return node.level is Level.SECTION and node.value is None


class Sidebar(Tree[Node]):
    """The tree of papers, editions, pages and sections."""

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {"sidebar--count", "sidebar--unread"}

    # Defaults changed at class level: setting them later moves nodes under the cursor.
    show_root = reactive(False)
    guide_depth = reactive(2, init=False)

    class UnreadWanted(Message):
        """Labels show these scopes (scope, articles) with an unread count not yet known."""

        def __init__(self, scopes: tuple[tuple[Scope, int], ...]) -> None:
            super().__init__()
            self.scopes = scopes

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("报纸", id=id)
        self._catalog: Catalog | None = None
        self._unread: UnreadCounter = lambda _scope, count: count
        self._filled: set[int] = set()
        self._counts: dict[Scope, tuple[int, int]] = {}
        #: Scopes labelled since the last UnreadWanted, whose unread count is owed.
        self._wanted: dict[Scope, int] = {}
        #: Editions newest first (the user's order setting); set before load().
        self.newest_first = True
        #: Told at once of each move of the cursor, before the frame that shows it:
        #: the screen shows the node's articles in that same frame (Tree's own
        #: NodeHighlighted message arrives after it).
        self.on_highlight: Callable[[TreeNode[Node]], None] = lambda _node: None
        #: Names as displayed (the 简繁 toggle converts them).
        self._display: Callable[[str], str] = str

    def set_display(self, display: Callable[[str], str]) -> None:
        """How to show a node's name (e.g. in traditional characters); relabels every node.

        The counts stand: the script changes names, not what is read.
        """
        self._display = display
        self._relabel(self._shown_name)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        if previous_line != line and self.cursor_node is not None:
            self.on_highlight(self.cursor_node)

    def get_label_width(self, node: TreeNode[Node]) -> int:
        # Labels are fitted to the pane when drawn (render_label), so a measured
        # width would only make the tree's virtual width follow the pane's, and
        # every change of the pane's width (enter, escape) lay the screen out twice.
        return 0

    def _on_resize(self, event: events.Resize) -> None:
        # Tree drops every drawn line and lays the screen out again on any resize.
        # Lines are cached by width (and labels fitted when drawn), so a resize
        # needs only the cache to hold a screenful: the new size is drawn in the
        # same frame that resized the pane.
        event.prevent_default()
        self._line_cache.grow(event.size.height)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # The scrollbar is drawn in the frame of the layout pass (reader.ui.private).
        return quiet_scrollbars(
            self,
            lambda: super(Sidebar, self)._size_updated(size, virtual_size, container_size, layout),
        )

    def notify_style_update(self) -> None:
        # Tree lays the screen out again at every restyle (each change of focus),
        # as its lines' widths might follow the style: ours are as wide as the pane
        # (get_label_width), so its repaint is enough, in the change's own frame.
        without_own_layout(self, super().notify_style_update)

    def process_label(self, label: str | Text) -> Text:
        # Labels come from content: never parse them as markup.
        return Text(label) if isinstance(label, str) else label

    def load(self, catalog: Catalog, unread: UnreadCounter) -> None:
        """Fill the first level from ``catalog``."""
        self._catalog = catalog
        self._unread = unread
        self.clear()
        self._filled.clear()
        self._wanted.clear()
        self._fill(self.root)
        self.root.expand()

    def _ask_unread(self) -> None:
        if self._wanted:
            self.post_message(self.UnreadWanted(tuple(self._wanted.items())))
            self._wanted = {}

    def set_unread(self, unread: Mapping[Scope, int]) -> None:
        """Unread counts found by the screen's worker; the labels showing them are redrawn."""
        for node in self._loaded_nodes():
            assert node.data is not None
            if (found := unread.get(node.data.scope)) is None:
                continue
            count, shown = self._counts.get(node.data.scope, (node.data.count, found))
            if shown != found:
                self._counts[node.data.scope] = (count, found)
                node.refresh()

    def add_unread(self, section: Scope, delta: int) -> None:
        """Add ``delta`` to the unread count of every loaded node holding ``section``.

        ``section`` names one article's section (reader.ui.scopes): marking it read
        or unread moves each count above it by one, known without a recount.
        """
        for node in self._loaded_nodes():
            data = node.data
            assert data is not None
            if section.within(data.scope):
                count, unread = self._counts.get(data.scope, (data.count, data.count))
                new = max(0, min(count, unread + delta))
                if new != unread:
                    self._counts[data.scope] = (count, new)
                    node.refresh()

    def unread_shown(self, scope: Scope) -> int | None:
        """The unread count the tree shows for ``scope``; None if no loaded node shows one."""
        for node in self._loaded_nodes():
            if node.data is not None and node.data.scope == scope:
                counts = self._counts.get(scope)
                return None if counts is None else counts[1]
        return None

    def mark_scope_read(self, scope: Scope, newly_read: int) -> dict[Scope, tuple[int, int]]:
        """Show ``scope`` all read: nodes within it at 0 unread, those holding it ``newly_read`` fewer.

        Returns the counts as they were, for :meth:`restore_counts` (undo).
        """
        before = dict(self._counts)
        for node in self._loaded_nodes():
            data = node.data
            assert data is not None
            count, unread = self._counts.get(data.scope, (data.count, data.count))
            if data.scope.within(scope):
                new = 0
            elif scope.within(data.scope):  # holds it
                new = max(0, unread - newly_read)
            else:
                continue
            if new != unread:
                self._counts[data.scope] = (count, new)
                node.refresh()
        return before

    def restore_counts(self, counts: Mapping[Scope, tuple[int, int]]) -> None:
        """Show the counts :meth:`mark_scope_read` returned (for the nodes still loaded)."""
        for node in self._loaded_nodes():
            data = node.data
            assert data is not None
            if (was := counts.get(data.scope)) is not None and was != self._counts.get(data.scope):
                self._counts[data.scope] = was
                node.refresh()

    def _label(self, node: Node, in_month: bool = False) -> Text:
        # The label holds the name only; counts are added (and the name elided to
        # fit) when drawing, so a long 栏目 never pushes its counts out of sight.
        unread = self._unread(node.scope, node.count)
        if unread is None:
            # Counted in a worker (set_unread); meanwhile the last count shown stands.
            self._wanted[node.scope] = node.count
            known = self._counts.get(node.scope)
            unread = min(known[1], node.count) if known is not None else node.count
        self._counts[node.scope] = (node.count, unread)
        return self._shown_name(node, in_month)

    def _shown_name(self, node: Node, in_month: bool = False) -> Text:
        return Text(visible(self._display(date_label(node, in_month))), no_wrap=True)

    def render_label(self, node: TreeNode[Node], base_style: Style, style: Style) -> Text:
        if not self.is_mounted:  # Tree measures labels early; styles come with mounting
            return super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        room = self.scrollable_content_region.width - depth * self.guide_depth - cell_len(icon)
        text = Text(icon, style=base_style + _TOGGLE, no_wrap=True, overflow="ignore")
        count, unread = self._counts.get(node.data.scope, (0, 0)) if node.data else (0, 0)
        count_style = self.get_component_rich_style("sidebar--count", partial=True)
        unread_style = self.get_component_rich_style("sidebar--unread", partial=True)
        plain = node.label if isinstance(node.label, str) else node.label.plain
        # The name keeps up to four characters before the total gives way.
        suffix = count_suffix(count, unread, room - min(cell_len(plain), 8))
        dot = suffix.plain.find("·")
        suffix.stylize(count_style, 0, dot if dot >= 0 else None)
        if dot >= 0:
            suffix.stylize(unread_style, dot)
        name = elide(plain, max(room - suffix.cell_len, 2))
        label = Text(name, no_wrap=True, overflow="ignore")
        label.stylize(style)
        text.append_text(label)
        text.append_text(suffix)
        return text

    def _children(self, node: Node | None) -> list[Node]:
        """What the tree shows under ``node``: levels that say nothing are skipped.

        A level whose only value is unknown (the one 版次不详 page of an edition,
        the one 无栏目 section of a page) adds a row and a keypress and tells the
        reader nothing: its children are shown instead, and a node left with no
        such children is a leaf that lists its articles.
        """
        assert self._catalog is not None
        level = child_level(node, self._catalog)
        scope = node.scope if node is not None else ROOT
        while level is not None:
            children = self._catalog.children(scope, level, self.newest_first)
            if len(children) != 1 or not says_nothing(children[0]) or node is None:
                return children
            scope = children[0].scope
            level = child_level(children[0], self._catalog)
        return []

    def _fill(self, parent: TreeNode[Node]) -> None:
        if self._catalog is None or parent.id in self._filled:
            return
        self._filled.add(parent.id)
        in_month = parent.data is not None and parent.data.level is Level.MONTH
        for node in self._children(parent.data):
            # Editions and pages may turn out to be leaves (see _children).
            leaf = child_level(node, self._catalog) is None or (
                node.level in (Level.DATE, Level.PAGE) and not self._children(node)
            )
            parent.add(self._label(node, in_month), data=node, allow_expand=not leaf)
        self._ask_unread()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Node]) -> None:
        self._fill(event.node)

    def refresh_counts(self) -> None:
        """Recompute every loaded label (after read marks changed; counts come in a worker)."""
        self._relabel(self._label)
        self._ask_unread()

    def _relabel(self, label: Callable[[Node, bool], Text]) -> None:
        # Only the lines whose name or counts changed are drawn again: M in a tree of
        # hundreds of open nodes changes a few of them.
        for node in self._loaded_nodes():
            assert node.data is not None
            parent = node.parent.data if node.parent is not None else None
            in_month = parent is not None and parent.level is Level.MONTH
            counts = self._counts.get(node.data.scope)
            new = label(node.data, in_month)
            if new != node.label or counts != self._counts.get(node.data.scope):
                node.set_label(new)

    def _loaded_nodes(self) -> Iterator[TreeNode[Node]]:
        """Every node added so far that names a scope (the root names none)."""
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.data is not None:
                yield node

    # Navigation ---------------------------------------------------------------

    def _first_leaf(self, node: TreeNode[Node], last: bool = False) -> TreeNode[Node]:
        while node.allow_expand:
            self._fill(node)
            if not node.children:
                break
            _open(node)
            node = node.children[-1 if last else 0]
        return node

    def first_section(self) -> TreeNode[Node] | None:
        """The first section of the first edition (expanding the way to it)."""
        if not self.root.children:
            return None
        return self._first_leaf(self.root.children[0])

    def step_leaf(self, node: TreeNode[Node], direction: int) -> TreeNode[Node] | None:
        """The next (1) or previous (-1) leaf after ``node`` in reading order."""
        current = node
        while current.parent is not None:
            siblings = current.parent.children
            index = siblings.index(current) + direction
            if 0 <= index < len(siblings):
                return self._first_leaf(siblings[index], last=direction < 0)
            current = current.parent
        return None

    def find_scope(self, scope: Scope) -> TreeNode[Node] | None:
        """The tree node for ``scope``, opening the way to it; None if it is not shown."""
        node = self.root
        while True:
            self._fill(node)
            match = None
            for child in node.children:
                data = child.data
                if data is None:
                    continue
                if scope.within(data.scope):
                    if not child.allow_expand:
                        return child
                    match = child
                    break
            if match is None:
                return None
            _open(match)
            node = match

    def select(self, node: TreeNode[Node]) -> None:
        """Move the cursor to ``node`` (opening its parents) without toggling it."""
        parent = node.parent
        while parent is not None:
            _open(parent)
            parent = parent.parent
        # Expanding invalidates line numbers: rebuild them now so that node.line is right.
        rebuild_tree_lines(self)
        self.move_cursor(node, animate=False)


def _open(node: TreeNode[Node]) -> None:
    # Tree.expand redraws (and re-lays out) the whole tree even for an open node:
    # every move to an article would pay for it once per level.
    if not node.is_expanded:
        node.expand()
