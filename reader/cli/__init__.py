"""The ``zhpaper`` command line: read (the default), import, check, export, search, show.

Each sub-command is a module here with ``add_parser`` and ``run``; this module
parses the arguments and turns a :class:`UserError` into one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import UserError, say

#: Sub-command name → module under reader.cli (each has add_parser and run).
SUBCOMMANDS: dict[str, str] = {
    "read": "reader.cli.read",
    "import": "reader.cli.import_",
    "check": "reader.cli.check",
    "export": "reader.cli.export",
    "search": "reader.cli.search",
    "show": "reader.cli.show",
    "fetch": "reader.cli.fetch",
    "subscribe": "reader.cli.subscribe",
    "subscriptions": "reader.cli.subscribe",
    "unsubscribe": "reader.cli.subscribe",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 (no usage dump).

    argparse quotes the arguments it refuses (``unrecognized arguments: …``),
    which may be file names holding escape sequences: what it prints goes
    through the same sanitiser as every other line (:func:`reader.errors.say`).
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        hint = f"see '{self.prog} --help'"
        if _dash_word(message):
            # `zhpaper search 总统 -访问`: argparse takes -访问 for an option.
            hint = "a query word starting with - goes after --: zhpaper search -- 总统 -访问"
        self.exit(2, f"{self.prog}: error: {message}\n({hint})\n")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            for line in message.splitlines():
                say(line, file=sys.stderr)
        sys.exit(status)


def _dash_word(message: str) -> bool:
    """Whether argparse refused a word like ``-总统`` (an exclusion, not an option)."""
    refused = message.removeprefix("unrecognized arguments:").split()
    if message.startswith("unrecognized arguments:"):
        return any(w.startswith("-") and not w.lstrip("-").isascii() for w in refused)
    return message.endswith("required: QUERY")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zhpaper",
        description="A terminal reader for Chinese newspapers. Without a command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"zhpaper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in SUBCOMMANDS.items():
        importlib.import_module(module_name).add_parser(subparsers, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `zhpaper` and `zhpaper --content DIR` mean `zhpaper read …`.
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "read")
    parser = build_parser()
    args = parser.parse_args(args_list)
    module = importlib.import_module(SUBCOMMANDS[args.command])
    try:
        return int(module.run(args) or 0)
    except UserError as error:
        say(f"zhpaper: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        say("zhpaper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `zhpaper export | head` is normal use, not an error.
        sys.stderr.close()
        return 0
