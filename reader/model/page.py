"""A page: the unit of one content file."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.article import Article, PageRef


@dataclass(frozen=True, slots=True)
class Page:
    """One printed page with its articles in reading order."""

    ref: PageRef
    articles: tuple[Article, ...] = ()

    @property
    def sections(self) -> tuple[str | None, ...]:
        """Section names in order of first appearance."""
        seen: dict[str | None, None] = {}
        for article in self.articles:
            seen.setdefault(article.section, None)
        return tuple(seen)
