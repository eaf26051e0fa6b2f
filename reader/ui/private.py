"""The private Textual names zhpaper relies on, each behind one small function.

Textual offers no public way to do these; keeping every use here means one
place to look after an upgrade, and ``tests/test_private_names.py`` fails by
name when one of them is gone (never a silent change of behaviour).
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from rich.style import Style
from textual.app import App
from textual.notifications import Notification, Notify
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


def replace_notice(
    app: App[Any], previous: Notification | None, message: str, timeout: float
) -> Notification:
    """Show ``message`` as a plain-text notice in place of ``previous`` (if still shown).

    Textual has no public way to withdraw one notification (``App._unnotify``).
    """
    if previous is not None:
        with suppress(KeyError):
            app._unnotify(previous)
    notice = Notification(message, "", "information", timeout, markup=False)
    app.post_message(Notify(notice))
    return notice
