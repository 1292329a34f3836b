"""Verification: golden chain head, byte and structural tampering, replay equivalence, the CLI (RELIABILITY C19-C22)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from integrity_kit import VERIFIER, Built, built_record, journal_rows, reguard, run_cli, run_verifier, unguarded_copy

from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash
from tac_desk.services import integrity
from tac_desk.storage import journal
from tac_desk.storage.database import open_database
from tac_desk.storage.verdict import Anchor

GOLDEN_HEAD = "bf3f0756831d2810c357a4054a0350972184a6d314ec807b1ffaeadced70af2b"
GOLDEN_ENTRIES: list[tuple[str, dict[str, object]]] = [
    ("attendance", {"meeting_id": 1, "seat_id": 1, "person_id": 1, "presence": "primary"}),
    ("attendance", {"meeting_id": 1, "seat_id": None, "person_id": 0, "presence": "observer"}),
    ("vote_opened", {"motion_id": 1, "text": "Zoë (NFC) and Zoe\u0308 (NFD)", "roster": ["王伟", "سارة العلي", "🎉"]}),
    ("ballot", {"motion_id": 1, "seat_id": 9_007_199_254_740_993, "person_id": -1, "choice": "yes"}),
    ("vote_closed", {"motion_id": 1, "outcome": {"yes": 0, "no": 0, "passed": False, "explanation": "Tab\tand\nline"}}),
]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("verify_record", VERIFIER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = load_script()


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    return built_record(tmp_path_factory.mktemp("verify"))


def golden_chain() -> list[str]:
    """GENESIS, then each golden entry's hash, recorded a microsecond apart from 2026-03-05 15:00 UTC."""
    chain = [GENESIS]
    for seq, (kind, payload) in enumerate(GOLDEN_ENTRIES, start=1):
        at = f"2026-03-05T15:00:00.{seq - 1:06d}+00:00"
        data = canonical_bytes(payload)
        chain.append(entry_hash(seq=seq, recorded_at=at, kind=kind, payload=data, prev_hash=chain[-1]))
        assert SCRIPT.entry_digest(seq, at.encode(), kind.encode(), chain[-2].encode(), data) == chain[-1]
    return chain


def test_golden_chain_head_pins_the_serialisation() -> None:
    assert golden_chain()[-1] == GOLDEN_HEAD
    assert canonical_bytes({"b": "Zoë", "a": 0}) == '{"a":0,"b":"Zoë"}'.encode()
    assert canonical_bytes({"n": "Zoe\u0308"}) != canonical_bytes({"n": "Zoë"})  # kept as typed, never normalised
    db = open_database(":memory:")
    try:
        with journal.fixed_clock(datetime(2026, 3, 5, 15, 0, tzinfo=UTC)), db.write() as session:
            for kind, payload in GOLDEN_ENTRIES:
                journal.append(session, kind, payload)
        with db.read() as session:
            assert integrity.record_digest(session=session) == (len(GOLDEN_ENTRIES), GOLDEN_HEAD)
    finally:
        db.dispose()


def test_a_sound_record_verifies_in_the_app_the_script_and_the_cli(record: tuple[Path, Built]) -> None:
    path, _ = record
    report = integrity.verify_record(path=path)
    assert report.ok, report.summary()
    assert report.checks == ("integrity_check", "foreign_keys", "guards", "chain", "replay")
    rows = journal_rows(path)
    assert report.entries == len(rows) and report.head_seq == len(rows) and report.head_hash == rows[-1][5]
    kinds = {row[2] for row in rows}
    assert kinds == {"attendance", "vote_opened", "ballot", "vote_closed", "correction"}
    status, verdict = run_verifier(path)
    assert status == 0 and verdict["ok"] is True and verdict["head"] == {"seq": len(rows), "hash": rows[-1][5]}
    done = run_cli("--db", str(path), "verify")
    assert done.returncode == 0, done.stderr
    assert f"record digest: {len(rows)}:{rows[-1][5]}" in done.stdout
    quick = run_cli("--db", str(path), "verify", "--quick", "--json")
    assert quick.returncode == 0 and json.loads(quick.stdout)["checks"][0] == "quick_check"


def tampered(path: Path, folder: Path, *statements: tuple[str, tuple[object, ...]]) -> Path:
    copy = unguarded_copy(path, folder / "tampered.tacdb")
    connection = sqlite3.connect(copy, isolation_level=None)  # foreign keys off, as in any SQLite browser
    for sql, parameters in statements:
        connection.execute(sql, parameters)
    connection.close()
    return copy


