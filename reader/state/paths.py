"""Where zhpaper keeps the user's state and configuration.

Locations are computed when asked, never at import, so tests (and users with
unusual setups) can redirect them with environment variables:

* ``ZHPAPER_STATE_DIR`` — read marks, bookmarks, positions, settings;
* ``ZHPAPER_CONFIG_DIR`` — ``keymap.toml``, ``subscriptions.toml`` (XDG config dir);
* ``ZHPAPER_CACHE_DIR`` — the search index and the HTTP cache (XDG cache dir);
* ``ZHPAPER_DATA_DIR`` — the library of fetched papers, under ``library/`` (XDG data dir).
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


def cache_dir() -> Path:
    """The cache directory (search index, HTTP cache): ``ZHPAPER_CACHE_DIR`` or XDG cache."""
    override = os.environ.get("ZHPAPER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def library_dir() -> Path:
    """The user's library: papers fetched from the web (``ZHPAPER_DATA_DIR`` or XDG data)."""
    override = os.environ.get("ZHPAPER_DATA_DIR")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    return base / "library"
