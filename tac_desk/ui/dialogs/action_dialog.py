"""Add or edit an action item: the task, its owner and its due date."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from tac_desk.domain.model import ActionItem
from tac_desk.services import actions
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import form_dialog, line_edit
from tac_desk.ui.widgets import OptionalDate, PersonBox


class ActionDialog(QDialog):
    """Add an action item, or edit one when ``item`` is given."""

    def __init__(
        self,
        context: AppContext,
        item: ActionItem | None = None,
        parent: QWidget | None = None,
        *,
        meeting_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.item = item
        self.meeting_id = meeting_id
        self.result_id: int | None = None
        form, buttons = form_dialog(
            self, "Add an action item" if item is None else "Edit action item", "Who does what, by when."
        )
        self.task = line_edit("" if item is None else item.task, "Task", placeholder="What is to be done")
        keep_owner = item is not None and item.owner_id is not None
        self.owner = PersonBox(context.read(repo.people), allow_none=not keep_owner)
        self.owner.setAccessibleName("Owner")
        self.due = OptionalDate(None if item is None else item.due_on, label="Set")
        self.due.enabled.setAccessibleName("The item has a due date")
        self.due.edit.setAccessibleName("Due date")
        self.due.setFocusProxy(self.due.enabled)
        if item is not None:
            self.owner.set_person(item.owner_id)
            if item.due_on is not None:  # a due date can be moved, not removed
                self.due.enabled.setEnabled(False)
        form.addRow("&Task", self.task)
        form.addRow("&Owner", self.owner)
        form.addRow("&Due date", self.due)
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(500)

    def save(self) -> None:
        """Save through the actions service; the dialog stays open (with the reason shown) if refused."""
        task, owner, due = self.task.text(), self.owner.person_id(), self.due.value()
        if self.item is None:
            meeting_id = self.meeting_id
            saved = self.context.write(
                lambda s: actions.add_action(session=s, task=task, owner_id=owner, due_on=due, meeting_id=meeting_id),
                parent=self,
            )
        else:
            action_id = self.item.id
            saved = self.context.write(
                lambda s: actions.update_action(session=s, action_id=action_id, task=task, owner_id=owner, due_on=due),
                parent=self,
            )
        if saved is not None:
            self.result_id = saved.id
            self.accept()
