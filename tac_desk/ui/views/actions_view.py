"""The Action items view: open items first by due date, overdue ones in the warning colour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from tac_desk.domain.enums import ActionStatus
from tac_desk.domain.model import ActionItem
from tac_desk.services import actions
from tac_desk.storage import repositories as repo
from tac_desk.ui import messages, style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.action_dialog import ActionDialog
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_button,
    make_table,
    plural,
    run_dialog,
    select_where,
    selected,
    view_layout,
)


@dataclass(frozen=True)
class ActionLine:
    """An action item with its owner's name, its meeting and how late it is."""

    item: ActionItem
    owner: str
    meeting: str
    days_late: int

    @property
    def overdue(self) -> bool:
        """True for an open item past its due date."""
        return self.days_late > 0


def action_lines(session: Any, today: date) -> list[ActionLine]:
    """Every action item, open first by due date (the repository's order)."""
    names = {p.id: p.name for p in repo.people(session)}
    meetings = {m.id: m for m in repo.meetings(session)}
    lines = []
    for item in repo.action_items(session):
        meeting = meetings.get(item.meeting_id) if item.meeting_id is not None else None
        where = ""
        if meeting is not None:
            label = f"Meeting {meeting.number}" if meeting.number is not None else meeting.title
            where = f"{label} · {meeting.starts_at.date().isoformat()}"
        late = 0
        if item.status is ActionStatus.OPEN and item.due_on is not None and item.due_on < today:
            late = (today - item.due_on).days
        lines.append(ActionLine(item, names.get(item.owner_id, "") if item.owner_id else "", where, late))
    return lines


def status_text(line: ActionLine) -> str:
    """Open, "Overdue by 3 days", Done or Dropped."""
    if line.overdue:
        return f"Overdue by {plural(line.days_late, 'day')}"
    return line.item.status.value.capitalize()


def _status_color(line: ActionLine) -> QColor | None:
    if line.overdue:
        return style.color("warn")
    return {ActionStatus.DONE: style.color("ok"), ActionStatus.DROPPED: style.color("muted")}.get(line.item.status)


def _closed_color(line: ActionLine) -> QColor | None:
    return style.color("muted") if line.item.status is not ActionStatus.OPEN else None


_STATUS_ORDER = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.DROPPED: 2}

COLUMNS: tuple[Column[ActionLine], ...] = (
    Column("Task", lambda r: " ".join(r.item.task.split()), lambda r: r.item.task.casefold(), color=_closed_color),
    Column("Owner", lambda r: r.owner or "—", lambda r: r.owner.casefold(), color=_closed_color),
    Column(
        "Due",
        lambda r: r.item.due_on.isoformat() if r.item.due_on else "—",
        lambda r: r.item.due_on.isoformat() if r.item.due_on else "9999",
        color=lambda r: style.color("warn") if r.overdue else _closed_color(r),
    ),
    Column("Status", status_text, lambda r: _STATUS_ORDER[r.item.status] * 100_000 - r.days_late, color=_status_color),
    Column("From", lambda r: r.meeting, lambda r: r.meeting.rsplit("· ", 1)[-1], color=_closed_color),
)


