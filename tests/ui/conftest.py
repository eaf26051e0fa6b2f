"""UI test fixtures: private state directories and an app over fixture content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ui_fixtures import catalog as fixture_catalog

from reader.contracts import Catalog, OpenedCatalog
from reader.typeset.terminal import set_ambiguous_wide
from reader.ui.app import ReaderApp


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ZHPAPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "cache"))
    yield tmp_path
    # The `a` toggle switches the process-wide cell measure: never leak it.
    set_ambiguous_wide(False)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., ReaderApp]:
    def make(catalog: Catalog | None = None, problems: tuple[str, ...] = ()) -> ReaderApp:
        opened = OpenedCatalog(catalog if catalog is not None else fixture_catalog(), problems)
        return ReaderApp(tmp_path / "content", lambda _dir: opened)

    return make


@pytest.fixture
def keymap(tmp_path: Path) -> Callable[[str], None]:
    """Write the user's keymap.toml: ``keymap('quit = "ctrl+q"')`` (one binding id a line)."""

    def write(keys: str) -> None:
        config = tmp_path / "config"  # ZHPAPER_CONFIG_DIR (private_dirs)
        config.mkdir(exist_ok=True)
        (config / "keymap.toml").write_text(f"[keys]\n{keys}\n", encoding="utf-8")

    return write
