"""Serving the fixture sites with the real ../shared/fixtures/serve.py on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
WEB = FIXTURES / "web"


def _serve_module():  # type: ignore[no-untyped-def]
    if not (FIXTURES / "serve.py").is_file():
        pytest.skip(f"fixture sites not found at {FIXTURES}")
    if str(FIXTURES) not in sys.path:
        sys.path.insert(0, str(FIXTURES))
    import serve

    return serve


class Served:
    """A running serve.py over a folder, with its base URL."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.server, self.base = _serve_module().start(str(root))

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
