"""Turn table rows into domain records (and local times into aware datetimes)."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from tac_desk.domain.enums import (
    ActionStatus,
    AgendaKind,
    ChairVoting,
    Choice,
    MotionStatus,
    ProjectStage,
    SeatKind,
)
from tac_desk.domain.model import (
    ActionItem,
    AgendaItem,
    Ballot,
    Body,
    DecisionType,
    Meeting,
    Motion,
    Person,
    Project,
    RosterEntry,
    Seat,
    Series,
)
from tac_desk.domain.rules import Outcome, Rule, Tally, evaluate
from tac_desk.storage import columns
from tac_desk.storage.columns import MeetingColumns
from tac_desk.storage.tables import (
    ActionItemRow,
    AgendaItemRow,
    BallotRow,
    BodyRow,
    DecisionTypeRow,
    MeetingRow,
    MotionRow,
    PersonRow,
    ProjectRow,
    SeatRow,
    SeriesRow,
)


def _id(value: int | None) -> int:
    if value is None:
        raise ValueError("row has no id yet; flush first")
    return value


aware = columns.aware


def local_text(moment: datetime) -> str:
    """The wall-clock text stored for an aware datetime (minutes precision)."""
    return moment.replace(tzinfo=None).isoformat(timespec="minutes")


@lru_cache(maxsize=512)
def rule_from_json(text: str) -> Rule:
    """A stored rule (records hold few distinct rules, so each is parsed once)."""
    return Rule.from_dict(json.loads(text))


def body(row: BodyRow, types: list[DecisionTypeRow]) -> Body:
    """Body row plus its decision types."""
    return Body(
        id=_id(row.id),
        name=row.name,
        timezone=row.timezone,
        chair_voting=ChairVoting(row.chair_voting),
        decision_types=tuple(
            DecisionType(t.key, t.label, rule_from_json(t.rule_json))
            for t in sorted(types, key=lambda t: (t.position, t.id or 0))
        ),
    )


def person(row: PersonRow) -> Person:
    """Person row to domain."""
    return Person(_id(row.id), row.name, row.organization, row.email, row.timezone)


def seat(row: SeatRow) -> Seat:
    """Seat row to domain."""
    return Seat(
        id=_id(row.id),
        kind=SeatKind(row.kind),
        organization=row.organization,
        primary_id=row.primary_id,
        alternate_id=row.alternate_id,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        project_id=row.project_id,
    )


def series(row: SeriesRow) -> Series:
    """Series row to domain."""
    return Series(
        id=_id(row.id),
        title=row.title,
        first_start=aware(row.first_start_local, row.timezone),
        timezone=row.timezone,
        interval_weeks=row.interval_weeks,
        duration_minutes=row.duration_minutes,
        until=row.until,
        count=row.count,
        uid=row.uid,
        sequence=row.sequence,
    )


def meeting_columns(row: MeetingRow) -> MeetingColumns:
    """The stored columns of a meeting row."""
    return MeetingColumns(
        _id(row.id),
        row.series_id,
        row.title,
        row.start_local,
        row.timezone,
        row.duration_minutes,
        row.status,
        row.original_start_local,
        row.sequence,
    )


def meeting(row: MeetingRow, number: int | None = None) -> Meeting:
    """Meeting row to domain."""
    return columns.meeting(meeting_columns(row), number)


def agenda_item(row: AgendaItemRow) -> AgendaItem:
    """Agenda row to domain."""
    return AgendaItem(
        id=_id(row.id),
        meeting_id=row.meeting_id,
        position=row.position,
        kind=AgendaKind(row.kind),
        title=row.title,
        presenter_id=row.presenter_id,
        planned_minutes=row.planned_minutes,
        notes=row.notes,
        project_id=row.project_id,
        requested_stage=None if row.requested_stage is None else ProjectStage(row.requested_stage),
    )


def outcome_from_json(text: str | None, rule: Rule) -> Outcome | None:
    """Rebuild a frozen outcome: the stored tally re-evaluated under the stored rule, stored sentence kept."""
    if text is None:
        return None
    data = json.loads(text)
    tally = Tally(**{k: int(data[k]) for k in ("seats", "present", "yes", "no", "abstain", "recused")})
    needed = int(data["quorum_required"]) if "quorum_required" in data else evaluate(rule, tally).quorum_required
    return Outcome(
        rule=rule,
        tally=tally,
        quorum_required=needed,
        quorum_met=bool(data["quorum_met"]),
        required_yes=data.get("required_yes"),
        passed=bool(data["passed"]),
        explanation=str(data["explanation"]),
    )


class MotionColumns(NamedTuple):
    """The stored columns of one motion, in the order of :data:`MOTION_COLUMNS` (``roster_json`` None: left out)."""

    id: int
    text: str
    decision_type: str
    rule_json: str
    status: str
    meeting_id: int | None
    agenda_item_id: int | None
    closes_on: date | None
    opened_at: str
    closed_at: str | None
    roster_json: str | None
    outcome_json: str | None
    project_id: int | None
    requested_stage: str | None
    open_entry_seq: int | None
    close_entry_seq: int | None


MOTION_COLUMNS = MotionColumns._fields


def motion(row: MotionRow, *, with_roster: bool = True) -> Motion:
    """Motion row to domain, with its frozen rule, roster (unless left out) and outcome."""
    return motion_from_columns(
        MotionColumns(
            _id(row.id),
            row.text,
            row.decision_type,
            row.rule_json,
            row.status,
            row.meeting_id,
            row.agenda_item_id,
            row.closes_on,
            row.opened_at,
            row.closed_at,
            row.roster_json if with_roster else None,
            row.outcome_json,
            row.project_id,
            row.requested_stage,
            row.open_entry_seq,
            row.close_entry_seq,
        )
    )


@lru_cache(maxsize=8192)
def motion_from_columns(values: MotionColumns) -> Motion:
    """A motion from its stored columns.

    The result depends on the column values alone and is immutable, so it is memoised on them: a list re-read
    after a change converts only the motions whose columns changed.
    """
    rule = rule_from_json(values.rule_json)
    roster = values.roster_json
    return Motion(
        id=values.id,
        text=values.text,
        decision_type=values.decision_type,
        rule=rule,
        status=MotionStatus(values.status),
        meeting_id=values.meeting_id,
        agenda_item_id=values.agenda_item_id,
        closes_on=values.closes_on,
        opened_at=datetime.fromisoformat(values.opened_at),
        closed_at=None if values.closed_at is None else datetime.fromisoformat(values.closed_at),
        roster=() if roster is None else tuple(RosterEntry.from_dict(entry) for entry in json.loads(roster)),
        outcome=outcome_from_json(values.outcome_json, rule),
        project_id=values.project_id,
        requested_stage=None if values.requested_stage is None else ProjectStage(values.requested_stage),
        open_entry_seq=values.open_entry_seq,
        close_entry_seq=values.close_entry_seq,
    )


def ballot(row: BallotRow) -> Ballot:
    """Ballot row to domain."""
    return Ballot(
        id=_id(row.id),
        motion_id=row.motion_id,
        seat_id=row.seat_id,
        person_id=row.person_id,
        choice=Choice(row.choice),
        cast_at=datetime.fromisoformat(row.cast_at),
        entry_seq=row.entry_seq,
    )


def action_item(row: ActionItemRow) -> ActionItem:
    """Action row to domain."""
    return ActionItem(
        id=_id(row.id),
        task=row.task,
        owner_id=row.owner_id,
        due_on=row.due_on,
        status=ActionStatus(row.status),
        meeting_id=row.meeting_id,
    )


def project(row: ProjectRow) -> Project:
    """Project row to domain."""
    return Project(
        id=_id(row.id),
        name=row.name,
        stage=ProjectStage(row.stage),
        sponsor_seat_id=row.sponsor_seat_id,
        lead_id=row.lead_id,
        stage_since=row.stage_since,
        proposal_url=row.proposal_url,
        repository_url=row.repository_url,
        notes=row.notes,
    )


def day_or_none(value: date | None) -> str | None:
    """ISO text of a date, or None."""
    return None if value is None else value.isoformat()
