"""User key bindings: ``keymap.toml`` in the config directory maps binding ids to keys.

Example::

    [keys]
    next_unread = "n,ctrl+n"
    quit = "ctrl+q"

A top-level ``id = "key"`` table without ``[keys]`` is accepted too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from reader.state.paths import config_dir


def keymap_path() -> Path:
    """Where the user's keymap file lives (read when called)."""
    return config_dir() / "keymap.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The binding-id → keys mapping, and problems found (never raises for a bad file)."""
    path = path or keymap_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"{path}: cannot read: {error.strerror}"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, [f"{path}: {error}"]
    table = data.get("keys", data)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] should be a table"]
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys.strip()
        elif isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
            keymap[binding_id] = ",".join(k.strip() for k in keys)
        else:
            problems.append(f'{path}: {binding_id}: expected a key string such as "ctrl+n"')
    return keymap, problems