def verdicts(path: Path, anchor: Anchor | None = None) -> tuple[integrity.Report, dict[str, object]]:
    report = integrity.verify_record(path=path, anchor=anchor)
    script = SCRIPT.verify(path, None if anchor is None else (anchor.seq, anchor.hash))
    return report, script


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_single_byte_flip_is_found_at_its_entry_by_app_and_script(
    record: tuple[Path, Built], data: st.DataObject
) -> None:
    path, _ = record
    rows = journal_rows(path)
    seq = data.draw(st.integers(1, len(rows)), label="seq")
    field = data.draw(st.sampled_from(["payload", "hash", "prev_hash"]), label="field")
    value = str(rows[seq - 1][{"payload": 3, "hash": 5, "prev_hash": 4}[field]]).encode("utf-8")
    position = data.draw(st.integers(0, len(value) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="mask")
    flipped = bytearray(value)
    flipped[position] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        copy = tampered(
            path, Path(folder), (f"UPDATE journal SET {field} = CAST(? AS TEXT) WHERE seq = ?", (bytes(flipped), seq))
        )
        report, script = verdicts(copy)
        assert not report.ok and report.first_bad_seq == seq, report.to_dict()
        assert script["ok"] is False and script["first_bad_seq"] == seq, script


def _swap(k: int) -> list[tuple[str, tuple[object, ...]]]:
    columns = "recorded_at, kind, payload, prev_hash, hash"
    return [
        (f"CREATE TEMP TABLE pair AS SELECT seq, {columns} FROM journal WHERE seq IN (?, ?)", (k, k + 1)),
        ("UPDATE journal SET hash = 'x' || hash WHERE seq IN (?, ?)", (k, k + 1)),  # keep UNIQUE(hash) happy
        (
            "UPDATE journal SET (recorded_at, kind, payload, prev_hash, hash) = "
            f"(SELECT {columns} FROM pair WHERE pair.seq = ? + ? - journal.seq) WHERE seq IN (?, ?)",
            (k, k + 1, k, k + 1),
        ),
    ]


def test_structural_tampering_names_the_first_bad_entry(record: tuple[Path, Built], tmp_path: Path) -> None:
    path, _ = record
    rows = journal_rows(path)
    last = len(rows)
    k = 4
    dup_seq = last + 1
    ballot_entry = next(r for r in rows if r[2] == "ballot")
    rehashed = entry_hash(
        seq=dup_seq,
        recorded_at=str(ballot_entry[1]),
        kind="ballot",
        payload=str(ballot_entry[3]).encode(),
        prev_hash=str(rows[-1][5]),
    )
    cases: dict[str, tuple[list[tuple[str, tuple[object, ...]]], int]] = {
        "delete a middle entry": ([("DELETE FROM journal WHERE seq = ?", (k,))], k),
        "swap two entries": (_swap(k), k),
        "duplicate a ballot entry, re-hashed": (
            [
                (
                    "INSERT INTO journal VALUES (?, ?, 'ballot', ?, ?, ?)",
                    (dup_seq, ballot_entry[1], ballot_entry[3], rows[-1][5], rehashed),
                )
            ],
            dup_seq,
        ),
        "duplicate in the middle": (
            [
                ("UPDATE journal SET seq = -(seq + 1) WHERE seq > ?", (k,)),
                ("UPDATE journal SET seq = -seq WHERE seq < 0", ()),
                (
                    "INSERT INTO journal SELECT ? , recorded_at, kind, payload, prev_hash, 'd' || hash FROM journal"
                    " WHERE seq = ?",
                    (k + 1, k),
                ),
            ],
            k + 1,
        ),
    }
    for name, (statements, first_bad) in cases.items():
        copy = tampered(path, tmp_path / name.replace(" ", "_"), *statements)
        report, script = verdicts(copy)
        assert not report.ok and report.first_bad_seq == first_bad, (name, report.to_dict())
        assert script["ok"] is False and script["first_bad_seq"] == first_bad, (name, script)


def test_a_clean_truncation_is_caught_only_by_the_outside_digest(record: tuple[Path, Built], tmp_path: Path) -> None:
    path, built = record
    rows = journal_rows(path)
    head = Anchor(len(rows), str(rows[-1][5]))
    copy = tampered(
        path,
        tmp_path,
        ("DELETE FROM ballot WHERE motion_id = ?", (built.open_motion,)),
        ("DELETE FROM motion WHERE id = ?", (built.open_motion,)),
        ("DELETE FROM journal WHERE seq > ?", (len(rows) - 2,)),
    )
    reguard(copy, path)
    report, script = verdicts(copy)
    assert report.ok and script["ok"] is True  # a consistent rewrite: the local chain alone cannot tell
    report, script = verdicts(copy, head)
    assert not report.ok and report.first_bad_seq == len(rows) - 1
    assert script["first_bad_seq"] == len(rows) - 1
    assert "missing" in report.summary()
    assert not integrity.verify_record(path=path, anchor=Anchor(2, "0" * 64)).ok


def test_replay_finds_derived_rows_that_differ_from_the_journal(record: tuple[Path, Built], tmp_path: Path) -> None:
    path, built = record
    rows = journal_rows(path)
    seq_of = {kind: [r[0] for r in rows if r[2] == kind] for kind in {r[2] for r in rows}}
    ballot_seq = seq_of["ballot"][2]
    cases: dict[str, tuple[tuple[str, tuple[object, ...]], int]] = {
        "ballot choice edited": (("UPDATE ballot SET choice = 'no' WHERE entry_seq = ?", (ballot_seq,)), ballot_seq),
        "attendance row deleted": (
            ("DELETE FROM attendance WHERE entry_seq = ?", (seq_of["attendance"][1],)),
            seq_of["attendance"][1],
        ),
        "frozen outcome edited": (
            (
                "UPDATE motion SET outcome_json = replace(outcome_json, '\"passed\": true', '\"passed\": false')"
                " WHERE id = ?",
                (built.closed_motion,),
            ),
            seq_of["vote_closed"][0],
        ),
        "roster edited": (
            (
                "UPDATE motion SET roster_json = replace(roster_json, 'Org 1', 'Org X') WHERE id = ?",
                (built.closed_motion,),
            ),
            seq_of["vote_opened"][0],
        ),
        "correction outcome edited": (
            ("UPDATE ballot_correction SET outcome_json = replace(outcome_json, '\"yes\": 3', '\"yes\": 4')", ()),
            built.correction_seq,
        ),
        "ballot row without entry": (
            (
                "INSERT INTO ballot (motion_id, seat_id, person_id, choice, cast_at, entry_seq)"
                " VALUES (?, ?, ?, 'yes', 'x', ?)",
                (built.open_motion, built.seats[3], built.people[3], seq_of["attendance"][0]),
            ),
            seq_of["attendance"][0],
        ),
    }
    for name, (statement, first_bad) in cases.items():
        copy = tampered(path, tmp_path / name.replace(" ", "_"), statement)
        reguard(copy, path)
        report, script = verdicts(copy)
        assert [p.check for p in report.problems] == ["replay"], (name, report.to_dict())
        assert report.first_bad_seq == first_bad, (name, report.to_dict())
        assert script["first_bad_seq"] == first_bad, (name, script)


def test_a_dropped_guard_and_the_cli_exit_status(record: tuple[Path, Built], tmp_path: Path) -> None:
    path, _ = record
    copy = tmp_path / "no_guard.tacdb"
    shutil.copyfile(path, copy)
    connection = sqlite3.connect(copy)
    connection.execute("DROP TRIGGER guard_ballot_update")
    connection.execute("UPDATE ballot SET choice = 'recused' WHERE id = 1")
    connection.commit()
    connection.close()
    report = integrity.verify_record(path=copy)
    assert {p.check for p in report.problems} == {"guards", "replay"}
    done = run_cli("--db", str(copy), "verify")
    assert done.returncode == 3
    assert f"first bad entry: #{report.first_bad_seq}" in done.stdout
    assert "guard_ballot_update is missing" in done.stdout
    as_json = run_cli("--db", str(copy), "verify", "--json")
    assert as_json.returncode == 3 and json.loads(as_json.stdout)["first_bad_seq"] == report.first_bad_seq
    status, verdict = run_verifier(copy)
    assert status == 3 and verdict["first_bad_seq"] == report.first_bad_seq
    missing = run_cli("--db", str(tmp_path / "nothing.tacdb"), "verify")
    assert missing.returncode == 1 and "there is no record" in missing.stderr
