"""The Roster view: voting seats with their primary and alternate, and the people who fill them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from tac_desk.domain.model import Person, Seat
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import EndSeatDialog, PersonDialog, SeatDialog
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_button,
    make_table,
    plural,
    run_dialog,
    section_title,
    select_where,
    selected,
    view_layout,
)

ACTIVE, VACANT, UPCOMING, ENDED = "Active", "Vacant", "Starts later", "Ended"
_STATUS_ORDER = {ACTIVE: 0, VACANT: 1, UPCOMING: 2, ENDED: 3}
_STATUS_COLOR = {ACTIVE: "ok", VACANT: "warn", UPCOMING: "accent", ENDED: "muted"}


@dataclass(frozen=True)
class SeatLine:
    """A seat as the roster table shows it."""

    seat: Seat
    primary: str
    alternate: str
    status: str


@dataclass(frozen=True)
class PersonLine:
    """A person as the people table shows it, with the seat they hold today."""

    person: Person
    seat: str


def seat_status(seat: Seat, today: date) -> str:
    """Active, vacant, starts later or ended, on ``today``."""
    if seat.ends_on is not None and seat.ends_on <= today:
        return ENDED
    if seat.starts_on is not None and seat.starts_on > today:
        return UPCOMING
    return ACTIVE if seat.primary_id is not None else VACANT


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _status_color(line: SeatLine) -> QColor:
    return style.color(_STATUS_COLOR[line.status])


SEAT_COLUMNS: tuple[Column[SeatLine], ...] = (
    Column("Organization", lambda r: r.seat.organization, lambda r: r.seat.organization.casefold()),
    Column("Kind", lambda r: r.seat.kind.label),
    Column("Primary", lambda r: r.primary or "—", lambda r: r.primary.casefold()),
    Column("Alternate", lambda r: r.alternate or "—", lambda r: r.alternate.casefold()),
    Column("Term start", lambda r: _day(r.seat.starts_on)),
    Column("Term end", lambda r: _day(r.seat.ends_on), lambda r: _day(r.seat.ends_on) or "9999"),
    Column("Status", lambda r: r.status, lambda r: _STATUS_ORDER[r.status], color=_status_color),
)

PEOPLE_COLUMNS: tuple[Column[PersonLine], ...] = (
    Column("Name", lambda r: r.person.name, lambda r: r.person.name.casefold()),
    Column("Organization", lambda r: r.person.organization, lambda r: r.person.organization.casefold()),
    Column("E-mail", lambda r: r.person.email),
    Column("Time zone", lambda r: r.person.timezone),
    Column("Seat", lambda r: r.seat or "Observer", color=lambda r: None if r.seat else style.color("muted")),
)


def roster_lines(session: Any, today: date) -> tuple[list[SeatLine], list[PersonLine]]:
    """Read the seats and people, with names and today's seat of each person."""
    people = repo.people(session)
    names = {p.id: p.name for p in people}
    seats = repo.seats(session)
    lines = [
        SeatLine(
            seat,
            names.get(seat.primary_id, "") if seat.primary_id else "",
            names.get(seat.alternate_id, "") if seat.alternate_id else "",
            seat_status(seat, today),
        )
        for seat in seats
    ]
    lines.sort(key=lambda line: (_STATUS_ORDER[line.status] == 3, line.seat.organization.casefold(), line.seat.id))
    held: dict[int, str] = {}
    for seat in seats:
        if seat.is_active_on(today):
            if seat.primary_id is not None:
                held[seat.primary_id] = f"Primary · {seat.organization}"
            if seat.alternate_id is not None:
                held[seat.alternate_id] = f"Alternate · {seat.organization}"
    return lines, [PersonLine(p, held.get(p.id, "")) for p in people]


