"""The project register (name, stage, sponsor seat, technical lead)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Project
from tac_desk.services import lifecycle
from tac_desk.services.common import clean_text
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import ProjectRow


def add_project(
    *,
    session: Session,
    name: str,
    stage: ProjectStage = ProjectStage.SANDBOX,
    sponsor_seat_id: int | None = None,
    lead_id: int | None = None,
    since: date | None = None,
    repository_url: str = "",
    proposal_url: str = "",
) -> Project:
    """Register a project.

    Raises:
        Refused: when a project of that name exists.
    """
    clean = clean_text(name, what="the project's name", limit=200)
    if session.exec(select(ProjectRow).where(ProjectRow.name == clean)).first() is not None:
        raise Refused(f"a project named '{clean}' is already registered")
    if sponsor_seat_id is not None:
        repo.seat(session, sponsor_seat_id)
    if lead_id is not None:
        repo.person(session, lead_id)
    row = ProjectRow(
        name=clean,
        stage=stage.value,
        sponsor_seat_id=sponsor_seat_id,
        lead_id=lead_id,
        stage_since=since,
        repository_url=clean_text(repository_url, what="the repository link", required=False, limit=500),
        proposal_url=clean_text(proposal_url, what="the proposal link", required=False, limit=500),
    )
    session.add(row)
    session.flush()
    project = repo.project(session, row.id or 0)
    lifecycle.record_registration(session=session, project=project)
    return project
