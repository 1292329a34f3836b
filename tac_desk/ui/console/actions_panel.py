"""Action items taken at a meeting: owner, task, due; add and mark done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from tac_desk.domain.enums import ActionStatus
from tac_desk.domain.model import ActionItem, Person
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column, RowsModel


class MeetingActionsPanel(QWidget):
    """The meeting's action items."""

    sig_add = Signal()
    sig_done = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: dict[int, Person] = {}
        today = date.today()
        columns: tuple[Column[ActionItem], ...] = (
            Column("Task", lambda a: a.task),
            Column("Owner", lambda a: self.people[a.owner_id].name if a.owner_id in self.people else "—"),
            Column("Due", lambda a: a.due_on.isoformat() if a.due_on else "—"),
            Column(
                "Status",
                lambda a: a.status.value.capitalize(),
                color=lambda a: style.color(
                    "ok" if a.status is ActionStatus.DONE else "warn" if a.due_on and a.due_on < today else "muted"
                ),
            ),
        )
        self.model: RowsModel[ActionItem] = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setAccessibleName("Action items of this meeting")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("Add action &item…")
        add.setAccessibleName("Add action item")
        add.clicked.connect(self.sig_add.emit)
        done = QPushButton("Mark &done")
        done.setAccessibleName("Mark action item done")
        done.clicked.connect(self._done)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(done)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_actions(self, actions: list[ActionItem], people: dict[int, Person]) -> None:
        """Show the meeting's action items."""
        self.people = people
        self.model.set_rows(actions)

    def _done(self) -> None:
        item = self.model.row_at(self.table.currentIndex().row())
        if item is not None:
            self.sig_done.emit(item.id)
