"""The ``zhpaper`` command: read (the default), import, check, export, search."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import UserError

#: Sub-command name → module under reader.commands (each has add_parser and run).
COMMANDS: dict[str, str] = {
    "read": "reader.commands.read",
    "import": "reader.commands.import_",
    "check": "reader.commands.check",
    "export": "reader.commands.export",
    "search": "reader.commands.search",
    "fetch": "reader.commands.fetch",
    "subscribe": "reader.commands.subscribe",
    "subscriptions": "reader.commands.subscribe",
    "unsubscribe": "reader.commands.subscribe",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zhpaper",
        description="A terminal reader for Chinese newspapers. Without a command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"zhpaper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
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
    module = importlib.import_module(COMMANDS[args.command])
    try:
        return int(module.run(args) or 0)
    except UserError as error:
        print(f"zhpaper: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("zhpaper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `zhpaper export | head` is normal use, not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
