"""The bare baseline for the calendar: raw icalendar writing the same meetings, one VEVENT each.

Usage: ``python -m benchmarks.probes.calendar_raw EVENTS.json OUT.ics``. Prints one JSON line with the
seconds from importing icalendar to having the .ics bytes (events, bounded VTIMEZONE, serialisation).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def main(argv: list[str]) -> dict[str, object]:
    """Write the calendar once and report."""
    data_in = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    started = time.perf_counter()
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//bench//raw icalendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", data_in["name"])
    days = []
    for item in data_in["events"]:
        zone = ZoneInfo(item["zone"])
        start = datetime.fromisoformat(item["start"]).astimezone(zone)
        end = datetime.fromisoformat(item["end"]).astimezone(zone)
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", STAMP)
        event.add("sequence", item["sequence"])
        event.add("summary", item["title"])
        event.add("dtstart", start)
        event.add("dtend", end)
        if item["description"]:
            event.add("description", item["description"])
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
        days.append(start.date())
    if days:
        first, last = min(days) - timedelta(days=1), max(days) + timedelta(days=2)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    data = calendar.to_ical()
    finished = time.perf_counter()
    out.write_bytes(data)
    return {"seconds": finished - started, "bytes": len(data), "events": len(data_in["events"])}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
