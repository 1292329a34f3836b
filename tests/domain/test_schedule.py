"""Recurring meetings keep their local wall-clock time across DST; impossible times and bad input are refused."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tac_desk.domain.errors import InvalidInput
from tac_desk.domain.schedule import (
    MAX_OCCURRENCES,
    ScheduleError,
    all_zone_names,
    localize,
    occurrences,
    parse_day,
    parse_local,
    zone,
)

HOUR = timedelta(hours=1)
FORTNIGHT = timedelta(weeks=2)


@pytest.mark.parametrize(
    ("tz_name", "wall", "offsets", "changes"),
    [
        pytest.param(
            "Europe/Berlin",
            time(17, 0),
            {HOUR, 2 * HOUR},
            # CET -> CEST on 31 March 2024, back on 27 October 2024
            [(date(2024, 3, 28), date(2024, 4, 11)), (date(2024, 10, 24), date(2024, 11, 7))],
            id="berlin",
        ),
        pytest.param(
            "America/New_York",
            time(11, 0),
            {-5 * HOUR, -4 * HOUR},
            # EST -> EDT on 10 March 2024, back on 3 November 2024
            [(date(2024, 2, 29), date(2024, 3, 14)), (date(2024, 10, 24), date(2024, 11, 7))],
            id="new-york",
        ),
        pytest.param("Asia/Shanghai", time(23, 0), {8 * HOUR}, [], id="shanghai-no-dst"),
        pytest.param(
            "Australia/Sydney",
            time(8, 0),
            {10 * HOUR, 11 * HOUR},
            # AEDT -> AEST on 7 April 2024, back to AEDT on 6 October 2024
            [(date(2024, 3, 28), date(2024, 4, 11)), (date(2024, 9, 26), date(2024, 10, 10))],
            id="sydney",
        ),
    ],
)
def test_biweekly_series_keeps_local_time_across_dst(
    tz_name: str, wall: time, offsets: set[timedelta], changes: list[tuple[date, date]]
) -> None:
    first = localize(datetime.combine(date(2024, 1, 4), wall), tz_name)
    starts = occurrences(first, interval_weeks=2, count=27)
    assert len(starts) == 27
    assert starts[-1].date() == date(2025, 1, 2)
    for start in starts:
        assert start.time() == wall
        assert start.weekday() == 3  # every other Thursday
        assert start.tzinfo == ZoneInfo(tz_name)
    assert {start.utcoffset() for start in starts} == offsets
    seen_changes = []
    for before, after in itertools.pairwise(starts):
        assert after.date() - before.date() == FORTNIGHT
        elapsed = after.astimezone(UTC) - before.astimezone(UTC)
        if before.utcoffset() == after.utcoffset():
            assert elapsed == FORTNIGHT
        else:
            assert elapsed in (FORTNIGHT - HOUR, FORTNIGHT + HOUR)
            seen_changes.append((before.date(), after.date()))
    assert seen_changes == changes


def test_berlin_meeting_moves_an_hour_earlier_in_utc_after_spring_forward() -> None:
    starts = occurrences(localize(datetime(2024, 3, 28, 17, 0), "Europe/Berlin"), count=2)
    assert [s.astimezone(UTC) for s in starts] == [
        datetime(2024, 3, 28, 16, 0, tzinfo=UTC),
        datetime(2024, 4, 11, 15, 0, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    ("naive", "tz_name"),
    [
        pytest.param(datetime(2024, 3, 31, 2, 30), "Europe/Berlin", id="berlin"),
        pytest.param(datetime(2024, 3, 10, 2, 30), "America/New_York", id="new-york"),
        pytest.param(datetime(2024, 10, 6, 2, 30), "Australia/Sydney", id="sydney"),
        pytest.param(datetime(2024, 3, 31, 2, 0), "Europe/Berlin", id="berlin-start-of-gap"),
        pytest.param(datetime(2024, 3, 31, 2, 59), "Europe/Berlin", id="berlin-end-of-gap"),
    ],
)
def test_localize_refuses_a_time_in_the_spring_forward_gap(naive: datetime, tz_name: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        localize(naive, tz_name)
    assert str(caught.value) == f"{naive:%Y-%m-%d %H:%M} does not exist in {tz_name} (the clocks change that night)"


@pytest.mark.parametrize(
    ("naive", "tz_name", "offset"),
    [
        pytest.param(datetime(2024, 3, 31, 1, 59), "Europe/Berlin", HOUR, id="berlin-before-gap"),
        pytest.param(datetime(2024, 3, 31, 3, 0), "Europe/Berlin", 2 * HOUR, id="berlin-after-gap"),
        pytest.param(datetime(2024, 10, 27, 2, 30), "Europe/Berlin", 2 * HOUR, id="berlin-ambiguous-first"),
        pytest.param(
            datetime(2024, 10, 27, 2, 30, fold=1), "Europe/Berlin", 2 * HOUR, id="berlin-ambiguous-fold-ignored"
        ),
        pytest.param(datetime(2024, 11, 3, 1, 30), "America/New_York", -4 * HOUR, id="new-york-ambiguous-first"),
        pytest.param(datetime(2024, 3, 31, 2, 30), "Asia/Shanghai", 8 * HOUR, id="shanghai-no-gap"),
    ],
)
def test_localize_accepts_real_times(naive: datetime, tz_name: str, offset: timedelta) -> None:
    aware = localize(naive, tz_name)
    assert aware.replace(tzinfo=None, fold=0) == naive.replace(fold=0)
    assert aware.utcoffset() == offset
    assert aware.tzinfo == ZoneInfo(tz_name)


def test_a_later_meeting_in_the_gap_moves_forward_by_the_gap() -> None:
    first = localize(datetime(2024, 3, 24, 2, 30), "Europe/Berlin")
    starts = occurrences(first, interval_weeks=1, count=3)
    assert [s.replace(tzinfo=None) for s in starts] == [
        datetime(2024, 3, 24, 2, 30),
        datetime(2024, 3, 31, 3, 30),
        datetime(2024, 4, 7, 2, 30),
    ]
    assert starts[1].utcoffset() == 2 * HOUR
    assert starts[1].astimezone(UTC) == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        pytest.param(date(2024, 2, 15), 4, id="until-a-meeting-day-inclusive"),
        pytest.param(date(2024, 2, 14), 3, id="until-the-day-before"),
        pytest.param(date(2024, 1, 4), 1, id="until-the-first-day"),
    ],
)
def test_until_is_inclusive(until: date, expected: int) -> None:
    first = localize(datetime(2024, 1, 4, 17, 0), "Europe/Berlin")
    starts = occurrences(first, until=until)
    assert len(starts) == expected
    assert starts[-1].date() <= until


def test_until_and_count_give_the_same_series() -> None:
    first = localize(datetime(2024, 1, 4, 17, 0), "America/New_York")
    assert occurrences(first, until=date(2024, 12, 31)) == occurrences(first, count=26)


def test_weekly_and_monthly_ish_intervals() -> None:
    first = localize(datetime(2024, 1, 4, 17, 0), "Europe/Berlin")
    weekly = occurrences(first, interval_weeks=1, count=3)
    assert [s.date() for s in weekly] == [date(2024, 1, 4), date(2024, 1, 11), date(2024, 1, 18)]
    four_weekly = occurrences(first, interval_weeks=4, until=date(2024, 3, 1))
    assert [s.date() for s in four_weekly] == [date(2024, 1, 4), date(2024, 2, 1), date(2024, 2, 29)]


def test_a_utc_first_meeting_stays_in_utc() -> None:
    first = datetime(2024, 1, 4, 12, 0, tzinfo=UTC)
    starts = occurrences(first, count=2)
    assert starts[1] == datetime(2024, 1, 18, 12, 0, tzinfo=ZoneInfo("UTC"))


def test_the_maximum_count_is_accepted() -> None:
    first = localize(datetime(2024, 1, 4, 17, 0), "Europe/Berlin")
    assert len(occurrences(first, interval_weeks=1, count=MAX_OCCURRENCES)) == MAX_OCCURRENCES


BERLIN_FIRST = datetime(2024, 1, 4, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("first", "kwargs", "message"),
    [
        pytest.param(datetime(2024, 1, 4, 17, 0), {"count": 3}, "needs a time zone", id="naive-first"),
        pytest.param(BERLIN_FIRST, {"interval_weeks": 0, "count": 3}, "every 1 to 52 weeks", id="interval-0"),
        pytest.param(BERLIN_FIRST, {"interval_weeks": 53, "count": 3}, "every 1 to 52 weeks", id="interval-53"),
        pytest.param(BERLIN_FIRST, {}, "either an end date or a number", id="neither-end"),
        pytest.param(
            BERLIN_FIRST, {"count": 3, "until": date(2024, 6, 1)}, "either an end date or a number", id="both-ends"
        ),
        pytest.param(BERLIN_FIRST, {"count": 0}, "1 to 1000 meetings", id="count-0"),
        pytest.param(BERLIN_FIRST, {"count": -2}, "1 to 1000 meetings", id="count-negative"),
        pytest.param(BERLIN_FIRST, {"count": MAX_OCCURRENCES + 1}, "1 to 1000 meetings", id="count-too-many"),
        pytest.param(BERLIN_FIRST, {"until": date(2024, 1, 3)}, "end date is before the first", id="until-before"),
        pytest.param(
            BERLIN_FIRST, {"interval_weeks": 1, "until": date(2050, 1, 1)}, "at most 1000 meetings", id="until-far"
        ),
    ],
)
def test_bad_series_is_refused(first: datetime, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        occurrences(first, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Mars/Olympus_Mons", id="unknown"),
        pytest.param("", id="empty"),
        pytest.param(" Europe/Berlin", id="leading-space"),
        pytest.param("Europe/Berlin\x00", id="nul"),
        pytest.param("../../etc/passwd", id="path"),
        pytest.param("/etc/localtime", id="absolute-path"),
    ],
)
def test_unknown_zone_is_refused(name: str) -> None:
    with pytest.raises(ScheduleError, match="unknown time zone"):
        zone(name)
    with pytest.raises(ScheduleError, match="unknown time zone"):
        localize(datetime(2024, 1, 4, 17, 0), name)


def test_zone_names() -> None:
    names = all_zone_names()
    assert names == sorted(names)
    for name in ("Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Sydney", "Asia/Kolkata"):
        assert name in names
        assert zone(name) == ZoneInfo(name)


def test_schedule_error_is_invalid_input() -> None:
    assert issubclass(ScheduleError, InvalidInput)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2024-01-04T17:00", datetime(2024, 1, 4, 17, 0), id="t"),
        pytest.param("2024-01-04 17:00", datetime(2024, 1, 4, 17, 0), id="space"),
        pytest.param("  2024-01-04T09:30 ", datetime(2024, 1, 4, 9, 30), id="padded"),
    ],
)
def test_parse_local(text: str, expected: datetime) -> None:
    value = parse_local(text)
    assert value == expected
    assert value.tzinfo is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("next thursday", "is not a date and time: write YYYY-MM-DDTHH:MM", id="words"),
        pytest.param("2024-02-30T17:00", "is not a date and time", id="no-such-day"),
        pytest.param("2024-01-04T25:00", "is not a date and time", id="no-such-hour"),
        pytest.param("", "is not a date and time", id="empty"),
        pytest.param("2024-01-04T17:00+01:00", "carries an offset", id="offset"),
        pytest.param("2024-01-04T17:00Z", "carries an offset", id="zulu"),
    ],
)
def test_parse_local_refuses(text: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_local(text)


def test_parse_day() -> None:
    assert parse_day(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2023-02-29", "29/02/2024", "", "tomorrow"])
def test_parse_day_refuses(text: str) -> None:
    with pytest.raises(ScheduleError, match="is not a date: write YYYY-MM-DD"):
        parse_day(text)


def test_a_fixed_offset_first_meeting_keeps_its_instant() -> None:
    first = datetime(2024, 1, 4, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    starts = occurrences(first, count=2)
    assert starts[0] == first
    assert starts[1] == first + FORTNIGHT
    assert starts[0].tzinfo == ZoneInfo("UTC")
    assert starts[0].replace(tzinfo=None) == datetime(2024, 1, 4, 7, 0)
