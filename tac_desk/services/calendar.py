"""Assemble the plain data of the calendar exports from the record: series, moved and cancelled meetings, invites."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Session

from tac_desk.domain.enums import MeetingStatus, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Body, Meeting, Person, Seat, Series
from tac_desk.domain.schedule import occurrences
from tac_desk.exports.calendar_ics import CalendarFeed, Invite, Occurrence, Participant, SeriesEvent
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import SettingRow

CALENDAR_KEY = "calendar.key"
UID_DOMAIN = "tac-desk"


def calendar_key(*, session: Session, create: bool = True) -> str:
    """The record's calendar key: single meetings' UIDs derive from it, so they stay the same across exports.

    It is stored the first time it is needed (``create``); a read-only record without one gets a key
    derived from the committee, stable as long as the committee keeps its name.
    """
    found = session.get(SettingRow, CALENDAR_KEY)
    if found is not None:
        return found.value
    if not create:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"tac-desk:{repo.body(session).name}").hex
    value = uuid.uuid4().hex
    session.add(SettingRow(key=CALENDAR_KEY, value=value))
    session.flush()
    return value


def calendar_feed(*, session: Session, create_key: bool = True) -> CalendarFeed:
    """Every series of the record (rule, cancelled and moved meetings) and every single meeting not cancelled.

    Raises:
        Refused: when the record has no meeting to put in a calendar yet.
    """
    body = repo.body(session)
    meetings = repo.meetings(session)
    key = calendar_key(session=session, create=create_key) if any(m.series_id is None for m in meetings) else ""
    feed_series = []
    for series in repo.all_series(session):
        own = [m for m in meetings if m.series_id == series.id]
        feed_series.append(_series_event(session, body, series, own))
    singles = tuple(
        _occurrence(session, body, meeting, _single_uid(meeting, key), meeting.sequence, None)
        for meeting in meetings
        if meeting.series_id is None and meeting.status != MeetingStatus.CANCELLED
    )
    if not feed_series and not singles:
        raise Refused("there are no meetings to export yet: schedule a series first")
    return CalendarFeed(name=body.name, series=tuple(feed_series), singles=singles)


def meeting_invite(*, session: Session, meeting_id: int, cancel: bool = False, create_key: bool = True) -> Invite:
    """One meeting's invitation, or (``cancel``) its cancellation, addressed to the voting seats of its day.

    The organizer is the person holding the chair's seat; attendees are the primary representatives and
    alternates of the seats voting on the meeting's date. People without an e-mail address are left out
    and named in ``left_out``.

    Raises:
        NotFound: for an unknown meeting.
        Refused: for a cancellation of a meeting that is not cancelled (or an invitation to one that is),
            or when no chair with an e-mail address can organize the meeting.
    """
    meeting = repo.meeting(session, meeting_id)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if cancel and not cancelled:
        raise Refused(f"meeting {meeting_id} is not cancelled: cancel it first, then export its cancellation")
    if not cancel and cancelled:
        raise Refused(f"meeting {meeting_id} is cancelled: export its cancellation instead of an invitation")
    body = repo.body(session)
    people = repo.people_by_id(session)
    day = meeting.starts_at.date()
    seats = repo.voting_seats_on(session, day)
    organizer = _organizer(seats, people, day)
    attendees, left_out = _attendees(seats, people)
    if meeting.series_id is None:
        uid = _single_uid(meeting, calendar_key(session=session, create=create_key))
        occurrence = _occurrence(session, body, meeting, uid, meeting.sequence, None)
    else:
        series = repo.series(session, meeting.series_id)
        sequence = max(series.sequence, meeting.sequence)
        original = meeting.original_start or meeting.starts_at
        occurrence = _occurrence(session, body, meeting, series.uid, sequence, original)
    return Invite(
        occurrence=occurrence,
        organizer=organizer,
        attendees=attendees,
        cancelled=cancelled,
        body_name=body.name,
        left_out=left_out,
    )


def _single_uid(meeting: Meeting, key: str) -> str:
    return f"meeting-{meeting.id}-{key}@{UID_DOMAIN}"


def _series_event(session: Session, body: Body, series: Series, own: list[Meeting]) -> SeriesEvent:
    """The series' rule; EXDATE for cancelled (or missing) meetings, overrides for changed ones."""
    expected = occurrences(
        series.first_start, interval_weeks=series.interval_weeks, until=series.until, count=series.count
    )
    expected_utc = {start.timestamp() for start in expected}
    seen: set[float] = set()
    cancelled: list[datetime] = []
    extra: list[datetime] = []
    overrides: list[Occurrence] = []
    for meeting in own:
        original = meeting.original_start or meeting.starts_at
        instant = original.timestamp()
        seen.add(instant)
        if instant not in expected_utc:
            if meeting.status == MeetingStatus.CANCELLED:
                continue
            extra.append(original)
        if meeting.status == MeetingStatus.CANCELLED:
            cancelled.append(original)
        elif (
            meeting.starts_at != original
            or meeting.duration_minutes != series.duration_minutes
            or (meeting.title != series.title)
        ):
            sequence = max(series.sequence, meeting.sequence)
            overrides.append(_occurrence(session, body, meeting, series.uid, sequence, original))
    cancelled += [start for start in expected if start.timestamp() not in seen]
    return SeriesEvent(
        uid=series.uid,
        title=series.title,
        first_start=expected[0],
        duration_minutes=series.duration_minutes,
        interval_weeks=series.interval_weeks,
        last_start=expected[-1],
        sequence=series.sequence,
        heading=body.name,
        cancelled=tuple(sorted(cancelled)),
        extra=tuple(sorted(extra)),
        overrides=tuple(overrides),
    )


