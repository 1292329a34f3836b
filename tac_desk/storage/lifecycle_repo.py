"""Queries of the lifecycle tables, returning domain records (requests with their status, changes, facts, reviews)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.lifecycle import request_status
from tac_desk.domain.lifecycle_records import Review, StageChange, StageRequest
from tac_desk.domain.model import Motion
from tac_desk.domain.requirements import Fact
from tac_desk.storage import convert
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import (
    AnnualReviewRow,
    BoardDecisionRow,
    MeetingRow,
    MotionRow,
    ProjectFactRow,
    StageChangeRow,
    StageRequestRow,
)


def motion_day(session: Session, motion: Motion) -> date | None:
    """The day a vote was decided: its meeting's date, or the day an electronic vote closed (None while open)."""
    if motion.meeting_id is not None:
        meeting = session.get(MeetingRow, motion.meeting_id)
        if meeting is not None:
            return convert.aware(meeting.start_local, meeting.timezone).date()
    return None if motion.closed_at is None else motion.closed_at.date()


def _request(session: Session, row: StageRequestRow) -> StageRequest:
    motion = convert.motion(repo.row(session, MotionRow, row.motion_id))
    board = session.exec(select(BoardDecisionRow).where(BoardDecisionRow.request_id == row.id)).first()
    outcome = motion.outcome
    closed = outcome is not None
    status = request_status(
        closed=closed,
        quorum_met=bool(outcome and outcome.quorum_met),
        passed=bool(outcome and outcome.passed),
        board_approval=row.board_approval,
        board=None if board is None else board.approved,
    )
    return StageRequest(
        id=row.id or 0,
        project_id=row.project_id,
        motion_id=row.motion_id,
        stage=ProjectStage(row.stage),
        from_stage=ProjectStage(row.from_stage),
        requested_on=row.requested_on,
        version_key=row.version_key,
        board_approval=row.board_approval,
        status=status,
        motion_text=motion.text,
        meeting_id=motion.meeting_id,
        decided_on=motion_day(session, motion) if closed else None,
        result_words="" if outcome is None else outcome.explanation,
        board_decided_on=None if board is None else board.decided_on,
        board_note="" if board is None else board.note,
        override_reason=row.override_reason,
        overridden_until=row.overridden_until,
    )


def requests(session: Session, project_id: int | None = None) -> list[StageRequest]:
    """Stage requests in the order they were made (one project's, or every one)."""
    query = select(StageRequestRow)
    if project_id is not None:
        query = query.where(StageRequestRow.project_id == project_id)
    return [_request(session, row) for row in session.exec(query.order_by(col(StageRequestRow.id))).all()]


def request_for_motion(session: Session, motion_id: int) -> StageRequest | None:
    """The stage request a motion carries, if any."""
    row = session.exec(select(StageRequestRow).where(StageRequestRow.motion_id == motion_id)).first()
    return None if row is None else _request(session, row)


def changes(session: Session, project_id: int | None = None) -> list[StageChange]:
    """Stage changes in the order they happened."""
    query = select(StageChangeRow)
    if project_id is not None:
        query = query.where(StageChangeRow.project_id == project_id)
    rows = session.exec(query.order_by(col(StageChangeRow.changed_on), col(StageChangeRow.id))).all()
    return [
        StageChange(
            id=r.id or 0,
            project_id=r.project_id,
            from_stage=None if r.from_stage is None else ProjectStage(r.from_stage),
            to_stage=ProjectStage(r.to_stage),
            changed_on=r.changed_on,
            request_id=r.request_id,
            note=r.note,
        )
        for r in rows
    ]


def facts(session: Session, project_id: int) -> list[Fact]:
    """A project's recorded facts, in recording order (the latest per key counts)."""
    rows = session.exec(
        select(ProjectFactRow).where(ProjectFactRow.project_id == project_id).order_by(col(ProjectFactRow.id))
    ).all()
    return [Fact(r.key, r.value, r.as_of, r.note) for r in rows]


def reviews(session: Session, project_id: int | None = None) -> list[Review]:
    """Annual reviews, oldest first."""
    query = select(AnnualReviewRow)
    if project_id is not None:
        query = query.where(AnnualReviewRow.project_id == project_id)
    rows = session.exec(query.order_by(col(AnnualReviewRow.held_on), col(AnnualReviewRow.id))).all()
    return [Review(r.id or 0, r.project_id, r.held_on, r.meeting_id, r.notes) for r in rows]
