"""Series of meetings across DST, and cancelling or moving one meeting while the series goes on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from services_kit import Committee

from tac_desk.domain.enums import MeetingStatus, Presence
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.services import attendance, meetings, votes
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# zone, first local start, expected UTC instants of four biweekly meetings (the wall clock never moves)
DST_CASES = [
    (
        "Europe/Berlin",
        datetime(2026, 3, 12, 16, 0),  # summer time from 29 March
        [utc(2026, 3, 12, 15), utc(2026, 3, 26, 15), utc(2026, 4, 9, 14), utc(2026, 4, 23, 14)],
    ),
    (
        "America/New_York",
        datetime(2026, 2, 26, 11, 0),  # daylight time from 8 March
        [utc(2026, 2, 26, 16), utc(2026, 3, 12, 15), utc(2026, 3, 26, 15), utc(2026, 4, 9, 15)],
    ),
    (
        "Australia/Sydney",
        datetime(2026, 3, 26, 9, 0),  # standard time from 5 April
        [utc(2026, 3, 25, 22), utc(2026, 4, 8, 23), utc(2026, 4, 22, 23), utc(2026, 5, 6, 23)],
    ),
    (
        "Europe/London",
        datetime(2026, 10, 15, 17, 30),  # winter time from 25 October
        [utc(2026, 10, 15, 16, 30), utc(2026, 10, 29, 17, 30), utc(2026, 11, 12, 17, 30), utc(2026, 11, 26, 17, 30)],
    ),
    (
        "Asia/Kolkata",
        datetime(2026, 3, 12, 20, 30),  # no DST
        [utc(2026, 3, 12, 15), utc(2026, 3, 26, 15), utc(2026, 4, 9, 15), utc(2026, 4, 23, 15)],
    ),
]


@pytest.fixture
def body_db(memory_db: Database) -> Database:
    from tac_desk.services import setup

    with memory_db.write() as session:
        setup.create_body(session=session, name="TAC", timezone="UTC")
    return memory_db


@pytest.mark.parametrize(("zone", "first", "expected"), DST_CASES, ids=[c[0] for c in DST_CASES])
def test_biweekly_series_keeps_the_wall_clock_across_dst(
    body_db: Database, zone: str, first: datetime, expected: list[datetime]
) -> None:
    with body_db.write() as session:
        series, scheduled = meetings.schedule_series(session=session, first=first, timezone=zone, count=4)
    assert [m.starts_at.astimezone(UTC) for m in scheduled] == expected
    assert all(m.starts_at.replace(tzinfo=None).time() == first.time() for m in scheduled)
    assert [m.starts_at.date() for m in scheduled] == [first.date() + timedelta(weeks=2 * i) for i in range(4)]
    assert all(m.timezone == zone and m.status is MeetingStatus.SCHEDULED for m in scheduled)
    assert all(m.series_id == series.id and m.duration_minutes == 60 for m in scheduled)
    assert (series.interval_weeks, series.count, series.until, series.sequence) == (2, 4, None, 0)
    assert series.uid.endswith("@tac-desk")
    with body_db.read() as session:
        assert [m.number for m in repo.meetings(session)] == [1, 2, 3, 4]


@pytest.mark.parametrize(("until", "count"), [(date(2026, 4, 23), 4), (date(2026, 4, 22), 3), (date(2026, 3, 12), 1)])
def test_series_until_a_day_is_inclusive(body_db: Database, until: date, count: int) -> None:
    with body_db.write() as session:
        series, scheduled = meetings.schedule_series(
            session=session, first=datetime(2026, 3, 12, 16, 0), timezone="Europe/Berlin", until=until
        )
    assert len(scheduled) == count
    assert scheduled[-1].starts_at.date() <= until
    assert series.count is None


def test_a_later_meeting_in_a_dst_gap_moves_forward_by_the_gap(body_db: Database) -> None:
    with body_db.write() as session:
        _, scheduled = meetings.schedule_series(
            session=session, first=datetime(2026, 3, 22, 2, 30), timezone="Europe/Berlin", interval_weeks=1, count=3
        )
    assert [m.starts_at.replace(tzinfo=None) for m in scheduled] == [
        datetime(2026, 3, 22, 2, 30),
        datetime(2026, 3, 29, 3, 30),
        datetime(2026, 4, 5, 2, 30),
    ]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"first": datetime(2026, 3, 29, 2, 30), "timezone": "Europe/Berlin", "count": 3}, "does not exist"),
        ({"first": datetime(2026, 3, 8, 2, 15), "timezone": "America/New_York", "count": 3}, "does not exist"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "Moon/Base", "count": 3}, "unknown time zone"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC"}, "either an end date or a number"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 2, "until": date(2026, 5, 1)}, "either"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 0}, "1 to 1000"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "until": date(2026, 3, 11)}, "before the first"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 2, "interval_weeks": 0}, "1 to 52"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 2, "duration_minutes": 0}, "positive"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 2, "duration_minutes": 1441}, "24 hours"),
        ({"first": datetime(2026, 3, 12, 16), "timezone": "UTC", "count": 2, "title": " "}, "title"),
    ],
)
def test_impossible_series_are_refused(body_db: Database, fields: dict[str, object], error: str) -> None:
    with pytest.raises(InvalidInput, match=error), body_db.write() as session:
        meetings.schedule_series(session=session, **fields)  # type: ignore[arg-type]
    with body_db.read() as session:
        assert repo.meetings(session) == []
        assert repo.all_series(session) == []


@pytest.fixture
def series_of_four(body_db: Database) -> list[int]:
    with body_db.write() as session:
        _, scheduled = meetings.schedule_series(
            session=session, first=datetime(2026, 3, 12, 16, 0), timezone="Europe/Berlin", count=4
        )
    return [m.id for m in scheduled]


def test_cancel_one_meeting_and_the_series_goes_on(body_db: Database, series_of_four: list[int]) -> None:
    with body_db.write() as session:
        cancelled = meetings.cancel_meeting(session=session, meeting_id=series_of_four[1])
    assert (cancelled.status, cancelled.sequence, cancelled.number) == (MeetingStatus.CANCELLED, 1, None)
    with body_db.read() as session:
        listed = repo.meetings(session)
        assert [m.status for m in listed] == [
            MeetingStatus.SCHEDULED,
            MeetingStatus.CANCELLED,
            MeetingStatus.SCHEDULED,
            MeetingStatus.SCHEDULED,
        ]
        assert [m.number for m in listed] == [1, None, 2, 3]
        assert [m.sequence for m in listed] == [0, 1, 0, 0]
        assert repo.series(session, listed[0].series_id or 0).sequence == 1
        after = datetime(2026, 3, 20, tzinfo=UTC)
        assert meetings.next_meeting(session=session, after=after) == listed[2]
    with pytest.raises(Refused, match="already cancelled"), body_db.write() as session:
        meetings.cancel_meeting(session=session, meeting_id=series_of_four[1])
    with body_db.write() as session:
        restored = meetings.restore_meeting(session=session, meeting_id=series_of_four[1])
    assert (restored.status, restored.sequence) == (MeetingStatus.SCHEDULED, 2)


def test_move_one_meeting_keeps_its_original_start(body_db: Database, series_of_four: list[int]) -> None:
    with body_db.write() as session:
        moved = meetings.move_meeting(session=session, meeting_id=series_of_four[2], to=datetime(2026, 4, 10, 9, 0))
    assert moved.starts_at.replace(tzinfo=None) == datetime(2026, 4, 10, 9, 0)
    assert moved.starts_at.astimezone(UTC) == utc(2026, 4, 10, 7)
    assert moved.original_start is not None and moved.original_start.replace(tzinfo=None) == datetime(2026, 4, 9, 16)
    assert moved.is_moved
    assert moved.sequence == 1
    with body_db.write() as session:
        again = meetings.move_meeting(
            session=session, meeting_id=series_of_four[2], to=datetime(2026, 4, 10, 10, 0), duration_minutes=90
        )
    assert (again.sequence, again.duration_minutes) == (2, 90)
    with body_db.read() as session:
        listed = repo.meetings(session)
        assert repo.series(session, again.series_id or 0).sequence == 2
    assert [m.sequence for m in listed] == [0, 0, 2, 0]
    assert all(not m.is_moved for i, m in enumerate(listed) if i != 2)


def test_moving_to_a_time_that_does_not_exist_is_refused(body_db: Database, series_of_four: list[int]) -> None:
    with pytest.raises(InvalidInput, match="does not exist"), body_db.write() as session:
        meetings.move_meeting(session=session, meeting_id=series_of_four[1], to=datetime(2026, 3, 29, 2, 30))
    with body_db.read() as session:
        assert repo.meeting(session, series_of_four[1]).sequence == 0


def test_a_cancelled_meeting_cannot_be_moved_and_a_moved_one_sorts_by_its_new_time(
    body_db: Database, series_of_four: list[int]
) -> None:
    with body_db.write() as session:
        meetings.cancel_meeting(session=session, meeting_id=series_of_four[0])
    with pytest.raises(Refused, match="only a scheduled meeting"), body_db.write() as session:
        meetings.move_meeting(session=session, meeting_id=series_of_four[0], to=datetime(2026, 3, 13, 16))
    with body_db.write() as session:
        meetings.move_meeting(session=session, meeting_id=series_of_four[3], to=datetime(2026, 3, 20, 16))
    with body_db.read() as session:
        assert [m.id for m in repo.meetings(session)] == [series_of_four[i] for i in (0, 3, 1, 2)]


def test_a_cancelled_meeting_refuses_attendance_and_votes(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    committee.write(meetings.cancel_meeting, meeting_id=meeting_id)
    with pytest.raises(Refused, match="cancelled"):
        committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.primaries[0].id)
    with pytest.raises(Refused, match="cancelled"):
        committee.write(
            attendance.set_seat_presence,
            meeting_id=meeting_id,
            seat_id=committee.seats[0].id,
            presence=Presence.PRIMARY,
        )
    with pytest.raises(Refused, match="cancelled"):
        committee.write(votes.open_motion, text="A motion", meeting_id=meeting_id)
    with pytest.raises(Refused, match="cancelled"):
        committee.write(meetings.set_held, meeting_id=meeting_id)
    assert committee.read(repo.motions) == []
    assert committee.read(repo.seat_attendance, meeting_id=meeting_id) == {}


def test_a_meeting_with_an_open_vote_cannot_be_cancelled(committee: Committee) -> None:
    motion = committee.write(votes.open_motion, text="Pending", meeting_id=committee.meeting.id)
    with pytest.raises(Refused, match="open vote"):
        committee.write(meetings.cancel_meeting, meeting_id=committee.meeting.id)
    assert committee.read(repo.meeting, meeting_id=committee.meeting.id).status is MeetingStatus.SCHEDULED
    committee.write(votes.close_vote, motion_id=motion.id, allow_no_quorum=True)
    cancelled = committee.write(meetings.cancel_meeting, meeting_id=committee.meeting.id)
    assert cancelled.status is MeetingStatus.CANCELLED


def test_a_held_meeting_cannot_be_cancelled(committee: Committee) -> None:
    committee.attend(0)
    assert committee.read(repo.meeting, meeting_id=committee.meeting.id).status is MeetingStatus.HELD
    with pytest.raises(Refused, match="was held"):
        committee.write(meetings.cancel_meeting, meeting_id=committee.meeting.id)


def test_single_meeting_outside_a_series(body_db: Database) -> None:
    with body_db.write() as session:
        special = meetings.add_meeting(
            session=session, start=datetime(2026, 7, 1, 9, 0), timezone="Asia/Tokyo", title="Special session 特別"
        )
    assert (special.series_id, special.title, special.number) == (None, "Special session 特別", 1)
    assert special.starts_at.astimezone(UTC) == utc(2026, 7, 1, 0)
    with pytest.raises(InvalidInput), body_db.write() as session:
        meetings.add_meeting(session=session, start=datetime(2026, 7, 1, 9, 0), timezone="Asia/Tokio")
