"""The Roster view: seats and people tables, the add/edit/end dialogs, keyboard paths, plain text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from view_sample import make_context, plain_labels_only, populate, quiet_messages, show_view, table_texts

from tac_desk.domain.enums import SeatKind
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import EndSeatDialog, PersonDialog, SeatDialog
from tac_desk.ui.views.roster_view import ENDED, RosterView


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return quiet_messages(monkeypatch)


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    return make_context(tmp_path)


def roster_view(qtbot: Any, context: AppContext) -> RosterView:
    view = RosterView(context)
    show_view(qtbot, view)
    return view


def test_seats_and_people_show_plain_text(qtbot: Any, context: AppContext, told: list[str], qtmodeltester: Any) -> None:
    populate(context)
    view = roster_view(qtbot, context)
    for model in (view.seat_model, view.people_model, view.seat_proxy, view.people_proxy):
        qtmodeltester.check(model)
    organizations = table_texts(view.seat_proxy, 0)
    assert organizations[-1] == "Gone Corp"  # ended seats come last
    assert table_texts(view.seat_proxy, 6)[-1] == ENDED
    assert "<b>Bob</b>" in table_texts(view.seat_proxy, 2)
    assert "王伟" in table_texts(view.seat_proxy, 2) and "李娜" in table_texts(view.seat_proxy, 3)
    names = table_texts(view.people_proxy, 0)
    assert "<b>Bob</b>" in names and "Zoë Lefèvre" in names
    seat_of_ada = table_texts(view.people_proxy, 4)[names.index("Grace Hopper")]
    assert seat_of_ada == "Alternate · Acme AI"
    assert view.header.subtitle.text() == "9 voting seats · 1 ended · 15 people"
    assert plain_labels_only(view)
    assert told == []


def test_sorting_by_a_header_uses_the_sort_key(qtbot: Any, context: AppContext, told: list[str]) -> None:
    populate(context)
    view = roster_view(qtbot, context)
    view.seat_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    organizations = table_texts(view.seat_proxy, 0)
    assert organizations == sorted(organizations, key=str.casefold, reverse=True)


def test_add_a_person_and_a_seat_with_an_alternate(qtbot: Any, context: AppContext, told: list[str]) -> None:
    view = roster_view(qtbot, context)
    for name, org in (("<b>Bob</b>", "Ericsson"), ("Zoë Lefèvre", "Ericsson")):
        dialog = view.person_dialog()
        qtbot.addWidget(dialog)
        dialog.name.setText(name)
        dialog.organization.setText(org)
        dialog.email.setText("bob@example.org")
        dialog.zone.set_zone("Europe/Stockholm")
        dialog.save()
        assert dialog.result() == dialog.DialogCode.Accepted
    people = {p.name: p for p in context.read(repo.people)}
    assert people["<b>Bob</b>"].timezone == "Europe/Stockholm"
    assert table_texts(view.people_proxy, 0) == ["<b>Bob</b>", "Zoë Lefèvre"]

    dialog = view.seat_dialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(SeatKind.PREMIER.value))
    dialog.primary.set_person(people["<b>Bob</b>"].id)
    assert dialog.organization.text() == "Ericsson"  # suggested from the primary's organization
    dialog.alternate.set_person(people["Zoë Lefèvre"].id)
    dialog.starts.enabled.setChecked(True)
    dialog.starts.edit.setDate(QDate(2024, 1, 1))
    dialog.save()
    (seat,) = context.read(repo.seats)
    assert (seat.primary_id, seat.alternate_id) == (people["<b>Bob</b>"].id, people["Zoë Lefèvre"].id)
    assert seat.starts_on == date(2024, 1, 1) and seat.kind is SeatKind.PREMIER
    assert table_texts(view.seat_proxy, 2) == ["<b>Bob</b>"]
    assert table_texts(view.people_proxy, 4) == ["Primary · Ericsson", "Alternate · Ericsson"]
    assert told == []


def test_a_refused_seat_keeps_the_dialog_open_and_says_why(qtbot: Any, context: AppContext, told: list[str]) -> None:
    sample = populate(context)
    view = roster_view(qtbot, context)
    before = context.read(repo.seats)
    dialog = view.seat_dialog()
    qtbot.addWidget(dialog)
    dialog.organization.setText("Second seat")
    dialog.primary.set_person(sample.people["Ada Lovelace"])
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.result_id is None
    assert told == ["Ada Lovelace already holds the seat of Acme AI; a person holds one seat"]
    assert context.read(repo.seats) == before


def test_edit_a_seat_and_end_it(qtbot: Any, context: AppContext, told: list[str]) -> None:
    sample = populate(context)
    view = roster_view(qtbot, context)
    seat_id = sample.seats["Acme AI"]
    seat = context.read(lambda s: repo.seat(s, seat_id))
    dialog = SeatDialog(context, seat, view)
    qtbot.addWidget(dialog)
    assert dialog.primary.findData(None) == -1  # a filled seat is vacated by ending it, not here
    dialog.organization.setText("Acme AI Labs")
    dialog.alternate.set_person(None)
    dialog.save()
    edited = context.read(lambda s: repo.seat(s, seat_id))
    assert edited.organization == "Acme AI Labs" and edited.alternate_id is None

    ending = EndSeatDialog(context, edited, view)
    qtbot.addWidget(ending)
    last = date.today() - timedelta(days=1)
    ending.on.setDate(QDate(last.year, last.month, last.day))
    ending.save()
    assert context.read(lambda s: repo.seat(s, seat_id)).ends_on == last
    row = table_texts(view.seat_proxy, 0).index("Acme AI Labs")
    assert table_texts(view.seat_proxy, 6)[row] == ENDED
    assert told == []


def test_keyboard_delete_ends_and_enter_edits(
    qtbot: Any, context: AppContext, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = populate(context)
    view = roster_view(qtbot, context)
    monkeypatch.setattr(EndSeatDialog, "exec", lambda self: (self.save(), self.result())[1])
    opened: list[Any] = []
    monkeypatch.setattr(SeatDialog, "exec", lambda self: opened.append(self.seat) or 0)
    monkeypatch.setattr(PersonDialog, "exec", lambda self: opened.append(self.person) or 0)
    row = table_texts(view.seat_proxy, 0).index("Intel")
    view.seat_table.setFocus()
    view.seat_table.selectRow(row)
    qtbot.keyClick(view.seat_table, Qt.Key.Key_Return)
    assert opened[-1].id == sample.seats["Intel"]
    qtbot.keyClick(view.seat_table, Qt.Key.Key_Delete)
    assert context.read(lambda s: repo.seat(s, sample.seats["Intel"])).ends_on == date.today()
    view.people_table.setFocus()
    view.people_table.selectRow(0)
    qtbot.keyClick(view.people_table, Qt.Key.Key_Enter)
    assert opened[-1].name == "<b>Bob</b>"
    view.people_table.setFocus()
    qtbot.keyClick(view.people_table, Qt.Key.Key_Insert)
    assert opened[-1] is None  # Insert opens an empty "Add a person"
    assert told == []


def test_buttons_follow_the_selection(qtbot: Any, context: AppContext, told: list[str]) -> None:
    populate(context)
    view = roster_view(qtbot, context)
    view.seat_table.clearSelection()
    assert view.add_seat_button.isEnabled() and not view.edit_seat_button.isEnabled()
    view.seat_table.selectRow(0)
    assert view.edit_seat_button.isEnabled() and view.end_seat_button.isEnabled()
    assert view.add_seat_button.accessibleName() == "Add seat"
