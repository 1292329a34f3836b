"""Read side of the lifecycle: the register with review dates and flags, a project's page, the attention list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from tac_desk.domain import lifecycle as rules
from tac_desk.domain.enums import MeetingStatus, ProjectStage
from tac_desk.domain.lifecycle import Flag, RequestStatus, StageVote, Standing
from tac_desk.domain.lifecycle_records import HistoryEntry, Review, StageChange, StageRequest
from tac_desk.domain.model import Project
from tac_desk.domain.requirements import Checklist, Fact, evaluate, latest_facts
from tac_desk.services.lifecycle import today
from tac_desk.storage import convert
from tac_desk.storage import lifecycle_repo as lrepo
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import AgendaItemRow, MeetingRow

_ENTRY = {ProjectStage.PROPOSED: ProjectStage.SANDBOX, **rules.NEXT_STAGE}


@dataclass(frozen=True)
class RegisterLine:
    """A project as the register shows it."""

    project: Project
    sponsor: str
    lead: str
    next_review: date | None
    flags: tuple[Flag, ...]
    pending: StageRequest | None
    cool_downs: tuple[tuple[ProjectStage, date], ...]


@dataclass(frozen=True)
class Presentation:
    """A meeting agenda item about the project."""

    day: date
    meeting_id: int
    title: str
    stage: ProjectStage | None


@dataclass(frozen=True)
class ProjectPage:
    """Everything the project page shows."""

    line: RegisterLine
    history: tuple[HistoryEntry, ...]
    checklist: Checklist | None
    facts: tuple[Fact, ...]
    presentations: tuple[Presentation, ...]
    requests: tuple[StageRequest, ...]
    reviews: tuple[Review, ...]
    target_vote: StageVote | None

    @property
    def awaiting_board(self) -> tuple[StageRequest, ...]:
        """Requests the TAC passed that wait for the Governing Board."""
        return tuple(r for r in self.requests if r.status is RequestStatus.AWAITING_BOARD)


def _line(session: Session, project: Project, on: date, names: tuple[dict[int, str], dict[int, str]]) -> RegisterLine:
    seats, people = names
    requests = lrepo.requests(session, project.id)
    reviews = lrepo.reviews(session, project.id)
    last_review = max((r.held_on for r in reviews if r.held_on <= on), default=None)
    pending = next(
        (r for r in reversed(requests) if r.status in (RequestStatus.VOTING, RequestStatus.AWAITING_BOARD)), None
    )
    waiting = pending.decided_on if pending is not None and pending.status is RequestStatus.AWAITING_BOARD else None
    standing = Standing(project.id, project.name, project.stage, project.stage_since, last_review, waiting)
    cool: dict[ProjectStage, date] = {}
    for request in requests:
        until = request.cool_down_until
        if until is not None and until > on:
            cool[request.stage] = max(until, cool.get(request.stage, until))
    return RegisterLine(
        project=project,
        sponsor=seats.get(project.sponsor_seat_id or 0, ""),
        lead=people.get(project.lead_id or 0, ""),
        next_review=rules.next_review(project.stage, project.stage_since, last_review),
        flags=tuple(rules.flags_for(standing, on)),
        pending=pending,
        cool_downs=tuple(sorted(cool.items(), key=lambda item: item[1])),
    )


def _names(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    return {s.id: s.organization for s in repo.seats(session)}, {p.id: p.name for p in repo.people(session)}


def register(*, session: Session, on: date | None = None) -> list[RegisterLine]:
    """Every project by name, with its next review, flags, pending request and cool-downs on ``on`` (today)."""
    day, names = on or today(), _names(session)
    return [_line(session, project, day, names) for project in repo.projects(session)]


def attention(*, session: Session, on: date | None = None) -> list[Flag]:
    """What needs the TAC's attention on ``on`` (today), most urgent first."""
    day = on or today()
    flags = [flag for line in register(session=session, on=day) for flag in line.flags]
    return sorted(flags, key=Flag.sort_key)


