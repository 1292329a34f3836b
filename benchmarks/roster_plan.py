"""Plan the people, projects and seats of a ten-year committee (plain rows, ids assigned here)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.names import ORGANIZATIONS, PROJECT_STEMS, email, person_name
from tac_desk.domain.enums import ProjectStage, SeatKind
from tac_desk.domain.model import Person, Seat

TIMEZONES = ("America/Los_Angeles", "Europe/Berlin", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "UTC")


@dataclass
class RosterPlan:
    """Everything about who sits on the committee, when: rows to insert and the domain view of them."""

    people: list[Person] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    projects: list[dict[str, object]] = field(default_factory=list)
    observers: list[int] = field(default_factory=list)

    def person_rows(self) -> list[dict[str, object]]:
        """Rows for the person table."""
        return [
            {"id": p.id, "name": p.name, "organization": p.organization, "email": p.email, "timezone": p.timezone}
            for p in self.people
        ]

    def seat_rows(self) -> list[dict[str, object]]:
        """Rows for the seat table."""
        return [
            {
                "id": s.id,
                "kind": s.kind.value,
                "organization": s.organization,
                "primary_id": s.primary_id,
                "alternate_id": s.alternate_id,
                "starts_on": s.starts_on,
                "ends_on": s.ends_on,
                "project_id": s.project_id,
            }
            for s in self.seats
        ]

    def voting_seats_on(self, day: date) -> list[Seat]:
        """The seats that vote on ``day``, as the repository would list them."""
        found = [s for s in self.seats if s.is_voting_on(day)]
        return sorted(found, key=lambda s: (s.organization.casefold(), s.id))


class _People:
    def __init__(self, rng: random.Random, plan: RosterPlan) -> None:
        self.rng = rng
        self.plan = plan
        self.used: set[str] = set()

    def new(self, organization: str) -> int:
        number = len(self.plan.people) + 1
        name = person_name(self.rng, self.used)
        zone = self.rng.choice(TIMEZONES)
        self.plan.people.append(Person(number, name, organization, email(name, number), zone))
        return number


def plan_roster(rng: random.Random, *, start: date, end: date, slots: int, projects: int) -> RosterPlan:
    """People, projects and seats from ``start`` to ``end``: ``slots`` seats at any time, each renewed every few years.

    Slot 0 is the chair; about a third of the others are project seats, the rest premier members.
    """
    plan = RosterPlan()
    people = _People(rng, plan)
    _plan_projects(rng, plan, people, start=start, end=end, count=projects)
    graduated = [p for p in plan.projects if p["stage"] in (ProjectStage.GRADUATED.value, ProjectStage.EMERITUS.value)]
    organizations = list(ORGANIZATIONS)
    rng.shuffle(organizations)
    project_slots = max(1, (slots - 1) // 3)
    for slot in range(slots):
        day = start - timedelta(days=rng.randint(20, 400))
        while day < end:
            years = rng.uniform(1.5, 4.0)
            ends_on: date | None = day + timedelta(days=int(years * 365))
            if ends_on is not None and ends_on >= end:
                ends_on = None
            if slot == 0:
                kind, organization, project_id = SeatKind.CHAIR, "TAC Chair", None
            elif slot <= project_slots and graduated:
                project = graduated[(slot + len(plan.seats)) % len(graduated)]
                kind, organization, project_id = SeatKind.PROJECT, str(project["name"]), int(str(project["id"]))
            else:
                kind, project_id = SeatKind.PREMIER, None
                organization = organizations[(slot * 7 + len(plan.seats)) % len(organizations)]
            primary = people.new(organization)
            alternate = people.new(organization) if rng.random() < 0.7 else None
            seat = Seat(len(plan.seats) + 1, kind, organization, primary, alternate, day, ends_on, project_id)
            plan.seats.append(seat)
            if ends_on is None:
                break
            day = ends_on
    plan.observers = [people.new(rng.choice(ORGANIZATIONS)) for _ in range(12)]
    return plan


def _plan_projects(
    rng: random.Random, plan: RosterPlan, people: _People, *, start: date, end: date, count: int
) -> None:
    stages = (ProjectStage.SANDBOX, ProjectStage.INCUBATION, ProjectStage.GRADUATED, ProjectStage.EMERITUS)
    weights = (3, 3, 3, 1)
    span = (end - start).days
    for number in range(1, count + 1):
        stem = PROJECT_STEMS[(number - 1) % len(PROJECT_STEMS)]
        name = stem if number <= len(PROJECT_STEMS) else f"{stem} {number // len(PROJECT_STEMS) + 1}"
        stage = rng.choices(stages, weights)[0]
        lead = people.new(name)
        slug = name.lower().replace(" ", "-")
        plan.projects.append(
            {
                "id": number,
                "name": name,
                "stage": stage.value,
                "sponsor_seat_id": None,
                "lead_id": lead,
                "stage_since": start + timedelta(days=rng.randint(0, max(1, span - 1))),
                "proposal_url": f"https://example.org/proposals/{slug}",
                "repository_url": f"https://example.org/git/{slug}",
                "notes": "",
            }
        )
