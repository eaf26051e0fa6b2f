"""Where the user is: read marks, bookmarks, positions, settings; XDG locations.

Plain Python (no Textual): everything here is tested without a terminal.
"""

from reader.state.keymap import keymap_path, load_keymap
from reader.state.paths import config_dir, state_dir
from reader.state.settings import Settings, load_settings, save_settings, settings_path
from reader.state.store import Position, ReadingState, StateError, content_key, state_db_path

__all__ = [
    "Position",
    "ReadingState",
    "Settings",
    "StateError",
    "config_dir",
    "content_key",
    "keymap_path",
    "load_keymap",
    "load_settings",
    "save_settings",
    "settings_path",
    "state_db_path",
    "state_dir",
]
