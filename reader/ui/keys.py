"""The key table: every user command and its keys, declared once.

Each :class:`Key` carries its binding id (users rebind by id in
``keymap.toml``), default keys, its Chinese name (footer, help, palette), its
English name (help, palette: so either language finds it) and a help text in
Chinese (``?`` help, palette). :func:`bindings` turns the table into Textual
``Binding`` objects; the help screen and the palette read the same table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    """One user command: its binding id, default keys and names."""

    id: str
    default_keys: str  # Textual key names, comma-separated (keymap.toml overrides them)
    action: str  # a MainScreen action (without the ``action_`` prefix)
    name: str  # 中文名: the footer, help and palette show it first
    description: str  # the English name: kept in help and the palette (typing "search" finds 搜索)
    help: str  # what it does, in Chinese
    footer: bool = False
    key_display: str | None = None
    palette: bool = True  # offer in the command palette


KEYS: tuple[Key, ...] = (
    Key("cursor_down", "j,down", "move(1)", "下移", "Down", "列表或版面树的下一行；阅读时向下滚动", key_display="j/↓", palette=False),
    Key("cursor_up", "k,up", "move(-1)", "上移", "Up", "列表或版面树的上一行；阅读时向上滚动", key_display="k/↑", palette=False),
    Key("collapse", "h,left", "fold(0)", "收起", "Collapse", "版面树：收起当前节点（已收起时转到上一级）", key_display="h/←", palette=False),
    Key("expand", "l,right", "fold(1)", "展开", "Expand", "版面树：展开当前节点（已展开时转到第一个子节点）", key_display="l/→", palette=False),
    Key("next_pane", "tab", "cycle_pane(1)", "下一栏", "Next pane", "焦点移到下一栏：版面 → 文章 → 阅读", key_display="tab"),
    Key("previous_pane", "shift+tab", "cycle_pane(-1)", "上一栏", "Previous pane", "焦点移回上一栏：阅读 → 文章 → 版面", palette=False),
    Key("open_reader", "enter", "open_reader", "阅读", "Read", "在阅读栏打开选中的文章并转到阅读栏", footer=True),
    Key("back", "escape", "back", "返回", "Back", "清除搜索高亮；离开阅读栏回到文章列表", palette=False),
    Key("page_down", "space", "page(1)", "下翻", "Page down", "阅读栏向下翻一页；读到末尾时转到下一篇", footer=True, key_display="space"),
    Key("page_up", "b", "page(-1)", "上翻", "Page up", "阅读栏向上翻一页；在文章开头时回到上一篇的末尾"),
    Key("screen_down", "pagedown", "screen(1)", "下一屏", "Screen down", "列表或版面树下移一屏；阅读栏向下翻一页（不转到下一篇）", key_display="PgDn", palette=False),
    Key("screen_up", "pageup", "screen(-1)", "上一屏", "Screen up", "列表或版面树上移一屏；阅读栏向上翻一页", key_display="PgUp", palette=False),
    Key("top", "g,home", "edge(0)", "顶部", "Top", "转到第一篇文章，或正在读的文章开头"),
    Key("bottom", "G,end", "edge(1)", "底部", "Bottom", "转到最后一篇文章，或正在读的文章末尾"),
    Key("next_unread", "n", "unread(1)", "下一篇未读", "Next unread", "转到下一篇未读文章，可跨栏目（阅读栏显示搜索匹配时，n 是“下一处”）", footer=True),
    Key("next_match", "n", "match(1)", "下一处", "Next match", "搜索或本文查找后，在阅读栏中：文章中的下一处匹配（到末尾回到第一处）", footer=True, palette=False),
    Key("previous_unread", "p", "unread(-1)", "上一篇未读", "Previous unread", "转到上一篇未读文章，可跨栏目"),
    Key("next_article", "J", "article(1)", "下一篇", "Next article", "转到下一篇文章（不论已读未读），可跨栏目和日期；阅读时也可用"),
    Key("previous_article", "K", "article(-1)", "上一篇", "Previous article", "转到上一篇文章（不论已读未读），可跨栏目和日期；阅读时也可用"),
    Key("newest_edition", "D", "newest_edition", "最新一期", "Newest edition", "转到正在读的报纸最新的一期"),
    Key("go_to_date", "d", "go_to_date", "转到日期", "Go to date", "输入日期（2020-05-31、5-31、5月31日、昨天）转到那一期"),
    Key("next_page", "right_curly_bracket", "page_step(1)", "下一版", "Next page", "转到同一期的下一版", key_display="}"),
    Key("previous_page", "left_curly_bracket", "page_step(-1)", "上一版", "Previous page", "转到同一期的上一版", key_display="{"),
    Key("previous_match", "N", "match(-1)", "上一处", "Previous match", "搜索或本文查找后，在阅读栏中：文章中的上一处匹配（到开头转到最后一处）", palette=False),
    Key("next_section", "right_square_bracket", "section(1)", "下一栏目", "Next section", "转到版面树中的下一个栏目", key_display="]"),
    Key("previous_section", "left_square_bracket", "section(-1)", "上一栏目", "Previous section", "转到版面树中的上一个栏目", key_display="["),
    Key("search", "slash", "search", "搜索", "Search", "搜索全部文章（/ 后直接输入）", footer=True, key_display="/"),
    Key("find_in_article", "ctrl+f", "find_in_article", "本文查找", "Find in article", "在正在阅读的文章中查找：高亮每一处，n / N 跳到下一处 / 上一处", key_display="ctrl+f"),
    Key("fetch", "r", "fetch", "取新", "Fetch", "在后台取订阅的报纸和源的新文章（zhpaper subscribe 添加订阅）；新文章标“新”，正在读的地方不变"),
    Key("toggle_read", "m", "toggle_read", "已读/未读", "Read/unread", "把当前文章标为已读或未读"),
    Key("mark_scope_read", "M", "mark_scope_read", "整个标为已读", "Mark all read", "把版面树上选中的栏目、版、一期或整份报纸（在列表中：整个列表）标为已读"),
    Key("undo", "u", "undo", "撤销", "Undo", "撤销上一次“整个标为已读”"),
    Key("toggle_bookmark", "s", "toggle_bookmark", "书签", "Bookmark", "给当前文章加书签，或删去书签"),
    Key("bookmarks", "B", "bookmarks", "书签列表", "Bookmarks", "列出加了书签的文章"),
    Key("open_url", "w", "open_url", "打开网页", "Open in browser", "在浏览器中打开文章的网址（SSH 或无图形浏览器时：显示并复制网址）"),
    Key("copy_article", "y", "copy_article", "复制全文", "Copy article", "把全文复制到剪贴板：首行是引用（标题 · 报纸 · 日期 · 第N版），末尾是来源和网址"),
    Key("copy_citation", "Y", "copy_citation", "复制引用", "Copy citation", "只把引用行（标题 · 报纸 · 日期 · 第N版）复制到剪贴板"),
    Key("wider", "plus,equals_sign", "measure(1)", "加宽", "Wider", "每行多两个字", key_display="+"),
    Key("narrower", "minus", "measure(-1)", "减窄", "Narrower", "每行少两个字", key_display="-"),
    Key("toggle_fullwidth", "f", "toggle_setting('fullwidth_punctuation')", "全角标点", "Full-width punctuation", "中文里的半角 , : ; ? ! ( ) 显示为全角"),
    Key("toggle_indent", "i", "toggle_setting('indent')", "首行缩进", "Indent", "段落首行缩进两个字"),
    Key("toggle_spacing", "o", "toggle_setting('paragraph_spacing')", "段间空行", "Paragraph spacing", "段落之间空一行"),
    Key("toggle_ambiguous", "a", "toggle_setting('ambiguous_wide')", "引号双宽", "Wide quotes", "把 “ ” — … · 当作两格宽（适用于这样显示它们的终端）"),
    Key("toggle_script", "F", "toggle_script", "简繁", "Simplified/Traditional", "简体文章显示为繁体、繁体的显示为简体，再按恢复原文（只改显示；会记住）"),
    Key("toggle_order", "O", "toggle_order", "新旧顺序", "Newest/oldest first", "版面树和文章列表按日期从新到旧或从旧到新排列（会记住）"),
    Key("toggle_theme", "t", "next_theme(1)", "主题", "Theme", "换到下一个配色主题（显示主题名）"),
    Key("previous_theme", "T", "next_theme(-1)", "上一个主题", "Previous theme", "换回上一个配色主题"),
    Key("skipped_files", "exclamation_mark", "skipped_files", "未能读取的文件", "Skipped files", "未能读取的内容文件及原因（文件:行: 说明）", key_display="!"),
    Key("help", "question_mark", "help", "帮助", "Help", "列出全部按键", footer=True, key_display="?"),
    Key("palette", "ctrl+p", "app.command_palette", "命令面板", "Commands", "打开命令面板（中英文名称均可搜索）", footer=True, palette=False),
    Key("quit", "q", "app.quit", "退出", "Quit", "退出 zhpaper（会记住读到哪里）", footer=True),
)  # fmt: skip

KEYS_BY_ID: Mapping[str, Key] = {key.id: key for key in KEYS}


def bindings() -> list[BindingType]:
    """Textual bindings for every command (the keymap overrides keys by id)."""
    return [
        Binding(
            key.default_keys,
            key.action,
            key.name,
            show=key.footer,
            key_display=key.key_display,
            tooltip=key.help,
            id=key.id,
        )
        for key in KEYS
    ]


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Binding ids in a user keymap that name no command (likely typos)."""
    return sorted(set(keymap) - set(KEYS_BY_ID))


def shown_keys(app: App, keymap: Mapping[str, str], key: Key) -> str:
    """``key``'s current keys (the user's keymap, else the defaults) as the user sees them."""
    names = keymap.get(key.id, key.default_keys)
    return " / ".join(app.get_key_display(Binding(name.strip(), "")) for name in names.split(","))
