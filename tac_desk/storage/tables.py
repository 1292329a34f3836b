"""SQLModel tables: the one place the record's schema is declared (migrations create it)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)
metadata = SQLModel.metadata


class BodyRow(SQLModel, table=True):
    """The committee this record belongs to (one row)."""

    __tablename__ = "body"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    timezone: str
    chair_voting: str = "always"


class DecisionTypeRow(SQLModel, table=True):
    """A decision type and its current rule (JSON); each closed vote keeps its own copy."""

    __tablename__ = "decision_type"
    __table_args__ = (UniqueConstraint("body_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="body.id")
    key: str
    label: str
    rule_json: str
    position: int = 0


class PersonRow(SQLModel, table=True):
    """A person: member representative, alternate or observer."""

    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    organization: str = ""
    email: str = ""
    timezone: str = ""


class ProjectRow(SQLModel, table=True):
    """A hosted project and its current stage."""

    __tablename__ = "project"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    stage: str
    sponsor_seat_id: int | None = None  # a seat id; no foreign key, as seats refer to projects
    lead_id: int | None = Field(default=None, foreign_key="person.id")
    stage_since: date | None = None
    proposal_url: str = ""
    repository_url: str = ""
    notes: str = ""


class SeatRow(SQLModel, table=True):
    """A voting seat with its primary representative and optional alternate."""

    __tablename__ = "seat"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    organization: str
    primary_id: int | None = Field(default=None, foreign_key="person.id")
    alternate_id: int | None = Field(default=None, foreign_key="person.id")
    starts_on: date | None = None
    ends_on: date | None = None
    project_id: int | None = Field(default=None, foreign_key="project.id")


class SeriesRow(SQLModel, table=True):
    """A recurring series of meetings; local times are stored as wall-clock text plus a zone."""

    __tablename__ = "series"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    first_start_local: str
    timezone: str
    interval_weeks: int = 2
    duration_minutes: int = 60
    until: date | None = None
    count: int | None = None
    uid: str = Field(unique=True)
    sequence: int = 0


class MeetingRow(SQLModel, table=True):
    """One meeting of the committee."""

    __tablename__ = "meeting"
    id: int | None = Field(default=None, primary_key=True)
    series_id: int | None = Field(default=None, foreign_key="series.id", index=True)
    title: str
    start_local: str = Field(index=True)
    timezone: str
    start_utc: str = Field(index=True)
    duration_minutes: int = 60
    status: str = "scheduled"
    original_start_local: str | None = None
    sequence: int = 0


class AgendaItemRow(SQLModel, table=True):
    """An item on a meeting's agenda."""

    __tablename__ = "agenda_item"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    kind: str
    title: str
    presenter_id: int | None = Field(default=None, foreign_key="person.id")
    planned_minutes: int = 0
    notes: str = ""
    project_id: int | None = Field(default=None, foreign_key="project.id")
    requested_stage: str | None = None


class JournalRow(SQLModel, table=True):
    """The append-only, hash-chained log of everything that decides."""

    __tablename__ = "journal"
    seq: int | None = Field(default=None, primary_key=True)
    recorded_at: str
    kind: str = Field(index=True)
    payload: str
    prev_hash: str
    hash: str = Field(unique=True)


class AttendanceRow(SQLModel, table=True):
    """An attendance entry; the latest entry per seat (or observer) is the current state."""

    __tablename__ = "attendance"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    seat_id: int | None = Field(default=None, foreign_key="seat.id")
    person_id: int | None = Field(default=None, foreign_key="person.id")
    presence: str
    entry_seq: int = Field(foreign_key="journal.seq")


class MotionRow(SQLModel, table=True):
    """A motion; its rule and roster are frozen when it opens, its outcome when it closes."""

    __tablename__ = "motion"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id")
    text: str
    decision_type: str
    rule_json: str
    status: str = "open"
    closes_on: date | None = None
    opened_at: str
    closed_at: str | None = None
    roster_json: str = "[]"
    outcome_json: str | None = None
    project_id: int | None = Field(default=None, foreign_key="project.id")
    requested_stage: str | None = None
    open_entry_seq: int | None = Field(default=None, foreign_key="journal.seq")
    close_entry_seq: int | None = Field(default=None, foreign_key="journal.seq")


class BallotRow(SQLModel, table=True):
    """One seat's ballot on a motion; never updated in place."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("motion_id", "seat_id"),)
    id: int | None = Field(default=None, primary_key=True)
    motion_id: int = Field(foreign_key="motion.id", index=True)
    seat_id: int = Field(foreign_key="seat.id")
    person_id: int = Field(foreign_key="person.id")
    choice: str
    cast_at: str
    entry_seq: int = Field(foreign_key="journal.seq")


class ActionItemRow(SQLModel, table=True):
    """A task with an owner and a due date."""

    __tablename__ = "action_item"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    task: str
    due_on: date | None = None
    status: str = "open"


class SettingRow(SQLModel, table=True):
    """A record-level setting (key and text value)."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class BallotCorrectionRow(SQLModel, table=True):
    """A correction of a ballot after its vote closed, with the outcome recomputed; never updated."""

    __tablename__ = "ballot_correction"
    id: int | None = Field(default=None, primary_key=True)
    motion_id: int = Field(foreign_key="motion.id", index=True)
    ballot_id: int = Field(foreign_key="ballot.id")
    original_entry_seq: int = Field(foreign_key="journal.seq")
    previous_choice: str
    choice: str
    reason: str
    recorded_at: str
    outcome_json: str
    entry_seq: int = Field(foreign_key="journal.seq", unique=True)


class StageRequestRow(SQLModel, table=True):
    """A motion requesting a stage for a project: the stage, the day, the requirements version, any override."""

    __tablename__ = "stage_request"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    motion_id: int = Field(foreign_key="motion.id", unique=True)
    stage: str
    from_stage: str
    requested_on: date
    version_key: str
    board_approval: bool = False
    override_reason: str = ""
    overridden_until: date | None = None
    entry_seq: int = Field(foreign_key="journal.seq")


class BoardDecisionRow(SQLModel, table=True):
    """The Governing Board's approval (or refusal) of a stage request the TAC passed; never updated."""

    __tablename__ = "board_decision"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="stage_request.id", unique=True)
    decided_on: date
    approved: bool
    note: str = ""
    entry_seq: int = Field(foreign_key="journal.seq")


class StageChangeRow(SQLModel, table=True):
    """A project's move from one stage to another, with the day and the request that decided it."""

    __tablename__ = "stage_change"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    from_stage: str | None = None
    to_stage: str
    changed_on: date
    request_id: int | None = Field(default=None, foreign_key="stage_request.id")
    note: str = ""
    entry_seq: int = Field(foreign_key="journal.seq")


class ProjectFactRow(SQLModel, table=True):
    """A fact the chair recorded about a project (stars, organizations, badge, ...); the latest per key counts."""

    __tablename__ = "project_fact"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    key: str
    value: str
    as_of: date
    note: str = ""
    entry_seq: int = Field(foreign_key="journal.seq")


class AnnualReviewRow(SQLModel, table=True):
    """A yearly review of a project by the TAC."""

    __tablename__ = "annual_review"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    held_on: date
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    notes: str = ""
    entry_seq: int = Field(foreign_key="journal.seq")
