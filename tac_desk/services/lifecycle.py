"""Project lifecycle use cases: record facts and reviews, request a stage, apply a vote's and the Board's decision."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from tac_desk.domain import lifecycle as rules
from tac_desk.domain.enums import MeetingStatus, ProjectStage, SeatKind
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.lifecycle import RequestStatus
from tac_desk.domain.lifecycle_records import Review, StageRequest
from tac_desk.domain.model import Motion, Project
from tac_desk.domain.requirements import Fact, clean_fact, evaluate
from tac_desk.services.common import clean_text
from tac_desk.storage import convert, journal
from tac_desk.storage import lifecycle_repo as lrepo
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import (
    AgendaItemRow,
    AnnualReviewRow,
    BoardDecisionRow,
    MeetingRow,
    ProjectFactRow,
    ProjectRow,
    SeatRow,
    StageChangeRow,
    StageRequestRow,
)

_VERBS = {
    ProjectStage.SANDBOX: "Accept {name} into the Sandbox",
    ProjectStage.INCUBATION: "Promote {name} to Incubation",
    ProjectStage.GRADUATED: "Graduate {name} as a TAC project, subject to Governing Board approval",
    ProjectStage.EMERITUS: "Move {name} to Emeritus, subject to Governing Board approval",
}


def today() -> date:
    """Today (UTC), honouring the journal's fixed clock."""
    return journal.now().date()


def record_fact(
    *, session: Session, project_id: int, key: str, value: str, as_of: date | None = None, note: str = ""
) -> Fact:
    """Record a fact about a project (the latest per key counts from its date on).

    Raises:
        InvalidInput: for an unknown fact, a value of the wrong kind, or a date in the future.
        NotFound: for an unknown project.
    """
    repo.project(session, project_id)
    clean_key, clean_value = key.strip(), clean_fact(key, value)
    day = as_of or today()
    if day > today():
        raise InvalidInput(f"a fact cannot be recorded for a future day ({day})")
    text = clean_text(note, what="the note", required=False, limit=2000)
    payload = {"project_id": project_id, "key": clean_key, "value": clean_value, "as_of": day.isoformat(), "note": text}
    entry = journal.append(session, "project_fact", payload)
    row = ProjectFactRow(
        project_id=project_id, key=clean_key, value=clean_value, as_of=day, note=text, entry_seq=entry.seq or 0
    )
    session.add(row)
    session.flush()
    return Fact(clean_key, clean_value, day, text)


def record_registration(*, session: Session, project: Project) -> None:
    """Start a newly registered project's history with the stage it was registered in."""
    _change(session, project.id, None, project.stage, project.stage_since or today(), None, "registered")


def record_review(
    *, session: Session, project_id: int, on: date | None = None, meeting_id: int | None = None, notes: str = ""
) -> Review:
    """Record the TAC's yearly review of a project.

    Raises:
        Refused: for a project that is not hosted (proposed or Emeritus).
        InvalidInput: for a future day.
    """
    project = repo.project(session, project_id)
    if project.stage not in rules.HOSTED:
        raise Refused(f"{project.name} is {project.stage.label}: only hosted projects are reviewed")
    day = on or (repo.meeting(session, meeting_id).starts_at.date() if meeting_id is not None else today())
    if day > today():
        raise InvalidInput(f"a review cannot be recorded for a future day ({day})")
    text = clean_text(notes, what="the review notes", required=False, limit=10_000)
    payload = {"project_id": project_id, "held_on": day.isoformat(), "meeting_id": meeting_id, "notes": text}
    entry = journal.append(session, "annual_review", payload)
    row = AnnualReviewRow(
        project_id=project_id, held_on=day, meeting_id=meeting_id, notes=text, entry_seq=entry.seq or 0
    )
    session.add(row)
    session.flush()
    return Review(row.id or 0, project_id, day, meeting_id, text)


def first_presented(session: Session, project_id: int, stage: ProjectStage, on: date) -> date | None:
    """The first meeting day (up to ``on``) a request of ``stage`` was presented, since the last such vote decided."""
    decided = [r.decided_on for r in lrepo.requests(session, project_id) if r.stage is stage and r.decided_on]
    after = max(decided, default=date.min)
    rows = session.exec(
        select(MeetingRow)
        .join(AgendaItemRow, col(AgendaItemRow.meeting_id) == col(MeetingRow.id))
        .where(AgendaItemRow.project_id == project_id, AgendaItemRow.requested_stage == stage.value)
        .where(col(MeetingRow.status) != MeetingStatus.CANCELLED.value)
    ).all()
    days = [convert.aware(m.start_local, m.timezone).date() for m in rows]
    return min((d for d in days if after < d <= on), default=None)