def presentations(session: Session, project_id: int) -> list[Presentation]:
    """The agenda items about a project at meetings not cancelled, oldest first."""
    rows = session.exec(
        select(AgendaItemRow, MeetingRow)
        .join(MeetingRow, col(AgendaItemRow.meeting_id) == col(MeetingRow.id))
        .where(AgendaItemRow.project_id == project_id, col(MeetingRow.status) != MeetingStatus.CANCELLED.value)
        .order_by(col(MeetingRow.start_utc), col(AgendaItemRow.position))
    ).all()
    return [
        Presentation(
            convert.aware(meeting.start_local, meeting.timezone).date(),
            meeting.id or 0,
            item.title,
            None if item.requested_stage is None else ProjectStage(item.requested_stage),
        )
        for item, meeting in rows
    ]


def history(requests: list[StageRequest], changes: list[StageChange], reviews: list[Review]) -> list[HistoryEntry]:
    """A project's history, oldest first: requests, votes, Board decisions, stage changes and reviews."""
    entries: list[tuple[date, int, HistoryEntry]] = []
    for change in changes:
        request = next((r for r in requests if r.id == change.request_id), None)
        what = (
            f"Registered as {change.to_stage.label}"
            if change.from_stage is None
            else f"Moved from {change.from_stage.label} to {change.to_stage.label}"
        )
        words = what + (f"; {change.note}" if change.note and change.from_stage is not None else "")
        entries.append(
            (
                change.changed_on,
                3,
                HistoryEntry(change.changed_on, "stage", words, request.motion_id if request else None),
            )
        )
    for r in requests:
        words = f"{rules.request_label(r.stage)} requested (motion {r.motion_id}: {r.motion_text})"
        if r.overridden_until is not None:
            words += f"; the chair set aside the cool-down until {r.overridden_until}: {r.override_reason}"
        entries.append((r.requested_on, 0, HistoryEntry(r.requested_on, "request", words, r.motion_id)))
        if r.decided_on is not None:
            verdict = {RequestStatus.NOT_DECIDED: "not decided", RequestStatus.REJECTED: "rejected"}.get(
                r.status, "adopted"
            )
            detail = r.result_words
            for lead in ("Adopted: ", "Not adopted: ", "Not decided: "):
                detail = detail.removeprefix(lead)
            words = f"TAC vote on {rules.request_label(r.stage)}: {verdict}" + (f" — {detail}" if detail else ".")
            if r.status is RequestStatus.REJECTED and r.cool_down_until:
                words += f" A new request is possible from {r.cool_down_until}."
            entries.append((r.decided_on, 1, HistoryEntry(r.decided_on, "vote", words, r.motion_id)))
        if r.board_decided_on is not None:
            verdict = "declined" if r.status is RequestStatus.BOARD_DECLINED else "approved"
            words = f"Governing Board {verdict} {rules.request_label(r.stage)}" + (
                f": {r.board_note}" if r.board_note else ""
            )
            if r.status is RequestStatus.BOARD_DECLINED and r.cool_down_until:
                words += f". A new request is possible from {r.cool_down_until}."
            entries.append((r.board_decided_on, 2, HistoryEntry(r.board_decided_on, "board", words, r.motion_id)))
    for review in reviews:
        words = "Annual review" + (f": {review.notes}" if review.notes else "")
        entries.append((review.held_on, 4, HistoryEntry(review.held_on, "review", words)))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def project_page(*, session: Session, project_id: int, on: date | None = None) -> ProjectPage:
    """A project's page: register line, history, checklist for the pending or next stage, presentations, votes."""
    day = on or today()
    project = repo.project(session, project_id)
    line = _line(session, project, day, _names(session))
    requests = lrepo.requests(session, project_id)
    reviews = lrepo.reviews(session, project_id)
    facts = lrepo.facts(session, project_id)
    target = line.pending.stage if line.pending is not None else _ENTRY.get(project.stage)
    checklist = None
    if target is not None:
        checklist = evaluate(target, facts, line.pending.requested_on if line.pending else day)
    return ProjectPage(
        line=line,
        history=tuple(history(requests, lrepo.changes(session, project_id), reviews)),
        checklist=checklist,
        facts=tuple(sorted(latest_facts(facts, day).values(), key=lambda f: f.key)),
        presentations=tuple(presentations(session, project_id)),
        requests=tuple(requests),
        reviews=tuple(reviews),
        target_vote=None if target is None else rules.stage_vote(target),
    )
