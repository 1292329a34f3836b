"""A service call that fails inside db.write() leaves nothing behind: every table as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import pytest
from services_kit import Committee, build_committee, row_counts, snapshot
from sqlmodel import Session

from tac_desk.domain.enums import AgendaKind, Choice, Presence, SeatKind
from tac_desk.domain.errors import InvalidInput, NotFound, Refused, TacError
from tac_desk.domain.rules import Base, Comparison, Rule, Threshold
from tac_desk.services import actions, agenda, attendance, meetings, projects, roster, setup, votes
from tac_desk.storage import journal
from tac_desk.storage.database import Database, open_database
from tac_desk.storage.tables import metadata


@dataclass
class Prepared:
    """A committee mid-meeting: an open vote with one ballot, a closed vote, an item carrying a vote."""

    committee: Committee
    open_motion: int
    closed_motion: int
    voted_item: int
    plain_item: int
    old_electronic: int
    cancelled_meeting: int
    action: int


def prepare(db: Database) -> Prepared:
    c = build_committee(db)
    c.attend(0, 1, 2)
    with db.write() as s:
        voted_item = agenda.add_item(session=s, meeting_id=c.meeting.id, title="Decision", kind=AgendaKind.DECISION)
        plain_item = agenda.add_item(session=s, meeting_id=c.meeting.id, title="Update")
        closed = votes.open_motion(session=s, text="Closed one", meeting_id=c.meeting.id)
        votes.cast_ballot(session=s, motion_id=closed.id, person_id=c.primaries[0].id, choice=Choice.YES)
        votes.close_vote(session=s, motion_id=closed.id)
        motion = votes.open_motion(session=s, text="Open one", meeting_id=c.meeting.id, agenda_item_id=voted_item.id)
        votes.cast_ballot(session=s, motion_id=motion.id, person_id=c.primaries[0].id, choice=Choice.YES)
        old = votes.open_motion(session=s, text="Old", opened_on=date(2020, 1, 1), closes_on=date(2020, 1, 2))
        other = meetings.add_meeting(session=s, start=datetime(2026, 4, 2, 16, 0), timezone="Europe/Paris")
        meetings.cancel_meeting(session=s, meeting_id=other.id)
        action = actions.add_action(session=s, task="Follow up", owner_id=c.primaries[0].id)
    return Prepared(c, motion.id, closed.id, voted_item.id, plain_item.id, old.id, other.id, action.id)


@pytest.fixture
def prepared(memory_db: Database) -> Prepared:
    return prepare(memory_db)


Call = Callable[[Session, Prepared], object]
RULE = Rule(Threshold(Fraction(2, 3), Comparison.AT_LEAST), Base.CAST, Fraction(1, 2))


def _primary(p: Prepared, index: int) -> int:
    return p.committee.primaries[index].id


def _project_twice(session: Session, _: Prepared) -> object:
    projects.add_project(session=session, name="Same name")
    return projects.add_project(session=session, name="Same name")


FAILING_CALLS: dict[str, tuple[Call, type[TacError]]] = {
    "second committee": (lambda s, p: setup.create_body(session=s, name="Again", timezone="UTC"), Refused),
    "rule with a spaced key": (lambda s, p: setup.set_decision_rule(session=s, key="a b", rule=RULE), InvalidInput),
    "new rule with a long label": (
        lambda s, p: setup.set_decision_rule(session=s, key="new", rule=RULE, label="l" * 101),
        InvalidInput,
    ),
    "empty rename": (lambda s, p: setup.rename_body(session=s, name=""), InvalidInput),
    "person with a bad e-mail": (lambda s, p: roster.add_person(session=s, name="X", email="x@"), InvalidInput),
    "person in an unknown zone": (lambda s, p: roster.add_person(session=s, name="X", timezone="X/Y"), InvalidInput),
    "unnamed person": (lambda s, p: roster.add_person(session=s, name=" "), InvalidInput),
    "update unknown person": (lambda s, p: roster.update_person(session=s, person_id=999, name="X"), NotFound),
    "second seat for a primary": (
        lambda s, p: roster.add_seat(session=s, kind=SeatKind.OTHER, organization="Z", primary_id=_primary(p, 1)),
        Refused,
    ),
    "seat for an unknown person": (
        lambda s, p: roster.add_seat(session=s, kind=SeatKind.OTHER, organization="Z", primary_id=999),
        NotFound,
    ),
    "seat ending before it starts": (
        lambda s, p: roster.update_seat(
            session=s, seat_id=p.committee.seats[0].id, starts_on=date(2026, 6, 1), ends_on=date(2026, 5, 1)
        ),
        InvalidInput,
    ),
    "series at a time that does not exist": (
        lambda s, p: meetings.schedule_series(
            session=s, first=datetime(2026, 3, 29, 2, 30), timezone="Europe/Paris", count=3
        ),
        InvalidInput,
    ),
    "cancel a held meeting": (
        lambda s, p: meetings.cancel_meeting(session=s, meeting_id=p.committee.meeting.id),
        Refused,
    ),
    "move a cancelled meeting": (
        lambda s, p: meetings.move_meeting(session=s, meeting_id=p.cancelled_meeting, to=datetime(2026, 4, 3, 9)),
        Refused,
    ),
    "attendance at a cancelled meeting": (
        lambda s, p: attendance.record_attendance(session=s, meeting_id=p.cancelled_meeting, person_id=_primary(p, 0)),
        Refused,
    ),
    "alternate of a seat without one": (
        lambda s, p: attendance.set_seat_presence(
            session=s, meeting_id=p.committee.meeting.id, seat_id=p.committee.seats[4].id, presence=Presence.ALTERNATE
        ),
        InvalidInput,
    ),
    "agenda item without a title": (
        lambda s, p: agenda.add_item(session=s, meeting_id=p.committee.meeting.id, title=""),
        InvalidInput,
    ),
    "remove an item carrying a vote": (lambda s, p: agenda.remove_item(session=s, item_id=p.voted_item), InvalidInput),
    "reorder missing an item": (
        lambda s, p: agenda.reorder(session=s, meeting_id=p.committee.meeting.id, item_ids=[p.plain_item]),
        InvalidInput,
    ),
    "motion of an unknown type": (
        lambda s, p: votes.open_motion(session=s, text="X", decision_type="nope", meeting_id=p.committee.meeting.id),
        InvalidInput,
    ),
    "motion at a cancelled meeting": (
        lambda s, p: votes.open_motion(session=s, text="X", meeting_id=p.cancelled_meeting),
        Refused,
    ),
    "ballot by an observer": (
        lambda s, p: votes.cast_ballot(
            session=s, motion_id=p.open_motion, person_id=p.committee.observer.id, choice=Choice.YES
        ),
        Refused,
    ),
    "ballot by an absent seat": (
        lambda s, p: votes.cast_ballot(session=s, motion_id=p.open_motion, person_id=_primary(p, 4), choice=Choice.NO),
        Refused,
    ),
    "second ballot of a seat": (
        lambda s, p: votes.cast_ballot(session=s, motion_id=p.open_motion, person_id=_primary(p, 0), choice=Choice.NO),
        Refused,
    ),
    "ballot on a closed vote": (
        lambda s, p: votes.cast_ballot(
            session=s, motion_id=p.closed_motion, person_id=_primary(p, 1), choice=Choice.NO
        ),
        Refused,
    ),
    "ballot after the closing date": (
        lambda s, p: votes.cast_ballot(
            session=s, motion_id=p.old_electronic, person_id=_primary(p, 1), choice=Choice.NO
        ),
        Refused,
    ),
    "close a closed vote": (lambda s, p: votes.close_vote(session=s, motion_id=p.closed_motion), Refused),
    "close an unknown vote": (lambda s, p: votes.close_vote(session=s, motion_id=999), NotFound),
    "action without a task": (lambda s, p: actions.add_action(session=s, task=""), InvalidInput),
    "action for an unknown owner": (
        lambda s, p: actions.update_action(session=s, action_id=p.action, owner_id=999),
        NotFound,
    ),
    "project twice": (_project_twice, Refused),
}


@pytest.mark.parametrize(("call", "error"), FAILING_CALLS.values(), ids=FAILING_CALLS.keys())
def test_a_failed_call_leaves_every_table_as_it_was(prepared: Prepared, call: Call, error: type[TacError]) -> None:
    db = prepared.committee.db
    before = snapshot(db)
    with pytest.raises(error), db.write() as session:
        call(session, prepared)
    assert snapshot(db) == before


def test_earlier_work_in_the_same_transaction_is_undone_too(prepared: Prepared) -> None:
    c = prepared.committee
    before = snapshot(c.db)
    with pytest.raises(Refused), c.db.write() as s:
        newcomer = roster.add_person(session=s, name="Half Written")
        roster.add_seat(session=s, kind=SeatKind.PREMIER, organization="Hotel", primary_id=newcomer.id)
        attendance.record_attendance(session=s, meeting_id=c.meeting.id, person_id=_primary(prepared, 3))
        votes.cast_ballot(session=s, motion_id=prepared.open_motion, person_id=_primary(prepared, 1), choice=Choice.NO)
        votes.close_vote(session=s, motion_id=prepared.open_motion)
        votes.cast_ballot(session=s, motion_id=prepared.open_motion, person_id=_primary(prepared, 2), choice=Choice.NO)
    assert snapshot(c.db) == before


class Boom(RuntimeError):
    """An unexpected failure between writing the journal and writing the derived rows."""


def _explode(*args: object, **kwargs: object) -> object:
    raise Boom("disk went away")


_real_append = journal.append


def _append_then_explode(session: Session, kind: str, payload: Any) -> object:
    _real_append(session, kind, payload)
    raise Boom("failed after the journal entry")


# (what fails, patch target, replacement, action) — the failure comes after something was flushed
INJECTED: dict[str, tuple[str, Callable[..., object], Call]] = {
    "ballot row after its journal entry": (
        "tac_desk.services.votes.BallotRow",
        _explode,
        lambda s, p: votes.cast_ballot(session=s, motion_id=p.open_motion, person_id=_primary(p, 1), choice=Choice.NO),
    ),
    "attendance row after its journal entry": (
        "tac_desk.services.attendance.AttendanceRow",
        _explode,
        lambda s, p: attendance.record_attendance(
            session=s, meeting_id=p.committee.meeting.id, person_id=_primary(p, 3)
        ),
    ),
    "motion after its row and journal entry": (
        "tac_desk.services.votes.journal.append",
        _append_then_explode,
        lambda s, p: votes.open_motion(session=s, text="Never", meeting_id=p.committee.meeting.id),
    ),
    "close after its journal entry": (
        "tac_desk.services.votes.journal.append",
        _append_then_explode,
        lambda s, p: votes.close_vote(session=s, motion_id=p.open_motion),
    ),
    "series after its first rows": (
        "tac_desk.services.meetings.repo.series",
        _explode,
        lambda s, p: meetings.schedule_series(session=s, first=datetime(2026, 5, 7, 16), timezone="UTC", count=5),
    ),
}


@pytest.mark.parametrize(("target", "replacement", "call"), INJECTED.values(), ids=INJECTED.keys())
def test_an_unexpected_failure_midway_leaves_nothing_on_disk(
    file_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    replacement: Callable[..., object],
    call: Call,
) -> None:
    p = prepare(file_db)
    before = snapshot(file_db)
    with monkeypatch.context() as patch:
        patch.setattr(target, replacement)
        with pytest.raises(Boom), file_db.write() as session:
            call(session, p)
    assert snapshot(file_db) == before
    assert file_db.path is not None
    second = open_database(file_db.path, create=False)  # another engine reading the file sees the same
    try:
        assert snapshot(second) == before
    finally:
        second.dispose()
    with file_db.write() as session:  # and the same action then succeeds
        call(session, p)
    after = row_counts(file_db)
    assert sum(after.values()) > sum(len(rows) for rows in before.values())


def test_snapshot_covers_every_table(prepared: Prepared) -> None:
    counts = row_counts(prepared.committee.db)
    assert set(counts) == set(metadata.tables)
    assert counts["journal"] > 0 and counts["ballot"] == 2 and counts["attendance"] == 3
