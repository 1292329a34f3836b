"""Repositories hand out plain domain records, never live rows, and name what they cannot find."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import SQLModel, select

from tac_desk.domain import model
from tac_desk.domain.enums import ActionStatus, Choice, MeetingStatus, Presence, SeatKind
from tac_desk.domain.errors import NotFound, RecordError
from tac_desk.services import actions, agenda, attendance, meetings, projects, roster, setup, votes
from tac_desk.storage import convert
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database
from tac_desk.storage.tables import AgendaItemRow, MeetingRow, MotionRow, PersonRow, SeatRow


@dataclasses.dataclass
class Ids:
    people: list[int]
    seats: list[int]
    series: int
    meetings: list[int]
    item: int
    motion: int
    action: int
    project: int


@pytest.fixture
def record(file_db: Database) -> Iterator[tuple[Database, Ids]]:
    with file_db.write() as s:
        setup.create_body(session=s, name="LF AI & Data TAC", timezone="Europe/Paris")
        names = ["Zoë Durand", "王伟", "Łukasz Nowak", "Guest"]
        people = [roster.add_person(session=s, name=n, organization="Org").id for n in names]
        seats = [
            roster.add_seat(session=s, kind=SeatKind.PREMIER, organization="Beta", primary_id=people[0]).id,
            roster.add_seat(
                session=s, kind=SeatKind.PROJECT, organization="alpha", primary_id=people[1], alternate_id=people[2]
            ).id,
        ]
        series, scheduled = meetings.schedule_series(
            session=s, first=datetime(2026, 3, 12, 16, 0), timezone="Europe/Paris", count=3
        )
        meetings.cancel_meeting(session=s, meeting_id=scheduled[1].id)
        item = agenda.add_item(session=s, meeting_id=scheduled[0].id, title="Vote")
        attendance.record_attendance(session=s, meeting_id=scheduled[0].id, person_id=people[0])
        attendance.record_attendance(session=s, meeting_id=scheduled[0].id, person_id=people[2])
        attendance.record_attendance(session=s, meeting_id=scheduled[0].id, person_id=people[3])
        motion = votes.open_motion(session=s, text="Adopt", meeting_id=scheduled[0].id, agenda_item_id=item.id)
        votes.cast_ballot(session=s, motion_id=motion.id, person_id=people[0], choice=Choice.YES)
        action = actions.add_action(session=s, task="Write", owner_id=people[0], due_on=date(2026, 4, 1))
        project = projects.add_project(session=s, name="Sample")
    yield file_db, Ids(people, seats, series.id, [m.id for m in scheduled], item.id, motion.id, action.id, project.id)


def assert_plain(value: Any, kind: type) -> None:
    assert isinstance(value, kind)
    assert dataclasses.is_dataclass(value)
    assert not isinstance(value, SQLModel)


def test_every_query_returns_domain_records(record: tuple[Database, Ids]) -> None:
    database, ids = record
    with database.read() as s:
        results: list[tuple[Any, type]] = [
            (repo.body(s), model.Body),
            (repo.person(s, ids.people[0]), model.Person),
            (repo.seat(s, ids.seats[0]), model.Seat),
            (repo.series(s, ids.series), model.Series),
            (repo.meeting(s, ids.meetings[0]), model.Meeting),
            (repo.agenda_item(s, ids.item), model.AgendaItem),
            (repo.motion(s, ids.motion), model.Motion),
            (repo.project(s, ids.project), model.Project),
        ]
        lists: list[tuple[list[Any], type]] = [
            (repo.people(s), model.Person),
            (list(repo.people_by_id(s).values()), model.Person),
            (repo.seats(s), model.Seat),
            (repo.voting_seats_on(s, date(2026, 3, 12)), model.Seat),
            (repo.all_series(s), model.Series),
            (repo.meetings(s), model.Meeting),
            (repo.agenda(s, ids.meetings[0]), model.AgendaItem),
            (list(repo.seat_attendance(s, ids.meetings[0]).values()), model.SeatAttendance),
            (repo.motions(s), model.Motion),
            (repo.ballots(s, ids.motion), model.Ballot),
            (repo.action_items(s), model.ActionItem),
            (repo.projects(s), model.Project),
        ]
    # used after the session is gone: nothing is lazy or expired
    for value, kind in results:
        assert_plain(value, kind)
    for values, kind in lists:
        assert values, f"no {kind.__name__} returned"
        for value in values:
            assert_plain(value, kind)
    body = results[0][0]
    assert [t.key for t in body.decision_types] == ["meeting", "two-thirds", "electronic"]
    assert results[6][0].roster[0].primary_name in {"Zoë Durand", "王伟"}


def test_row_lookups_name_what_is_missing(record: tuple[Database, Ids]) -> None:
    database, _ = record
    with database.read() as s:
        for table, noun in [
            (PersonRow, "person"),
            (SeatRow, "seat"),
            (MeetingRow, "meeting"),
            (AgendaItemRow, "agenda item"),
            (MotionRow, "motion"),
        ]:
            with pytest.raises(NotFound, match=f"^no {noun} with id 999$"):
                repo.row(s, table, 999)
        with pytest.raises(NotFound, match="no meeting with id 999"):
            repo.meeting(s, 999)


def test_body_of_an_empty_record_is_a_record_error(memory_db: Database) -> None:
    with memory_db.read() as s, pytest.raises(RecordError, match="tac-desk init"):
        repo.body(s)


def test_meetings_are_numbered_skipping_cancelled_ones(record: tuple[Database, Ids]) -> None:
    database, ids = record
    with database.read() as s:
        listed = repo.meetings(s)
        assert [m.id for m in listed] == ids.meetings
        assert [m.number for m in listed] == [1, None, 2]
        assert [m.status for m in listed] == [MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED]
        assert [repo.meeting(s, i).number for i in ids.meetings] == [1, None, 2]


def test_attendance_queries_give_the_latest_state(record: tuple[Database, Ids]) -> None:
    database, ids = record
    with database.read() as s:
        state = repo.seat_attendance(s, ids.meetings[0])
        assert state[ids.seats[0]].presence is Presence.PRIMARY
        assert state[ids.seats[1]] == model.SeatAttendance(ids.seats[1], Presence.ALTERNATE, ids.people[2])
        assert repo.observers(s, ids.meetings[0]) == [ids.people[3]]


def test_lists_are_sorted_for_display(record: tuple[Database, Ids]) -> None:
    database, ids = record
    with database.read() as s:
        assert [p.name for p in repo.people(s)] == sorted(
            ["Zoë Durand", "王伟", "Łukasz Nowak", "Guest"], key=str.casefold
        )
        assert [seat.organization for seat in repo.seats(s)] == ["alpha", "Beta"]
        assert repo.motions(s, electronic=True) == []
        assert [m.id for m in repo.motions(s, electronic=False)] == [ids.motion]
        assert [m.id for m in repo.motions(s, meeting_id=ids.meetings[0])] == [ids.motion]
        assert repo.action_items(s)[0].status is ActionStatus.OPEN


def test_motion_lists_read_columns_and_agree_with_the_row_conversion(record: tuple[Database, Ids]) -> None:
    db, ids = record
    with db.write() as s:
        electronic = votes.open_motion(session=s, text="By e-mail", closes_on=date.today() + timedelta(days=14))
    with db.read() as s:
        rows = {row.id: convert.motion(row) for row in s.exec(select(MotionRow)).all()}
        listed = repo.motions(s)
        light = repo.motions(s, with_roster=False)
        at_meeting = repo.motions(s, meeting_id=ids.meetings[0])
        by_mail = repo.motions(s, electronic=True)
    assert [m.id for m in listed] == sorted(rows, reverse=True)
    assert all(m == rows[m.id] for m in listed)
    assert all(m.roster for m in listed) and not any(m.roster for m in light)
    assert [dataclasses.replace(m, roster=()) for m in listed] == light
    assert [m.id for m in at_meeting] == [ids.motion] and [m.id for m in by_mail] == [electronic.id]
    assert by_mail[0].closes_on == date.today() + timedelta(days=14)


def test_a_changed_motion_is_read_afresh_not_from_the_memo(record: tuple[Database, Ids]) -> None:
    db, ids = record
    with db.read() as s:
        before = repo.motion(s, ids.motion)
        assert repo.motions(s)[0] is before  # the same columns give the same (immutable) record
    with db.write() as s:
        votes.close_vote(session=s, motion_id=ids.motion, allow_no_quorum=True)
    with db.read() as s:
        after = repo.motions(s)[0]
    assert before.outcome is None and before.status == "open"
    assert after.status == "closed" and after.outcome is not None and after.outcome.tally.yes == 1
