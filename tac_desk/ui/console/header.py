"""The console header: which meeting, when (in its zone and in yours), its status, and its actions."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from PySide6.QtCore import QTimeZone, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tac_desk.domain.enums import MeetingStatus
from tac_desk.domain.model import Meeting
from tac_desk.ui import style


@cache
def user_zone_name() -> str:
    """The user's own IANA zone, from the system (read once per run)."""
    return bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"


def when_text(meeting: Meeting) -> str:
    """ "Thursday 26 November 2026, 09:00–10:00 EST (America/New_York)"."""
    start, end = meeting.starts_at, meeting.ends_at
    return f"{start:%A %-d %B %Y}, {start:%H:%M}–{end:%H:%M} {start:%Z} ({meeting.timezone})"


def your_time_text(meeting: Meeting, zone_name: str) -> str:
    """The same meeting in the user's zone, when it differs."""
    from zoneinfo import ZoneInfo

    try:
        local = meeting.starts_at.astimezone(ZoneInfo(zone_name))
    except (KeyError, ValueError, OSError):
        return ""
    if local.utcoffset() == meeting.starts_at.utcoffset() and zone_name == meeting.timezone:
        return ""
    day = "" if local.date() == meeting.starts_at.date() else f"{local:%a %-d %b}, "
    return f"Your time: {day}{local:%H:%M} {local:%Z} ({zone_name})"


def status_text(meeting: Meeting, now: datetime) -> tuple[str, str]:
    """A short status and its colour name."""
    if meeting.status is MeetingStatus.CANCELLED:
        return "Cancelled", "bad"
    if meeting.status is MeetingStatus.HELD:
        return "Held", "ok"
    if meeting.starts_at <= now <= meeting.ends_at:
        return "In progress", "accent"
    if meeting.is_moved:
        return "Scheduled (moved)", "warn"
    return "Scheduled", "muted"


class MeetingHeader(QWidget):
    """Title, date and time, status and the meeting's actions."""

    sig_move = Signal()
    sig_cancel = Signal()
    sig_restore = Signal()
    sig_approve = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = style.heading("", size=1.5)
        self.when = style.plain_label("")
        self.your_time = style.muted("")
        self.status = style.plain_label("")
        self.move_button = QPushButton("&Move…")
        self.cancel_button = QPushButton("Cancel meeting")
        self.restore_button = QPushButton("Restore meeting")
        self.approve_button = QPushButton("A&pprove minutes")
        for button, signal in (
            (self.approve_button, self.sig_approve),
            (self.move_button, self.sig_move),
            (self.cancel_button, self.sig_cancel),
            (self.restore_button, self.sig_restore),
        ):
            button.setAccessibleName(button.text().replace("&", ""))
            button.clicked.connect(signal.emit)
        self.extra_buttons = QHBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addSpacing(12)
        title_row.addWidget(self.status)
        title_row.addStretch(1)
        title_row.addLayout(self.extra_buttons)
        for button in (self.approve_button, self.move_button, self.cancel_button, self.restore_button):
            title_row.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(title_row)
        column.addWidget(self.when)
        column.addWidget(self.your_time)
        self.when.setWordWrap(True)

    def show_meeting(self, meeting: Meeting | None, now: datetime, *, minutes_approved: bool = False) -> None:
        """Show a meeting (or nothing)."""
        if meeting is None:
            self.title.setText("No meeting selected")
            for label in (self.when, self.your_time, self.status):
                label.setText("")
            for button in (self.move_button, self.cancel_button, self.restore_button, self.approve_button):
                button.setVisible(False)
            return
        number = f" #{meeting.number}" if meeting.number else ""
        self.title.setText(f"{meeting.title}{number}")
        self.when.setText(when_text(meeting))
        self.your_time.setText(your_time_text(meeting, user_zone_name()))
        self.your_time.setVisible(bool(self.your_time.text()))
        word, color = status_text(meeting, now)
        if meeting.status is MeetingStatus.HELD:
            word += " · minutes approved" if minutes_approved else " · minutes draft"
        self.approve_button.setVisible(meeting.status is MeetingStatus.HELD and not minutes_approved)
        self.status.setText(word)
        self.status.setStyleSheet(
            f"color: {style.color(color).name()}; border: 1px solid {style.color(color).name()};"
            " border-radius: 9px; padding: 1px 8px;"
        )
        scheduled = meeting.status is MeetingStatus.SCHEDULED
        self.move_button.setVisible(scheduled)
        self.cancel_button.setVisible(scheduled)
        self.restore_button.setVisible(meeting.status is MeetingStatus.CANCELLED)
