"""Roll call: each voting seat primary present / alternate present / absent, one click or key per seat."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.enums import Presence
from tac_desk.domain.roll import RollCall, RollEntry
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column, RowsModel

PRIMARY_COLUMN, ALTERNATE_COLUMN, STATUS_COLUMN = 1, 2, 3


def _status_text(entry: RollEntry) -> str:
    if entry.presence is Presence.PRIMARY:
        return "✓ Present"
    if entry.presence is Presence.ALTERNATE:
        return "✓ Alternate"
    return "Absent"


def _status_color(entry: RollEntry) -> object:
    return style.color("ok") if entry.presence.is_present else style.color("muted")


ROLL_COLUMNS: tuple[Column[RollEntry], ...] = (
    Column("Seat", lambda e: e.seat.organization, tooltip=lambda e: e.seat.kind.label),
    Column("Representative", lambda e: e.primary.name if e.primary else "—"),
    Column("Alternate", lambda e: e.alternate.name if e.alternate else "—"),
    Column("Status", _status_text, color=_status_color),  # type: ignore[arg-type]
)


class RollTable(QTableView):
    """The roll table; keys P (primary), A (alternate), X or Delete (absent), Space (toggle)."""

    sig_set = Signal(int, object)  # seat id, Presence

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: roll-call keys on the selected seat."""
        entry = self._current()
        key = event.key()
        mapping = {
            Qt.Key.Key_P: Presence.PRIMARY,
            Qt.Key.Key_A: Presence.ALTERNATE,
            Qt.Key.Key_X: Presence.ABSENT,
            Qt.Key.Key_Delete: Presence.ABSENT,
            Qt.Key.Key_Backspace: Presence.ABSENT,
        }
        if entry is not None and key in mapping:
            self.sig_set.emit(entry.seat.id, mapping[key])
            return
        if entry is not None and key == Qt.Key.Key_Space:
            toggled = Presence.ABSENT if entry.presence.is_present else Presence.PRIMARY
            self.sig_set.emit(entry.seat.id, toggled)
            return
        super().keyPressEvent(event)

    def _current(self) -> RollEntry | None:
        model = self.model()
        index = self.currentIndex()
        if not isinstance(model, RowsModel) or not index.isValid():
            return None
        row = model.row_at(index.row())
        return row if isinstance(row, RollEntry) else None


class RollPanel(QWidget):
    """The roll of voting seats, with observers apart."""

    sig_presence = Signal(int, object)  # seat id, Presence
    sig_add_observer = Signal()
    sig_remove_observer = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowsModel[RollEntry] = RowsModel(ROLL_COLUMNS, self)
        self.table = RollTable()
        self.setMinimumWidth(380)
        self.table.setAccessibleName("Roll call")
        self.table.setAccessibleDescription("P: representative present, A: alternate present, X: absent")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.clicked.connect(self._clicked)
        self.table.sig_set.connect(self.sig_presence.emit)
        self.hint = style.muted("Click a name to mark who attends; keys P, A, X on the selected seat.")
        self.hint.setWordWrap(True)
        self.observers = QListWidget()
        self.observers.setAccessibleName("Observers")
        self.observers.setMaximumHeight(110)
        add = QPushButton("Add observer…")
        add.setAccessibleName("Add observer")
        add.clicked.connect(self.sig_add_observer.emit)
        remove = QPushButton("Remove")
        remove.setAccessibleName("Remove observer")
        remove.clicked.connect(self._remove_observer)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = style.heading("Roll call", size=1.1)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.observer_title = style.heading("Observers (no vote)", size=1.0)
        layout.addWidget(self.observer_title)
        layout.addWidget(self.observers)
        layout.addLayout(buttons)
        self._observer_ids: list[int] = []

    def show_roll(self, roll: RollCall | None, *, editable: bool) -> None:
        """Show a roll (keeping the selected seat)."""
        current = self.table.currentIndex().row()
        self.model.set_rows(list(roll.entries) if roll else [])
        if roll is not None and 0 <= current < len(roll.entries):
            self.table.selectRow(current)
        self.title.setText(f"Roll call — {roll.present} of {roll.seats} seats present" if roll else "Roll call")
        self.observers.clear()
        self._observer_ids = []
        for person in roll.observers if roll else ():
            self.observers.addItem(f"{person.name} ({person.organization})" if person.organization else person.name)
            self._observer_ids.append(person.id)
        self.table.setEnabled(editable)
        self.observers.setEnabled(editable)

    def _clicked(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry is None:
            return
        target = _click_target(entry, index.column())
        if target is not None:
            self.sig_presence.emit(entry.seat.id, target)

    def _remove_observer(self) -> None:
        row = self.observers.currentRow()
        if 0 <= row < len(self._observer_ids):
            self.sig_remove_observer.emit(self._observer_ids[row])


def _click_target(entry: RollEntry, column: int) -> Presence | None:
    """What a click on a cell means: the name marks that person present; again marks the seat absent."""
    if column == PRIMARY_COLUMN:
        return Presence.ABSENT if entry.presence is Presence.PRIMARY else Presence.PRIMARY
    if column == ALTERNATE_COLUMN and entry.alternate is not None:
        return Presence.ABSENT if entry.presence is Presence.ALTERNATE else Presence.ALTERNATE
    if column == STATUS_COLUMN:
        return Presence.ABSENT if entry.presence.is_present else Presence.PRIMARY
    return None
