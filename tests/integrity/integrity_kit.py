"""A record with every kind of journal entry, built through the services, and helpers for raw file work."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tac_desk.domain.enums import Choice, Presence, SeatKind
from tac_desk.services import attendance, corrections, meetings, roster, setup, votes
from tac_desk.storage.database import Database, open_database

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = ROOT / "scripts" / "verify_record.py"
HELPERS = Path(__file__).resolve().parent / "helpers"
NAMES = [
    "Zoë Durand",
    "Zoe\u0308 Martin",
    "王伟",
    "سارة العلي",
    "Émile 🎉 Ng",
    "Łukasz Nowak",
    "山田 花子",
    "Priya Raman",
]


@dataclass
class Built:
    """Ids of what :func:`build` recorded."""

    seats: list[int]
    people: list[int]
    meeting: int
    closed_motion: int
    open_motion: int
    ballots: list[int]
    correction_seq: int


def build(db: Database, *, seats: int = 6) -> Built:
    """Attendance, a meeting vote closed and corrected, an electronic vote still open."""
    with db.write() as s:
        setup.create_body(session=s, name="LF AI & Data TAC — 技术", timezone="Europe/Paris")
        people = [
            roster.add_person(session=s, name=NAMES[i % len(NAMES)], organization=f"Org {i}").id for i in range(seats)
        ]
        seat_ids = [
            roster.add_seat(session=s, kind=SeatKind.PREMIER, organization=f"Org {i}", primary_id=people[i]).id
            for i in range(seats)
        ]
        meeting = meetings.add_meeting(session=s, start=datetime(2026, 3, 5, 16, 0), timezone="Europe/Paris").id
    with db.write() as s:
        for seat_id in seat_ids[:-1]:
            attendance.set_seat_presence(session=s, meeting_id=meeting, seat_id=seat_id, presence=Presence.PRIMARY)
    with db.write() as s:
        motion = votes.open_motion(session=s, text="Adopt the charter «v2»", meeting_id=meeting).id
    ballot_ids = []
    for index, person in enumerate(people[:-1]):
        with db.write() as s:
            choice = Choice.NO if index == 0 else Choice.YES
            ballot_ids.append(votes.cast_ballot(session=s, motion_id=motion, person_id=person, choice=choice).id)
    with db.write() as s:
        votes.close_vote(session=s, motion_id=motion)
    with db.write() as s:
        fixed = corrections.correct_ballot(
            session=s, ballot_id=ballot_ids[1], choice=Choice.ABSTAIN, reason="recorded in the wrong column"
        )
    with db.write() as s:
        electronic = votes.open_motion(session=s, text="Electronic: approve the budget").id
        votes.cast_ballot(session=s, motion_id=electronic, person_id=people[0], choice=Choice.YES)
    return Built(seat_ids, people, meeting, motion, electronic, ballot_ids, fixed.entry_seq)


def built_record(folder: Path, *, seats: int = 6) -> tuple[Path, Built]:
    """A closed, checkpointed record file built by :func:`build`."""
    path = folder / "record" / "tac.tacdb"
    db = open_database(path)
    try:
        built = build(db, seats=seats)
    finally:
        db.dispose()
    return path, built


def raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (what a curious user with a SQLite browser has)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def unguarded_copy(path: Path, target: Path) -> Path:
    """A copy of a record with its guard triggers dropped, so a test can tamper with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    connection = sqlite3.connect(target, isolation_level=None)
    names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    for name in names:
        connection.execute(f"DROP TRIGGER {name}")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    return target


def reguard(copy: Path, source: Path) -> None:
    """Put the source record's guard triggers back into a tampered copy (as a careful forger would)."""
    with sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True) as original:
        statements = [r[0] for r in original.execute("SELECT sql FROM sqlite_master WHERE type='trigger'")]
    connection = sqlite3.connect(copy, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def journal_rows(path: Path) -> list[tuple[object, ...]]:
    """(seq, recorded_at, kind, payload, prev_hash, hash) of every entry."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT seq, recorded_at, kind, payload, prev_hash, hash FROM journal ORDER BY seq"
        ).fetchall()
    finally:
        connection.close()


def run_verifier(path: Path, *extra: str) -> tuple[int, dict[str, object]]:
    """Run the stdlib-only verifier script in a fresh interpreter; (exit status, its JSON verdict)."""
    done = subprocess.run(
        [sys.executable, "-I", str(VERIFIER), str(path), "--json", *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return done.returncode, json.loads(done.stdout) if done.stdout else {}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``tac-desk`` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "tac_desk", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def companions(path: Path) -> list[str]:
    """Files beside the record that start with its name (-wal, -shm, -journal, .lock, ...)."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


def run_unprivileged(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command that sees file permissions as an ordinary user does (root's override dropped)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "setpriv (util-linux) is needed to test permissions as root"
        dropped = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}"]
    return subprocess.run([*prefix, *args], capture_output=True, text=True, check=False, timeout=120)
