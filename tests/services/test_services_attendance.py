"""The roll call: primaries, alternates standing in, absences, observers, and the quorum sentence."""

from __future__ import annotations

from datetime import date

import pytest
from services_kit import MEETING_DAY, Committee, build_committee
from sqlmodel import select

from tac_desk.domain.enums import MeetingStatus, Presence, SeatKind
from tac_desk.domain.errors import InvalidInput, NotFound
from tac_desk.services import attendance, roster
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database, open_database
from tac_desk.storage.tables import AttendanceRow, JournalRow


def presence_of(committee: Committee) -> list[tuple[Presence, int | None]]:
    """(presence, attending person id) of each seat, in the committee's seat order."""
    roll = committee.read(attendance.roll_call, meeting_id=committee.meeting.id)
    by_seat = {entry.seat.id: entry for entry in roll.entries}
    return [
        (by_seat[s.id].presence, by_seat[s.id].attendee.id if by_seat[s.id].attendee else None) for s in committee.seats
    ]


def test_nobody_recorded_means_every_seat_absent(committee: Committee) -> None:
    roll = committee.read(attendance.roll_call, meeting_id=committee.meeting.id)
    assert (roll.seats, roll.present, roll.needed, roll.quorum_met) == (5, 0, 3, False)
    assert presence_of(committee) == [(Presence.ABSENT, None)] * 5
    assert roll.observers == ()


def test_primary_alternate_and_observer(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.primaries[0].id)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.alternates[1].id)
    roll = committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.observer.id)
    assert presence_of(committee)[:3] == [
        (Presence.PRIMARY, committee.primaries[0].id),
        (Presence.ALTERNATE, committee.alternates[1].id),
        (Presence.ABSENT, None),
    ]
    assert [p.name for p in roll.observers] == ["Guest Observer"]
    assert roll.present == 2  # observers do not count
    entry = next(e for e in roll.entries if e.seat.id == committee.seats[1].id)
    assert (entry.primary, entry.alternate) == (committee.primaries[1], committee.alternates[1])
    assert committee.read(repo.meeting, meeting_id=meeting_id).status is MeetingStatus.HELD


def test_a_seat_has_one_attendee_the_latest_entry_wins(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    primary, alternate = committee.primaries[0], committee.alternates[0]
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=primary.id)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=alternate.id)
    assert presence_of(committee)[0] == (Presence.ALTERNATE, alternate.id)
    # the primary is not the one attending: marking them absent changes nothing
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=primary.id, present=False)
    assert presence_of(committee)[0] == (Presence.ALTERNATE, alternate.id)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=alternate.id, present=False)
    assert presence_of(committee)[0] == (Presence.ABSENT, None)
    roll = committee.read(attendance.roll_call, meeting_id=meeting_id)
    assert roll.present == 0


def test_entries_are_appended_never_updated(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    seat = committee.seats[0]
    for presence in (Presence.PRIMARY, Presence.ALTERNATE, Presence.ALTERNATE, Presence.ABSENT, Presence.PRIMARY):
        committee.write(attendance.set_seat_presence, meeting_id=meeting_id, seat_id=seat.id, presence=presence)
    with committee.db.read() as session:
        rows = session.exec(select(AttendanceRow).order_by(AttendanceRow.id)).all()  # type: ignore[arg-type]
        entries = [(r.presence, r.person_id, r.entry_seq) for r in rows]
        kinds = [j.kind for j in session.exec(select(JournalRow)).all()]
    # repeating the current state adds nothing
    assert [(p, who) for p, who, _ in entries] == [
        ("primary", committee.primaries[0].id),
        ("alternate", committee.alternates[0].id),
        ("absent", None),
        ("primary", committee.primaries[0].id),
    ]
    assert [seq for _, _, seq in entries] == [1, 2, 3, 4]
    assert kinds == ["attendance"] * 4


def test_observer_comes_and_goes(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.observer.id)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.outsider.id)
    assert sorted(committee.read(repo.observers, meeting_id=meeting_id)) == [
        committee.observer.id,
        committee.outsider.id,
    ]
    roll = committee.write(
        attendance.record_attendance, meeting_id=meeting_id, person_id=committee.observer.id, present=False
    )
    assert [p.id for p in roll.observers] == [committee.outsider.id]


