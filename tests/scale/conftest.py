"""Scale tests: the real reader over a generated archive, through the SQLite catalogue."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from reader.search.index import Index
from reader.search.opening import open_catalog
from reader.typeset.terminal import set_ambiguous_wide
from reader.ui.app import CatalogOpener, ReaderApp
from reader.ui.search_backend import IndexSearch

BENCH = Path(__file__).resolve().parents[2] / "bench"
#: A few thousand articles: several papers, years of editions (calendar tree).
#: (test_reader_at_scale.ARTICLES says the same.)
ARTICLES = 3000


def _make_archive(directory: Path) -> Path:
    sys.path.insert(0, str(BENCH))
    try:
        import make_archive
        import textsource
    finally:
        sys.path.remove(str(BENCH))
    if not textsource.CORPUS.is_file():  # its text is the shared corpus's
        pytest.skip(f"shared corpus not found at {textsource.CORPUS}")
    from reader.importer.jsonl import import_records

    import_records(make_archive.records(ARTICLES), directory)
    return directory


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(archive, cache holding its finished index), made once per session."""
    root = tmp_path_factory.mktemp("scale")
    archive = _make_archive(root / "archive")
    cache = root / "cache"
    with Index(archive, cache_dir=cache) as index:
        report = index.sync()
        assert not report.problems and index.article_count() == ARTICLES
    return archive, cache


@pytest.fixture
def archive(built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the archive whose index in ZHPAPER_CACHE_DIR is current."""
    source, cache = built
    content = shutil.copytree(source, tmp_path / "archive", copy_function=shutil.copy2)
    private_cache = shutil.copytree(cache, tmp_path / "cache")
    # The index is keyed by the content path: move the built one to this copy's key.
    from reader.search.database import db_path

    built_db = db_path(source, private_cache)
    target = db_path(content, private_cache)
    for suffix in ("", "-wal", "-shm"):
        old = Path(str(built_db) + suffix)
        if old.exists():
            old.rename(str(target) + suffix)
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(private_cache))
    return content


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZHPAPER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ZHPAPER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ZHPAPER_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.delenv("ZHPAPER_BENCH_READY_FILE", raising=False)
    yield tmp_path
    set_ambiguous_wide(False)


@pytest.fixture
def reader_app() -> Callable[..., ReaderApp]:
    """The app exactly as `zhpaper --content DIR` builds it (see reader.cli.read.run)."""
    made: list[IndexSearch] = []

    def make(content: Path, opener: CatalogOpener | None = None) -> ReaderApp:
        search = IndexSearch(content)
        made.append(search)
        opener = opener or partial(open_catalog, background=True, on_index=search.adopt)
        return ReaderApp(content, opener, search)

    yield make
    for search in made:
        search.close()
