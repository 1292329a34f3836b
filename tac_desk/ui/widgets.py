"""Small reusable input widgets: a searchable time-zone box, a person picker, a date edit with "none"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QDateEdit, QHBoxLayout, QWidget

from tac_desk.domain.model import Person
from tac_desk.domain.schedule import all_zone_names


class ZoneBox(QComboBox):
    """An editable, searchable list of IANA time zones."""

    def __init__(self, current: str = "UTC", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setAccessibleName("Time zone")
        self.addItems(all_zone_names())
        completer = QCompleter(all_zone_names(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.set_zone(current)

    def zone(self) -> str:
        """The chosen zone name (validated by the service that uses it)."""
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        """Select ``name``."""
        index = self.findText(name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


class PersonBox(QComboBox):
    """Choose a person (or nobody, when allowed)."""

    def __init__(self, people: list[Person], *, allow_none: bool = True, none_text: str = "— nobody —") -> None:
        super().__init__()
        self.setAccessibleName("Person")
        if allow_none:
            self.addItem(none_text, None)
        for person in people:
            label = f"{person.name} ({person.organization})" if person.organization else person.name
            self.addItem(label, person.id)
        self.setEditable(False)

    def person_id(self) -> int | None:
        """The chosen person's id, or None."""
        value = self.currentData()
        return int(value) if value is not None else None

    def set_person(self, person_id: int | None) -> None:
        """Select a person by id."""
        index = self.findData(person_id)
        self.setCurrentIndex(max(index, 0))


class OptionalDate(QWidget):
    """A date that may be left empty."""

    def __init__(self, value: date | None = None, *, label: str = "Set", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate() if value is None else QDate(value.year, value.month, value.day))
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        """The date, or None when not set."""
        if not self.enabled.isChecked():
            return None
        return qdate_to_date(self.edit.date())


def qdate_to_date(value: QDate) -> date:
    """Convert a QDate."""
    return date(value.year(), value.month(), value.day())