def _check_request(session: Session, project: Project, stage: ProjectStage, day: date, reason: str) -> date | None:
    rules.check_move(project.stage, stage)
    for earlier in lrepo.requests(session, project.id):
        if earlier.status in (RequestStatus.VOTING, RequestStatus.AWAITING_BOARD):
            raise Refused(
                f"{project.name} already has a {rules.request_label(earlier.stage)} request pending "
                f"(motion {earlier.motion_id}, {earlier.status.value})"
            )
    if stage is ProjectStage.EMERITUS:
        rules.check_emeritus_wait(first_presented(session, project.id, stage, day), day)
    failures = [r.failed_on for r in lrepo.requests(session, project.id) if r.stage is stage and r.failed_on]
    return rules.check_cool_down(failures, stage, day, reason)


def request_stage(
    *,
    session: Session,
    project_id: int,
    stage: ProjectStage,
    text: str = "",
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    closes_on: date | None = None,
    opened_on: date | None = None,
    override_reason: str = "",
) -> StageRequest:
    """Put a project's stage request to the vote, under the decision type the stage needs.

    Raises:
        Refused: a move the lifecycle does not allow, a request already pending, an Emeritus vote
            before two weeks of discussion, or a request within six months of a failed one
            (unless ``override_reason`` gives the chair's reason); each with the date it becomes possible.
    """
    from tac_desk.services import votes

    project = repo.project(session, project_id)
    reason = clean_text(override_reason, what="the override reason", required=False, limit=2000)
    day = repo.meeting(session, meeting_id).starts_at.date() if meeting_id is not None else (opened_on or today())
    overridden = _check_request(session, project, stage, day, reason)
    vote = rules.stage_vote(stage, electronic=meeting_id is None)
    if meeting_id is not None and agenda_item_id is None:
        agenda_item_id = _presentation_item(session, meeting_id, project_id, stage)
    motion = votes.open_motion(
        session=session,
        text=text.strip() or _VERBS[stage].format(name=project.name),
        decision_type=vote.decision_type,
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        closes_on=closes_on,
        project_id=project_id,
        requested_stage=stage,
        opened_on=opened_on,
    )
    checklist = evaluate(stage, lrepo.facts(session, project_id), day)
    payload = {
        "motion_id": motion.id,
        "project_id": project_id,
        "stage": stage.value,
        "from_stage": project.stage.value,
        "requested_on": day.isoformat(),
        "requirements": checklist.version.key,
        "checklist": checklist.summary,
        "override_reason": reason if overridden else "",
        "overridden_until": None if overridden is None else overridden.isoformat(),
    }
    entry = journal.append(session, "stage_requested", payload)
    row = StageRequestRow(
        project_id=project_id,
        motion_id=motion.id,
        stage=stage.value,
        from_stage=project.stage.value,
        requested_on=day,
        version_key=checklist.version.key,
        board_approval=vote.board_approval,
        override_reason=reason if overridden else "",
        overridden_until=overridden,
        entry_seq=entry.seq or 0,
    )
    session.add(row)
    session.flush()
    found = lrepo.request_for_motion(session, motion.id)
    assert found is not None
    return found


def _presentation_item(session: Session, meeting_id: int, project_id: int, stage: ProjectStage) -> int | None:
    """The meeting's agenda item for this project and stage, if there is one (the last one listed)."""
    rows = session.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == meeting_id, AgendaItemRow.project_id == project_id)
        .where(AgendaItemRow.requested_stage == stage.value)
        .order_by(col(AgendaItemRow.position).desc(), col(AgendaItemRow.id).desc())
    ).all()
    return rows[0].id if rows else None


def after_vote_closed(*, session: Session, motion_id: int) -> None:
    """Apply a closed vote's consequence: a passed request needing no Board approval moves its project."""
    request = lrepo.request_for_motion(session, motion_id)
    if request is not None and request.status is RequestStatus.APPROVED and request.decided_on is not None:
        _move(session, request, request.decided_on)


