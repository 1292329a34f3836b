"""Shared fixtures: Qt offscreen before any Qt import, fresh records on real files and in memory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tac_desk.storage.database import Database, open_database

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=200,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")


@pytest.fixture
def memory_db() -> Iterator[Database]:
    """A fresh, migrated in-memory record."""
    database = open_database(":memory:")
    yield database
    database.dispose()


@pytest.fixture
def file_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated record on a real file (WAL, locking, permissions exist only there)."""
    database = open_database(tmp_path / "record" / "tac.tacdb")
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user-data, config and log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
