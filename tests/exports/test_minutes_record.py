"""The minutes record assembled from a real record: roll, quorum, agenda, votes, actions, digest."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from tac_desk.domain.enums import Choice, SeatKind
from tac_desk.domain.errors import NotFound, Refused
from tac_desk.services import attendance, meetings, roster, setup, votes
from tac_desk.services.minutes import MinutesRecord, MinutesStatus, minutes_record
from tac_desk.storage import journal
from tac_desk.storage.database import Database
from tac_desk.storage.tables import JournalRow

from .builders import Built, build
from .conftest import CORRECTION_REASON


def test_title_facts(record: MinutesRecord) -> None:
    assert record.body == "LF AI & Data <TAC>"
    assert record.meeting_number == 1
    assert record.starts_at == datetime.fromisoformat("2031-01-09T16:00").replace(tzinfo=record.starts_at.tzinfo)
    assert record.timezone == "Europe/Paris"
    assert (record.ends_at - record.starts_at).total_seconds() == 90 * 60
    assert record.chair == "Ana Pérez"
    assert record.status is MinutesStatus.DRAFT


def test_attendance_seats_alternates_observers_and_quorum(record: MinutesRecord) -> None:
    roll = record.attendance
    assert (roll.seats, roll.present_count, roll.needed, roll.quorum_met) == (12, 9, 6, True)
    assert roll.quorum_statement == "Quorum met: 9 of 12 voting seats present; 6 needed."
    by_org = {line.organization: line for line in roll.present}
    assert by_org["Żabka Łódź sp. z o.o."].person == "Marek Nowak"
    assert by_org["Żabka Łódź sp. z o.o."].role == "Alternate"
    assert by_org["华为技术"].person == "李娜"
    assert by_org["Chair"].role == "Representative"
    assert by_org["Chair"].kind == SeatKind.CHAIR.label
    assert {line.primary for line in roll.absent} == {"Jörg Müller-Lüdenscheidt", "Priya Raghunathan 📅", "Zoë Dvořák"}
    assert [o.name for o in roll.observers] == sorted((o.name for o in roll.observers), key=str.casefold)
    assert len(roll.observers) == 3


def test_agenda_in_order_with_votes(record: MinutesRecord) -> None:
    assert [item.number for item in record.agenda] == list(range(1, 10))
    assert [item.vote_numbers for item in record.agenda[:4]] == [(1,), (2,), (3,), ()]
    assert record.agenda[0].presenter == "Ana Pérez"
    assert record.agenda[0].kind == "Decision"
    assert "licensing & governance" in record.agenda[0].notes


def test_votes_roll_seat_by_seat_with_frozen_names(record: MinutesRecord, built_db: tuple[Database, Built]) -> None:
    database, _built = built_db
    assert [v.number for v in record.votes] == [1, 2, 3]
    first = record.votes[0]
    assert first.result == "Adopted"
    assert first.rule_words == "more than half of the votes cast"
    assert first.quorum_words == "quorum: at least half of the voting seats present"
    assert first.agenda_number == 1
    assert len(first.roll) == 12
    choices = {line.organization: line.choice for line in first.roll}
    assert choices["Deutsche Börse"] == "Absent"
    persons = {line.organization: line.person for line in first.roll}
    assert persons["Żabka Łódź sp. z o.o."] == "Marek Nowak (alternate)"
    assert first.yes + first.no + first.abstain + first.recused == sum(line.voted for line in first.roll)
    assert record.votes[2].decision_type == "Two-thirds of the TAC"
    assert record.votes[2].result == "Not adopted"
    with database.read() as session:
        for vote in record.votes:
            assert vote.close_entry_seq is not None
            entry = session.get(JournalRow, vote.close_entry_seq)
            assert entry is not None and entry.kind == "vote_closed"
            assert vote.close_entry_hash == entry.hash
        head = journal.head(session)
        assert head is not None
        assert (record.head_seq, record.head_hash) == (head.seq, head.hash)


def test_actions_and_next_meeting(record: MinutesRecord) -> None:
    assert [a.owner for a in record.actions] == ["Ελένη Παπαδοπούλου", "王伟", '<b>Bob & "Co"</b>']
    assert record.actions[0].due_on == date(2031, 1, 23)
    assert record.actions[0].status == "Open"
    assert record.next_meeting is not None
    assert record.next_meeting.number == 2
    assert record.next_meeting.starts_at.isoformat() == "2031-01-23T16:00:00+01:00"


def test_the_record_is_immutable(record: MinutesRecord) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.chair = "someone else"  # type: ignore[misc]


def test_open_vote_and_approved_status(memory_db: Database) -> None:
    built = build(memory_db, agenda_items=2, vote_count=0)
    with memory_db.write() as session:
        motion = votes.open_motion(session=session, text="Adopt the charter", meeting_id=built.meeting_id)
        votes.cast_ballot(session=session, motion_id=motion.id, choice=Choice.YES, person_id=built.people["Ana Pérez"])
    with memory_db.read() as session:
        result = minutes_record(session=session, meeting_id=built.meeting_id, status=MinutesStatus.APPROVED)
    assert result.status is MinutesStatus.APPROVED
    (vote,) = result.votes
    assert (vote.result, vote.is_open, vote.close_entry_seq, vote.close_entry_hash) == ("Open", True, None, "")
    assert vote.yes == 1
    assert vote.agenda_number is None
    assert {line.choice for line in vote.roll} >= {"Yes", "Did not vote", "Absent"}


def test_no_quorum_statement(memory_db: Database) -> None:
    with memory_db.write() as session:
        setup.create_body(session=session, name="Small TAC", timezone="Asia/Kolkata")
        ids = [roster.add_person(session=session, name=f"Member {i}").id for i in range(5)]
        for index, person_id in enumerate(ids):
            roster.add_seat(session=session, kind=SeatKind.PREMIER, organization=f"Org {index}", primary_id=person_id)
        meeting = meetings.add_meeting(session=session, start=datetime(2031, 2, 5, 18, 30), timezone="Asia/Kolkata")
        attendance.record_attendance(session=session, meeting_id=meeting.id, person_id=ids[0])
        result = minutes_record(session=session, meeting_id=meeting.id)
    assert result.attendance.quorum_statement == (
        "No quorum: 1 of 5 voting seats present; 3 needed, so no decisions could be made."
    )
    assert result.chair == ""
    assert result.next_meeting is None


def test_cancelled_and_unknown_meetings_are_refused(memory_db: Database) -> None:
    built = build(memory_db, agenda_items=1, vote_count=0)
    with memory_db.write() as session:
        meetings.cancel_meeting(session=session, meeting_id=built.next_meeting_id)
    with memory_db.read() as session:
        with pytest.raises(Refused, match="cancelled"):
            minutes_record(session=session, meeting_id=built.next_meeting_id)
        with pytest.raises(NotFound):
            minutes_record(session=session, meeting_id=999)


def test_a_corrected_ballot_changes_tally_and_roll_and_is_listed(corrected_record: MinutesRecord) -> None:
    (vote,) = corrected_record.votes
    (line,) = vote.corrections
    assert (line.previous, line.choice, line.reason) == ("Yes", "No", CORRECTION_REASON)
    assert line.entry_seq > (vote.close_entry_seq or 0) > line.original_entry_seq
    assert (vote.yes, vote.no) == (5, 2)
    assert vote.closed_explanation.startswith("Adopted: 6 yes to 1 no")
    assert vote.explanation.startswith("Adopted: 5 yes to 2 no")
    corrected = [roll for roll in vote.roll if "corrected" in roll.choice]
    assert [(roll.organization, roll.choice) for roll in corrected] == [(line.organization, "No (corrected; was Yes)")]
