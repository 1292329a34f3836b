"""The app's ten-year calendar export, as the first export in a running app: record open, exports not imported.

Usage: ``python -m benchmarks.probes.calendar_app RECORD OUT.ics EVENTS.json``. Prints one JSON line with the
seconds from asking for the calendar to having the .ics bytes (assembling the series from the record,
importing icalendar, building and serialising); then writes the same events as plain data for the baseline.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlmodel  # noqa: F401  (loaded in a running app already)

from tac_desk.storage import repositories
from tac_desk.storage.database import open_database

STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def main(argv: list[str]) -> dict[str, object]:
    """Export the calendar once, report, and write the events for the baseline."""
    record, out, events_file = Path(argv[0]), Path(argv[1]), Path(argv[2])
    preloaded = "icalendar" in sys.modules
    database = open_database(record, create=False)
    try:
        started = time.perf_counter()
        from tac_desk.exports.calendar_ics import series_ics
        from tac_desk.services.calendar import calendar_feed

        with database.read() as session:
            feed = calendar_feed(session=session, create_key=False)
        assembled = time.perf_counter()
        data = series_ics(feed, stamp=STAMP)
        finished = time.perf_counter()
        with database.read() as session:
            meetings = repositories.meetings(session)
    finally:
        database.dispose()
    out.write_bytes(data)
    heading = next((s.heading for s in feed.series), "")
    events = [
        {
            "uid": f"meeting-{m.id}@tac-desk.bench",
            "title": m.title,
            "start": m.starts_at.isoformat(),
            "end": m.ends_at.isoformat(),
            "zone": m.timezone,
            "sequence": m.sequence,
            "description": heading,
        }
        for m in meetings
        if m.status.value != "cancelled"
    ]
    events_file.write_text(json.dumps({"name": feed.name, "events": events}, ensure_ascii=False), encoding="utf-8")
    return {
        "seconds": finished - started,
        "assemble_seconds": assembled - started,
        "bytes": len(data),
        "events": len(events),
        "icalendar_preloaded": preloaded,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
