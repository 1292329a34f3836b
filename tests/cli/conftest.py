"""Fixtures for the command-line tests: one prepared record per session, copied for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import Prepared, build_prepared, copy_record


@pytest.fixture(scope="session")
def prepared_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The prepared record, built once (closed; copy it before use)."""
    path = tmp_path_factory.mktemp("prepared") / "prepared.tacdb"
    build_prepared(path)
    return path


@pytest.fixture
def record(prepared_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of the prepared record for one test."""
    return copy_record(prepared_file, tmp_path / "record" / "tac.tacdb")


@pytest.fixture
def ids() -> Prepared:
    """The ids in the prepared record."""
    return Prepared()
