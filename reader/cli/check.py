"""`zhpaper check`: validate every content file; FILE:LINE: message per problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.read import add_content_argument, default_content_dir
from reader.errors import UserError, say
from reader.store.loader import load_content


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    """Register ``check`` and its options."""
    parser = subparsers.add_parser(
        name,
        help="validate content files (FILE:LINE: message per problem)",
        description=(
            "Check every *.yaml file below the content directory against the schema "
            "(content/README.md). Prints each problem as FILE:LINE: message and exits 1 "
            "if there is any, else prints a summary and exits 0."
        ),
    )
    add_content_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Check the content directory; exit status 1 if any problem was found."""
    root: Path = args.content or default_content_dir()
    if not root.is_dir():
        raise UserError(f"content directory not found: {root}")
    result = load_content(root)
    for problem in result.problems:
        # Messages quote file content (bad keys, values): keep terminals safe.
        say(str(problem))
    articles = sum(len(page.articles) for page in result.pages)
    if result.problems:
        return 1
    say(f"ok: {len(result.files)} file(s), {len(result.pages)} page(s), {articles} article(s)")
    return 0