def test_set_seat_presence_refusals(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    with pytest.raises(InvalidInput, match="seat 999 is not a voting seat"):
        committee.write(attendance.set_seat_presence, meeting_id=meeting_id, seat_id=999, presence=Presence.PRIMARY)
    with pytest.raises(InvalidInput, match="Céleste Labs has no alternate"):
        committee.write(
            attendance.set_seat_presence,
            meeting_id=meeting_id,
            seat_id=committee.seats[2].id,
            presence=Presence.ALTERNATE,
        )
    assert committee.read(repo.seat_attendance, meeting_id=meeting_id) == {}


def test_unknown_people_and_meetings_are_refused(committee: Committee) -> None:
    with pytest.raises(NotFound, match="no person with id 999"):
        committee.write(attendance.record_attendance, meeting_id=committee.meeting.id, person_id=999)
    with pytest.raises(NotFound, match="no meeting with id 999"):
        committee.write(attendance.record_attendance, meeting_id=999, person_id=committee.primaries[0].id)


def test_a_seat_that_starts_after_the_meeting_is_not_on_its_roll(committee: Committee) -> None:
    person = committee.write(roster.add_person, name="Future Member")
    seat = committee.write(
        roster.add_seat, kind=SeatKind.PROJECT, organization="Later", primary_id=person.id, starts_on=date(2026, 4, 1)
    )
    roll = committee.write(attendance.record_attendance, meeting_id=committee.meeting.id, person_id=person.id)
    assert seat.id not in {e.seat.id for e in roll.entries}
    assert [p.id for p in roll.observers] == [person.id]  # without a seat that day, they observe
    with pytest.raises(InvalidInput, match="not a voting seat"):
        committee.write(
            attendance.set_seat_presence, meeting_id=committee.meeting.id, seat_id=seat.id, presence=Presence.PRIMARY
        )


def expected_sentence(seats: int, present: int) -> str:
    needed = (seats + 1) // 2  # at least half, rounded up
    if present >= needed:
        return f"Quorum: {present} of {seats} voting seats present — {needed} needed ✓"
    return f"No quorum: {present} of {seats} voting seats present — {needed} needed; no decisions can be made"


@pytest.mark.parametrize("seat_count", [1, 2, 3, 4, 7, 12, 15])
def test_quorum_sentence_changes_at_exactly_the_right_count(seat_count: int) -> None:
    database = open_database(":memory:")
    try:
        committee = build_committee(database)
        with database.write() as session:
            for seat in committee.seats[seat_count:]:
                roster.end_seat(session=session, seat_id=seat.id, on=MEETING_DAY)
            extra = [
                roster.add_person(session=session, name=f"Member {n} 成员").id for n in range(5, max(5, seat_count))
            ]
            for n, person_id in enumerate(extra):
                roster.add_seat(session=session, kind=SeatKind.PREMIER, organization=f"Org {n}", primary_id=person_id)
        committee.write(attendance.record_attendance, meeting_id=committee.meeting.id, person_id=committee.observer.id)
        roll = committee.read(attendance.roll_call, meeting_id=committee.meeting.id)
        assert roll.seats == seat_count
        needed = (seat_count + 1) // 2
        for present in range(seat_count + 1):
            if present:
                committee.write(
                    attendance.set_seat_presence,
                    meeting_id=committee.meeting.id,
                    seat_id=roll.entries[present - 1].seat.id,
                    presence=Presence.PRIMARY,
                )
            now = committee.read(attendance.roll_call, meeting_id=committee.meeting.id)
            assert now.present == present
            assert now.quorum_met is (present >= needed)
            assert now.sentence == expected_sentence(seat_count, present)
    finally:
        database.dispose()


def test_roll_call_on_a_file_record_matches_memory(file_db: Database) -> None:
    committee = build_committee(file_db)
    committee.attend(0, 1, 2)
    roll = committee.read(attendance.roll_call, meeting_id=committee.meeting.id)
    assert roll.sentence == expected_sentence(5, 3)
