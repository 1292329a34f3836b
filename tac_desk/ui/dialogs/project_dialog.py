"""Register a project: name, stage, since when, sponsor seat, technical lead, links."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from tac_desk.domain.enums import ProjectStage
from tac_desk.services import projects
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import form_dialog, line_edit
from tac_desk.ui.widgets import OptionalDate, PersonBox


class ProjectDialog(QDialog):
    """Add a project to the register."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result_id: int | None = None
        form, buttons = form_dialog(
            self, "Add a project", "A project hosted by the foundation; its stage moves by TAC vote."
        )
        self.name = line_edit("", "Project name")
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage")
        for stage in ProjectStage:
            self.stage.addItem(stage.label, stage.value)
        self.since = OptionalDate(date.today(), label="Set")
        self.since.enabled.setAccessibleName("The stage has a start date")
        self.since.edit.setAccessibleName("In this stage since")
        self.since.setFocusProxy(self.since.enabled)
        self.sponsor = QComboBox()
        self.sponsor.setAccessibleName("Sponsor seat")
        self.sponsor.addItem("— no sponsor —", None)
        today = date.today()
        for seat in context.read(repo.seats):
            if seat.is_active_on(today):
                self.sponsor.addItem(seat.organization, seat.id)
        self.lead = PersonBox(context.read(repo.people))
        self.lead.setAccessibleName("Technical lead")
        self.repository = line_edit("", "Repository link", placeholder="https://github.com/…")
        self.proposal = line_edit("", "Proposal link", placeholder="Optional")
        form.addRow("&Name", self.name)
        form.addRow("S&tage", self.stage)
        form.addRow("Sinc&e", self.since)
        form.addRow("S&ponsor seat", self.sponsor)
        form.addRow("Technical &lead", self.lead)
        form.addRow("&Repository", self.repository)
        form.addRow("Pr&oposal", self.proposal)
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(520)

    def save(self) -> None:
        """Register the project through the projects service; the dialog stays open if refused."""
        name, stage = self.name.text(), ProjectStage(str(self.stage.currentData()))
        since, lead = self.since.value(), self.lead.person_id()
        sponsor = self.sponsor.currentData()
        sponsor_id = None if sponsor is None else int(sponsor)
        repository, proposal = self.repository.text(), self.proposal.text()
        saved = self.context.write(
            lambda s: projects.add_project(
                session=s,
                name=name,
                stage=stage,
                sponsor_seat_id=sponsor_id,
                lead_id=lead,
                since=since,
                repository_url=repository,
                proposal_url=proposal,
            ),
            parent=self,
        )
        if saved is not None:
            self.result_id = saved.id
            self.accept()
