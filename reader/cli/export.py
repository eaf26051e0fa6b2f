"""`zhpaper export`: print all articles in reading order, as JSON or as text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli.read import add_content_argument, default_content_dir
from reader.errors import UserError, say
from reader.model import Article
from reader.store.loader import KEPT_AS, load_content
from reader.store.plaintext import article_as_json, articles_as_text

# json.dumps(ensure_ascii=False) escapes C0 controls but not DEL, C1 or bidi
# overrides; those can only occur inside JSON strings, where \uXXXX is the same value.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Register ``export`` and its options."""
    parser = subparsers.add_parser(
        name,
        help="print all articles as JSON or text",
        description=(
            "Print every article in reading order. JSON: "
            '{"articles": [{"id", "paper", "date", "page", "section", "kind", "kicker", '
            '"title", "subtitle", "dateline", "byline": [{"role", "name"}], "paragraphs", '
            '"page_name", "page_pdf", "url", "source", "extra"}]}. '
            "Text: each article as you would paste it. Files with problems are skipped "
            "and named on stderr (see 'zhpaper check')."
        ),
    )
    add_content_argument(parser)
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="output format (default: json)",
    )


def run(args: argparse.Namespace) -> int:
    """Export the content directory to stdout; problems go to stderr."""
    root: Path = args.content or default_content_dir()
    if not root.is_dir():
        raise UserError(f"content directory not found: {root}")
    result = load_content(root)
    notes = [f"zhpaper: skipped {path} (see 'zhpaper check')" for path in result.skipped]
    # Articles whose id another file took are exported under a derived id: say which.
    notes += [f"zhpaper: note: {p}" for p in result.problems if KEPT_AS in p.message]
    for note in notes:
        say(note, file=sys.stderr)
    articles = [a for page in result.pages for a in page.articles]
    _write(articles, args.format)
    return 0


def json_text(payload: object) -> str:
    """``payload`` as indented JSON, safe to print on a terminal (one trailing newline)."""
    return json.dumps(payload, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES) + "\n"


def write_out(text: str) -> None:
    """Write ``text`` to stdout; an encoding that cannot hold Chinese is one clear error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except UnicodeEncodeError:
        raise UserError(
            f"the output encoding ({sys.stdout.encoding}) cannot hold Chinese text; "
            "set PYTHONIOENCODING=utf-8"
        ) from None


def _write(articles: list[Article], fmt: str) -> None:
    if fmt == "json":
        write_out(json_text({"articles": [article_as_json(a) for a in articles]}))
    else:
        write_out(articles_as_text(articles))
