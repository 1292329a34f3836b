"""Small dialogs of the meeting console: move a meeting, agenda item, motion, observer."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from tac_desk.domain.enums import AgendaKind, ProjectStage
from tac_desk.domain.model import AgendaItem, DecisionType, Meeting, Person, Project
from tac_desk.ui.widgets import PersonBox


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MoveMeetingDialog(QDialog):
    """Move one meeting to another local time in its own zone."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move meeting")
        start = meeting.starts_at
        self.when = QDateTimeEdit(QDateTime(start.year, start.month, start.day, start.hour, start.minute))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName("New start")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(meeting.duration_minutes)
        self.minutes.setSuffix(" min")
        form = QFormLayout(self)
        form.addRow(f"New start ({meeting.timezone})", self.when)
        form.addRow("Duration", self.minutes)
        form.addRow(_buttons(self, "Move"))

    def new_start(self) -> datetime:
        """The chosen local start."""
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class AgendaItemDialog(QDialog):
    """Add or edit an agenda item."""

    def __init__(
        self,
        people: list[Person],
        projects: list[Project],
        item: AgendaItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit agenda item" if item else "Add agenda item")
        self.title = QLineEdit(item.title if item else "")
        self.title.setAccessibleName("Title")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind in AgendaKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(item.kind if item else AgendaKind.DISCUSSION))
        self.presenter = PersonBox(people)
        self.presenter.set_person(item.presenter_id if item else None)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(item.planned_minutes if item else 10)
        self.minutes.setAccessibleName("Planned minutes")
        self.project = QComboBox()
        self.project.setAccessibleName("Project")
        self.project.addItem("— none —", None)
        for project in projects:
            self.project.addItem(project.name, project.id)
        self.project.setCurrentIndex(max(0, self.project.findData(item.project_id if item else None)))
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage requested")
        self.stage.addItem("— none —", None)
        for stage in ProjectStage:
            if stage is not ProjectStage.PROPOSED:  # a stage is requested; "proposed" is where a request starts
                self.stage.addItem(stage.label, stage)
        self.stage.setCurrentIndex(max(0, self.stage.findData(item.requested_stage if item else None)))
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        form.addRow("Presenter", self.presenter)
        form.addRow("Planned", self.minutes)
        form.addRow("Project", self.project)
        form.addRow("Stage requested", self.stage)
        form.addRow(_buttons(self, "Save" if item else "Add"))
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, object]:
        """Keyword arguments for services.agenda.add_item / update_item."""
        return {
            "title": self.title.text(),
            "kind": AgendaKind(self.kind.currentData()),
            "presenter_id": self.presenter.person_id(),
            "planned_minutes": self.minutes.value(),
            "project_id": self.project.currentData(),
            "requested_stage": None if self.stage.currentData() is None else ProjectStage(self.stage.currentData()),
        }


class MotionDialog(QDialog):
    """Put a motion to the vote: its text, decision type, and the agenda item it belongs to."""

    def __init__(
        self,
        decision_types: tuple[DecisionType, ...],
        agenda: list[AgendaItem],
        *,
        selected_item: int | None = None,
        default_type: str = "meeting",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New motion")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Motion text")
        self.text.setPlaceholderText("Resolved, that …")
        self.text.setTabChangesFocus(True)
        self.decision = QComboBox()
        self.decision.setAccessibleName("Decision type")
        for kind in decision_types:
            self.decision.addItem(f"{kind.label} — {kind.rule.words()}", kind.key)
        self.decision.setCurrentIndex(max(0, self.decision.findData(default_type)))
        self.item = QComboBox()
        self.item.setAccessibleName("Agenda item")
        self.item.addItem("— no agenda item —", None)
        for entry in agenda:
            self.item.addItem(f"{entry.position + 1}. {entry.title}", entry.id)
        self.item.setCurrentIndex(max(0, self.item.findData(selected_item)))
        form = QFormLayout(self)
        form.addRow("Motion", self.text)
        form.addRow("Decision", self.decision)
        form.addRow("Agenda item", self.item)
        form.addRow(_buttons(self, "Open the vote"))
        self.resize(600, 320)

    def values(self) -> dict[str, object]:
        """Keyword arguments for services.votes.open_motion."""
        return {
            "text": self.text.toPlainText(),
            "decision_type": self.decision.currentData(),
            "agenda_item_id": self.item.currentData(),
        }


class ObserverDialog(QDialog):
    """Choose a person attending as an observer."""

    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add observer")
        self.person = PersonBox(people, allow_none=False)
        form = QFormLayout(self)
        form.addRow("Observer", self.person)
        form.addRow(_buttons(self, "Add"))


class CorrectionDialog(QDialog):
    """Correct one seat's ballot after the vote closed: the new choice and the reason, both kept in the record."""

    def __init__(self, seat: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from tac_desk.domain.enums import Choice

        self.setWindowTitle("Correct a ballot")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Corrected ballot")
        for choice in Choice:
            if choice.value != current:
                self.choice.addItem(choice.value.capitalize(), choice.value)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("e.g. the representative's vote was misheard; confirmed by e-mail")
        form = QFormLayout(self)
        form.addRow("Seat", QLineEdit(seat, readOnly=True))
        form.addRow("Recorded", QLineEdit(current.capitalize(), readOnly=True))
        form.addRow("Correct to", self.choice)
        form.addRow("Reason", self.reason)
        form.addRow(_buttons(self, "Record correction"))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, object]:
        """Keyword arguments for services.corrections.correct_ballot (without the ballot id)."""
        from tac_desk.domain.enums import Choice

        return {"choice": Choice(self.choice.currentData()), "reason": self.reason.text()}
