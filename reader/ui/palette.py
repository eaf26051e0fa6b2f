"""The command palette (ctrl+p): every command by its Chinese or English name.

Textual's own palette commands get a Chinese name too; the reader's come from
the key table (:mod:`reader.ui.keys`), with their current keys. Names are
matched folded, as search folds text: 搜尋, 書籤 and 主題 find 搜索, 书签 and 主题.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial

from textual.app import App, SystemCommand
from textual.command import CommandPalette, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

from reader.search.fold import fold, fold_wording
from reader.ui.keys import KEYS, Key, shown_keys

#: The palette's input says what it is for, in Chinese.
PLACEHOLDER = "搜索命令…（中文或英文，简繁均可）"


def open_palette(app: App) -> None:
    """Open Textual's palette with a Chinese placeholder (once: Textual's own id and check)."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(id="--command-palette", placeholder=PLACEHOLDER))


class FoldedCommands(SystemCommandsProvider):
    """The system commands, matched with simplified/traditional and widths folded.

    The query is tried as typed folded and with Taiwan wording made mainland
    (搜尋 → 搜索); a name matches in its folded form, and the letters matched
    are highlighted in the name as shown.
    """

    async def search(self, query: str) -> Hits:
        matchers = [
            self.matcher(form) for form in dict.fromkeys((fold(query), fold_wording(query)))
        ]
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            folded = fold(name)
            score, matcher = max(((m.match(folded), m) for m in matchers), key=lambda x: x[0])
            if score > 0:
                marked = matcher.highlight(folded)
                # Folding is one character for one in command names; if not, plain text.
                shown = Content(name, list(marked.spans)) if len(folded) == len(name) else name
                yield Hit(score, shown, callback, help=help_text)


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