class RosterView(View):
    """Seats (add, edit, end) and people (add, edit)."""

    title = "Roster"
    icon_name = "roster"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        layout.addWidget(self.header)

        self.seat_model: RowsModel[SeatLine] = RowsModel(SEAT_COLUMNS, self)
        self.seat_table, self.seat_proxy = make_table(
            self.seat_model,
            name="Seats",
            widths={0: 220, 1: 130, 2: 190, 3: 190, 4: 100, 5: 100},
            keys=(Qt.Key.Key_Delete,),
        )
        self.seat_table.activated.connect(lambda _index: self.edit_seat())
        self.seat_table.sig_key.connect(lambda _key: self.end_seat())
        self.add_seat_button = make_button("&Add seat…", self.add_seat, tip="Add a voting seat (Insert)")
        self.edit_seat_button = make_button("&Edit seat…", self.edit_seat, tip="Edit the selected seat (Enter)")
        self.end_seat_button = make_button("E&nd seat…", self.end_seat, tip="End the selected seat (Delete)")
        seats_box = self._section(
            "Voting seats", self.seat_table, (self.add_seat_button, self.edit_seat_button, self.end_seat_button)
        )

        self.people_model: RowsModel[PersonLine] = RowsModel(PEOPLE_COLUMNS, self)
        self.people_table, self.people_proxy = make_table(
            self.people_model, name="People", widths={0: 220, 1: 190, 2: 240, 3: 170}
        )
        self.people_table.activated.connect(lambda _index: self.edit_person())
        self.add_person_button = make_button("Add &person…", self.add_person, tip="Add a person (Insert)")
        self.edit_person_button = make_button("Edi&t person…", self.edit_person, tip="Edit the selected person (Enter)")
        people_box = self._section("People", self.people_table, (self.add_person_button, self.edit_person_button))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(seats_box)
        splitter.addWidget(people_box)
        splitter.setSizes([420, 320])
        layout.addWidget(splitter, 1)
        add_shortcut(self.seat_table, "Ins", self.add_seat).setContext(Qt.ShortcutContext.WidgetShortcut)
        add_shortcut(self.people_table, "Ins", self.add_person).setContext(Qt.ShortcutContext.WidgetShortcut)
        for table in (self.seat_table, self.people_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.setTabOrder(self.seat_table, self.add_seat_button)
        self.setTabOrder(self.add_seat_button, self.edit_seat_button)
        self.setTabOrder(self.edit_seat_button, self.end_seat_button)
        self.setTabOrder(self.end_seat_button, self.people_table)
        self.setTabOrder(self.people_table, self.add_person_button)
        self.setTabOrder(self.add_person_button, self.edit_person_button)
        self._update_buttons()

    @staticmethod
    def _section(title: str, table: QWidget, buttons: tuple[QWidget, ...]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(section_title(title))
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        column.addLayout(row)
        column.addWidget(table, 1)
        return box

    def refresh(self) -> None:
        """Re-read seats and people; keep the selection."""
        today = date.today()
        seat, person = self.selected_seat(), self.selected_person()
        seats, people = self.context.read(lambda s: roster_lines(s, today))
        self.seat_model.set_rows(seats)
        self.people_model.set_rows(people)
        if seat is not None:
            select_where(self.seat_table, self.seat_proxy, self.seat_model, lambda r: r.seat.id == seat.id)
        if person is not None:
            select_where(self.people_table, self.people_proxy, self.people_model, lambda r: r.person.id == person.id)
        voting = sum(line.status == ACTIVE for line in seats)
        parts = [plural(voting, "voting seat")]
        vacant = sum(line.status == VACANT for line in seats)
        if vacant:
            parts.append(f"{vacant} vacant")
        ended = sum(line.status == ENDED for line in seats)
        if ended:
            parts.append(f"{ended} ended")
        parts.append(plural(len(people), "person", "people"))
        self.header.set_subtitle(" · ".join(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        seat = self.selected_seat()
        writable = not self.context.read_only
        for button in (self.add_seat_button, self.add_person_button):
            button.setEnabled(writable)
        self.edit_seat_button.setEnabled(writable and seat is not None)
        self.end_seat_button.setEnabled(writable and seat is not None)
        self.edit_person_button.setEnabled(writable and self.selected_person() is not None)

    def selected_seat(self) -> Seat | None:
        """The selected seat, if any."""
        line = selected(self.seat_table, self.seat_proxy, self.seat_model)
        return line.seat if line else None

    def selected_person(self) -> Person | None:
        """The selected person, if any."""
        line = selected(self.people_table, self.people_proxy, self.people_model)
        return line.person if line else None

    # ----- dialogs ------------------------------------------------------------------------------------------
    def seat_dialog(self, seat: Seat | None = None) -> SeatDialog:
        """The add (or edit) seat dialog, not yet shown."""
        return SeatDialog(self.context, seat, self)

    def person_dialog(self, person: Person | None = None) -> PersonDialog:
        """The add (or edit) person dialog, not yet shown."""
        return PersonDialog(self.context, person, self)

    def add_seat(self) -> None:
        """Add a seat."""
        self._run_seat_dialog(self.seat_dialog())

    def edit_seat(self) -> None:
        """Edit the selected seat."""
        seat = self.selected_seat()
        if seat is not None:
            self._run_seat_dialog(self.seat_dialog(seat))

    def _run_seat_dialog(self, dialog: SeatDialog) -> None:
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            seat_id = dialog.result_id
            select_where(self.seat_table, self.seat_proxy, self.seat_model, lambda r: r.seat.id == seat_id)
            self.seat_table.setFocus()

    def end_seat(self) -> None:
        """End the selected seat."""
        seat = self.selected_seat()
        if seat is not None and run_dialog(EndSeatDialog(self.context, seat, self)):
            self.reload()

    def add_person(self) -> None:
        """Add a person."""
        self._run_person_dialog(self.person_dialog())

    def edit_person(self) -> None:
        """Edit the selected person."""
        person = self.selected_person()
        if person is not None:
            self._run_person_dialog(self.person_dialog(person))

    def _run_person_dialog(self, dialog: PersonDialog) -> None:
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            person_id = dialog.result_id
            select_where(self.people_table, self.people_proxy, self.people_model, lambda r: r.person.id == person_id)
            self.people_table.setFocus()