class ActionsView(View):
    """Action items: add, edit, mark done, drop, reopen."""

    title = "Action items"
    icon_name = "actions"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[ActionLine] = []
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        self.add_button = self.header.add_button("&Add action…", self.add_action, tip="Add an action item (Insert)")
        layout.addWidget(self.header)

        self.model: RowsModel[ActionLine] = RowsModel(COLUMNS, self)
        self.table, self.proxy = make_table(
            self.model,
            name="Action items",
            widths={1: 180, 2: 100, 3: 150, 4: 190},
            stretch=0,
            keys=(Qt.Key.Key_Delete,),
        )
        self.table.activated.connect(lambda _index: self.edit_action())
        self.table.sig_key.connect(lambda _key: self.set_status(ActionStatus.DROPPED))
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.show_closed = QCheckBox("Show &done and dropped items")
        self.show_closed.setAccessibleName("Show done and dropped items")
        self.show_closed.setChecked(True)
        self.show_closed.toggled.connect(lambda _on: self._apply_filter())
        row.addWidget(self.show_closed)
        row.addStretch(1)
        self.edit_button = make_button("&Edit…", self.edit_action, tip="Edit the selected item (Enter)")
        self.done_button = make_button(
            "Mark d&one", lambda: self.set_status(ActionStatus.DONE), tip="Mark the selected item done (Ctrl+D)"
        )
        self.drop_button = make_button(
            "D&rop", lambda: self.set_status(ActionStatus.DROPPED), tip="Drop the selected item (Delete)"
        )
        self.reopen_button = make_button("Reo&pen", lambda: self.set_status(ActionStatus.OPEN))
        for button in (self.edit_button, self.done_button, self.drop_button, self.reopen_button):
            row.addWidget(button)
        layout.addLayout(row)

        add_shortcut(self, "Ins", self.add_action)
        add_shortcut(self, "Ctrl+D", lambda: self.set_status(ActionStatus.DONE))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.setTabOrder(self.add_button, self.table)
        self.setTabOrder(self.table, self.show_closed)
        self._update_buttons()

    def refresh(self) -> None:
        """Re-read the action items; keep the selection."""
        chosen = self.selected_item()
        today = date.today()
        self.lines = self.context.read(lambda s: action_lines(s, today))
        self.model.set_rows(self.lines)
        self._apply_filter()
        if chosen is not None:
            select_where(self.table, self.proxy, self.model, lambda r: r.item.id == chosen.id)
        open_items = [line for line in self.lines if line.item.status is ActionStatus.OPEN]
        parts = [f"{len(open_items)} open"]
        overdue = sum(line.overdue for line in open_items)
        if overdue:
            parts.append(f"{overdue} overdue")
        done = sum(line.item.status is ActionStatus.DONE for line in self.lines)
        parts.append(f"{done} done")
        dropped = len(self.lines) - len(open_items) - done
        if dropped:
            parts.append(f"{dropped} dropped")
        self.header.set_subtitle(" · ".join(parts))
        self._update_buttons()

    def _apply_filter(self) -> None:
        show_all = self.show_closed.isChecked()
        self.proxy.set_predicate(None if show_all else lambda line: line.item.status is ActionStatus.OPEN)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected_item()
        writable = not self.context.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and item is not None)
        is_open = item is not None and item.status is ActionStatus.OPEN
        self.done_button.setEnabled(writable and is_open)
        self.drop_button.setEnabled(writable and is_open)
        self.reopen_button.setEnabled(writable and item is not None and not is_open)

    def selected_item(self) -> ActionItem | None:
        """The selected action item, if any."""
        line = selected(self.table, self.proxy, self.model)
        return line.item if line else None

    def action_dialog(self, item: ActionItem | None = None) -> ActionDialog:
        """The add (or edit) dialog, not yet shown."""
        return ActionDialog(self.context, item, self)

    def add_action(self) -> None:
        """Add an action item."""
        self._run(self.action_dialog())

    def edit_action(self) -> None:
        """Edit the selected action item."""
        item = self.selected_item()
        if item is not None:
            self._run(self.action_dialog(item))

    def _run(self, dialog: ActionDialog) -> None:
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            wanted = dialog.result_id
            select_where(self.table, self.proxy, self.model, lambda r: r.item.id == wanted)
            self.table.setFocus()

    def set_status(self, status: ActionStatus) -> None:
        """Mark the selected item done, dropped or open again (dropping asks first)."""
        item = self.selected_item()
        if item is None or item.status is status:
            return
        if status is ActionStatus.DROPPED and not messages.confirm(
            self, "Drop action item", f"Drop “{item.task}”? It stays in the record as dropped.", action="Drop"
        ):
            return
        item_id = item.id
        self.context.write(
            lambda s: actions.set_action_status(session=s, action_id=item_id, status=status), parent=self
        )
        self.reload()
        select_where(self.table, self.proxy, self.model, lambda r: r.item.id == item_id)
