"""Run the real ``tac-desk`` entry point in a subprocess, and build and dump record files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from tac_desk.domain.enums import Choice, SeatKind
from tac_desk.domain.rules import MAJORITY, TWO_THIRDS, Base, Rule
from tac_desk.services import actions, attendance, meetings, roster, setup, votes
from tac_desk.storage.database import open_database

SEATS_FROM = date(2020, 1, 1)


def run(*args: object, db: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tac_desk ARGS [--db DB]`` and capture its output."""
    command = [sys.executable, "-m", "tac_desk", *(str(a) for a in args)]
    if db is not None:
        command += ["--db", str(db)]
    environment = {k: v for k, v in os.environ.items() if k not in ("TAC_DESK_DB", "TAC_DESK_DEBUG")}
    environment.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    """Assert success with a silent stderr; return stdout."""
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def ok_json(result: subprocess.CompletedProcess[str]) -> Any:
    """Assert success and parse stdout as JSON."""
    return json.loads(ok(result))


def refused(result: subprocess.CompletedProcess[str], fragment: str, *, code: int = 1) -> str:
    """Assert a clean refusal: the exit code, nothing on stdout, exactly one stderr line naming ``fragment``."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment.casefold() in lines[0].casefold(), lines[0]
    assert result.stdout == ""
    return lines[0]


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text (to show a record did not change)."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def copy_record(source: Path, target: Path) -> Path:
    """Copy a closed record file (and any companion files) to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


@dataclass(frozen=True)
class Prepared:
    """Ids in the prepared record (see :func:`build_prepared`)."""

    ana: int = 1  # primary of the Acme seat
    wang: int = 2  # primary of the Huawei seat
    chloe: int = 3  # primary of the Fabric project seat
    dmitri: int = 4  # the chair
    eve: int = 5  # alternate of the Acme seat
    femi: int = 6  # observer
    held: int = 1  # meeting with quorum: Eve for Acme, Wang, Dmitri present; Chloé absent
    inquorate: int = 2  # meeting where only Wang is present
    scheduled: int = 3  # a scheduled meeting
    cancelled: int = 4  # a cancelled meeting
    open_motion: int = 1  # at the held meeting; Wang has voted yes
    closed_motion: int = 2  # at the held meeting, closed
    no_quorum_motion: int = 3  # at the inquorate meeting; Wang has voted yes
    electronic_motion: int = 4  # open, no closing date; Wang has voted yes


def build_prepared(path: Path) -> Prepared:
    """A small committee with four voting seats, meetings in 2030, motions and an action item."""
    ids = Prepared()
    database = open_database(path)
    try:
        with database.write() as session:
            setup.create_body(session=session, name="Test TAC", timezone="Europe/Paris")
            setup.set_decision_rule(
                session=session, key="present", rule=Rule(MAJORITY, Base.PRESENT, Fraction(1, 2)), label="Of present"
            )
            names = [
                ("Ana Lima", "Acme"),
                ("王伟", "Huawei"),
                ("Chloé Dubois", "Fabric"),
                ("Dmitri Ivanov", "Chair Org"),
                ("Eve Ålund", "Acme"),
                ("Femi Adé", "Guests"),
            ]
            for name, org in names:
                roster.add_person(session=session, name=name, organization=org)
            roster.add_seat(
                session=session,
                kind=SeatKind.PREMIER,
                organization="Acme",
                primary_id=ids.ana,
                alternate_id=ids.eve,
                starts_on=SEATS_FROM,
            )
            for kind, org, person in (
                (SeatKind.PREMIER, "Huawei", ids.wang),
                (SeatKind.PROJECT, "Fabric", ids.chloe),
                (SeatKind.CHAIR, "Chair Org", ids.dmitri),
            ):
                roster.add_seat(session=session, kind=kind, organization=org, primary_id=person, starts_on=SEATS_FROM)
            meetings.schedule_series(
                session=session, first=datetime(2030, 1, 10, 16, 0), timezone="Europe/Paris", count=4
            )
            for person in (ids.eve, ids.wang, ids.dmitri, ids.femi):
                attendance.record_attendance(session=session, meeting_id=ids.held, person_id=person)
            attendance.record_attendance(session=session, meeting_id=ids.inquorate, person_id=ids.wang)
            for text, meeting in (("Adopt the roadmap", ids.held), ("Approve the budget", ids.held)):
                votes.open_motion(session=session, text=text, meeting_id=meeting)
            votes.cast_ballot(session=session, motion_id=ids.open_motion, person_id=ids.wang, choice=Choice.YES)
            for person in (ids.eve, ids.dmitri):
                votes.cast_ballot(session=session, motion_id=ids.closed_motion, person_id=person, choice=Choice.YES)
            votes.close_vote(session=session, motion_id=ids.closed_motion)
            votes.open_motion(session=session, text="Change the quorum", meeting_id=ids.inquorate)
            votes.cast_ballot(session=session, motion_id=ids.no_quorum_motion, person_id=ids.wang, choice=Choice.YES)
            votes.open_motion(session=session, text="Welcome a new project", decision_type="electronic")
            votes.cast_ballot(session=session, motion_id=ids.electronic_motion, person_id=ids.wang, choice=Choice.YES)
            meetings.cancel_meeting(session=session, meeting_id=ids.cancelled)
            actions.add_action(session=session, task="Send the minutes", owner_id=ids.dmitri, meeting_id=ids.held)
    finally:
        database.dispose()
    return ids