def decide_board(*, session: Session, project_id: int, on: date, approved: bool = True, note: str = "") -> StageRequest:
    """Record the Governing Board's decision on the project's request awaiting it; approval moves the project.

    Raises:
        Refused: when no request of the project awaits the Board.
        InvalidInput: for a day before the TAC's vote or in the future.
    """
    project = repo.project(session, project_id)
    waiting = [r for r in lrepo.requests(session, project_id) if r.status is RequestStatus.AWAITING_BOARD]
    if not waiting:
        raise Refused(f"no request of {project.name} awaits the Governing Board's approval")
    request = waiting[-1]
    if request.decided_on is not None and on < request.decided_on:
        raise InvalidInput(f"the Board cannot decide ({on}) before the TAC's vote ({request.decided_on})")
    if on > today():
        raise InvalidInput(f"the Board's decision cannot be dated in the future ({on})")
    text = clean_text(note, what="the note", required=False, limit=2000)
    payload = {"request_id": request.id, "motion_id": request.motion_id, "approved": approved, "on": on.isoformat()}
    entry = journal.append(session, "board_decision", {**payload, "note": text})
    row = BoardDecisionRow(request_id=request.id, decided_on=on, approved=approved, note=text, entry_seq=entry.seq or 0)
    session.add(row)
    session.flush()
    if approved:
        _move(session, request, on)
    found = lrepo.request_for_motion(session, request.motion_id)
    assert found is not None
    return found


def approve_board(*, session: Session, project_id: int, on: date, note: str = "") -> StageRequest:
    """Record the Governing Board's approval of the request awaiting it (see :func:`decide_board`)."""
    return decide_board(session=session, project_id=project_id, on=on, approved=True, note=note)


def _change(
    session: Session,
    project_id: int,
    old: ProjectStage | None,
    new: ProjectStage,
    on: date,
    request_id: int | None,
    note: str,
) -> None:
    payload = {"project_id": project_id, "from": None if old is None else old.value, "to": new.value}
    entry = journal.append(session, "stage_changed", {**payload, "on": on.isoformat(), "request_id": request_id})
    row = StageChangeRow(
        project_id=project_id,
        from_stage=None if old is None else old.value,
        to_stage=new.value,
        changed_on=on,
        request_id=request_id,
        note=note,
        entry_seq=entry.seq or 0,
    )
    session.add(row)


def _move(session: Session, request: StageRequest, on: date) -> None:
    """Move the project to the requested stage; graduation adds its TAC seat, Emeritus ends it."""
    row = repo.row(session, ProjectRow, request.project_id)
    old = ProjectStage(row.stage)
    note = ""
    if request.stage is ProjectStage.GRADUATED:
        note = _add_project_seat(session, row, on)
    if request.stage is ProjectStage.EMERITUS:
        note = _end_project_seats(session, request.project_id, on)
    row.stage, row.stage_since = request.stage.value, on
    session.add(row)
    _change(session, request.project_id, old, request.stage, on, request.id, note)
    session.flush()


def _add_project_seat(session: Session, project: ProjectRow, on: date) -> str:
    from tac_desk.services import roster

    lead = project.lead_id
    if lead is not None and roster.seat_of(session=session, person_id=lead, day=on) is not None:
        lead = None  # the lead already holds a seat: the project's seat waits for another representative
    seat = roster.add_seat(
        session=session,
        kind=SeatKind.PROJECT,
        organization=project.name,
        primary_id=lead,
        starts_on=on,
        project_id=project.id,
    )
    if lead is None:
        return f"TAC seat {seat.id} created, vacant until the project names its representative"
    return f"TAC seat {seat.id} created for its technical lead, {repo.person(session, lead).name}"


def _end_project_seats(session: Session, project_id: int, on: date) -> str:
    from tac_desk.services import roster

    ended = []
    for seat in session.exec(select(SeatRow).where(SeatRow.project_id == project_id)).all():
        if seat.id is not None and seat.ends_on is None and (seat.starts_on is None or seat.starts_on <= on):
            roster.end_seat(session=session, seat_id=seat.id, on=on)
            ended.append(str(seat.id))
    return f"TAC seat {', '.join(ended)} ended" if ended else ""


def open_meeting_motion(
    *,
    session: Session,
    meeting_id: int,
    text: str,
    decision_type: str | None = None,
    agenda_item_id: int | None = None,
) -> Motion:
    """Open a motion at a meeting; on an agenda item requesting a stage for a project, it is that stage request.

    A stage request's decision type follows its stage (``decision_type`` is then not used), and the
    lifecycle's checks apply (see :func:`request_stage`).
    """
    from tac_desk.services import votes

    if agenda_item_id is not None:
        item = repo.agenda_item(session, agenda_item_id)
        if item.meeting_id == meeting_id and item.project_id is not None and item.requested_stage is not None:
            request = request_stage(
                session=session,
                project_id=item.project_id,
                stage=item.requested_stage,
                text=text,
                meeting_id=meeting_id,
                agenda_item_id=agenda_item_id,
            )
            return repo.motion(session, request.motion_id)
    return votes.open_motion(
        session=session, text=text, decision_type=decision_type, meeting_id=meeting_id, agenda_item_id=agenda_item_id
    )
