"""The first-screen reader (sqlite3 only) gives exactly the meetings the ORM repositories give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tac_desk.domain.errors import RecordError
from tac_desk.services.demo import build_demo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database
from tac_desk.storage.quick_read import meetings_snapshot


def test_snapshot_equals_the_repository(tmp_path: Path) -> None:
    path = tmp_path / "demo.tacdb"
    database = open_database(path)
    with database.write() as session:
        build_demo(session=session)
    with database.read() as session:
        expected = repo.meetings(session)
        name = repo.body(session).name
    assert meetings_snapshot(path) == (name, expected)
    database.dispose()
    code = (
        "import sys; from pathlib import Path; from tac_desk.storage.quick_read import meetings_snapshot; "
        f"meetings_snapshot(Path({str(path)!r})); print('sqlalchemy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"  # the first screen does not wait for the ORM


def test_snapshot_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(RecordError):
        meetings_snapshot(tmp_path / "missing.tacdb")
    empty = tmp_path / "empty.tacdb"
    empty.write_bytes(b"")
    with pytest.raises(RecordError):
        meetings_snapshot(empty)
