"""Reader settings: a dataclass saved as JSON, atomically."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reader.state.atomic import atomic_write_text, move_aside, remove_stale_temp_files
from reader.state.paths import state_dir

#: The measure is in characters (字); a Han character is two cells wide.
MIN_MEASURE = 12
MAX_MEASURE = 80
DEFAULT_MEASURE = 40
#: How text is shown (reader.typeset.script): as printed, or converted to one script.
SCRIPTS = ("original", "traditional", "simplified")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can change from the keyboard, remembered between runs."""

    measure: int = DEFAULT_MEASURE
    theme: str = "textual-dark"
    fullwidth_punctuation: bool = True
    indent: bool = True
    paragraph_spacing: bool = True
    ambiguous_wide: bool = False
    #: Editions newest first in the tree and in every list (False: oldest first).
    newest_first: bool = True
    #: Display script, one of :data:`SCRIPTS` (the 简繁 toggle; content is never changed).
    script: str = "original"

    def with_measure(self, measure: int) -> Settings:
        """A copy with ``measure`` clamped to the allowed range."""
        return replace(self, measure=max(MIN_MEASURE, min(MAX_MEASURE, measure)))

    def toggled(self, name: str) -> Settings:
        """A copy with the boolean setting ``name`` flipped."""
        value = getattr(self, name)
        if not isinstance(value, bool):
            raise ValueError(f"{name} is not a toggle")
        changes: dict[str, Any] = {name: not value}
        return replace(self, **changes)


def settings_path() -> Path:
    """Where settings live (read when called)."""
    return state_dir() / "settings.json"


def _from_mapping(data: object) -> Settings:
    if not isinstance(data, dict):
        raise ValueError("settings file is not a JSON object")
    defaults = Settings()
    values: dict[str, object] = {}
    for spec in fields(Settings):
        if spec.name not in data:
            continue
        value = data[spec.name]
        expected = type(getattr(defaults, spec.name))
        # bool is an int subclass: check it exactly, so `"measure": true` is refused.
        if type(value) is not expected:
            raise ValueError(f"setting {spec.name!r} should be {expected.__name__}")
        values[spec.name] = value
    if values.get("script", "original") not in SCRIPTS:
        # A value from a newer zhpaper (or a typo): show the text as printed.
        values.pop("script")
    settings = replace(defaults, **values)  # type: ignore[arg-type]
    return settings.with_measure(settings.measure)


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings (defaults if none), and a notice if a damaged file was moved aside."""
    path = path or settings_path()
    remove_stale_temp_files(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"Cannot read {path} ({error.strerror}); using defaults."
    try:
        return _from_mapping(json.loads(raw.decode("utf-8"))), None
    except (ValueError, UnicodeDecodeError) as error:
        try:
            moved = move_aside(path)
        except OSError:
            return Settings(), f"Settings file {path} is damaged ({error}); using defaults."
        return (
            Settings(),
            f"Settings file was damaged ({error}); moved to {moved.name}, using defaults.",
        )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically."""
    path = path or settings_path()
    atomic_write_text(path, json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n")
