"""Action items: owner, task, due date, status."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from tac_desk.domain.enums import ActionStatus
from tac_desk.domain.model import ActionItem
from tac_desk.services.common import clean_text
from tac_desk.storage import convert
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import ActionItemRow, MeetingRow


def add_action(
    *,
    session: Session,
    task: str,
    owner_id: int | None = None,
    due_on: date | None = None,
    meeting_id: int | None = None,
) -> ActionItem:
    """Record an action item, usually taken at a meeting."""
    if owner_id is not None:
        repo.person(session, owner_id)
    if meeting_id is not None:
        repo.row(session, MeetingRow, meeting_id)
    row = ActionItemRow(
        task=clean_text(task, what="the task", limit=2000), owner_id=owner_id, due_on=due_on, meeting_id=meeting_id
    )
    session.add(row)
    session.flush()
    return convert.action_item(row)


def set_action_status(*, session: Session, action_id: int, status: ActionStatus) -> ActionItem:
    """Mark an action item open, done or dropped."""
    row = repo.row(session, ActionItemRow, action_id)
    row.status = status.value
    session.add(row)
    session.flush()
    return convert.action_item(row)


def update_action(
    *,
    session: Session,
    action_id: int,
    task: str | None = None,
    owner_id: int | None = None,
    due_on: date | None = None,
) -> ActionItem:
    """Edit an action item; what is not given stays."""
    row = repo.row(session, ActionItemRow, action_id)
    if task is not None:
        row.task = clean_text(task, what="the task", limit=2000)
    if owner_id is not None:
        repo.person(session, owner_id)
        row.owner_id = owner_id
    if due_on is not None:
        row.due_on = due_on
    session.add(row)
    session.flush()
    return convert.action_item(row)
