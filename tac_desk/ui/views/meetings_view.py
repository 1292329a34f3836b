"""Meetings: upcoming and past on the left, the selected meeting's console on the right."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.enums import MeetingStatus
from tac_desk.domain.model import Meeting
from tac_desk.ui import style
from tac_desk.ui.console.console import MeetingConsole
from tac_desk.ui.console.header import status_text, user_zone_name
from tac_desk.ui.context import AppContext
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import side_by_side

FILTERS = ("Upcoming", "Past", "All")


@cache
def _user_zone() -> ZoneInfo | None:
    try:
        return ZoneInfo(user_zone_name())
    except (KeyError, ValueError, OSError):
        return None


def _your_time(meeting: Meeting) -> str:
    zone = _user_zone()
    if zone is None:
        return ""
    try:
        local = meeting.starts_at.astimezone(zone)
    except (KeyError, ValueError, OSError):
        return ""
    if local.date() != meeting.starts_at.date():
        return f"{local:%a %-d, %H:%M %Z}"
    return f"{local:%H:%M %Z}"


def _status(meeting: Meeting) -> str:
    return status_text(meeting, datetime.now(UTC))[0]


MEETING_COLUMNS: tuple[Column[Meeting], ...] = (
    Column("#", lambda m: str(m.number or ""), sort_key=lambda m: m.starts_at.timestamp(), align_right=True),
    Column(
        "Meeting time",
        lambda m: f"{m.starts_at:%-d %b %Y %H:%M}",  # in the meeting's own zone, named in the tooltip and header
        sort_key=lambda m: m.starts_at.timestamp(),
        tooltip=lambda m: f"{m.starts_at:%A %-d %B %Y, %H:%M %Z} ({m.timezone})",
    ),
    Column("Your time", _your_time, sort_key=lambda m: m.starts_at.timestamp()),
    Column(
        "Status",
        _status,
        color=lambda m: style.color(status_text(m, datetime.now(UTC))[1]),
    ),
)


class MeetingsView(View):
    """The list of meetings and the meeting console."""

    title = "Meetings"
    icon_name = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowsModel[Meeting] = RowsModel(MEETING_COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Meetings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show meetings")
        self.filter.addItems(FILTERS)
        self.filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.schedule_button = QPushButton("&Schedule series…")
        self.schedule_button.setAccessibleName("Schedule series")
        self.schedule_button.clicked.connect(self.schedule_series)
        self.subtitle = style.muted("")
        top = QHBoxLayout()
        top.addWidget(style.heading("Meetings"))
        top.addStretch(1)
        top.addWidget(self.filter)
        left = QWidget()
        left.setMaximumWidth(400)
        left.setMinimumWidth(325)  # every column of the list, "Cancelled" included, at 1440 pixels
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(style.MARGIN, style.MARGIN, 0, style.MARGIN)
        left_layout.addLayout(top)
        left_layout.addWidget(self.subtitle)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.schedule_button)
        self.console = MeetingConsole(context)
        splitter = side_by_side(left, self.console, sizes=(385, 1015), stretch=(0, 1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._all: list[Meeting] = []

    def refresh(self) -> None:
        """Re-read the meetings; keep the selection (or pick the next meeting)."""
        from tac_desk.storage import repositories as repo

        self._all = self.context.read(repo.meetings)
        self._show_list()
        selected = self.console.meeting_id
        shown = self.model.rows()
        ids = [m.id for m in shown]
        if selected in ids:
            self._select_row(ids.index(selected))
            self.console.refresh()
        elif shown:
            self._select_row(0)
        else:
            self.console.show_meeting(None)

    def show_snapshot(self, meetings: list[Meeting]) -> None:
        """Show the list read before the record is fully open (the console waits for the record)."""
        self._all = meetings
        self._show_list()
        self.console.setEnabled(False)
        self.console.header.title.setText("Opening the record…")

    def _show_list(self) -> None:
        now = datetime.now(UTC)
        mode = FILTERS[self.filter.currentIndex()]
        if mode == "Upcoming":
            shown = [m for m in self._all if m.ends_at >= now]
        elif mode == "Past":
            shown = list(reversed([m for m in self._all if m.ends_at < now]))
        else:
            shown = list(self._all)
        if shown != self.model.rows():  # a change inside one meeting leaves the list as it is
            self.model.set_rows(shown)
        upcoming = sum(1 for m in self._all if m.ends_at >= now and m.status is MeetingStatus.SCHEDULED)
        held = sum(1 for m in self._all if m.status is MeetingStatus.HELD)
        self.subtitle.setText(f"{held} held · {upcoming} upcoming")
        self.subtitle.setToolTip("Times are shown in each meeting's own zone and in yours.")

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def select_meeting(self, meeting_id: int) -> None:
        """Show a meeting in the console (switching the filter to All if needed)."""
        ids = [m.id for m in self.model.rows()]
        if meeting_id not in ids:
            self.filter.setCurrentIndex(FILTERS.index("All"))
            ids = [m.id for m in self.model.rows()]
        if meeting_id in ids:
            self._select_row(ids.index(meeting_id))

    def _selected(self, current: object, _previous: object = None) -> None:
        meeting = self.model.row_at(self.table.currentIndex().row())
        if meeting is not None and meeting.id != self.console.meeting_id:
            self.console.show_meeting(meeting.id)

    def schedule_series(self) -> None:
        """Open the "Schedule series…" dialog."""
        from tac_desk.services import meetings
        from tac_desk.storage import repositories as repo
        from tac_desk.ui.dialogs.schedule_dialog import ScheduleSeriesDialog

        zone = self.context.read(lambda s: repo.body(s).timezone)
        dialog = ScheduleSeriesDialog(zone, self)
        if dialog.exec():
            values = dialog.values()
            self.context.write(lambda s: meetings.schedule_series(session=s, **values), parent=self)  # type: ignore[arg-type]
