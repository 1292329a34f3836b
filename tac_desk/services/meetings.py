"""Schedule a series of meetings, cancel or move one, mark one held."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlmodel import Session

from tac_desk.domain.enums import MeetingStatus, MotionStatus
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.model import Meeting, Series
from tac_desk.domain.schedule import localize, occurrences
from tac_desk.services.common import clean_text, positive
from tac_desk.storage import repositories as repo
from tac_desk.storage.convert import local_text
from tac_desk.storage.tables import MeetingRow, SeriesRow

DEFAULT_TITLE = "TAC meeting"


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="minutes")


def preview_series(
    *, first: datetime, timezone: str, interval_weeks: int = 2, until: date | None = None, count: int | None = None
) -> list[datetime]:
    """The meeting starts a series would have, without saving anything (for live previews).

    Raises:
        InvalidInput: for an unknown zone, a local time that does not exist, or a bad end.
    """
    start = localize(first, timezone)
    return occurrences(start, interval_weeks=interval_weeks, until=until, count=count)


def schedule_series(
    *,
    session: Session,
    first: datetime,
    timezone: str,
    interval_weeks: int = 2,
    until: date | None = None,
    count: int | None = None,
    duration_minutes: int = 60,
    title: str = DEFAULT_TITLE,
    uid: str | None = None,
) -> tuple[Series, list[Meeting]]:
    """Schedule a recurring series (biweekly by default) in a time zone.

    Args:
        session: the open write session.
        first: the first meeting's local wall-clock time (naive).
        timezone: IANA zone the meetings are held in.
        interval_weeks: weeks between meetings.
        until: last day a meeting may fall on; or
        count: the number of meetings.
        duration_minutes: planned length of each meeting.
        title: the series' title.
        uid: a stable calendar UID (generated when not given).

    Raises:
        InvalidInput: for an unknown zone, a non-existent local time or an impossible end.
    """
    positive(duration_minutes, what="the duration in minutes")
    if duration_minutes > 24 * 60:
        raise InvalidInput("a meeting lasts at most 24 hours")
    starts = preview_series(first=first, timezone=timezone, interval_weeks=interval_weeks, until=until, count=count)
    row = SeriesRow(
        title=clean_text(title, what="the title", limit=200),
        first_start_local=local_text(starts[0]),
        timezone=timezone,
        interval_weeks=interval_weeks,
        duration_minutes=duration_minutes,
        until=starts[-1].date() if until is not None else None,
        count=count,
        uid=uid or f"{uuid.uuid4()}@tac-desk",
    )
    session.add(row)
    session.flush()
    for start in starts:
        session.add(
            MeetingRow(
                series_id=row.id,
                title=row.title,
                start_local=local_text(start),
                timezone=timezone,
                start_utc=_utc_text(start),
                duration_minutes=duration_minutes,
                original_start_local=local_text(start),
            )
        )
    session.flush()
    assert row.id is not None
    series = repo.series(session, row.id)
    return series, [m for m in repo.meetings(session) if m.series_id == row.id]


def add_meeting(
    *, session: Session, start: datetime, timezone: str, duration_minutes: int = 60, title: str = DEFAULT_TITLE
) -> Meeting:
    """Add a single meeting outside any series (a special session)."""
    positive(duration_minutes, what="the duration in minutes")
    aware_start = localize(start, timezone)
    row = MeetingRow(
        title=clean_text(title, what="the title", limit=200),
        start_local=local_text(aware_start),
        timezone=timezone,
        start_utc=_utc_text(aware_start),
        duration_minutes=duration_minutes,
    )
    session.add(row)
    session.flush()
    return repo.meeting(session, row.id or 0)


def _bump_series(session: Session, series_id: int | None) -> None:
    if series_id is None:
        return
    series = repo.row(session, SeriesRow, series_id)
    series.sequence += 1
    session.add(series)


def cancel_meeting(*, session: Session, meeting_id: int) -> Meeting:
    """Cancel one meeting; the series goes on.

    Raises:
        Refused: when the meeting was held or already cancelled, or has an open vote.
    """
    row = repo.row(session, MeetingRow, meeting_id)
    if row.status == MeetingStatus.CANCELLED:
        raise Refused(f"meeting {meeting_id} is already cancelled")
    if row.status == MeetingStatus.HELD:
        raise Refused(f"meeting {meeting_id} was held; it cannot be cancelled")
    pending = [m.id for m in repo.motions(session, meeting_id=meeting_id) if m.status == MotionStatus.OPEN]
    if pending:
        raise Refused(f"meeting {meeting_id} has an open vote (motion {pending[0]}); close it before cancelling")
    row.status = MeetingStatus.CANCELLED.value
    row.sequence += 1
    session.add(row)
    _bump_series(session, row.series_id)
    session.flush()
    return repo.meeting(session, meeting_id)


def move_meeting(*, session: Session, meeting_id: int, to: datetime, duration_minutes: int | None = None) -> Meeting:
    """Move one meeting to another local time in its zone; the series goes on.

    Raises:
        Refused: when the meeting was held or cancelled.
        InvalidInput: when the new local time does not exist in the meeting's zone.
    """
    row = repo.row(session, MeetingRow, meeting_id)
    if row.status != MeetingStatus.SCHEDULED:
        raise Refused(f"meeting {meeting_id} is {row.status}; only a scheduled meeting can be moved")
    start = localize(to, row.timezone)
    row.start_local = local_text(start)
    row.start_utc = _utc_text(start)
    if duration_minutes is not None:
        row.duration_minutes = positive(duration_minutes, what="the duration in minutes")
    row.sequence += 1
    session.add(row)
    _bump_series(session, row.series_id)
    session.flush()
    return repo.meeting(session, meeting_id)


def set_held(*, session: Session, meeting_id: int) -> Meeting:
    """Mark a meeting as held (done when attendance is first recorded)."""
    row = repo.row(session, MeetingRow, meeting_id)
    if row.status == MeetingStatus.CANCELLED:
        raise Refused(f"meeting {meeting_id} was cancelled; restore it before recording it")
    if row.status != MeetingStatus.HELD:
        row.status = MeetingStatus.HELD.value
        session.add(row)
        session.flush()
    return repo.meeting(session, meeting_id)


def restore_meeting(*, session: Session, meeting_id: int) -> Meeting:
    """Undo a cancellation."""
    row = repo.row(session, MeetingRow, meeting_id)
    if row.status != MeetingStatus.CANCELLED:
        raise Refused(f"meeting {meeting_id} is not cancelled")
    row.status = MeetingStatus.SCHEDULED.value
    row.sequence += 1
    session.add(row)
    _bump_series(session, row.series_id)
    session.flush()
    return repo.meeting(session, meeting_id)


def next_meeting(*, session: Session, after: datetime) -> Meeting | None:
    """The first scheduled meeting starting after ``after``."""
    for meeting in repo.meetings(session):
        if meeting.status == MeetingStatus.SCHEDULED and meeting.starts_at > after:
            return meeting
    return None
