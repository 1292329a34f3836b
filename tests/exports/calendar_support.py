"""Records for the calendar export tests, built with the real services, and helpers that read exports back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from tac_desk.domain.enums import AgendaKind, SeatKind
from tac_desk.domain.model import Meeting, Series
from tac_desk.services import agenda, meetings, roster, setup
from tac_desk.storage.database import Database

STAMP = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
TRICKY = 'Comma, semi; back\\slash\nnew line "quoted" 王伟 山田 📅 Łukasz'


@dataclass(frozen=True)
class Built:
    """What a test needs to know about the record it built."""

    series: Series
    meetings: list[Meeting]
    chair_id: int
    member_ids: list[int]


def build_record(
    db: Database,
    *,
    zone: str = "Europe/Berlin",
    first: datetime = datetime(2025, 1, 9, 16, 0),
    until: date | None = date(2025, 12, 31),
    count: int | None = None,
    interval_weeks: int = 2,
    title: str = "TAC meeting",
    body_name: str = "LF AI & Data TAC",
) -> Built:
    """A committee with a chair, three members (one with an alternate, one without e-mail) and a series."""
    with db.write() as session:
        setup.create_body(session=session, name=body_name, timezone=zone)
        chair = roster.add_person(session=session, name="Chair Person, Jr.", email="chair@example.org")
        ana = roster.add_person(session=session, name="Ana; Ñúñez", email="ana@example.org")
        alt = roster.add_person(session=session, name="王伟", email="wang@example.cn")
        bob = roster.add_person(session=session, name='Bob "Co" \\ Ltd', email="bob@example.com")
        quiet = roster.add_person(session=session, name="No Mail", email="")
        roster.add_seat(session=session, kind=SeatKind.CHAIR, organization="Chair", primary_id=chair.id)
        roster.add_seat(
            session=session, kind=SeatKind.PREMIER, organization="Acme", primary_id=ana.id, alternate_id=alt.id
        )
        roster.add_seat(session=session, kind=SeatKind.PROJECT, organization="Proj", primary_id=bob.id)
        roster.add_seat(session=session, kind=SeatKind.OTHER, organization="Quiet", primary_id=quiet.id)
        series, made = meetings.schedule_series(
            session=session,
            first=first,
            timezone=zone,
            interval_weeks=interval_weeks,
            until=until,
            count=count,
            title=title,
        )
    return Built(series, made, chair.id, [ana.id, alt.id, bob.id, quiet.id])


def add_agenda(db: Database, meeting_id: int, titles: list[str]) -> None:
    """Put items on a meeting's agenda."""
    with db.write() as session:
        for title in titles:
            agenda.add_item(session=session, meeting_id=meeting_id, title=title, kind=AgendaKind.DISCUSSION)


def cancel(db: Database, meeting_id: int) -> None:
    """Cancel one meeting with the real service."""
    with db.write() as session:
        meetings.cancel_meeting(session=session, meeting_id=meeting_id)


def move(db: Database, meeting_id: int, to: datetime) -> None:
    """Move one meeting with the real service."""
    with db.write() as session:
        meetings.move_meeting(session=session, meeting_id=meeting_id, to=to)


def expanded(data: bytes, start: date, end: date) -> list[datetime]:
    """Every occurrence the file describes between two dates, as recurring-ical-events expands it, sorted."""
    calendar = Calendar.from_ical(data)
    found = recurring_ical_events.of(calendar).between(start, end)
    return sorted(event.start for event in found)


def utc_instants(moments: list[datetime]) -> list[datetime]:
    """The same moments in UTC."""
    return sorted(moment.astimezone(UTC) for moment in moments)


def physical_lines(data: bytes) -> list[bytes]:
    """The file's physical lines (it must use CRLF only)."""
    assert data.endswith(b"\r\n")
    assert re.search(rb"(?<!\r)\n", data) is None, "a bare LF"
    assert re.search(rb"\r(?!\n)", data) is None, "a bare CR"
    return data[:-2].split(b"\r\n")


def assert_well_formed(data: bytes) -> None:
    """CRLF only; every physical line at most 75 octets and valid UTF-8 on its own (no split characters)."""
    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")


def local(zone: str, *args: int) -> datetime:
    """An aware local time."""
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]
