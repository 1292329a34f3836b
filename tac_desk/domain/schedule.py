"""Recurring meeting dates in a time zone, with checks for local times that do not exist."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from tac_desk.domain.errors import InvalidInput

MAX_OCCURRENCES = 1000


class ScheduleError(InvalidInput):
    """A schedule that cannot be made (unknown zone, impossible time, bad count)."""


def zone(name: str) -> ZoneInfo:
    """Return the zone called ``name``.

    Raises:
        ScheduleError: when no such IANA zone exists.
    """
    if not name or name != name.strip() or "\x00" in name:
        raise ScheduleError(f"unknown time zone '{name}'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ScheduleError(f"unknown time zone '{name}' (use an IANA name such as Europe/Paris)") from error


def all_zone_names() -> list[str]:
    """Every IANA zone name, sorted."""
    return sorted(available_timezones())


def localize(naive: datetime, tz_name: str) -> datetime:
    """Attach a zone to a wall-clock time, refusing times that do not exist there.

    Ambiguous times (the repeated hour in autumn) take the first occurrence.

    Raises:
        ScheduleError: when the local time falls in a spring-forward gap or the zone is unknown.
    """
    tz = zone(tz_name)
    aware = naive.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive.replace(tzinfo=None, fold=0):
        raise ScheduleError(f"{naive:%Y-%m-%d %H:%M} does not exist in {tz_name} (the clocks change that night)")
    return aware


def occurrences(
    first: datetime,
    *,
    interval_weeks: int = 2,
    until: date | None = None,
    count: int | None = None,
) -> list[datetime]:
    """The start of every meeting of a series, keeping the local wall-clock time across DST.

    Args:
        first: the first start, aware, in the series' zone.
        interval_weeks: weeks between meetings (2 for biweekly).
        until: last day a meeting may fall on (inclusive).
        count: number of meetings; exactly one of ``until`` and ``count``.

    Raises:
        ScheduleError: for a bad interval, a missing or doubled end, or too many meetings.
    """
    if first.tzinfo is None:
        raise ScheduleError("the first meeting needs a time zone")
    if interval_weeks < 1 or interval_weeks > 52:
        raise ScheduleError("meetings repeat every 1 to 52 weeks")
    if (until is None) == (count is None):
        raise ScheduleError("give either an end date or a number of meetings")
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        raise ScheduleError(f"a series has 1 to {MAX_OCCURRENCES} meetings")
    if until is not None and until < first.date():
        raise ScheduleError("the end date is before the first meeting")
    if not isinstance(first.tzinfo, ZoneInfo):  # a fixed offset: keep the instant and step in UTC
        first = first.astimezone(UTC)
    tz_name = first.tzinfo.key if isinstance(first.tzinfo, ZoneInfo) else "UTC"
    wall = first.replace(tzinfo=None)
    starts: list[datetime] = []
    step = 0
    while True:
        local = wall + timedelta(weeks=interval_weeks * step)
        if until is not None and local.date() > until:
            break
        if count is not None and len(starts) >= count:
            break
        if len(starts) >= MAX_OCCURRENCES:
            raise ScheduleError(f"a series has at most {MAX_OCCURRENCES} meetings")
        starts.append(_shift_into_existence(local, tz_name))
        step += 1
    return starts


def _shift_into_existence(local: datetime, tz_name: str) -> datetime:
    """Localize; a later meeting falling in a DST gap moves forward by the gap (as calendars do)."""
    try:
        return localize(local, tz_name)
    except ScheduleError:
        tz = zone(tz_name)
        return local.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def parse_local(text: str) -> datetime:
    """Parse "YYYY-MM-DDTHH:MM" (or with a space) into a naive datetime.

    Raises:
        ScheduleError: naming the expected format.
    """
    try:
        value = datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError as error:
        raise ScheduleError(f"'{text}' is not a date and time: write YYYY-MM-DDTHH:MM") from error
    if value.tzinfo is not None:
        raise ScheduleError(f"'{text}' carries an offset: give the local time and the zone separately")
    return value


def parse_day(text: str) -> date:
    """Parse "YYYY-MM-DD".

    Raises:
        ScheduleError: naming the expected format.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ScheduleError(f"'{text}' is not a date: write YYYY-MM-DD") from error
