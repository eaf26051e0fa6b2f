"""The command palette (ctrl+p): every command by its Chinese or English name.

Textual's own palette commands get a Chinese name too; the reader's come from
the key table (:mod:`reader.ui.keys`), with their current keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial

from textual.app import App, SystemCommand

from reader.ui.keys import KEYS, Key, shown_keys

#: Textual's palette commands (title, first letters of its help) → 中文名, 说明.
TEXTUAL_COMMANDS_ZH = {
    ("Theme", "Chan"): ("选择主题", "从列表里选一个配色主题"),
    ("Quit", "Quit"): ("退出", "退出 zhpaper（会记住读到哪里）"),
    ("Keys", "Hide"): ("按键面板", "隐藏按键说明面板"),
    ("Keys", "Show"): ("按键面板", "显示当前栏的按键说明"),
    ("Minimize", "Mini"): ("还原", "把放大的栏还原"),
    ("Maximize", "Maxi"): ("放大", "让当前栏占满屏幕"),
    ("Screenshot", "Save"): ("截图", "把当前屏幕存为 SVG 图片"),
}


def palette_title(key: Key) -> str:
    """The palette's name for a command: Chinese, then English (``搜索 Search``)."""
    return f"{key.name} {key.description}"


def palette_commands(
    app: App,
    builtins: Iterable[SystemCommand],
    keymap: Mapping[str, str],
    run_action: Callable[[str], object],
) -> Iterator[SystemCommand]:
    """Textual's ``builtins`` named in Chinese too, then the reader's commands."""
    for builtin in builtins:
        # The English title still matches: typing "theme" finds 选择主题 Theme.
        zh = TEXTUAL_COMMANDS_ZH.get((builtin.title, builtin.help[:4]))
        if zh is not None:
            builtin = builtin._replace(title=f"{zh[0]} {builtin.title}", help=zh[1])
        yield builtin
    for key in KEYS:
        if key.palette and not key.action.startswith("app."):
            yield SystemCommand(
                palette_title(key),
                f"{key.help} — {shown_keys(app, keymap, key)}",
                partial(run_action, key.action),
            )
