"""Fixtures: the fixture sites on 127.0.0.1 (read-only or a temporary copy), the client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_sites import WEB, Served, copy_web

from reader.fetch.client import Client


@pytest.fixture(scope="session")
def fixture_site() -> Iterator[Served]:
    """The public fixture sites, read-only, served as they are."""
    served = Served(WEB)
    yield served
    served.close()


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[Served]:
    """A temporary copy of the fixture sites, for routes.json and edits."""
    served = Served(copy_web(tmp_path / "web"))
    yield served
    served.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    """The real client, unthrottled, with a fresh cache and quick retries."""
    with Client(cache_dir=tmp_path / "http-cache", rate=0, backoff=0.01, timeout=5.0) as c:
        yield c
