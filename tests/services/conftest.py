"""Fixtures of the service tests: a small committee in a fresh in-memory record."""

from __future__ import annotations

import pytest
from services_kit import Committee, build_committee

from tac_desk.storage.database import Database


@pytest.fixture
def committee(memory_db: Database) -> Committee:
    """Five voting seats (two with alternates), an observer, an outsider and one meeting."""
    return build_committee(memory_db)
