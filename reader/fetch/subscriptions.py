"""Subscriptions: the papers and feeds ``zhpaper fetch`` keeps up to date.

Kept in ``subscriptions.toml`` in the config dir, one ``[[subscription]]``
table each (``name``, ``url``, ``family``), written atomically.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reader.errors import UserError
from reader.state.atomic import atomic_write_text
from reader.state.paths import config_dir

FILE_NAME = "subscriptions.toml"
_HEADER = "# zhpaper subscriptions: `zhpaper fetch` updates each one.\n"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One paper or feed the user follows."""

    name: str
    url: str
    family: str = ""


def subscriptions_path() -> Path:
    """Where the subscriptions are kept."""
    return config_dir() / FILE_NAME


def load_subscriptions(path: Path | None = None) -> list[Subscription]:
    """The subscriptions, in the order they were added; [] when there are none."""
    path = path or subscriptions_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"{path}: cannot read subscriptions: {error}") from None
    found = []
    for number, table in enumerate(data.get("subscription", []), start=1):
        name, url = table.get("name"), table.get("url")
        if not isinstance(name, str) or not isinstance(url, str):
            raise UserError(f"{path}: subscription {number} needs a name and a url")
        found.append(Subscription(name, url, str(table.get("family", ""))))
    return found


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \\uXXXX included).
    return json.dumps(text, ensure_ascii=False)


def save_subscriptions(subscriptions: list[Subscription], path: Path | None = None) -> None:
    """Write ``subscriptions`` atomically."""
    path = path or subscriptions_path()
    lines = [_HEADER]
    for sub in subscriptions:
        lines.append("\n[[subscription]]\n")
        lines.append(f"name = {_toml_string(sub.name)}\n")
        lines.append(f"url = {_toml_string(sub.url)}\n")
        if sub.family:
            lines.append(f"family = {_toml_string(sub.family)}\n")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, "".join(lines))
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None


__all__ = [
    "Subscription",
    "load_subscriptions",
    "save_subscriptions",
    "subscriptions_path",
]
