"""The agenda of a meeting: add, edit, remove, reorder items; notes saved as typed."""

from __future__ import annotations

from sqlmodel import Session

from tac_desk.domain.enums import AgendaKind, ProjectStage
from tac_desk.domain.errors import InvalidInput
from tac_desk.domain.model import AgendaItem
from tac_desk.services.common import clean_text, positive
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import AgendaItemRow, MeetingRow


def add_item(
    *,
    session: Session,
    meeting_id: int,
    title: str,
    kind: AgendaKind = AgendaKind.DISCUSSION,
    presenter_id: int | None = None,
    planned_minutes: int = 0,
    notes: str = "",
    project_id: int | None = None,
    requested_stage: ProjectStage | None = None,
) -> AgendaItem:
    """Add an item at the end of a meeting's agenda."""
    repo.row(session, MeetingRow, meeting_id)
    if presenter_id is not None:
        repo.person(session, presenter_id)
    if project_id is not None:
        repo.project(session, project_id)
    items = repo.agenda(session, meeting_id)
    row = AgendaItemRow(
        meeting_id=meeting_id,
        position=(items[-1].position + 1) if items else 0,
        kind=kind.value,
        title=clean_text(title, what="the item's title", limit=500),
        presenter_id=presenter_id,
        planned_minutes=positive(planned_minutes, what="the planned minutes", allow_zero=True),
        notes=clean_text(notes, what="the notes", required=False),
        project_id=project_id,
        requested_stage=None if requested_stage is None else requested_stage.value,
    )
    session.add(row)
    session.flush()
    return repo.agenda_item(session, row.id or 0)


def update_item(
    *,
    session: Session,
    item_id: int,
    title: str | None = None,
    kind: AgendaKind | None = None,
    presenter_id: int | None = None,
    clear_presenter: bool = False,
    planned_minutes: int | None = None,
) -> AgendaItem:
    """Edit an item; what is not given stays."""
    row = repo.row(session, AgendaItemRow, item_id)
    if title is not None:
        row.title = clean_text(title, what="the item's title", limit=500)
    if kind is not None:
        row.kind = kind.value
    if presenter_id is not None:
        repo.person(session, presenter_id)
        row.presenter_id = presenter_id
    if clear_presenter:
        row.presenter_id = None
    if planned_minutes is not None:
        row.planned_minutes = positive(planned_minutes, what="the planned minutes", allow_zero=True)
    session.add(row)
    session.flush()
    return repo.agenda_item(session, item_id)


def set_notes(*, session: Session, item_id: int, notes: str) -> AgendaItem:
    """Replace an item's notes (plain text)."""
    row = repo.row(session, AgendaItemRow, item_id)
    row.notes = clean_text(notes, what="the notes", required=False)
    session.add(row)
    session.flush()
    return repo.agenda_item(session, item_id)


def remove_item(*, session: Session, item_id: int) -> None:
    """Remove an item that has no motion attached.

    Raises:
        InvalidInput: when a motion was put on this item (the vote is part of the record).
    """
    row = repo.row(session, AgendaItemRow, item_id)
    if any(m.agenda_item_id == item_id for m in repo.motions(session, meeting_id=row.meeting_id)):
        raise InvalidInput("this item carries a vote; votes are part of the record and stay")
    session.delete(row)
    session.flush()
    _renumber(session, row.meeting_id, [i.id for i in repo.agenda(session, row.meeting_id)])


def move_item(*, session: Session, item_id: int, to_position: int) -> list[AgendaItem]:
    """Move an item to a new 0-based position; the others keep their order."""
    row = repo.row(session, AgendaItemRow, item_id)
    order = [i.id for i in repo.agenda(session, row.meeting_id)]
    order.remove(item_id)
    order.insert(max(0, min(to_position, len(order))), item_id)
    _renumber(session, row.meeting_id, order)
    return repo.agenda(session, row.meeting_id)


def reorder(*, session: Session, meeting_id: int, item_ids: list[int]) -> list[AgendaItem]:
    """Put the agenda in the given order (must name every item exactly once)."""
    current = {i.id for i in repo.agenda(session, meeting_id)}
    if sorted(item_ids) != sorted(current):
        raise InvalidInput("the new order must list every agenda item of the meeting exactly once")
    _renumber(session, meeting_id, item_ids)
    return repo.agenda(session, meeting_id)


def _renumber(session: Session, meeting_id: int, order: list[int]) -> None:
    for position, item_id in enumerate(order):
        item = repo.row(session, AgendaItemRow, item_id)
        if item.position != position:
            item.position = position
            session.add(item)
    session.flush()
