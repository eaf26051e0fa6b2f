"""Only reader/ui may import textual: every other package works without a terminal."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader

NON_UI = sorted(
    m.name
    for m in pkgutil.walk_packages(reader.__path__, prefix="reader.")
    if not m.name.startswith("reader.ui")
)


def test_non_ui_packages_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {NON_UI!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"textual imported outside reader/ui: {result.stdout}"


def test_cli_help_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from reader.cli import build_parser\n"
        "build_parser()\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
