"""Crash safety with real processes and real signals: SIGKILL while recording ballots (RELIABILITY A1, A2, A8)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest
from integrity_kit import HELPERS
from sqlmodel import select

from tac_desk.domain.enums import Choice, SeatKind
from tac_desk.services import integrity, roster, setup, votes
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database, open_database
from tac_desk.storage.tables import BallotRow, JournalRow

KILL_RUNS = int(os.environ.get("TAC_DESK_KILL_RUNS", "60"))
SEATS = 12


def committee(path: Path) -> None:
    db = open_database(path)
    try:
        with db.write() as s:
            setup.create_body(session=s, name="Crash-test TAC", timezone="UTC")
            for index in range(SEATS):
                person = roster.add_person(session=s, name=f"Member {index} — 王{index}").id
                roster.add_seat(session=s, kind=SeatKind.PREMIER, organization=f"Org {index}", primary_id=person)
    finally:
        db.dispose()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


class Writers:
    """A zygote that forks ballot writers; collects every acknowledged ballot."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HELPERS / "writer_zygote.py"), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin: IO[str] = self.process.stdin
        self.stdout: IO[str] = self.process.stdout
        self.acked: dict[int, int] = {}
        self.ready: set[int] = set()

    def _line(self) -> tuple[str, int]:
        line = self.stdout.readline()
        assert line, "the writer zygote died"
        word, pid, *rest = line.split()
        if word == "ack":
            self.acked[int(rest[0])] = int(rest[1])
        elif word == "ready":
            self.ready.add(int(pid))
        return word, int(pid)

    def start(self) -> int:
        self.stdin.write("go\n")
        self.stdin.flush()
        while True:
            word, pid = self._line()
            if word == "child":
                return pid

    def wait_ready(self, pid: int) -> None:
        while pid not in self.ready:
            self._line()

    def kill(self, pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        while not gone(pid):
            time.sleep(0.005)

    def drain(self) -> None:
        self.stdin.close()
        for line in self.stdout:
            word, *rest = line.split()
            if word == "ack":
                self.acked[int(rest[1])] = int(rest[2])
        self.stdout.close()
        self.process.wait(timeout=60)


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "crash" / "tac.tacdb"
    committee(path)
    rng = random.Random(20261129)
    writers = Writers(path)
    early = 0
    try:
        for run in range(KILL_RUNS):
            pid = writers.start()
            if rng.random() < 0.2 and run < KILL_RUNS - 1:  # while opening: lock, checks, backup
                early += 1
                time.sleep(rng.uniform(0, 0.05))
            else:
                writers.wait_ready(pid)  # the last run always gets this far: it leaves its lock behind
                time.sleep(rng.uniform(0, 0.6))
            writers.kill(pid)
    finally:
        writers.drain()
    db = open_database(path)
    try:
        assert db.unclean_shutdown  # the last writer died holding the lock: it was recovered
        report = integrity.verify(database=db)
        assert report.ok, report.summary()
        with db.read() as s:
            stored = {row.id: row.entry_seq for row in s.exec(select(BallotRow)).all()}
            kinds = {row.seq: row.kind for row in s.exec(select(JournalRow)).all()}
        lost = {ballot: seq for ballot, seq in writers.acked.items() if stored.get(ballot) != seq}
        assert lost == {}
        assert all(kinds[seq] == "ballot" for seq in stored.values())
        with db.write() as s:  # the next write works
            motion = next(m for m in repo.motions(s) if m.status == "open")
            pending = votes.not_voted(session=s, motion_id=motion.id)
            if not pending:  # the last writer filled the motion and was killed before opening the next one
                votes.close_vote(session=s, motion_id=motion.id, allow_no_quorum=True)
                motion = votes.open_motion(session=s, text="After the crashes")
                pending = votes.not_voted(session=s, motion_id=motion.id)
            voter = pending[0].primary_id
            votes.cast_ballot(session=s, motion_id=motion.id, person_id=voter, choice=Choice.YES)
    finally:
        db.dispose()
    print(
        f"\ncrash figures: {KILL_RUNS} SIGKILL runs ({early} while opening), "
        f"{len(writers.acked)} ballots acknowledged, {len(stored)} found, {len(lost)} lost, "
        f"{len(stored) - len(writers.acked)} committed but killed before acknowledging"
    )
    assert len(writers.acked) >= KILL_RUNS // 2


def test_uncheckpointed_wal_after_sigkill_keeps_every_commit(tmp_path: Path) -> None:
    path = tmp_path / "wal" / "tac.tacdb"
    committee(path)
    child = subprocess.Popen(
        [sys.executable, str(HELPERS / "ballot_writer.py"), str(path), "hold", "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acked = {}
    for line in child.stdout:
        word, *rest = line.split()
        if word == "ack":
            acked[int(rest[1])] = int(rest[2])
        if word == "done":
            break
    wal = Path(f"{path}-wal")
    size = wal.stat().st_size
    assert size > 0  # the commits sit in the write-ahead log, not yet in the record file
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert wal.stat().st_size == size  # nothing checkpointed, copied or deleted it
    db = open_database(path)
    try:
        with db.read() as s:
            stored = {row.id: row.entry_seq for row in s.exec(select(BallotRow)).all()}
        assert len(acked) == 30 and {b: stored.get(b) for b in acked} == acked
        assert integrity.verify(database=db).ok
    finally:
        db.dispose()


def test_a_failure_between_the_entry_and_the_row_saves_nothing(
    memory_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with memory_db.write() as s:
        setup.create_body(session=s, name="TAC", timezone="UTC")
        voter = roster.add_person(session=s, name="Zoë").id
        roster.add_seat(session=s, kind=SeatKind.PREMIER, organization="Org", primary_id=voter)
        motion_id = votes.open_motion(session=s, text="Adopt").id
    with memory_db.read() as s:
        before = integrity.record_digest(session=s)

    def broken(**_: object) -> None:
        raise RuntimeError("the derived-table update failed")

    with monkeypatch.context() as patch:
        patch.setattr(votes, "BallotRow", broken)
        with pytest.raises(RuntimeError, match="derived-table update failed"), memory_db.write() as s:
            votes.cast_ballot(session=s, motion_id=motion_id, person_id=voter, choice=Choice.YES)
    with memory_db.read() as s:
        assert integrity.record_digest(session=s) == before  # the appended entry was rolled back with the rest
        assert repo.ballots(s, motion_id) == []
    with memory_db.write() as s:  # the retry succeeds
        votes.cast_ballot(session=s, motion_id=motion_id, person_id=voter, choice=Choice.YES)
    assert integrity.verify(database=memory_db).ok
