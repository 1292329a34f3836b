"""Schedule a series of meetings, with a live preview of the dates."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from tac_desk.domain.errors import TacError
from tac_desk.ui import style
from tac_desk.ui.widgets import ZoneBox, qdate_to_date

PREVIEW_LIMIT = 60


class ScheduleSeriesDialog(QDialog):
    """First meeting, zone, every N weeks, until a date or a count, duration; the dates update as you type."""

    def __init__(self, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Schedule a series of meetings")
        self.title = QLineEdit("TAC meeting")
        self.title.setAccessibleName("Title")
        self.first = QDateTimeEdit(QDateTime(QDate.currentDate().addDays(7), QTime(9, 0)))
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.first.setAccessibleName("First meeting")
        self.zone = ZoneBox(zone)
        self.every = QSpinBox()
        self.every.setRange(1, 52)
        self.every.setValue(2)
        self.every.setSuffix(" weeks")
        self.every.setAccessibleName("Every")
        self.until_radio = QRadioButton("Until")
        self.count_radio = QRadioButton("Number of meetings")
        self.count_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.until_radio)
        group.addButton(self.count_radio)
        self.until = QDateEdit(QDate.currentDate().addMonths(6))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setAccessibleName("Until")
        self.count = QSpinBox()
        self.count.setRange(1, 500)
        self.count.setValue(13)
        self.count.setAccessibleName("Number of meetings")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Duration")
        end_row = QHBoxLayout()
        end_row.addWidget(self.count_radio)
        end_row.addWidget(self.count)
        end_row.addSpacing(16)
        end_row.addWidget(self.until_radio)
        end_row.addWidget(self.until)
        end_row.addStretch(1)
        self.preview = QListWidget()
        self.preview.setAccessibleName("Dates of the series")
        self.summary = style.muted("")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Schedule")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("First meeting", self.first)
        form.addRow("Time zone", self.zone)
        form.addRow("Every", self.every)
        form.addRow("Ends", end_row)
        form.addRow("Duration", self.minutes)
        form.addRow("Dates", self.preview)
        form.addRow("", self.summary)
        form.addRow(self.buttons)
        for signal in (
            self.first.dateTimeChanged,
            self.zone.currentTextChanged,
            self.every.valueChanged,
            self.until.dateChanged,
            self.count.valueChanged,
            self.until_radio.toggled,
            self.minutes.valueChanged,
        ):
            signal.connect(self.update_preview)
        self.resize(620, 620)
        self.update_preview()

    def values(self) -> dict[str, object]:
        """The series as keyword arguments for services.meetings.schedule_series."""
        qt_first = self.first.dateTime()
        first = datetime(
            qt_first.date().year(),
            qt_first.date().month(),
            qt_first.date().day(),
            qt_first.time().hour(),
            qt_first.time().minute(),
        )
        until: date | None = qdate_to_date(self.until.date()) if self.until_radio.isChecked() else None
        return {
            "first": first,
            "timezone": self.zone.zone(),
            "interval_weeks": self.every.value(),
            "until": until,
            "count": None if until is not None else self.count.value(),
            "duration_minutes": self.minutes.value(),
            "title": self.title.text(),
        }

    def update_preview(self, *_: object) -> None:
        """Recompute the dates from the current fields."""
        from tac_desk.services.meetings import preview_series

        self.until.setEnabled(self.until_radio.isChecked())
        self.count.setEnabled(self.count_radio.isChecked())
        values = self.values()
        self.preview.clear()
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            starts = preview_series(
                first=values["first"],  # type: ignore[arg-type]
                timezone=str(values["timezone"]),
                interval_weeks=int(str(values["interval_weeks"])),
                until=values["until"],  # type: ignore[arg-type]
                count=values["count"],  # type: ignore[arg-type]
            )
        except TacError as error:
            self.summary.setText(str(error))
            self.summary.setStyleSheet(f"color: {style.color('bad').name()};")
            ok_button.setEnabled(False)
            return
        for start in starts[:PREVIEW_LIMIT]:
            self.preview.addItem(f"{start:%a %Y-%m-%d  %H:%M %Z}")
        if len(starts) > PREVIEW_LIMIT:
            self.preview.addItem(f"… and {len(starts) - PREVIEW_LIMIT} more")
        self.summary.setText(f"{len(starts)} meetings, {starts[0]:%-d %b %Y} to {starts[-1]:%-d %b %Y}.")
        self.summary.setStyleSheet(f"color: {style.color('muted').name()};")
        ok_button.setEnabled(True)