AGREEMENT_TYPES = {
    "meeting": None,  # the defaults: more than 1/2 of votes cast, quorum 1/2
    "two-thirds": None,  # at least 2/3 of all seats, quorum 1/2
    "electronic": None,  # more than 1/2 of all seats, no quorum
    "present": Rule(MAJORITY, Base.PRESENT, Fraction(1, 2)),
    "present-two-thirds": Rule(TWO_THIRDS, Base.PRESENT, Fraction(2, 3)),
}


def build_vote(path: Path, *, decision: str, seats: int, present: int, choices: list[Choice]) -> int:
    """A record with ``seats`` voting seats, one vote of type ``decision`` and the given ballots; returns its id.

    At a meeting (any type but ``electronic``) the first ``present`` seats attend; the ballots are
    cast by the first seats in order.
    """
    database = open_database(path)
    try:
        with database.write() as session:
            setup.create_body(session=session, name="Agreement TAC", timezone="UTC")
            for key, rule in AGREEMENT_TYPES.items():
                if rule is not None:
                    setup.set_decision_rule(session=session, key=key, rule=rule)
            for number in range(1, seats + 1):
                person = roster.add_person(session=session, name=f"Member {number}", organization=f"Org {number}")
                roster.add_seat(
                    session=session,
                    kind=SeatKind.PREMIER,
                    organization=f"Org {number:02d}",
                    primary_id=person.id,
                    starts_on=SEATS_FROM,
                )
            meeting_id = None
            if decision != "electronic":
                meeting = meetings.add_meeting(session=session, start=datetime(2030, 6, 6, 15, 0), timezone="UTC")
                meeting_id = meeting.id
                for person_id in range(1, present + 1):
                    attendance.record_attendance(session=session, meeting_id=meeting.id, person_id=person_id)
            motion = votes.open_motion(session=session, text="A motion", decision_type=decision, meeting_id=meeting_id)
            for person_id, choice in enumerate(choices, start=1):
                votes.cast_ballot(session=session, motion_id=motion.id, person_id=person_id, choice=choice)
    finally:
        database.dispose()
    return motion.id


def tally_arguments(rule: Rule) -> list[str]:
    """The ``tally`` options that express ``rule``."""
    share = rule.threshold.share
    threshold = "majority" if rule.threshold == MAJORITY else f"{share.numerator}/{share.denominator}"
    quorum = "none" if rule.quorum is None else f"{rule.quorum.numerator}/{rule.quorum.denominator}"
    return ["--threshold", threshold, "--base", rule.base.value, "--quorum", quorum]
