"""Scopes and titles the main screen derives from the catalogue's nodes."""

from __future__ import annotations

import datetime as dt

from reader.contracts import Level, Node, Scope, node_label
from reader.model import Article
from reader.ui.text import weekday
from reader.ui.widgets.sidebar import date_label


def article_scope(article: Article) -> Scope:
    """The fullest scope naming ``article``'s section (the sidebar matches a prefix of it)."""
    ref = article.page
    return Scope(
        (
            (Level.PAPER, ref.paper),
            (Level.YEAR, ref.date.year if ref.date else None),
            (Level.MONTH, ref.date.month if ref.date else None),
            (Level.DATE, ref.date),
            (Level.PAGE, (ref.number, ref.name)),
            (Level.SECTION, article.section),
        )
    )


def scope_title(node: Node) -> str:
    """The list's title: the node's label with its date and page for context."""
    parts = [
        node_label(level, value) + (f" {weekday(value)}" if isinstance(value, dt.date) else "")
        for level, value in node.scope.filters
        if level in (Level.DATE, Level.PAGE) and level is not node.level
    ]
    return " · ".join([date_label(node), *parts])
