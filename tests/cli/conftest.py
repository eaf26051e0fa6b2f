"""Markers used by the command tests (registered here so pyproject stays untouched)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds and installs a wheel (~10 s); still run")
