"""A small committee built through the services, with helpers to hold lifecycle votes at set dates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from tac_desk.domain.enums import AgendaKind, Choice, Presence, ProjectStage, SeatKind
from tac_desk.domain.lifecycle_records import StageRequest
from tac_desk.domain.model import Person, Seat
from tac_desk.services import agenda, attendance, lifecycle, meetings, projects, roster, setup, votes
from tac_desk.storage import journal
from tac_desk.storage.database import Database

T = TypeVar("T")
ZONE = "UTC"
SEATS_FROM = date(2020, 1, 1)
ORGS = ("Acme AI", "Beta Systems", "Céleste Labs", "Delta Data", "Echo Foundation", "Fjord Compute")


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """Make ``day`` today for the services (the journal's fixed clock, late afternoon UTC)."""
    with journal.fixed_clock(datetime.combine(day, time(18, 0), tzinfo=UTC)):
        yield


@dataclass
class Lab:
    """Six premier seats, a technical lead with no seat, and a project; meetings are added on demand."""

    db: Database
    seats: list[Seat]
    people: list[Person]
    lead: Person
    project_id: int
    meetings: dict[date, int] = field(default_factory=dict)

    def write(self, service: Callable[..., T], day: date, **kwargs: Any) -> T:
        """Call a service in its own write transaction, with ``day`` as today."""
        with on_day(day), self.db.write() as session:
            return service(session=session, **kwargs)

    def read(self, service: Callable[..., T], day: date, **kwargs: Any) -> T:
        """Call a service in a read session, with ``day`` as today."""
        with on_day(day), self.db.read() as session:
            return service(session=session, **kwargs)

    def meeting(self, day: date, *, present: int = 6) -> int:
        """A meeting on ``day`` (09:00 UTC) with the first ``present`` seats attending."""
        if day not in self.meetings:
            with on_day(day), self.db.write() as session:
                found = meetings.add_meeting(session=session, start=datetime.combine(day, time(9, 0)), timezone=ZONE)
                for seat in self.seats[:present]:
                    attendance.set_seat_presence(
                        session=session, meeting_id=found.id, seat_id=seat.id, presence=Presence.PRIMARY
                    )
            self.meetings[day] = found.id
        return self.meetings[day]

    def present(self, day: date, stage: ProjectStage, project_id: int | None = None) -> None:
        """Put a presentation of the project's request for ``stage`` on the agenda of the meeting of ``day``."""
        meeting_id = self.meeting(day)
        self.write(
            agenda.add_item,
            day,
            meeting_id=meeting_id,
            title=f"Presentation: {stage.label}",
            kind=AgendaKind.PRESENTATION,
            project_id=project_id or self.project_id,
            requested_stage=stage,
        )

    def request(self, day: date, stage: ProjectStage, project_id: int | None = None, **kwargs: Any) -> StageRequest:
        """Request ``stage`` at the meeting of ``day``."""
        meeting_id = self.meeting(day)
        return self.write(
            lifecycle.request_stage,
            day,
            project_id=project_id or self.project_id,
            stage=stage,
            meeting_id=meeting_id,
            **kwargs,
        )

    def decide(self, request: StageRequest, day: date, *, yes: int, no: int = 0) -> None:
        """Cast ``yes`` then ``no`` ballots from the first seats, then close the vote."""
        with on_day(day), self.db.write() as session:
            choices = [Choice.YES] * yes + [Choice.NO] * no
            for seat, choice in zip(self.seats, choices, strict=False):
                votes.cast_ballot(session=session, motion_id=request.motion_id, seat_id=seat.id, choice=choice)
            votes.close_vote(session=session, motion_id=request.motion_id, allow_no_quorum=True)

    def vote(self, day: date, stage: ProjectStage, *, yes: int, no: int = 0, **kwargs: Any) -> StageRequest:
        """Request ``stage`` at the meeting of ``day`` and decide it there."""
        request = self.request(day, stage, **kwargs)
        self.decide(request, day, yes=yes, no=no)
        return request


def build_lab(db: Database, *, stage: ProjectStage = ProjectStage.PROPOSED, since: date = date(2025, 1, 9)) -> Lab:
    """Create the committee and one project, Orchid ML (lead 李娜), in ``stage`` since ``since``."""
    with on_day(SEATS_FROM), db.write() as session:
        setup.create_body(session=session, name="Lifecycle TAC", timezone=ZONE)
        seats, people = [], []
        for index, organization in enumerate(ORGS):
            person = roster.add_person(session=session, name=f"Member {index + 1} ({organization})")
            seat = roster.add_seat(
                session=session,
                kind=SeatKind.PREMIER,
                organization=organization,
                primary_id=person.id,
                starts_on=SEATS_FROM,
            )
            seats.append(seat)
            people.append(person)
        lead = roster.add_person(session=session, name="李娜", organization="Orchid ML")
        project = projects.add_project(
            session=session,
            name="Orchid ML",
            stage=stage,
            sponsor_seat_id=seats[0].id,
            lead_id=lead.id,
            since=since,
        )
    return Lab(db, seats, people, lead, project.id)
