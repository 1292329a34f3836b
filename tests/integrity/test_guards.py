"""The record's triggers refuse, with a clear message, the edits a SQLite browser could make (RELIABILITY C18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from integrity_kit import Built, built_record, raw

from tac_desk.domain.enums import Choice
from tac_desk.domain.errors import Refused
from tac_desk.services import integrity, votes
from tac_desk.storage.database import open_database
from tac_desk.storage.tables import MotionRow


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    return built_record(tmp_path_factory.mktemp("guards"))


REFUSALS = [
    ("UPDATE journal SET payload = '{{}}' WHERE seq = 3", "the journal is append-only: its entries cannot be changed"),
    ("UPDATE journal SET hash = hash WHERE seq = 1", "the journal is append-only: its entries cannot be changed"),
    ("DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)", "the journal is append-only"),
    ("DELETE FROM journal", "the journal is append-only: its entries cannot be deleted"),
    (
        "INSERT INTO journal (seq, recorded_at, kind, payload, prev_hash, hash) "
        "VALUES ((SELECT MAX(seq) FROM journal) + 5, 'x', 'ballot', '{{}}', 'p', 'h')",
        "a journal entry must follow the last entry",
    ),
    (
        "INSERT INTO journal (seq, recorded_at, kind, payload, prev_hash, hash) "
        "VALUES ((SELECT MAX(seq) FROM journal) + 1, 'x', 'ballot', '{{}}', 'not the head', 'h')",
        "a journal entry must follow the last entry",
    ),
    ("UPDATE ballot SET choice = 'no' WHERE motion_id = {closed}", "a recorded ballot cannot be changed"),
    ("DELETE FROM ballot WHERE motion_id = {closed}", "a recorded ballot cannot be deleted"),
    ("UPDATE ballot SET choice = 'no' WHERE motion_id = {open}", "record a correction instead"),
    (
        "INSERT INTO ballot (motion_id, seat_id, person_id, choice, cast_at, entry_seq) "
        "VALUES ({closed}, {last_seat}, {last_person}, 'yes', 'x', 1)",
        "the vote is closed; record a correction instead",
    ),
    ("UPDATE motion SET status = 'open' WHERE id = {closed}", "the vote is closed and cannot be changed"),
    ("UPDATE motion SET outcome_json = '{{}}' WHERE id = {closed}", "the vote is closed and cannot be changed"),
    ("DELETE FROM motion WHERE id = {closed}", "a motion that was put to a vote cannot be deleted"),
    ("DELETE FROM motion WHERE id = {open}", "a motion that was put to a vote cannot be deleted"),
    ("UPDATE attendance SET presence = 'absent'", "attendance is append-only"),
    ("DELETE FROM attendance", "attendance is append-only"),
    ("UPDATE ballot_correction SET choice = 'yes'", "a correction cannot be changed"),
    ("DELETE FROM ballot_correction", "a correction cannot be deleted"),
    (
        "INSERT INTO ballot_correction (motion_id, ballot_id, original_entry_seq, previous_choice, choice, reason,"
        " recorded_at, outcome_json, entry_seq) VALUES ({open}, 1, 1, 'yes', 'no', 'r', 'x', '{{}}', 1)",
        "a correction is recorded only after the vote has closed",
    ),
]


@pytest.mark.parametrize(("statement", "message"), REFUSALS)
def test_raw_sqlite_edits_are_refused_with_the_trigger_message(
    record: tuple[Path, Built], statement: str, message: str
) -> None:
    path, built = record
    sql = statement.format(
        closed=built.closed_motion, open=built.open_motion, last_seat=built.seats[-1], last_person=built.people[-1]
    )
    connection = raw(path)
    try:
        before = connection.execute("SELECT COUNT(*), MAX(hash) FROM journal").fetchone()
        with pytest.raises(sqlite3.IntegrityError, match=message):
            connection.execute(sql)
        assert connection.execute("SELECT COUNT(*), MAX(hash) FROM journal").fetchone() == before
    finally:
        connection.close()
    assert integrity.verify_record(path=path).ok


def test_the_application_is_refused_too_with_a_message_for_the_user(record: tuple[Path, Built]) -> None:
    path, built = record
    db = open_database(path)
    try:
        refusal = "the vote is closed and cannot be changed; record a correction instead"
        with pytest.raises(Refused, match=refusal), db.write() as session:
            row = session.get(MotionRow, built.closed_motion)
            assert row is not None
            row.status = "open"  # what a buggy screen might try: bypassing the service check
            session.add(row)
        with pytest.raises(Refused, match="closed; record a correction instead"), db.write() as session:
            votes.cast_ballot(
                session=session, motion_id=built.closed_motion, person_id=built.people[-1], choice=Choice.YES
            )
        assert integrity.verify(database=db).ok
    finally:
        db.dispose()


def test_an_open_vote_still_takes_ballots_and_closes(record: tuple[Path, Built], tmp_path: Path) -> None:
    path, built = record
    copy = tmp_path / "copy.tacdb"
    copy.write_bytes(path.read_bytes())
    db = open_database(copy)
    try:
        with db.write() as session:
            votes.cast_ballot(session=session, motion_id=built.open_motion, person_id=built.people[1], choice=Choice.NO)
        with db.write() as session:
            outcome = votes.close_vote(session=session, motion_id=built.open_motion, allow_no_quorum=True)
        assert outcome.tally.no == 1
        assert integrity.verify(database=db).ok
    finally:
        db.dispose()
