"""Scopes and titles the main screen derives from the catalogue's nodes."""

from __future__ import annotations

from reader.contracts import Level, Scope
from reader.model import Article


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
