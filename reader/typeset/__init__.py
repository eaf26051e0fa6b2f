"""Typesetting: paragraph + measure -> display lines, with CJK line breaking.

Pure functions (no Textual). See ../shared/guides/cjk-typesetting.md.
"""

from reader.typeset.article import (
    HEADLINE_ROLES,
    Role,
    SetLine,
    TypesetOptions,
    line_index_for,
    set_article,
)
from reader.typeset.breaks import break_opportunities, display_text
from reader.typeset.uax14 import EAST_ASIAN_WIDTH_UNICODE_VERSION, LINE_BREAK_UNICODE_VERSION
from reader.typeset.wrap import INDENT, Piece, layout, wrap_paragraph

__all__ = [
    "EAST_ASIAN_WIDTH_UNICODE_VERSION",
    "HEADLINE_ROLES",
    "INDENT",
    "LINE_BREAK_UNICODE_VERSION",
    "Piece",
    "Role",
    "SetLine",
    "TypesetOptions",
    "break_opportunities",
    "display_text",
    "layout",
    "line_index_for",
    "set_article",
    "wrap_paragraph",
]
