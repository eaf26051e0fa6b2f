"""The content model: immutable values, no I/O, no Textual.

A paper has editions (a date, possibly unknown); an edition has pages (a number
and a name, each possibly unknown); articles sit on a page under a section
(栏目). One content file holds one page (see content/README.md).
"""

from reader.model.article import (
    ARTICLE_KINDS,
    MAX_ID_LENGTH,
    NO_EXTRA,
    Article,
    ArticleKind,
    Byline,
    PageRef,
    free_id,
    numbered_id,
)
from reader.model.page import Page

__all__ = [
    "ARTICLE_KINDS",
    "MAX_ID_LENGTH",
    "NO_EXTRA",
    "Article",
    "ArticleKind",
    "Byline",
    "Page",
    "PageRef",
    "free_id",
    "numbered_id",
]
