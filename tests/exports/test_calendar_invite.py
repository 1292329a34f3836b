"""One meeting's invitation (REQUEST) and cancellation (CANCEL), assembled from the record and read back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tac_desk.domain.enums import SeatKind
from tac_desk.domain.errors import NotFound, Refused
from tac_desk.exports.calendar_ics import Invite, invite_ics
from tac_desk.services import calendar, meetings, roster
from tac_desk.storage.database import Database

from .calendar_support import STAMP, add_agenda, assert_well_formed, build_record, cancel, move


def invite(db: Database, meeting_id: int, *, cancelled: bool = False) -> Invite:
    with db.write() as session:
        return calendar.meeting_invite(session=session, meeting_id=meeting_id, cancel=cancelled)


def parsed(data: bytes) -> tuple[Calendar, object]:
    assert_well_formed(data)
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    return cal, event


def attendees(event: object) -> dict[str, dict[str, str]]:
    found = event["ATTENDEE"]  # type: ignore[index]
    return {str(a).removeprefix("mailto:"): dict(a.params) for a in (found if isinstance(found, list) else [found])}


def test_request_names_the_chair_as_organizer_and_the_voting_seats_as_attendees(memory_db: Database) -> None:
    built = build_record(memory_db)
    meeting = built.meetings[3]
    add_agenda(memory_db, meeting.id, ["Welcome; roll call", "Vote: project X, graduation", "AOB \\ 📅"])
    data = invite_ics(invite(memory_db, meeting.id), stamp=STAMP)
    cal, event = parsed(data)

    assert cal["METHOD"] == "REQUEST"
    assert data.count(b"METHOD:") == 1 and data.index(b"METHOD:") < data.index(b"BEGIN:VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:chair@example.org"
    assert event["ORGANIZER"].params["CN"] == "Chair Person, Jr."
    people = attendees(event)
    assert set(people) == {"chair@example.org", "ana@example.org", "wang@example.cn", "bob@example.com"}
    assert people["chair@example.org"]["ROLE"] == "CHAIR" and people["chair@example.org"]["PARTSTAT"] == "ACCEPTED"
    assert people["ana@example.org"] == {
        "CN": "Ana; Ñúñez",
        "CUTYPE": "INDIVIDUAL",
        "ROLE": "REQ-PARTICIPANT",
        "PARTSTAT": "NEEDS-ACTION",
        "RSVP": "TRUE",
    }
    assert people["wang@example.cn"]["ROLE"] == "OPT-PARTICIPANT" and people["wang@example.cn"]["CN"] == "王伟"
    assert people["bob@example.com"]["CN"] == 'Bob "Co" \\ Ltd'
    assert event["UID"] == built.series.uid
    assert event["RECURRENCE-ID"].dt == meeting.starts_at == event["DTSTART"].dt
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=60)
    assert event["STATUS"] == "CONFIRMED"
    assert event["DESCRIPTION"] == (
        "LF AI & Data TAC, meeting 4\n\nAgenda:\n1. Welcome; roll call\n2. Vote: project X, graduation\n3. AOB \\ 📅"
    )
    assert b"TZID:Europe/Berlin\r\n" in data


def test_people_without_e_mail_are_left_out_and_named(memory_db: Database) -> None:
    built = build_record(memory_db)
    result = invite(memory_db, built.meetings[0].id)
    assert result.left_out == ("No Mail",)
    assert all(p.email for p in result.attendees)


def test_attendees_are_the_seats_voting_on_the_meetings_date(memory_db: Database) -> None:
    built = build_record(memory_db)
    with memory_db.write() as session:
        late = roster.add_person(session=session, name="Late Joiner", email="late@example.org")
        roster.add_seat(
            session=session,
            kind=SeatKind.PROJECT,
            organization="New project",
            primary_id=late.id,
            starts_on=date(2025, 3, 1),
        )
        bob_seat = roster.seat_of(session=session, person_id=built.member_ids[2], day=date(2025, 1, 9))
        assert bob_seat is not None
        roster.end_seat(session=session, seat_id=bob_seat.id, on=date(2025, 2, 1))
    january = attendees(parsed(invite_ics(invite(memory_db, built.meetings[0].id), stamp=STAMP))[1])
    march = attendees(parsed(invite_ics(invite(memory_db, built.meetings[5].id), stamp=STAMP))[1])
    assert "bob@example.com" in january and "late@example.org" not in january
    assert "bob@example.com" not in march and "late@example.org" in march


def test_a_moved_meeting_keeps_its_original_start_as_recurrence_id(memory_db: Database) -> None:
    built = build_record(memory_db, zone="America/New_York", first=datetime(2025, 1, 9, 11, 0))
    target = built.meetings[2]
    move(memory_db, target.id, datetime(2025, 2, 7, 13, 30))
    _, event = parsed(invite_ics(invite(memory_db, target.id), stamp=STAMP))
    zone = ZoneInfo("America/New_York")
    assert event["RECURRENCE-ID"].dt == datetime(2025, 2, 6, 11, 0, tzinfo=zone)
    assert event["DTSTART"].dt == datetime(2025, 2, 7, 13, 30, tzinfo=zone)


def test_cancellation_has_method_cancel_status_cancelled_and_a_higher_sequence(memory_db: Database) -> None:
    built = build_record(memory_db)
    target = built.meetings[2]
    _, request = parsed(invite_ics(invite(memory_db, target.id), stamp=STAMP))
    cancel(memory_db, target.id)
    data = invite_ics(invite(memory_db, target.id, cancelled=True), stamp=STAMP)
    cal, event = parsed(data)
    assert cal["METHOD"] == "CANCEL"
    assert data.count(b"METHOD:") == 1
    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) > int(request["SEQUENCE"])
    assert event["UID"] == request["UID"] and event["RECURRENCE-ID"].dt == request["RECURRENCE-ID"].dt
    assert str(event["ORGANIZER"]) == "mailto:chair@example.org"
    assert set(attendees(event)) == set(attendees(request))
    assert all(params["RSVP"] == "FALSE" for params in attendees(event).values())


def test_invites_that_contradict_the_record_are_refused(memory_db: Database) -> None:
    built = build_record(memory_db)
    with pytest.raises(Refused, match="not cancelled"):
        invite(memory_db, built.meetings[1].id, cancelled=True)
    cancel(memory_db, built.meetings[1].id)
    with pytest.raises(Refused, match="is cancelled"):
        invite(memory_db, built.meetings[1].id)
    with pytest.raises(NotFound):
        invite(memory_db, 9999)


def test_an_invite_needs_a_chair_with_an_e_mail_address(memory_db: Database) -> None:
    built = build_record(memory_db)
    with memory_db.write() as session:
        roster.update_person(session=session, person_id=built.chair_id, email="")
    with pytest.raises(Refused, match=r"chair, Chair Person, Jr\., has no e-mail"):
        invite(memory_db, built.meetings[0].id)
    with memory_db.write() as session:
        chair_seat = roster.seat_of(session=session, person_id=built.chair_id, day=date(2025, 1, 9))
        assert chair_seat is not None
        roster.end_seat(session=session, seat_id=chair_seat.id, on=date(2025, 1, 1))
    with pytest.raises(Refused, match="no one holds the chair's seat"):
        invite(memory_db, built.meetings[0].id)


def test_a_single_meetings_invite_has_its_own_stable_uid(memory_db: Database) -> None:
    build_record(memory_db, until=date(2025, 2, 1))
    with memory_db.write() as session:
        special = meetings.add_meeting(
            session=session, start=datetime(2025, 6, 3, 7, 0), timezone="Asia/Kolkata", title="Special session"
        )
    first = parsed(invite_ics(invite(memory_db, special.id), stamp=STAMP))[1]
    second = parsed(invite_ics(invite(memory_db, special.id), stamp=STAMP))[1]
    assert first["UID"] == second["UID"]
    assert "RECURRENCE-ID" not in first
    assert first["DTSTART"].dt == datetime(2025, 6, 3, 7, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert first["DESCRIPTION"].startswith("LF AI & Data TAC")
