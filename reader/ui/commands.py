"""Every user command, declared once.

Each :class:`Command` carries its binding id (users rebind by id in
``keymap.toml``), default keys, a short description (footer, palette) and a help
text (``?`` help, palette). :func:`bindings` turns the table into Textual
``Binding`` objects; the help screen and the palette read the same table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    """One user command."""

    id: str
    keys: str  # Textual key names, comma-separated
    action: str  # a MainScreen action (without the ``action_`` prefix)
    description: str
    help: str
    footer: bool = False
    key_display: str | None = None
    palette: bool = True  # offer in the command palette


COMMANDS: tuple[Command, ...] = (
    Command("cursor_down", "j,down", "move(1)", "Down", "Next row in the list or tree; scroll down in the reader", key_display="j/↓", palette=False),
    Command("cursor_up", "k,up", "move(-1)", "Up", "Previous row in the list or tree; scroll up in the reader", key_display="k/↑", palette=False),
    Command("next_pane", "tab", "cycle_pane(1)", "Next pane", "Move focus: sections → articles → reader", key_display="tab"),
    Command("previous_pane", "shift+tab", "cycle_pane(-1)", "Previous pane", "Move focus back: reader → articles → sections", palette=False),
    Command("open_reader", "enter", "open_reader", "Read", "Open the highlighted article in the reading pane and focus it", footer=True),
    Command("back", "escape", "back", "Back", "Clear search highlights; leave the reading pane for the list", palette=False),
    Command("page_down", "space", "page(1)", "Page down", "Page down in the reader; at the end, go on to the next article", footer=True, key_display="space"),
    Command("page_up", "b", "page(-1)", "Page up", "Page up in the reader"),
    Command("top", "g,home", "edge(0)", "Top", "Go to the first article, or the top of the article being read"),
    Command("bottom", "G,end", "edge(1)", "Bottom", "Go to the last article, or the end of the article being read"),
    Command("next_unread", "n", "unread(1)", "Next unread", "Go to the next unread article, on into the following sections (after a search, in the reader: the next match)", footer=True),
    Command("previous_unread", "p", "unread(-1)", "Previous unread", "Go to the previous unread article, back into earlier sections"),
    Command("previous_match", "N", "unread(-1)", "Previous match", "After a search: the previous match in the article (n: the next)", palette=False),
    Command("next_section", "right_square_bracket", "section(1)", "Next section", "Go to the next section (栏目) in the sidebar", key_display="]"),
    Command("previous_section", "left_square_bracket", "section(-1)", "Previous section", "Go to the previous section (栏目) in the sidebar", key_display="["),
    Command("search", "slash", "search", "Search", "Search the paper", footer=True, key_display="/"),
    Command("toggle_read", "m", "toggle_read", "Read/unread", "Mark the current article read or unread"),
    Command("toggle_bookmark", "s", "toggle_bookmark", "Bookmark", "Bookmark the current article, or remove its bookmark"),
    Command("bookmarks", "B", "bookmarks", "Bookmarks", "List bookmarked articles"),
    Command("wider", "plus,equals_sign", "measure(1)", "Wider", "Widen the text measure by two characters", key_display="+"),
    Command("narrower", "minus", "measure(-1)", "Narrower", "Narrow the text measure by two characters", key_display="-"),
    Command("toggle_fullwidth", "f", "toggle_setting('fullwidth_punctuation')", "Full-width punctuation", "Show half-width , : ; ? ! ( ) in Chinese text as full-width"),
    Command("toggle_indent", "i", "toggle_setting('indent')", "Indent", "First-line indent of two characters"),
    Command("toggle_spacing", "o", "toggle_setting('paragraph_spacing')", "Paragraph spacing", "A blank line between paragraphs"),
    Command("toggle_ambiguous", "a", "toggle_setting('ambiguous_wide')", "Wide quotes", "Treat “ ” — … · as two cells wide (for terminals that draw them so)"),
    Command("toggle_theme", "t", "next_theme", "Theme", "Switch to the next colour theme"),
    Command("skipped_files", "exclamation_mark", "skipped_files", "Skipped files", "Content files that could not be read, and why (FILE:LINE: message)", key_display="!"),
    Command("help", "question_mark", "help", "Help", "Show every key", footer=True, key_display="?"),
    Command("palette", "ctrl+p", "app.command_palette", "Commands", "Open the command palette", footer=True, palette=False),
    Command("quit", "q", "app.quit", "Quit", "Quit zhpaper (your place is remembered)", footer=True),
)  # fmt: skip

COMMANDS_BY_ID: Mapping[str, Command] = {command.id: command for command in COMMANDS}


def bindings() -> list[BindingType]:
    """Textual bindings for every command (the keymap overrides keys by id)."""
    return [
        Binding(
            command.keys,
            command.action,
            command.description,
            show=command.footer,
            key_display=command.key_display,
            tooltip=command.help,
            id=command.id,
        )
        for command in COMMANDS
    ]


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """Binding ids in a user keymap that name no command (likely typos)."""
    return sorted(set(keymap) - set(COMMANDS_BY_ID))
