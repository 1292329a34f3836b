"""The Action items view: open first by due date, overdue in the warning colour, add/edit/done/drop/reopen."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from view_sample import Sample, make_context, plain_labels_only, populate, quiet_messages, show_view, table_texts

from tac_desk.domain.enums import ActionStatus
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.action_dialog import ActionDialog
from tac_desk.ui.views.actions_view import ActionsView

TASK, OWNER, DUE, STATUS = 0, 1, 2, 3


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return quiet_messages(monkeypatch)


@pytest.fixture
def record(tmp_path: Path) -> tuple[AppContext, Sample]:
    context = make_context(tmp_path)
    return context, populate(context)


def actions_view(qtbot: Any, context: AppContext) -> ActionsView:
    view = ActionsView(context)
    show_view(qtbot, view)
    return view


def select_task(view: ActionsView, task: str) -> None:
    view.table.setFocus()
    view.table.selectRow(table_texts(view.proxy, TASK).index(task))


def item_status(context: AppContext, task: str) -> ActionStatus:
    return next(a.status for a in context.read(repo.action_items) if a.task == task)


def test_open_items_first_by_due_date_and_overdue_in_warning_colour(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str], qtmodeltester: Any
) -> None:
    context, _ = record
    view = actions_view(qtbot, context)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert table_texts(view.proxy, TASK) == [
        "Send the release policy draft",
        "Invite the Angel maintainers",
        "Book the summit room",
    ]
    assert table_texts(view.proxy, STATUS) == ["Overdue by 5 days", "Open", "Done"]
    assert table_texts(view.proxy, OWNER)[1] == "王伟"
    warn = style.color("warn")
    assert view.proxy.index(0, DUE).data(Qt.ItemDataRole.ForegroundRole).color() == warn
    assert view.proxy.index(1, DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert table_texts(view.proxy, 4)[0].startswith("Meeting 3 · ")
    assert view.header.subtitle.text() == "2 open · 1 overdue · 1 done"
    assert plain_labels_only(view)
    view.show_closed.setChecked(False)
    assert table_texts(view.proxy, STATUS) == ["Overdue by 5 days", "Open"]


def test_add_and_edit_an_action_item(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, sample = record
    view = actions_view(qtbot, context)
    dialog = view.action_dialog()
    qtbot.addWidget(dialog)
    dialog.task.setText("Draft the <b>charter</b> change")
    dialog.owner.set_person(sample.people["<b>Bob</b>"])
    due = date.today() + timedelta(days=3)
    dialog.due.enabled.setChecked(True)
    dialog.due.edit.setDate(QDate(due.year, due.month, due.day))
    dialog.save()
    added = next(a for a in context.read(repo.action_items) if a.task == "Draft the <b>charter</b> change")
    assert (added.owner_id, added.due_on, added.status) == (sample.people["<b>Bob</b>"], due, ActionStatus.OPEN)
    row = table_texts(view.proxy, TASK).index("Draft the <b>charter</b> change")
    assert table_texts(view.proxy, OWNER)[row] == "<b>Bob</b>"

    edit = ActionDialog(context, added, view)
    qtbot.addWidget(edit)
    assert edit.owner.findData(None) == -1 and not edit.due.enabled.isEnabled()
    edit.task.setText("Draft the charter change")
    edit.owner.set_person(sample.people["Zoë Lefèvre"])
    edit.save()
    edited = next(a for a in context.read(repo.action_items) if a.id == added.id)
    assert (edited.task, edited.owner_id, edited.due_on) == (
        "Draft the charter change",
        sample.people["Zoë Lefèvre"],
        due,
    )
    assert told == []


def test_an_empty_task_is_refused(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, _ = record
    view = actions_view(qtbot, context)
    dialog = view.action_dialog()
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.result_id is None and told == ["the task cannot be empty"]
    assert len(context.read(repo.action_items)) == 3


def test_done_drop_and_reopen_from_buttons_and_keys(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str]
) -> None:
    context, _ = record
    view = actions_view(qtbot, context)
    select_task(view, "Invite the Angel maintainers")
    assert view.done_button.isEnabled() and not view.reopen_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert item_status(context, "Invite the Angel maintainers") is ActionStatus.DONE
    assert view.selected_item() is not None and view.reopen_button.isEnabled()
    view.reopen_button.click()
    assert item_status(context, "Invite the Angel maintainers") is ActionStatus.OPEN
    select_task(view, "Send the release policy draft")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert told[-1] == "Drop “Send the release policy draft”? It stays in the record as dropped."
    assert item_status(context, "Send the release policy draft") is ActionStatus.DROPPED
    assert view.header.subtitle.text() == "1 open · 1 done · 1 dropped"
    assert table_texts(view.proxy, STATUS)[-1] == "Dropped"


def test_enter_edits_and_insert_adds(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    context, _ = record
    view = actions_view(qtbot, context)
    opened: list[Any] = []
    monkeypatch.setattr(ActionDialog, "exec", lambda self: opened.append(self.item) or 0)
    select_task(view, "Book the summit room")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened[-1].task == "Book the summit room"
    qtbot.keyClick(view.table, Qt.Key.Key_Insert)
    assert opened[-1] is None
