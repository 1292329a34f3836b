"""Meeting columns to domain records: shared by the ORM repositories and the first-screen reader."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from tac_desk.domain.enums import MeetingStatus
from tac_desk.domain.model import Meeting

MEETING_COLUMNS = (
    "id, series_id, title, start_local, timezone, duration_minutes, status, original_start_local, sequence"
)


class MeetingColumns(NamedTuple):
    """The stored columns of one meeting, in the order of :data:`MEETING_COLUMNS`."""

    id: int
    series_id: int | None
    title: str
    start_local: str
    timezone: str
    duration_minutes: int
    status: str
    original_start_local: str | None
    sequence: int


def aware(local: str, tz_name: str) -> datetime:
    """A stored wall-clock time in its zone."""
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(tz_name))


@lru_cache(maxsize=4096)
def meeting(values: MeetingColumns, number: int | None = None) -> Meeting:
    """One meeting from its stored columns (memoised: the result depends on them alone and is immutable)."""
    original = values.original_start_local
    return Meeting(
        id=values.id,
        title=values.title,
        starts_at=aware(values.start_local, values.timezone),
        duration_minutes=values.duration_minutes,
        status=MeetingStatus(values.status),
        series_id=values.series_id,
        original_start=None if original is None else aware(original, values.timezone),
        sequence=values.sequence,
        number=number,
    )


def numbered(rows: Iterable[MeetingColumns]) -> list[Meeting]:
    """Meetings in time order, numbered among those not cancelled (cancelled ones have no number)."""
    result: list[Meeting] = []
    number = 0
    for values in rows:
        if values.status != MeetingStatus.CANCELLED:
            number += 1
            result.append(meeting(values, number))
        else:
            result.append(meeting(values, None))
    return result