def _occurrence(
    session: Session, body: Body, meeting: Meeting, uid: str, sequence: int, original: datetime | None
) -> Occurrence:
    heading = body.name if meeting.number is None else f"{body.name}, meeting {meeting.number}"
    return Occurrence(
        uid=uid,
        title=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        sequence=sequence,
        recurrence_id=original,
        heading=heading,
        agenda=tuple(item.title for item in repo.agenda(session, meeting.id)),
    )


def _organizer(seats: list[Seat], people: dict[int, Person], day: date) -> Participant:
    chairs = [seat for seat in seats if seat.kind == SeatKind.CHAIR and seat.primary_id in people]
    if not chairs:
        raise Refused(f"no one holds the chair's seat on {day}: an invitation needs the chair as its organizer")
    chair = people[chairs[0].primary_id or 0]
    if not chair.email:
        raise Refused(f"the chair, {chair.name}, has no e-mail address: add one so the invitation has an organizer")
    return Participant(name=chair.name, email=chair.email, role="CHAIR", seat=chairs[0].organization)


def _attendees(seats: list[Seat], people: dict[int, Person]) -> tuple[tuple[Participant, ...], tuple[str, ...]]:
    """Primaries first (the chair ahead of all), then alternates; each e-mail once; the unreachable named."""
    ordered = sorted(seats, key=lambda seat: seat.kind != SeatKind.CHAIR)
    chosen: list[Participant] = []
    alternates: list[Participant] = []
    left_out: list[str] = []
    for seat in ordered:
        for person_id, role, bucket in (
            (seat.primary_id, "CHAIR" if seat.kind == SeatKind.CHAIR else "REQ-PARTICIPANT", chosen),
            (seat.alternate_id, "OPT-PARTICIPANT", alternates),
        ):
            person = people.get(person_id) if person_id is not None else None
            if person is None:
                continue
            if not person.email:
                left_out.append(person.name)
                continue
            bucket.append(Participant(name=person.name, email=person.email, role=role, seat=seat.organization))
    unique: dict[str, Participant] = {}
    for participant in chosen + alternates:
        unique.setdefault(participant.email.casefold(), participant)
    return tuple(unique.values()), tuple(left_out)
