"""Lifecycle dialogs: a stage request, the Governing Board's decision, a recorded fact, a yearly review."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QPlainTextEdit, QWidget

from tac_desk.domain import lifecycle as rules
from tac_desk.domain.enums import MeetingStatus, ProjectStage
from tac_desk.domain.model import Meeting, Project
from tac_desk.domain.requirements import BADGE_LEVELS, FACTS, FactKind
from tac_desk.services import lifecycle
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import form_dialog, line_edit
from tac_desk.ui.widgets import qdate_to_date


def date_edit(value: date, name: str) -> QDateEdit:
    """A calendar date edit in ISO format."""
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


def notes_edit(name: str) -> QPlainTextEdit:
    """A short multi-line plain-text field."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().height() * 4 + 12)
    return edit


class BoardDialog(QDialog):
    """Record the Governing Board's approval (or refusal) of the request awaiting it."""

    def __init__(
        self, context: AppContext, project_id: int, name: str, *, approved: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.project_id, self.approved = context, project_id, approved
        self.saved = False
        verb = "approval" if approved else "refusal"
        form, buttons = form_dialog(
            self,
            f"Governing Board {verb}: {name}",
            f"The Governing Board's {verb}, dated the day the Board decided."
            + (
                " The project moves to its new stage on that day."
                if approved
                else " A cool-down of six months follows."
            ),
        )
        self.day = date_edit(lifecycle.today(), "Date of the Board's decision")
        self.note = line_edit("", "Note", placeholder="e.g. the Board's resolution number")
        form.addRow("&Date", self.day)
        form.addRow("&Note", self.note)
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(480)

    def save(self) -> None:
        """Record the decision; the dialog stays open when refused."""
        day, note, approved = qdate_to_date(self.day.date()), self.note.text(), self.approved
        done = self.context.write(
            lambda s: lifecycle.decide_board(
                session=s, project_id=self.project_id, on=day, approved=approved, note=note
            ),
            parent=self,
        )
        if done is not None:
            self.saved = True
            self.accept()


class FactDialog(QDialog):
    """Record a fact about a project (stars, contributing organizations, badge, ...)."""

    def __init__(self, context: AppContext, project_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.project_id = context, project_id
        self.saved = False
        form, buttons = form_dialog(
            self, f"Record a fact: {name}", "The checklist uses the latest fact of each kind known on a request's date."
        )
        self.fact = QComboBox()
        self.fact.setAccessibleName("Fact")
        for spec in FACTS:
            self.fact.addItem(spec.label, spec.key)
        self.value = QComboBox()
        self.value.setAccessibleName("Value")
        self.value.setEditable(True)
        self.day = date_edit(lifecycle.today(), "True as of")
        self.note = line_edit("", "Note", placeholder="Optional: where the figure comes from")
        form.addRow("&Fact", self.fact)
        form.addRow("&Value", self.value)
        form.addRow("&As of", self.day)
        form.addRow("&Note", self.note)
        self.fact.currentIndexChanged.connect(lambda _i: self._fill_values())
        self._fill_values()
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(480)

    def _fill_values(self) -> None:
        kind = next(spec.kind for spec in FACTS if spec.key == self.fact.currentData())
        self.value.clear()
        if kind is FactKind.FLAG:
            self.value.addItems(["yes", "no"])
        elif kind is FactKind.BADGE:
            self.value.addItems(list(BADGE_LEVELS))
        self.value.setEditable(kind is FactKind.COUNT)
        if kind is FactKind.COUNT:
            self.value.setEditText("")

    def save(self) -> None:
        """Record the fact; the dialog stays open when refused."""
        key, value = str(self.fact.currentData()), self.value.currentText()
        day, note = qdate_to_date(self.day.date()), self.note.text()
        done = self.context.write(
            lambda s: lifecycle.record_fact(
                session=s, project_id=self.project_id, key=key, value=value, as_of=day, note=note
            ),
            parent=self,
        )
        if done is not None:
            self.saved = True
            self.accept()


class ReviewDialog(QDialog):
    """Record the TAC's yearly review of a project."""

    def __init__(self, context: AppContext, project_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.project_id = context, project_id
        self.saved = False
        form, buttons = form_dialog(self, f"Record a yearly review: {name}", "The next review falls due a year later.")
        self.day = date_edit(lifecycle.today(), "Date of the review")
        self.notes = notes_edit("Review notes")
        form.addRow("&Date", self.day)
        form.addRow("N&otes", self.notes)
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(480)

    def save(self) -> None:
        """Record the review; the dialog stays open when refused."""
        day, notes = qdate_to_date(self.day.date()), self.notes.toPlainText()
        done = self.context.write(
            lambda s: lifecycle.record_review(session=s, project_id=self.project_id, on=day, notes=notes),
            parent=self,
        )
        if done is not None:
            self.saved = True
            self.accept()


class StageRequestDialog(QDialog):
    """Put a project's stage request to the vote, at a meeting or electronically."""

    def __init__(
        self,
        context: AppContext,
        project: Project,
        meetings: list[Meeting],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.project = context, project
        self.motion_id: int | None = None
        form, buttons = form_dialog(
            self,
            f"Request a stage vote: {project.name}",
            "The stage sets the vote: a majority for Sandbox and Incubation; two-thirds of the TAC and the "
            "Governing Board's approval for Graduation and Emeritus.",
        )
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage requested")
        for stage in rules.allowed_requests(project.stage):
            self.stage.addItem(rules.request_label(stage), stage.value)
        self.rule = style.muted("")
        self.rule.setWordWrap(True)
        self.where = QComboBox()
        self.where.setAccessibleName("Where the vote is held")
        today = lifecycle.today()
        upcoming = [m for m in meetings if m.status is not MeetingStatus.CANCELLED]
        for meeting in upcoming:
            self.where.addItem(f"Meeting of {meeting.starts_at:%Y-%m-%d} — {meeting.title}", meeting.id)
        self.where.addItem("Electronic vote (no meeting)", None)
        later = [i for i, m in enumerate(upcoming) if m.starts_at.date() >= today]
        self.where.setCurrentIndex(later[0] if later else self.where.count() - 1)
        self.closes = date_edit(today + timedelta(days=10), "Last day of the electronic vote")
        self.text = line_edit("", "Motion text", placeholder="Optional: the text is written for you")
        self.reason = line_edit("", "Override reason", placeholder="Only to request within a cool-down")
        form.addRow("S&tage", self.stage)
        form.addRow("", self.rule)
        form.addRow("&Where", self.where)
        form.addRow("&Closes", self.closes)
        form.addRow("&Motion", self.text)
        form.addRow("Override &reason", self.reason)
        self.stage.currentIndexChanged.connect(lambda _i: self._explain())
        self.where.currentIndexChanged.connect(lambda _i: self._explain())
        self._explain()
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(560)

    def _explain(self) -> None:
        electronic = self.where.currentData() is None
        self.closes.setEnabled(electronic)
        value = self.stage.currentData()
        if value is None:
            self.rule.setText(f"{self.project.stage.label} is final: no stage can be requested.")
            return
        vote = rules.stage_vote(ProjectStage(str(value)), electronic=electronic)
        self.rule.setText(f"Vote needed: {vote.words}.")

    def save(self) -> None:
        """Open the vote; the dialog stays open when refused (with the date it becomes possible)."""
        value, meeting_id = self.stage.currentData(), self.where.currentData()
        if value is None:
            return
        stage, text, reason = ProjectStage(str(value)), self.text.text(), self.reason.text()
        closes = qdate_to_date(self.closes.date()) if meeting_id is None else None
        done = self.context.write(
            lambda s: lifecycle.request_stage(
                session=s,
                project_id=self.project.id,
                stage=stage,
                text=text,
                meeting_id=meeting_id,
                closes_on=closes,
                override_reason=reason,
            ),
            parent=self,
        )
        if done is not None:
            self.motion_id = done.motion_id
            self.accept()
