"""Plain, immutable domain records: body, people, seats, meetings, agenda, votes, actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tac_desk.domain.enums import (
    ActionStatus,
    AgendaKind,
    ChairVoting,
    Choice,
    MeetingStatus,
    MotionStatus,
    Presence,
    ProjectStage,
    SeatKind,
)
from tac_desk.domain.rules import Outcome, Rule


@dataclass(frozen=True)
class DecisionType:
    """A named kind of decision and the rule it is taken under (e.g. ``two-thirds``)."""

    key: str
    label: str
    rule: Rule


@dataclass(frozen=True)
class Body:
    """The committee: its name, home time zone, decision types and chair setting."""

    id: int
    name: str
    timezone: str
    decision_types: tuple[DecisionType, ...]
    chair_voting: ChairVoting = ChairVoting.ALWAYS

    def decision_type(self, key: str) -> DecisionType:
        """Find a decision type by key.

        Raises:
            KeyError: naming the known keys when ``key`` is unknown.
        """
        for kind in self.decision_types:
            if kind.key == key:
                return kind
        known = ", ".join(k.key for k in self.decision_types)
        raise KeyError(f"unknown decision type '{key}' (known: {known})")


@dataclass(frozen=True)
class Person:
    """Somebody who sits on, stands in for, or observes the committee."""

    id: int
    name: str
    organization: str = ""
    email: str = ""
    timezone: str = ""


@dataclass(frozen=True)
class Seat:
    """A voting seat. Counts are of seats, never of people; a seat without a primary is vacant."""

    id: int
    kind: SeatKind
    organization: str
    primary_id: int | None
    alternate_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    project_id: int | None = None

    def is_active_on(self, day: date) -> bool:
        """True when the seat exists on ``day`` (ended seats stop counting on their end date)."""
        started = self.starts_on is None or self.starts_on <= day
        not_ended = self.ends_on is None or day < self.ends_on
        return started and not_ended

    def is_voting_on(self, day: date) -> bool:
        """True when the seat exists on ``day`` and is filled."""
        return self.is_active_on(day) and self.primary_id is not None


@dataclass(frozen=True)
class Series:
    """A recurring meeting series (the LF AI & Data TAC: every other Thursday)."""

    id: int
    title: str
    first_start: datetime
    timezone: str
    interval_weeks: int
    duration_minutes: int
    until: date | None
    count: int | None
    uid: str
    sequence: int = 0


@dataclass(frozen=True)
class Meeting:
    """One meeting; ``starts_at`` is aware, in the meeting's own zone."""

    id: int
    title: str
    starts_at: datetime
    duration_minutes: int
    status: MeetingStatus
    series_id: int | None = None
    original_start: datetime | None = None
    sequence: int = 0
    number: int | None = None

    @property
    def timezone(self) -> str:
        """The IANA name of the meeting's zone."""
        tz = self.starts_at.tzinfo
        return tz.key if isinstance(tz, ZoneInfo) else "UTC"

    @property
    def ends_at(self) -> datetime:
        """The planned end."""
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_moved(self) -> bool:
        """True when the meeting no longer starts when the series first put it."""
        return self.original_start is not None and self.original_start != self.starts_at


@dataclass(frozen=True)
class AgendaItem:
    """One item on a meeting's agenda."""

    id: int
    meeting_id: int
    position: int
    kind: AgendaKind
    title: str
    presenter_id: int | None = None
    planned_minutes: int = 0
    notes: str = ""
    project_id: int | None = None
    requested_stage: ProjectStage | None = None


@dataclass(frozen=True)
class SeatAttendance:
    """How one voting seat was represented at a meeting."""

    seat_id: int
    presence: Presence
    person_id: int | None


@dataclass(frozen=True)
class RosterEntry:
    """A voting seat as frozen when a vote opened: who could vote for it."""

    seat_id: int
    organization: str
    kind: SeatKind
    primary_id: int | None
    primary_name: str
    alternate_id: int | None = None
    alternate_name: str = ""

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {
            "seat_id": self.seat_id,
            "organization": self.organization,
            "kind": self.kind.value,
            "primary_id": self.primary_id,
            "primary_name": self.primary_name,
            "alternate_id": self.alternate_id,
            "alternate_name": self.alternate_name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> RosterEntry:
        """Rebuild from :meth:`to_dict` data."""

        def opt_int(value: object) -> int | None:
            return None if value is None else int(str(value))

        return cls(
            seat_id=int(str(data["seat_id"])),
            organization=str(data["organization"]),
            kind=SeatKind(str(data["kind"])),
            primary_id=opt_int(data.get("primary_id")),
            primary_name=str(data.get("primary_name", "")),
            alternate_id=opt_int(data.get("alternate_id")),
            alternate_name=str(data.get("alternate_name", "")),
        )


@dataclass(frozen=True)
class Ballot:
    """One seat's recorded ballot on a motion."""

    id: int
    motion_id: int
    seat_id: int
    person_id: int
    choice: Choice
    cast_at: datetime
    entry_seq: int | None = None


@dataclass(frozen=True)
class Motion:
    """A motion put to a vote, at a meeting or electronically."""

    id: int
    text: str
    decision_type: str
    rule: Rule
    status: MotionStatus
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    closes_on: date | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    roster: tuple[RosterEntry, ...] = ()
    outcome: Outcome | None = None
    project_id: int | None = None
    requested_stage: ProjectStage | None = None
    open_entry_seq: int | None = None
    close_entry_seq: int | None = None

    @property
    def is_electronic(self) -> bool:
        """True for a vote held between meetings."""
        return self.meeting_id is None


@dataclass(frozen=True)
class ActionItem:
    """A task someone took on at a meeting."""

    id: int
    task: str
    owner_id: int | None
    due_on: date | None
    status: ActionStatus
    meeting_id: int | None = None


@dataclass(frozen=True)
class Project:
    """A project hosted by the foundation."""

    id: int
    name: str
    stage: ProjectStage
    sponsor_seat_id: int | None = None
    lead_id: int | None = None
    stage_since: date | None = None
    proposal_url: str = ""
    repository_url: str = ""
    notes: str = ""
    tags: tuple[str, ...] = field(default=())
