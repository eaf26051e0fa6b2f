"""`zhpaper import`: not built yet."""

from __future__ import annotations

import argparse

from reader.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction, name: str) -> None:
    subparsers.add_parser(name, help="(not built yet)")


def run(args: argparse.Namespace) -> int:
    raise UserError("'import' is not built yet")
