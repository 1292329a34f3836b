"""Dialogs of the roster: add or edit a person, add or edit a seat, end a seat."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.enums import SeatKind
from tac_desk.domain.model import Person, Seat
from tac_desk.services import roster
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.widgets import OptionalDate, PersonBox, ZoneBox, qdate_to_date


def form_dialog(dialog: QDialog, title: str, intro: str = "") -> tuple[QFormLayout, QDialogButtonBox]:
    """Give ``dialog`` the house layout: an optional muted intro, a form, and OK/Cancel buttons."""
    dialog.setWindowTitle(title)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
    outer.setSpacing(style.SPACING)
    if intro:
        label = style.muted(intro)
        label.setWordWrap(True)
        outer.addWidget(label)
    form = QFormLayout()
    form.setSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    outer.addLayout(form)
    outer.addStretch(1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.rejected.connect(dialog.reject)
    outer.addWidget(buttons)
    return form, buttons


def line_edit(text: str, name: str, *, placeholder: str = "") -> QLineEdit:
    """A line edit with an accessible name."""
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class PersonDialog(QDialog):
    """Add a person, or edit one when ``person`` is given."""

    def __init__(self, context: AppContext, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person = person
        self.result_id: int | None = None
        title = "Add a person" if person is None else "Edit person"
        form, buttons = form_dialog(
            self, title, "Representatives, alternates and observers. Only the name is required."
        )
        current = person or Person(0, "")
        self.name = line_edit(current.name, "Name")
        self.organization = line_edit(current.organization, "Organization")
        self.email = line_edit(current.email, "E-mail", placeholder="name@example.org")
        self.zone = ZoneBox(current.timezone)
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText("Optional, e.g. Asia/Shanghai")
        form.addRow("&Name", self.name)
        form.addRow("&Organization", self.organization)
        form.addRow("&E-mail", self.email)
        form.addRow("&Time zone", self.zone)
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(460)

    def save(self) -> None:
        """Save through the roster service; the dialog stays open (with the reason shown) if refused."""
        fields: dict[str, Any] = {
            "name": self.name.text(),
            "organization": self.organization.text(),
            "email": self.email.text(),
            "timezone": self.zone.zone(),
        }
        if self.person is None:
            saved = self.context.write(lambda s: roster.add_person(session=s, **fields), parent=self)
        else:
            person_id = self.person.id
            saved = self.context.write(
                lambda s: roster.update_person(session=s, person_id=person_id, **fields), parent=self
            )
        if saved is not None:
            self.result_id = saved.id
            self.accept()


class SeatDialog(QDialog):
    """Add a seat, or edit one when ``seat`` is given (ending a seat is its own dialog)."""

    def __init__(self, context: AppContext, seat: Seat | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.seat = seat
        self.result_id: int | None = None
        people = context.read(repo.people)
        organizations = sorted({s.organization for s in context.read(repo.seats)} | {p.organization for p in people})
        title = "Add a seat" if seat is None else "Edit seat"
        form, buttons = form_dialog(
            self,
            title,
            "A voting seat belongs to an organization or project; its alternate votes when the primary is absent.",
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName("Seat kind")
        for kind in SeatKind:
            self.kind.addItem(kind.label, kind.value)
        self.organization = line_edit("", "Organization", placeholder="Member company or TAC project")
        completer = QCompleter([o for o in organizations if o], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.organization.setCompleter(completer)
        self.primary = PersonBox(people, allow_none=seat is None or seat.primary_id is None, none_text="— vacant —")
        self.primary.setAccessibleName("Primary representative")
        self.alternate = PersonBox(people, none_text="— no alternate —")
        self.alternate.setAccessibleName("Alternate")
        self.starts = OptionalDate(None if seat is None else seat.starts_on, label="Set")
        self.starts.enabled.setAccessibleName("Term start is set")
        self.starts.edit.setAccessibleName("Term start")
        self.starts.setFocusProxy(self.starts.enabled)
        form.addRow("&Kind", self.kind)
        form.addRow("&Organization", self.organization)
        form.addRow("&Primary", self.primary)
        form.addRow("&Alternate", self.alternate)
        form.addRow("Term s&tart", self.starts)
        self.ends: OptionalDate | None = None
        if seat is None:
            self.ends = OptionalDate(None, label="Set")
            self.ends.enabled.setAccessibleName("Term end is set")
            self.ends.edit.setAccessibleName("Term end")
            self.ends.setFocusProxy(self.ends.enabled)
            form.addRow("Term e&nd", self.ends)
        else:
            self.kind.setCurrentIndex(max(self.kind.findData(seat.kind.value), 0))
            self.organization.setText(seat.organization)
            self.primary.set_person(seat.primary_id)
            self.alternate.set_person(seat.alternate_id)
        self.primary.currentIndexChanged.connect(lambda _i: self._suggest_organization(people))
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(500)

    def _suggest_organization(self, people: list[Person]) -> None:
        if self.organization.text().strip():
            return
        chosen = next((p for p in people if p.id == self.primary.person_id()), None)
        if chosen is not None and chosen.organization:
            self.organization.setText(chosen.organization)

    def save(self) -> None:
        """Save through the roster service; the dialog stays open (with the reason shown) if refused."""
        kind = SeatKind(str(self.kind.currentData()))
        organization = self.organization.text()
        primary, alternate, starts = self.primary.person_id(), self.alternate.person_id(), self.starts.value()
        if self.seat is None:
            ends = self.ends.value() if self.ends is not None else None
            saved = self.context.write(
                lambda s: roster.add_seat(
                    session=s,
                    kind=kind,
                    organization=organization,
                    primary_id=primary,
                    alternate_id=alternate,
                    starts_on=starts,
                    ends_on=ends,
                ),
                parent=self,
            )
        else:
            seat_id = self.seat.id
            saved = self.context.write(
                lambda s: roster.update_seat(
                    session=s,
                    seat_id=seat_id,
                    kind=kind,
                    organization=organization,
                    primary_id=primary,
                    alternate_id=alternate,
                    clear_alternate=alternate is None,
                    starts_on=starts,
                ),
                parent=self,
            )
        if saved is not None:
            self.result_id = saved.id
            self.accept()


class EndSeatDialog(QDialog):
    """End a seat on a date: it stops counting for quorum from that day; history keeps it."""

    def __init__(self, context: AppContext, seat: Seat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.seat = seat
        form, buttons = form_dialog(
            self,
            "End seat",
            f"The seat of {seat.organization} stops counting for quorum and votes from this day. "
            "Meetings and votes before it keep the seat.",
        )
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setAccessibleName("End date")
        self.on.setDate(QDate.currentDate() if seat.ends_on is None else _qdate(seat.ends_on))
        form.addRow("&Ends on", self.on)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("End seat")
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(440)

    def save(self) -> None:
        """End the seat through the roster service."""
        seat_id, on = self.seat.id, qdate_to_date(self.on.date())
        if self.context.write(lambda s: roster.end_seat(session=s, seat_id=seat_id, on=on), parent=self) is not None:
            self.accept()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
