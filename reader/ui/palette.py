"""The command palette (ctrl+p): every command by its Chinese or English name.

Textual's own palette commands get a Chinese name too; the reader's come from
the key table (:mod:`reader.ui.keys`), with their current keys. Names are
matched folded, as search folds text: 搜尋, 書籤 and 主題 find 搜索, 书签 and 主题.
The screen that lists them is :class:`reader.ui.screens.palette.PaletteScreen`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from textual.app import App, SystemCommand
from textual.content import Content
from textual.fuzzy import Matcher
from textual.style import Style

from reader.search.fold import fold, fold_wording
from reader.ui.keys import KEYS, Key, shown_keys

#: The palette's input says what it is for, in Chinese.
PLACEHOLDER = "搜索命令…（中文或英文，简繁均可）"


@dataclass(frozen=True)
class PaletteHit:
    """A command the palette lists for what was typed."""

    score: float
    #: The title, the letters that matched marked with the match style.
    title: Content
    help: str
    callback: Callable[[], object]


def palette_hits(
    query: str, commands: Iterable[SystemCommand], match_style: Style | None = None
) -> list[PaletteHit]:
    """The commands matching ``query``, best first (all that are discoverable, for none).

    Matched folded, as search folds text: the query is tried folded as typed and
    with Taiwan wording made mainland (搜尋 → 搜索), against each title folded;
    the letters matched are marked in the title as shown.
    """
    if not query.strip():
        return [
            PaletteHit(0.0, Content(title), help_text, callback)
            for title, help_text, callback, discover in commands
            if discover
        ]
    forms = dict.fromkeys((fold(query), fold_wording(query)))
    matchers = [Matcher(form, match_style=match_style) for form in forms]
    hits = []
    for title, help_text, callback, _discover in commands:
        folded = fold(title)
        score, matcher = max(((m.match(folded), m) for m in matchers), key=lambda x: x[0])
        if score > 0:
            marked = matcher.highlight(folded)
            # Folding is one character for one in command names; if not, plain text.
            shown = (
                Content(title, list(marked.spans)) if len(folded) == len(title) else Content(title)
            )
            hits.append(PaletteHit(score, shown, help_text, callback))
    hits.sort(key=lambda hit: hit.score, reverse=True)  # stable: ties keep the table's order
    return hits


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
