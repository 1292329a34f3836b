"""Every connection to a record file: WAL, synchronous=FULL, foreign keys, busy timeout; private file modes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from tac_desk.services import agenda, meetings, setup
from tac_desk.storage import repositories
from tac_desk.storage.database import BUSY_TIMEOUT_MS, PAGE_CACHE_KIB, Database, make_engine, open_database
from tac_desk.storage.tables import AgendaItemRow, BallotRow, MeetingRow

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "cache_size": -PAGE_CACHE_KIB,
}


def pragmas(connection: Connection) -> dict[str, object]:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar_one() for name in EXPECTED}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_every_pooled_connection_of_the_engine_has_the_pragmas(file_db: Database) -> None:
    connections = [file_db.engine.connect() for _ in range(3)]
    try:
        raw = {id(c.connection.dbapi_connection) for c in connections}
        assert len(raw) == 3, "three distinct SQLite connections"
        for connection in connections:
            assert pragmas(connection) == EXPECTED
    finally:
        for connection in connections:
            connection.close()


def test_read_and_write_sessions_have_the_pragmas(file_db: Database) -> None:
    with file_db.read() as session:
        assert pragmas(session.connection()) == EXPECTED
    with file_db.write() as session:
        assert pragmas(session.connection()) == EXPECTED


def test_a_second_engine_on_the_same_file_has_the_pragmas(file_db: Database) -> None:
    assert file_db.path is not None
    second = make_engine(file_db.path)
    try:
        with second.connect() as connection:
            assert pragmas(connection) == EXPECTED
    finally:
        second.dispose()


def test_a_second_database_opened_on_the_same_file_has_the_pragmas(file_db: Database) -> None:
    assert file_db.path is not None
    again = open_database(file_db.path)
    try:
        assert not again.read_only
        with again.engine.connect() as connection:
            assert pragmas(connection) == EXPECTED
        with again.write() as session:
            setup.create_body(session=session, name="TAC", timezone="UTC")
        with file_db.read() as session:
            assert repositories.body(session).name == "TAC"
    finally:
        again.dispose()


def test_pragmas_survive_reopening_after_dispose(tmp_path: Path) -> None:
    path = tmp_path / "r.tacdb"
    open_database(path).dispose()
    reopened = open_database(path)
    try:
        with reopened.engine.connect() as connection:
            assert pragmas(connection) == EXPECTED
    finally:
        reopened.dispose()


def test_memory_record_enforces_foreign_keys_and_busy_timeout(memory_db: Database) -> None:
    with memory_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == BUSY_TIMEOUT_MS


def test_new_record_is_private_with_umask_022(tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "outer" / "記録 folder"
    path = folder / "tac.tacdb"
    database = open_database(path)
    try:
        assert mode(folder) == 0o700
        assert mode(path) == 0o600
        with database.write() as session:
            setup.create_body(session=session, name="TAC", timezone="UTC")
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            assert companion.exists(), f"{suffix} exists while the record is open"
            assert mode(companion) == 0o600
    finally:
        database.dispose()
    assert mode(path) == 0o600


@pytest.mark.parametrize("folder", ["a?b=1", "a#b", "a%20b", "100%", "記録 folder"])
def test_record_is_made_exactly_at_paths_with_url_characters(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "tac.tacdb"
    database = open_database(path)
    try:
        with database.write() as session:
            setup.create_body(session=session, name="TAC", timezone="UTC")
        assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
        expected = ["tac.tacdb", "tac.tacdb-shm", "tac.tacdb-wal", "tac.tacdb.lock"]  # .lock: single-instance lock
        assert sorted(p.name for p in path.parent.iterdir()) == expected
    finally:
        database.dispose()
    reopened = open_database(path)
    try:
        with reopened.read() as session:
            assert repositories.body(session).name == "TAC"
    finally:
        reopened.dispose()


def test_orphan_insert_is_refused_by_foreign_keys(file_db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), file_db.write() as session:
        session.add(AgendaItemRow(meeting_id=999, position=0, kind="update", title="orphan"))
        session.flush()
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), file_db.write() as session:
        session.add(BallotRow(motion_id=1, seat_id=1, person_id=1, choice="yes", cast_at="x", entry_seq=1))
        session.flush()
    with file_db.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM agenda_item").scalar_one() == 0
        assert session.connection().exec_driver_sql("SELECT count(*) FROM ballot").scalar_one() == 0


def test_deleting_a_referenced_row_is_refused(memory_db: Database) -> None:
    with memory_db.write() as session:
        meeting = meetings.add_meeting(session=session, start=datetime(2026, 3, 5, 16, 0), timezone="UTC")
        agenda.add_item(session=session, meeting_id=meeting.id, title="item")
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), memory_db.write() as session:
        session.delete(session.get_one(MeetingRow, meeting.id))
        session.flush()
    with memory_db.read() as session:
        assert session.get(MeetingRow, meeting.id) is not None
