"""Scopes and titles the main screen derives from the catalogue's nodes."""

from __future__ import annotations

from reader.contracts import ArticleSummary, Level, Scope
from reader.model import Article, PageRef


def article_scope(article: Article) -> Scope:
    """The fullest scope naming ``article``'s section (the sidebar matches a prefix of it)."""
    return _section_scope(article.page, article.section)


def summary_scope(summary: ArticleSummary) -> Scope:
    """The same scope, for an article known by its summary."""
    number, name = summary.page
    return _section_scope(PageRef(summary.paper, summary.date, number, name), summary.section)


def _section_scope(ref: PageRef, section: str | None) -> Scope:
    return Scope(
        (
            (Level.PAPER, ref.paper),
            (Level.YEAR, ref.date.year if ref.date else None),
            (Level.MONTH, ref.date.month if ref.date else None),
            (Level.DATE, ref.date),
            (Level.PAGE, (ref.number, ref.name)),
            (Level.SECTION, section),
        )
    )
