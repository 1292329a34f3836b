"""The journal: each appended entry chains the previous one, in the caller's transaction."""

from __future__ import annotations

import json
from typing import NamedTuple

import pytest
from sqlmodel import col, select

from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash
from tac_desk.storage import journal
from tac_desk.storage.database import Database
from tac_desk.storage.tables import JournalRow

PAYLOADS: list[tuple[str, dict[str, object]]] = [
    ("attendance", {"meeting_id": 1, "seat_id": 2, "person_id": 3, "presence": "primary"}),
    ("ballot", {"motion_id": 1, "seat_id": 2, "person_id": 3, "choice": "yes"}),
    ("note", {"name": "王伟", "nfc": "Zo\u00eb", "nfd": "Zoe\u0308", "emoji": "🗳", "rtl": "שלום"}),
    ("note", {"zero": 0, "large": 2**62, "negative": -1, "nested": {"b": [1, 2], "a": None}, "flag": True}),
    ("vote_closed", {"motion_id": 1, "outcome": {"passed": False, "explanation": "Not adopted: 1 yes to 1 no."}}),
]


class Entry(NamedTuple):
    seq: int
    recorded_at: str
    kind: str
    payload: str
    prev_hash: str
    hash: str


def read_chain(database: Database) -> list[Entry]:
    with database.read() as session:
        rows = session.exec(select(JournalRow).order_by(col(JournalRow.seq))).all()
        return [Entry(r.seq or 0, r.recorded_at, r.kind, r.payload, r.prev_hash, r.hash) for r in rows]


def assert_valid_chain(rows: list[Entry]) -> None:
    previous = GENESIS
    for number, row in enumerate(rows, start=1):
        assert row.seq == number
        assert row.prev_hash == previous
        expected = entry_hash(
            seq=number,
            recorded_at=row.recorded_at,
            kind=row.kind,
            payload=row.payload.encode("utf-8"),
            prev_hash=previous,
        )
        assert row.hash == expected
        previous = row.hash


def test_append_builds_a_valid_chain_across_transactions(file_db: Database) -> None:
    with file_db.write() as session:
        for kind, payload in PAYLOADS[:3]:
            journal.append(session, kind, payload)
    with file_db.write() as session:
        for kind, payload in PAYLOADS[3:]:
            journal.append(session, kind, payload)
    rows = read_chain(file_db)
    assert [(r.kind, json.loads(r.payload)) for r in rows] == PAYLOADS
    assert [r.payload.encode("utf-8") for r in rows] == [canonical_bytes(p) for _, p in PAYLOADS]
    assert rows[0].prev_hash == GENESIS
    assert_valid_chain(rows)
    assert [r.recorded_at for r in rows] == sorted(r.recorded_at for r in rows)


def test_append_returns_the_entry_and_head_follows_it(memory_db: Database) -> None:
    with memory_db.write() as session:
        assert journal.head(session) is None
        first = journal.append(session, "note", {"n": 1})
        second = journal.append(session, "note", {"n": 2})
        head = journal.head(session)
        assert head is not None
        assert (first.seq, second.seq, head.seq) == (1, 2, 2)
        assert second.prev_hash == first.hash
        assert head.hash == second.hash


def test_entries_of_a_failed_transaction_vanish_and_the_chain_goes_on(file_db: Database) -> None:
    with file_db.write() as session:
        journal.append(session, "note", {"n": 1})
    with pytest.raises(RuntimeError), file_db.write() as session:
        journal.append(session, "note", {"n": "lost"})
        raise RuntimeError("the action failed after appending")
    with file_db.write() as session:
        journal.append(session, "note", {"n": 2})
    rows = read_chain(file_db)
    assert [json.loads(r.payload)["n"] for r in rows] == [1, 2]
    assert_valid_chain(rows)


def test_a_changed_payload_no_longer_matches_its_hash(memory_db: Database) -> None:
    with memory_db.write() as session:
        for kind, payload in PAYLOADS:
            journal.append(session, kind, payload)
    rows = read_chain(memory_db)
    tampered = rows[2]._replace(payload=rows[2].payload.replace("王伟", "王"))
    with pytest.raises(AssertionError):
        assert_valid_chain([*rows[:2], tampered, *rows[3:]])


def test_utc_now_is_iso_utc_with_microseconds() -> None:
    stamp = journal.utc_now()
    assert stamp.endswith("+00:00")
    assert len(stamp.split(".")[1]) == len("123456+00:00")
