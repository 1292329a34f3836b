"""Take the roll: seat presence (primary, alternate, absent) and observers, as journal entries."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from tac_desk.domain.enums import MeetingStatus, Presence
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.roll import RollCall, build_roll
from tac_desk.storage import journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import AttendanceRow, MeetingRow

OBSERVER = "observer"


def meeting_day(session: Session, meeting_id: int) -> date:
    """The local date of a meeting (the roster as it stood that day applies)."""
    return repo.meeting(session, meeting_id).starts_at.date()


def roll_call(*, session: Session, meeting_id: int) -> RollCall:
    """The meeting's roll as it stands now, with the quorum verdict of the ``meeting`` decision type."""
    day = meeting_day(session, meeting_id)
    body = repo.body(session)
    quorum = next((kind.rule.quorum for kind in body.decision_types if kind.key == "meeting"), None)
    return build_roll(
        seats=repo.voting_seats_on(session, day),
        attendance=repo.seat_attendance(session, meeting_id),
        people=repo.people_by_id(session),
        observer_ids=repo.observers(session, meeting_id),
        quorum=quorum,
    )


def _writable_meeting(session: Session, meeting_id: int) -> MeetingRow:
    row = repo.row(session, MeetingRow, meeting_id)
    if row.status == MeetingStatus.CANCELLED:
        raise Refused(f"meeting {meeting_id} was cancelled; no attendance can be recorded")
    return row


def set_seat_presence(*, session: Session, meeting_id: int, seat_id: int, presence: Presence) -> RollCall:
    """Record who represents a seat: its primary, its alternate, or nobody.

    Raises:
        InvalidInput: when the seat does not vote at this meeting or has no alternate.
        Refused: when the meeting was cancelled.
    """
    meeting = _writable_meeting(session, meeting_id)
    day = meeting_day(session, meeting_id)
    seat = next((s for s in repo.voting_seats_on(session, day) if s.id == seat_id), None)
    if seat is None:
        raise InvalidInput(f"seat {seat_id} is not a voting seat at meeting {meeting_id}")
    person_id: int | None
    if presence is Presence.PRIMARY:
        person_id = seat.primary_id
    elif presence is Presence.ALTERNATE:
        if seat.alternate_id is None:
            raise InvalidInput(f"the seat of {seat.organization} has no alternate")
        person_id = seat.alternate_id
    else:
        person_id = None
    current = repo.seat_attendance(session, meeting_id).get(seat_id)
    if current is None or current.presence is not presence:
        _append(session, meeting, seat_id=seat_id, person_id=person_id, presence=presence.value)
    return roll_call(session=session, meeting_id=meeting_id)


def record_attendance(*, session: Session, meeting_id: int, person_id: int, present: bool = True) -> RollCall:
    """Record one person at a meeting: a primary or alternate for their seat, anyone else as an observer.

    An alternate who attends stands in for their seat. Marking absent someone who is not the one
    attending for their seat changes nothing.
    """
    meeting = _writable_meeting(session, meeting_id)
    repo.person(session, person_id)
    day = meeting_day(session, meeting_id)
    seat = next((s for s in repo.voting_seats_on(session, day) if person_id in (s.primary_id, s.alternate_id)), None)
    if seat is None:
        is_observer = person_id in repo.observers(session, meeting_id)
        if present != is_observer:
            _append(session, meeting, seat_id=None, person_id=person_id, presence=OBSERVER if present else "absent")
        return roll_call(session=session, meeting_id=meeting_id)
    if present:
        presence = Presence.PRIMARY if seat.primary_id == person_id else Presence.ALTERNATE
        return set_seat_presence(session=session, meeting_id=meeting_id, seat_id=seat.id, presence=presence)
    current = repo.seat_attendance(session, meeting_id).get(seat.id)
    if current is not None and current.presence.is_present and current.person_id == person_id:
        return set_seat_presence(session=session, meeting_id=meeting_id, seat_id=seat.id, presence=Presence.ABSENT)
    return roll_call(session=session, meeting_id=meeting_id)


def _append(
    session: Session, meeting: MeetingRow, *, seat_id: int | None, person_id: int | None, presence: str
) -> None:
    entry = journal.append(
        session,
        "attendance",
        {"meeting_id": meeting.id, "seat_id": seat_id, "person_id": person_id, "presence": presence},
    )
    assert meeting.id is not None and entry.seq is not None
    session.add(
        AttendanceRow(
            meeting_id=meeting.id, seat_id=seat_id, person_id=person_id, presence=presence, entry_seq=entry.seq
        )
    )
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD.value
        session.add(meeting)
    session.flush()
