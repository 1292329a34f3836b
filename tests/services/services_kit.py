"""A small committee built through the services, and helpers to call services and snapshot the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session

from tac_desk.domain.enums import Presence, SeatKind
from tac_desk.domain.model import Meeting, Person, Seat
from tac_desk.services import attendance, meetings, roster, setup
from tac_desk.storage.database import Database
from tac_desk.storage.tables import metadata

T = TypeVar("T")

MEETING_START = datetime(2026, 3, 5, 16, 0)
MEETING_DAY = MEETING_START.date()
ZONE = "Europe/Paris"

# (organization, primary, alternate or None); five voting seats
SEATS: list[tuple[str, str, str | None]] = [
    ("Acme AI", "Zoë Durand", "Jürgen Groß"),
    ("Beta Systems", "王伟", "山田 花子"),
    ("Céleste Labs", "Łukasz Nowak", None),
    ("Delta Data", "Ana María Núñez", None),
    ("Echo Foundation", "Priya Raman", None),
]


@dataclass
class Committee:
    """A body with five voting seats (two with alternates), an observer and one scheduled meeting."""

    db: Database
    seats: list[Seat]
    primaries: list[Person]
    alternates: dict[int, Person]  # seat index -> alternate
    observer: Person
    outsider: Person
    meeting: Meeting

    def write(self, service: Callable[..., T], **kwargs: Any) -> T:
        """Call one service in its own write transaction."""
        with self.db.write() as session:
            return service(session=session, **kwargs)

    def read(self, service: Callable[..., T], **kwargs: Any) -> T:
        """Call one service (or repository function taking ``session``) in a read session."""
        with self.db.read() as session:
            return service(session=session, **kwargs)

    def attend(self, *indexes: int, meeting_id: int | None = None) -> None:
        """Mark the primaries of the given seats present at the meeting."""
        with self.db.write() as session:
            for index in indexes:
                attendance.set_seat_presence(
                    session=session,
                    meeting_id=meeting_id or self.meeting.id,
                    seat_id=self.seats[index].id,
                    presence=Presence.PRIMARY,
                )


def build_committee(db: Database) -> Committee:
    """Create the committee of :class:`Committee` in ``db``."""
    with db.write() as session:
        setup.create_body(session=session, name="LF AI & Data TAC", timezone=ZONE)
        seats, primaries, alternates = [], [], {}
        for index, (organization, primary_name, alternate_name) in enumerate(SEATS):
            primary = roster.add_person(session=session, name=primary_name, organization=organization)
            alternate = None
            if alternate_name is not None:
                alternate = roster.add_person(session=session, name=alternate_name, organization=organization)
                alternates[index] = alternate
            seat = roster.add_seat(
                session=session,
                kind=SeatKind.PREMIER,
                organization=organization,
                primary_id=primary.id,
                alternate_id=None if alternate is None else alternate.id,
            )
            seats.append(seat)
            primaries.append(primary)
        observer = roster.add_person(session=session, name="Guest Observer", organization="Sandbox project")
        outsider = roster.add_person(session=session, name="Not Attending", organization="Nowhere")
        meeting = meetings.add_meeting(session=session, start=MEETING_START, timezone=ZONE)
    return Committee(db, seats, primaries, alternates, observer, outsider, meeting)


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sorted), to prove an action changed nothing."""
    with db.read() as session:
        return {
            table.name: sorted(map(tuple, session.execute(select(table)).all()), key=repr)
            for table in metadata.sorted_tables
        }


def row_counts(db: Database) -> dict[str, int]:
    """The number of rows in every table."""
    return {name: len(rows) for name, rows in snapshot(db).items()}


def add_seat_holder(session: Session, *, organization: str, name: str, starts_on: date | None = None) -> Seat:
    """Add a person and a premier seat for them."""
    person = roster.add_person(session=session, name=name, organization=organization)
    return roster.add_seat(
        session=session, kind=SeatKind.PREMIER, organization=organization, primary_id=person.id, starts_on=starts_on
    )
