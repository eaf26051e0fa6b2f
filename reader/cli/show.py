"""``zhpaper show ID [--content DIR] [--format text|json]``: print one article.

The ids are the ones ``zhpaper search`` prints in brackets (and ``export``'s
``id``). The article is read from the same index as ``search``, so every id it
prints leads here. Text is the article with its citation line, as the reader's
``y`` copies it; JSON is the object ``zhpaper export --format json`` gives for it.
"""

from __future__ import annotations

import argparse

from reader.cli.read import add_content_argument
from reader.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Declare ``zhpaper show``."""
    parser = subparsers.add_parser(
        name,
        help="print one article (by the id 'zhpaper search' shows)",
        description=(
            "Print one article. Text: its citation line (title · paper · date · page), "
            "kicker, headline, byline, paragraphs and source line. JSON: the same object "
            "as one article of 'zhpaper export --format json'."
        ),
    )
    parser.add_argument("id", metavar="ID", help="the article's id ('zhpaper search' shows it)")
    add_content_argument(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def run(args: argparse.Namespace) -> int:
    """Print the article ``args.id``; an unknown id is one line on stderr, exit 2."""
    from reader.cli.export import json_text, write_out
    from reader.cli.search import open_index
    from reader.search.catalog import SqliteCatalog
    from reader.store.plaintext import article_as_json, article_as_text

    index, _progress = open_index(args.content)
    try:
        article = SqliteCatalog(index).article(args.id)
        content = index.content_dir
    finally:
        index.close()
    if article is None:
        raise UserError(
            f"no article with id {args.id!r} in {content} ('zhpaper search' shows the ids)"
        )
    if args.format == "json":
        write_out(json_text(article_as_json(article)))
    else:
        write_out(article_as_text(article, cite=True))
    return 0
