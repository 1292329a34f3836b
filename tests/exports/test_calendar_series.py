"""The whole series as .ics: RRULE, VTIMEZONE, EXDATE, overrides, UIDs and SEQUENCE, read back by real parsers."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tac_desk.domain.errors import Refused
from tac_desk.exports.calendar_ics import series_ics
from tac_desk.services import calendar, meetings, setup
from tac_desk.storage.database import Database

from .calendar_support import (
    STAMP,
    add_agenda,
    assert_well_formed,
    build_record,
    cancel,
    expanded,
    move,
    utc_instants,
)

ZONES = ["Asia/Kolkata", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Pacific/Chatham"]
WIDE = (date(2024, 1, 1), date(2028, 1, 1))


def export(db: Database) -> bytes:
    with db.write() as session:
        feed = calendar.calendar_feed(session=session)
    return series_ics(feed, stamp=STAMP)


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def master(data: bytes):
    (found,) = [event for event in events(data) if "RRULE" in event]
    return found


@pytest.mark.parametrize("zone", ZONES)
def test_series_expands_to_the_recorded_meetings_keeping_local_time_across_dst(memory_db: Database, zone: str) -> None:
    built = build_record(memory_db, zone=zone, first=datetime(2025, 1, 9, 16, 0), until=date(2026, 12, 31))
    data = export(memory_db)
    assert_well_formed(data)

    starts = expanded(data, *WIDE)
    assert utc_instants(starts) == utc_instants([m.starts_at for m in built.meetings])
    assert {(s.weekday(), s.hour, s.minute) for s in starts} == {(3, 16, 0)}
    assert all(str(s.tzinfo) == zone for s in starts)
    offsets = {s.utcoffset() for s in starts}
    assert len(offsets) == (1 if zone.startswith("Asia/") else 2)  # the DST zones cross both transitions

    event = master(data)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2] and rule["BYDAY"] == ["TH"] and rule["WKST"] == ["MO"]
    (until,) = rule["UNTIL"]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)
    assert until == built.meetings[-1].starts_at.astimezone(UTC)
    assert b"RRULE:FREQ=WEEKLY;UNTIL=" in data and b"Z;INTERVAL=2;BYDAY=TH;WKST=MO\r\n" in data
    assert event["DTSTART"].params["TZID"] == zone
    assert event["DTSTAMP"].dt == STAMP
    assert event["UID"] == built.series.uid


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"])
def test_vtimezone_is_present_first_and_bounded_to_the_series(memory_db: Database, zone: str) -> None:
    build_record(memory_db, zone=zone, first=datetime(2025, 1, 9, 16, 0), until=date(2026, 12, 31))
    data = export(memory_db)
    parsed = Calendar.from_ical(data)
    names = [component.name for component in parsed.subcomponents]
    assert names[0] == "VTIMEZONE" and set(names[1:]) == {"VEVENT"}
    (vtimezone,) = parsed.walk("VTIMEZONE")
    assert vtimezone["TZID"] == zone
    observances = [c for c in vtimezone.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
    years = {c["DTSTART"].dt.year for c in observances}
    assert years <= {2025, 2026}
    assert len(observances) <= 5
    text = data.split(b"BEGIN:VTIMEZONE")[1].split(b"END:VTIMEZONE")[0]
    assert len(text) < 1200


def test_cancelled_meetings_become_exdates_and_moved_ones_overrides(memory_db: Database) -> None:
    zone = "America/New_York"
    built = build_record(memory_db, zone=zone, first=datetime(2025, 1, 9, 11, 0), until=date(2025, 12, 31))
    cancelled, moved = built.meetings[4], built.meetings[5]  # 2025-03-06 and 2025-03-20 (US DST began 03-09)
    add_agenda(memory_db, moved.id, ["Budget, 2025; draft", "王伟: update 📅"])
    cancel(memory_db, cancelled.id)
    move(memory_db, moved.id, datetime(2025, 3, 21, 8, 15))
    data = export(memory_db)
    assert_well_formed(data)

    event = master(data)
    exdates = [d for prop in _as_list(event["EXDATE"]) for d in prop.dts]
    assert [d.dt for d in exdates] == [cancelled.starts_at]
    assert b"EXDATE;TZID=America/New_York:20250306T110000\r\n" in data
    (override,) = [e for e in events(data) if "RECURRENCE-ID" in e]
    assert override["UID"] == event["UID"] == built.series.uid
    assert override["RECURRENCE-ID"].dt == moved.starts_at
    assert override["RECURRENCE-ID"].params["TZID"] == zone
    assert override["DTSTART"].dt == datetime(2025, 3, 21, 8, 15, tzinfo=ZoneInfo(zone))
    assert "Budget, 2025; draft" in override["DESCRIPTION"] and "王伟: update 📅" in override["DESCRIPTION"]

    expected = [m.starts_at for m in built.meetings if m.id not in (cancelled.id, moved.id)]
    expected.append(datetime(2025, 3, 21, 8, 15, tzinfo=ZoneInfo(zone)))
    assert utc_instants(expanded(data, *WIDE)) == utc_instants(expected)


def test_a_meeting_moved_then_cancelled_is_only_an_exdate_at_its_original_time(memory_db: Database) -> None:
    built = build_record(memory_db, zone="Europe/Berlin", until=date(2025, 6, 30))
    target = built.meetings[2]
    move(memory_db, target.id, datetime(2025, 2, 7, 10, 0))
    cancel(memory_db, target.id)
    data = export(memory_db)
    assert not [e for e in events(data) if "RECURRENCE-ID" in e]
    assert b"EXDATE;TZID=Europe/Berlin:20250206T160000\r\n" in data
    assert len(expanded(data, *WIDE)) == len(built.meetings) - 1


def test_uid_is_stable_and_sequence_rises_with_every_change(memory_db: Database) -> None:
    built = build_record(memory_db, until=date(2025, 12, 31))
    seen: list[tuple[str, int]] = []

    def snapshot() -> None:
        event = master(export(memory_db))
        seen.append((str(event["UID"]), int(event["SEQUENCE"])))

    snapshot()
    cancel(memory_db, built.meetings[1].id)
    snapshot()
    move(memory_db, built.meetings[2].id, datetime(2025, 2, 7, 9, 0))
    snapshot()
    with memory_db.write() as session:
        meetings.restore_meeting(session=session, meeting_id=built.meetings[1].id)
    snapshot()
    assert {uid for uid, _ in seen} == {built.series.uid}
    sequences = [sequence for _, sequence in seen]
    assert sequences == sorted(set(sequences)) and sequences[0] == 0
    override = next(e for e in events(export(memory_db)) if "RECURRENCE-ID" in e)
    assert int(override["SEQUENCE"]) >= sequences[-1]


def test_a_count_based_weekly_series_ends_with_until_in_utc(memory_db: Database) -> None:
    built = build_record(memory_db, zone="Asia/Kolkata", until=None, count=7, interval_weeks=1)
    data = export(memory_db)
    rule = master(data)["RRULE"]
    assert "COUNT" not in rule and rule["INTERVAL"] == [1]
    assert rule["UNTIL"][0] == built.meetings[-1].starts_at.astimezone(UTC)
    assert len(expanded(data, *WIDE)) == 7


def test_a_spring_forward_gap_meeting_lands_where_the_record_has_it(memory_db: Database) -> None:
    built = build_record(memory_db, first=datetime(2025, 3, 16, 2, 30), until=date(2025, 4, 20), interval_weeks=1)
    assert built.meetings[2].starts_at.hour == 3  # 2025-03-30 02:30 does not exist in Berlin
    data = export(memory_db)
    assert utc_instants(expanded(data, *WIDE)) == utc_instants([m.starts_at for m in built.meetings])


def test_single_meetings_keep_their_uid_across_exports(memory_db: Database) -> None:
    build_record(memory_db, until=date(2025, 3, 1))
    with memory_db.write() as session:
        special = meetings.add_meeting(
            session=session, start=datetime(2025, 5, 5, 9, 0), timezone="Asia/Shanghai", title="Special session"
        )
    first, second = export(memory_db), export(memory_db)
    uids = [[str(e["UID"]) for e in events(data) if "RRULE" not in e] for data in (first, second)]
    assert uids[0] == uids[1] and len(uids[0]) == 1 and uids[0][0].startswith(f"meeting-{special.id}-")
    assert b"TZID:Asia/Shanghai\r\n" in first and b"TZID:Europe/Berlin\r\n" in first
    starts = utc_instants(expanded(first, *WIDE))
    assert special.starts_at.astimezone(UTC) in starts


def test_ten_year_biweekly_series_stays_small(memory_db: Database) -> None:
    built = build_record(memory_db, zone="Europe/Berlin", first=datetime(2025, 1, 9, 16, 0), until=date(2034, 12, 31))
    for meeting in built.meetings[5:200:20]:
        cancel(memory_db, meeting.id)
    began = time.perf_counter()
    data = export(memory_db)
    elapsed = time.perf_counter() - began
    assert_well_formed(data)
    assert len(built.meetings) == 261
    assert len(data) < 12_000, len(data)
    assert len(expanded(data, date(2024, 1, 1), date(2036, 1, 1))) == 261 - 10
    print(f"ten-year biweekly series: {len(data)} bytes, exported in {elapsed * 1000:.0f} ms")


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def test_a_record_without_meetings_has_nothing_to_export(memory_db: Database) -> None:
    with memory_db.write() as session:
        setup.create_body(session=session, name="Empty TAC", timezone="Europe/Berlin")
    with pytest.raises(Refused, match="no meetings to export"):
        export(memory_db)
