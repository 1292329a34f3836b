"""Clear failures, nothing lost: disk full, a locked record, read-only places, damaged or foreign files (A3-7, B15)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from integrity_kit import Built, built_record, companions, run_cli, run_unprivileged
from sqlalchemy import event, text

from tac_desk.domain.enums import Choice
from tac_desk.domain.errors import RecordError
from tac_desk.services import integrity, roster, votes
from tac_desk.storage import database as database_module
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database

PAST = 1_600_000_000


def test_disk_full_saves_nothing_from_the_action_and_the_same_action_succeeds_later(tmp_path: Path) -> None:
    path, built = built_record(tmp_path)
    db = open_database(path)
    try:
        with db.read() as s:
            pages = s.exec(text("PRAGMA page_count")).one()[0]  # type: ignore[call-overload]

        def small_disk(connection: sqlite3.Connection, _record: object) -> None:
            connection.execute(f"PRAGMA max_page_count={pages + 2}")

        event.listen(db.engine, "connect", small_disk)
        db.engine.dispose()
        with pytest.raises(RecordError) as caught:
            for index in range(2000):
                with db.write() as s:
                    roster.add_person(session=s, name=f"Filler {index} " + "x" * 150, organization="y" * 190)
        message = str(caught.value)
        assert message.startswith("disk full") and "nothing from this action was saved" in message
        with db.read() as s:
            digest = integrity.record_digest(session=s)
            people = len(repo.people(s))
        assert people == len(built.people) + index  # the failed action left nothing
        with pytest.raises(RecordError, match="disk full"), db.write() as s:  # the app keeps running; still full
            roster.add_person(session=s, name=f"Filler {index} " + "x" * 150, organization="y" * 190)
        assert integrity.verify(database=db).ok
        event.remove(db.engine, "connect", small_disk)
        db.engine.dispose()  # "space was freed"
        with db.write() as s:  # the same action now succeeds
            roster.add_person(session=s, name=f"Filler {index} " + "x" * 150, organization="y" * 190)
            votes.cast_ballot(session=s, motion_id=built.open_motion, person_id=built.people[1], choice=Choice.NO)
        with db.read() as s:
            assert len(repo.people(s)) == people + 1
            assert integrity.record_digest(session=s)[0] == digest[0] + 1
        assert integrity.verify(database=db).ok
    finally:
        db.dispose()


def test_a_record_locked_by_another_program_fails_within_the_timeout_then_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, built = built_record(tmp_path)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 300)
    db = open_database(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(RecordError, match="in use by another program: nothing was saved"), db.write() as s:
            votes.cast_ballot(session=s, motion_id=built.open_motion, person_id=built.people[1], choice=Choice.NO)
        with db.read() as s:  # reading still works (WAL)
            assert len(repo.ballots(s, built.open_motion)) == 1
        other.execute("ROLLBACK")
        with db.write() as s:  # retry after the other program let go
            votes.cast_ballot(session=s, motion_id=built.open_motion, person_id=built.people[1], choice=Choice.NO)
        assert integrity.verify(database=db).ok
    finally:
        other.close()
        db.dispose()


READ_ONLY_PROBE = """
import json, sys
from pathlib import Path
from tac_desk.domain.errors import RecordError
from tac_desk.services import integrity
from tac_desk.storage.database import open_database

database = open_database(sys.argv[1])
result = {"read_only": database.read_only, "lock": database.lock is not None}
result["verify"] = integrity.verify(database=database).ok
result["quick"] = integrity.quick_verify(database=database).ok
result["file_verify"] = integrity.verify_record(path=Path(sys.argv[1])).ok
try:
    with database.write() as session:
        pass
    result["write"] = "allowed"
except RecordError as error:
    result["write"] = str(error)
database.dispose()
print(json.dumps(result))
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only_and_verifies(tmp_path: Path, what: str) -> None:
    path, _ = built_record(tmp_path)
    data = path.read_bytes()
    target = path if what == "file" else path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        done = run_unprivileged([sys.executable, "-c", READ_ONLY_PROBE, str(path)])
    finally:
        target.chmod(mode)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["read_only"] and not result["lock"]
    assert result["verify"] and result["quick"] and result["file_verify"]
    assert "read-only" in result["write"]
    assert path.read_bytes() == data
    assert "tac.tacdb.lock" not in companions(path)


def _flip_magic(data: bytes, _path: Path) -> bytes:
    return b"SQLite format 4" + data[15:]


def _garbage_journal_page(data: bytes, path: Path) -> bytes:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'journal'").fetchone()[0]
    connection.close()
    size = int.from_bytes(data[16:18], "big")
    noise = random.Random(7).randbytes(size)
    return data[: (root - 1) * size] + noise + data[root * size :]


def _truncated(data: bytes, _path: Path) -> bytes:
    return data[: len(data) // 2]


def _empty(_data: bytes, _path: Path) -> bytes:
    return b""


def _pdf(_data: bytes, _path: Path) -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" * 50


def _foreign(folder: Path, application_id: int | None) -> bytes:
    other = folder / "other.sqlite"
    connection = sqlite3.connect(other)
    if application_id is not None:
        connection.execute(f"PRAGMA application_id={application_id}")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.commit()
    connection.close()
    return other.read_bytes()


DAMAGE = {
    "flipped header magic": (_flip_magic, "not a TAC Desk record"),
    "random bytes over the journal's b-tree page": (_garbage_journal_page, "damaged"),
    "truncated to half": (_truncated, "damaged"),
    "zero-length": (_empty, "empty"),
    "a PDF renamed": (_pdf, "not a TAC Desk record"),
}


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    return built_record(tmp_path_factory.mktemp("sound"))


@pytest.mark.parametrize("case", [*DAMAGE, "another application's database", "an SQLite file of another program"])
def test_damaged_or_foreign_files_are_refused_before_any_write_and_never_touched(
    sound: tuple[Path, Built], tmp_path: Path, case: str
) -> None:
    original, _ = sound
    path = tmp_path / "tac.tacdb"
    if case in DAMAGE:
        damage, message = DAMAGE[case]
        path.write_bytes(damage(original.read_bytes(), original))
    else:
        path.write_bytes(_foreign(tmp_path, 0x12345678 if case.startswith("another") else None))
        message = "another application"
    os.utime(path, (PAST, PAST))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for attempt in range(2):
        with pytest.raises(RecordError, match=message) as caught:
            open_database(path, create=attempt == 0)
        assert "\n" not in str(caught.value)
    if message == "damaged":
        assert "restore a backup" in str(caught.value)
    verdict = run_cli("--db", str(path), "verify")
    assert verdict.returncode != 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert companions(path) == []  # no -wal, -shm, -journal or lock left beside it


def test_a_record_from_a_newer_version_is_refused_byte_identical(sound: tuple[Path, Built], tmp_path: Path) -> None:
    original, _ = sound
    path = tmp_path / "newer.tacdb"
    path.write_bytes(original.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER guard_journal_update")  # a newer schema may differ in any way
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    os.utime(path, (PAST, PAST))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(RecordError, match="newer version of TAC Desk"):
        open_database(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert companions(path) == []
    assert not (path.parent / "backups").exists()
