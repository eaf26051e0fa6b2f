"""Where zhpaper keeps the user's state and configuration.

Locations are computed when asked, never at import, so tests (and users with
unusual setups) can redirect them with environment variables:

* ``ZHPAPER_STATE_DIR`` — read marks, bookmarks, positions, settings;
* ``ZHPAPER_CONFIG_DIR`` — ``keymap.toml`` (defaults to the XDG config dir).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "zhpaper"


def state_dir() -> Path:
    """The directory for state files (created by the first write, not here)."""
    override = os.environ.get("ZHPAPER_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))


def config_dir() -> Path:
    """The directory for user configuration (not created: it is only read)."""
    override = os.environ.get("ZHPAPER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
