"""The agenda: items in order (drag or Ctrl+Up/Down to reorder), planned minutes, notes saved as typed."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.model import AgendaItem, Person
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column, RowsModel

MIME = "application/x-tac-desk-agenda-rows"
NOTES_DELAY_MS = 600


class AgendaModel(RowsModel[AgendaItem]):
    """Agenda rows; dropping rows asks for a new order (the service does the reordering)."""

    sig_reorder = Signal(list)  # item ids in the new order

    def __init__(self, people: dict[int, Person], parent: QWidget | None = None) -> None:
        self.people = people
        columns: tuple[Column[AgendaItem], ...] = (
            Column("#", lambda i: str(i.position + 1), sort_key=lambda i: i.position, align_right=True),
            Column("Item", lambda i: i.title),
            Column("Kind", lambda i: i.kind.label),
            Column("Presenter", lambda i: self.people[i.presenter_id].name if i.presenter_id in self.people else ""),
            Column("Min", lambda i: str(i.planned_minutes) if i.planned_minutes else "", align_right=True),
        )
        super().__init__(columns, parent)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Qt: rows can be dragged; drops land between rows."""
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        """Qt: moves only."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Qt: our private row format."""
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        """Qt: the dragged item ids."""
        ids = sorted({self.rows()[i.row()].id for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def dropMimeData(  # type: ignore[override]
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex
    ) -> bool:
        """Qt: compute the new order and ask for it; the view reloads from the record."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        moved = json.loads(bytes(data.data(MIME).data()).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.rows()))
        order = [i.id for i in self.rows()]
        before = sum(1 for item_id in order[:target] if item_id in moved)
        remaining = [item_id for item_id in order if item_id not in moved]
        insert_at = max(0, target - before)
        new_order = remaining[:insert_at] + moved + remaining[insert_at:]
        if new_order != order:
            self.sig_reorder.emit(new_order)
        return False  # the record is the source of truth: the view reloads


class AgendaTable(QTableView):
    """Agenda table with Ctrl+Up / Ctrl+Down to move the selected item."""

    sig_move = Signal(int, int)  # item id, new position

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: keyboard reordering."""
        model = self.model()
        index = self.currentIndex()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and isinstance(model, RowsModel):
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            item = model.row_at(index.row()) if index.isValid() else None
            if step is not None and isinstance(item, AgendaItem):
                self.sig_move.emit(item.id, max(0, index.row() + step))
                return
        super().keyPressEvent(event)


class AgendaPanel(QWidget):
    """Agenda items, their running time against the meeting length, and notes for the selected item."""

    sig_add = Signal()
    sig_edit = Signal(int)
    sig_remove = Signal(int)
    sig_move = Signal(int, int)
    sig_reorder = Signal(list)
    sig_notes = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AgendaModel({}, self)
        self.model.sig_reorder.connect(self.sig_reorder.emit)
        self.table = AgendaTable()
        self.table.setAccessibleName("Agenda")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.sig_move.connect(self.sig_move.emit)
        self.table.doubleClicked.connect(lambda index: self._emit_for_selected(self.sig_edit))
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.total = style.muted("")
        self.add_button = QPushButton("&Add item…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("↑")
        self.down_button = QPushButton("↓")
        for button, name in (
            (self.add_button, "Add agenda item"),
            (self.edit_button, "Edit agenda item"),
            (self.remove_button, "Remove agenda item"),
            (self.up_button, "Move item up (Ctrl+Up)"),
            (self.down_button, "Move item down (Ctrl+Down)"),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(36)
        self.add_button.clicked.connect(self.sig_add.emit)
        self.edit_button.clicked.connect(lambda: self._emit_for_selected(self.sig_edit))
        self.remove_button.clicked.connect(lambda: self._emit_for_selected(self.sig_remove))
        self.up_button.clicked.connect(lambda: self._move_selected(-1))
        self.down_button.clicked.connect(lambda: self._move_selected(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.notes_title = style.heading("Notes", size=1.0)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes for the selected agenda item")
        self.notes.setPlaceholderText("Notes for the selected item — saved as you type.")
        self.notes_timer = QTimer(self)
        self.notes_timer.setSingleShot(True)
        self.notes_timer.setInterval(NOTES_DELAY_MS)
        self.notes_timer.timeout.connect(self.flush_notes)
        self.notes.textChanged.connect(self._notes_edited)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(style.heading("Agenda", size=1.0))
        title_row.addStretch(1)
        title_row.addWidget(self.total)
        top_layout.addLayout(title_row)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.notes_title)
        bottom_layout.addWidget(self.notes, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._notes_item: int | None = None
        self._notes_pending = False
        self._loading = False

    def show_agenda(self, items: list[AgendaItem], people: dict[int, Person], meeting_minutes: int) -> None:
        """Show the agenda, keeping the selected item."""
        self.flush_notes()
        selected = self.selected_item()
        self.model.people = people
        self.model.set_rows(items)
        planned = sum(i.planned_minutes for i in items)
        over = planned > meeting_minutes
        self.total.setText(f"Planned {planned} of {meeting_minutes} min" + (" — over time" if over else ""))
        self.total.setStyleSheet(f"color: {style.color('warn' if over else 'muted').name()};")
        row = next((n for n, i in enumerate(items) if selected and i.id == selected.id), 0 if items else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def selected_item(self) -> AgendaItem | None:
        """The selected agenda item."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _emit_for_selected(self, signal: Signal) -> None:  # type: ignore[type-arg]
        item = self.selected_item()
        if item is not None:
            signal.emit(item.id)  # type: ignore[attr-defined]

    def _move_selected(self, step: int) -> None:
        item = self.selected_item()
        if item is not None:
            self.sig_move.emit(item.id, max(0, self.table.currentIndex().row() + step))

    def _selection_changed(self, *_: object) -> None:
        self.flush_notes()
        item = self.selected_item()
        self._loading = True
        self._notes_item = item.id if item else None
        if item is None:
            self.notes.setPlainText("")
            self.notes_title.setText("Notes")
        elif self.notes.toPlainText() != item.notes:
            self.notes.setPlainText(item.notes)
        if item is not None:
            self.notes_title.setText(f"Notes — {item.title}")
        self.notes.setEnabled(item is not None)
        self._loading = False

    def _notes_edited(self) -> None:
        if not self._loading and self._notes_item is not None:
            self._notes_pending = True
            self.notes_timer.start()

    def flush_notes(self) -> None:
        """Save pending notes now (called on a timer, on selection change and before reloads)."""
        self.notes_timer.stop()
        if self._notes_pending and self._notes_item is not None:
            self._notes_pending = False
            self.sig_notes.emit(self._notes_item, self.notes.toPlainText())
