"""The private Textual names zhpaper relies on, each behind one small function.

Textual offers no public way to do these; keeping every use here means one
place to look after an upgrade, and ``tests/test_private_names.py`` fails by
name when one of them is gone (never a silent change of behaviour).
"""

from __future__ import annotations

from rich.style import Style
from textual.widgets import Tree

#: The meta ``Tree`` gives its expand/collapse icon: a click on a segment with
#: it toggles the node (``Tree._on_click``). Our own ``render_label`` must set it.
TREE_TOGGLE_META = {"toggle": True}


def tree_toggle_style() -> Style:
    """The style that makes a segment of a Tree label toggle its node when clicked."""
    return Style.from_meta(TREE_TOGGLE_META)


def rebuild_tree_lines(tree: Tree) -> None:
    """Make ``node.line`` right now, after an expand (Tree otherwise waits for idle).

    Reading the private ``_tree_lines`` property rebuilds the line table.
    """
    _ = tree._tree_lines
