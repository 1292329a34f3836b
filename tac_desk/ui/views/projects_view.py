"""The Projects view: the project register as a plain list (name, stage, since, sponsor seat, lead)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.model import Project
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.project_dialog import ProjectDialog
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_table,
    plural,
    run_dialog,
    select_where,
    view_layout,
)

_STAGE_TONE = {ProjectStage.GRADUATED: "ok", ProjectStage.INCUBATION: "accent", ProjectStage.EMERITUS: "muted"}
_STAGE_ORDER = {stage: index for index, stage in enumerate(ProjectStage)}


@dataclass(frozen=True)
class ProjectLine:
    """A project with its sponsor seat's organization and its lead's name."""

    project: Project
    sponsor: str
    lead: str


def project_lines(session: Any) -> list[ProjectLine]:
    """Every project by name, with names for its sponsor seat and lead."""
    seats = {s.id: s.organization for s in repo.seats(session)}
    names = {p.id: p.name for p in repo.people(session)}
    return [
        ProjectLine(
            project,
            seats.get(project.sponsor_seat_id, "") if project.sponsor_seat_id else "",
            names.get(project.lead_id, "") if project.lead_id else "",
        )
        for project in repo.projects(session)
    ]


def _stage_color(line: ProjectLine) -> QColor | None:
    tone = _STAGE_TONE.get(line.project.stage)
    return style.color(tone) if tone else None


COLUMNS: tuple[Column[ProjectLine], ...] = (
    Column("Name", lambda r: r.project.name, lambda r: r.project.name.casefold()),
    Column("Stage", lambda r: r.project.stage.label, lambda r: _STAGE_ORDER[r.project.stage], color=_stage_color),
    Column(
        "Since",
        lambda r: r.project.stage_since.isoformat() if r.project.stage_since else "—",
        lambda r: r.project.stage_since.isoformat() if r.project.stage_since else "",
    ),
    Column("Sponsor seat", lambda r: r.sponsor or "—", lambda r: r.sponsor.casefold()),
    Column("Technical lead", lambda r: r.lead or "—", lambda r: r.lead.casefold()),
)


class ProjectsView(View):
    """The project register."""

    title = "Projects"
    icon_name = "projects"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        self.add_button = self.header.add_button("&Add project…", self.add_project, tip="Register a project (Insert)")
        layout.addWidget(self.header)
        self.model: RowsModel[ProjectLine] = RowsModel(COLUMNS, self)
        self.table, self.proxy = make_table(self.model, name="Projects", widths={0: 300, 1: 130, 2: 110, 3: 240})
        layout.addWidget(self.table, 1)
        add_shortcut(self, "Ins", self.add_project)
        self.setTabOrder(self.add_button, self.table)

    def refresh(self) -> None:
        """Re-read the register."""
        lines = self.context.read(project_lines)
        self.model.set_rows(lines)
        counts = [
            f"{sum(line.project.stage is stage for line in lines)} {stage.label.lower()}"
            for stage in ProjectStage
            if any(line.project.stage is stage for line in lines)
        ]
        self.header.set_subtitle(" · ".join([plural(len(lines), "project"), *counts]))
        self.add_button.setEnabled(not self.context.read_only)

    def project_dialog(self) -> ProjectDialog:
        """The add-project dialog, not yet shown."""
        return ProjectDialog(self.context, self)

    def add_project(self) -> None:
        """Register a project and select it."""
        dialog = self.project_dialog()
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            wanted = dialog.result_id
            select_where(self.table, self.proxy, self.model, lambda r: r.project.id == wanted)
            self.table.setFocus()
