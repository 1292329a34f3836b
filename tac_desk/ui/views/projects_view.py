"""The Projects view: what needs attention, the register (stage, since, next review, flags) and a project's page."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.lifecycle import Flag, Urgency, allowed_requests, request_label
from tac_desk.services import project_pages
from tac_desk.services.project_pages import RegisterLine
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.lifecycle_dialogs import BoardDialog, FactDialog, ReviewDialog, StageRequestDialog
from tac_desk.ui.dialogs.project_dialog import ProjectDialog
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.base import View
from tac_desk.ui.views.project_page import URGENCY_TONE, ProjectPageWidget, fit_height
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_table,
    plural,
    run_dialog,
    section_title,
    select_where,
    selected,
    side_by_side,
    view_layout,
)

_STAGE_TONE = {ProjectStage.GRADUATED: "ok", ProjectStage.INCUBATION: "accent", ProjectStage.EMERITUS: "muted"}
_STAGE_ORDER = {stage: index for index, stage in enumerate(ProjectStage)}
_URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.WAITING: 1, Urgency.SOON: 2}


def _stage_color(line: RegisterLine) -> QColor | None:
    tone = _STAGE_TONE.get(line.project.stage)
    return style.color(tone) if tone else None


def flags_text(line: RegisterLine) -> str:
    """The register's flags cell: each flag's kind, then a pending request or a cool-down."""
    parts = [flag.kind.value.capitalize() for flag in line.flags]
    if line.pending is not None and not any(flag.kind.value == "awaiting board" for flag in line.flags):
        parts.append(f"Vote open: {request_label(line.pending.stage)}")
    parts += [f"Cool-down until {until.isoformat()}" for _stage, until in line.cool_downs]
    return " · ".join(parts)


def flags_words(line: RegisterLine) -> str:
    """The flags cell's tooltip: each flag's sentence, then a pending request or a cool-down."""
    words = [flag.words for flag in line.flags]
    if line.pending is not None:
        words.append(f"{request_label(line.pending.stage)} request: {line.pending.status.value}")
    words += [f"{request_label(stage)} may be requested again from {until}" for stage, until in line.cool_downs]
    return "\n".join(words)


def _flags_color(line: RegisterLine) -> QColor | None:
    if not line.flags:
        return style.color("muted") if flags_text(line) else None
    worst = min(line.flags, key=lambda flag: _URGENCY_ORDER[flag.urgency])
    return style.color(URGENCY_TONE[worst.urgency])


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else "—"


COLUMNS: tuple[Column[RegisterLine], ...] = (
    Column("Name", lambda r: r.project.name, lambda r: r.project.name.casefold()),
    Column("Stage", lambda r: r.project.stage.label, lambda r: _STAGE_ORDER[r.project.stage], color=_stage_color),
    Column("Since", lambda r: _day(r.project.stage_since), lambda r: _day(r.project.stage_since).replace("—", "")),
    Column("Next review", lambda r: _day(r.next_review), lambda r: _day(r.next_review).replace("—", "9999")),
    Column("Flags", flags_text, color=_flags_color, tooltip=lambda r: flags_words(r)),
    Column("Technical lead", lambda r: r.lead or "—", lambda r: r.lead.casefold()),
)
ATTENTION_COLUMNS: tuple[Column[Flag], ...] = (
    Column("Urgency", lambda f: f.urgency.value.capitalize(), color=lambda f: style.color(URGENCY_TONE[f.urgency])),
    Column("Project", lambda f: f.project),
    Column("Date", lambda f: f.due.isoformat()),
    Column("What needs attention", lambda f: f.words, tooltip=lambda f: f.words),
)


class ProjectsView(View):
    """The project register with the attention list and the selected project's page."""

    title = "Projects"
    icon_name = "projects"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        self.request_button = self.header.add_button(
            "Request &stage vote…", self.request_stage, tip="Put a stage request to the vote"
        )
        self.fact_button = self.header.add_button("Record &fact…", self.record_fact, tip="Stars, organizations, badge…")
        self.review_button = self.header.add_button("Record re&view…", self.record_review, tip="The yearly review")
        self.add_button = self.header.add_button("&Add project…", self.add_project, tip="Register a project (Insert)")
        layout.addWidget(self.header)
        self.attention_title = section_title("Needs attention")
        layout.addWidget(self.attention_title)
        self.attention: RowsModel[Flag] = RowsModel(ATTENTION_COLUMNS, self)
        self.attention_table, self.attention_proxy = make_table(
            self.attention, name="Needs attention", widths={0: 90, 1: 180, 2: 100}, stretch=3
        )
        self.attention_table.setSortingEnabled(False)
        self.attention.modelReset.connect(lambda: fit_height(self.attention_table, at_most=5))
        layout.addWidget(self.attention_table)
        self.model: RowsModel[RegisterLine] = RowsModel(COLUMNS, self)
        self.table, self.proxy = make_table(
            self.model, name="Projects", widths={0: 130, 1: 86, 2: 88, 3: 92, 5: 130}, stretch=4
        )
        self.page = ProjectPageWidget()
        self.page.setMinimumWidth(420)
        layout.addWidget(side_by_side(self.table, self.page, sizes=(700, 540), stretch=(3, 2)), 1)
        add_shortcut(self, "Ins", self.add_project)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.attention_table.selectionModel().selectionChanged.connect(lambda *_: self._follow_attention())
        self.page.sig_board.connect(self.board_decision)
        self.setTabOrder(self.add_button, self.attention_table)
        self.setTabOrder(self.attention_table, self.table)

    def refresh(self) -> None:
        """Re-read the register, the attention list and the selected project's page."""
        chosen = self.selected_line()
        lines = self.context.read(lambda s: project_pages.register(session=s))
        self.model.set_rows(lines)
        flags = sorted((flag for line in lines for flag in line.flags), key=Flag.sort_key)
        self.attention.set_rows(flags)
        self.attention_title.setText(f"Needs attention ({len(flags)})" if flags else "Needs attention: nothing")
        self.attention_table.setVisible(bool(flags))
        counts = [
            f"{sum(line.project.stage is stage for line in lines)} {stage.label.lower()}"
            for stage in ProjectStage
            if any(line.project.stage is stage for line in lines)
        ]
        self.header.set_subtitle(" · ".join([plural(len(lines), "project"), *counts]))
        self.add_button.setEnabled(not self.context.read_only)
        wanted = chosen.project.id if chosen is not None else None
        if not select_where(self.table, self.proxy, self.model, lambda r: wanted in (None, r.project.id)):
            self.show_selected()

    def selected_line(self) -> RegisterLine | None:
        """The selected project's register line, if any."""
        return selected(self.table, self.proxy, self.model)

    def show_selected(self) -> None:
        """Show the selected project's page."""
        line = self.selected_line()
        enabled = line is not None and not self.context.read_only
        self.fact_button.setEnabled(enabled)
        self.review_button.setEnabled(enabled)
        self.request_button.setEnabled(enabled and line is not None and bool(allowed_requests(line.project.stage)))
        if line is None:
            self.page.clear("Select a project to see its page." if self.model.rowCount() else "No projects yet.")
            return
        page = self.context.read(lambda s: project_pages.project_page(session=s, project_id=line.project.id))
        self.page.show_page(page, read_only=self.context.read_only)

    def select_project(self, project_id: int) -> bool:
        """Select a project in the register."""
        return select_where(self.table, self.proxy, self.model, lambda r: r.project.id == project_id)

    def _follow_attention(self) -> None:
        flag = selected(self.attention_table, self.attention_proxy, self.attention)
        if flag is not None:
            self.select_project(flag.project_id)

    def project_dialog(self) -> ProjectDialog:
        """The add-project dialog, not yet shown."""
        return ProjectDialog(self.context, self)

    def add_project(self) -> None:
        """Register a project and select it."""
        dialog = self.project_dialog()
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            self.select_project(dialog.result_id)
            self.table.setFocus()

    def board_dialog(self, project_id: int, approved: bool) -> BoardDialog:
        """The Governing Board dialog for a project, not yet shown."""
        name = next((r.project.name for r in self.model.rows() if r.project.id == project_id), "")
        return BoardDialog(self.context, project_id, name, approved=approved, parent=self)

    def board_decision(self, project_id: int, approved: bool) -> None:
        """Record the Governing Board's decision on the project's pending request."""
        if run_dialog(self.board_dialog(project_id, approved)):
            self.reload()

    def record_fact(self) -> None:
        """Record a fact about the selected project."""
        line = self.selected_line()
        if line is not None and run_dialog(FactDialog(self.context, line.project.id, line.project.name, self)):
            self.reload()

    def record_review(self) -> None:
        """Record the selected project's yearly review."""
        line = self.selected_line()
        if line is not None and run_dialog(ReviewDialog(self.context, line.project.id, line.project.name, self)):
            self.reload()

    def request_dialog(self) -> StageRequestDialog | None:
        """The stage-request dialog for the selected project, not yet shown."""
        line = self.selected_line()
        if line is None:
            return None
        meetings = self.context.read(repo.meetings)
        return StageRequestDialog(self.context, line.project, meetings, self)

    def request_stage(self) -> None:
        """Put the selected project's stage request to the vote."""
        dialog = self.request_dialog()
        if dialog is not None and run_dialog(dialog):
            self.reload()
