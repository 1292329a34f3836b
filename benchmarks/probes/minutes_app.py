"""The app's minutes PDF, as the first export in a running app: record open, exports not yet imported.

Usage: ``python -m benchmarks.probes.minutes_app RECORD MEETING_ID OUT.pdf``. Prints one JSON line with the
seconds from asking for the minutes to having the PDF's bytes (assembling from the record, importing the
exporter and reportlab, registering the fonts, rendering).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import sqlmodel  # noqa: F401  (loaded in a running app already)

from tac_desk.storage import repositories  # noqa: F401
from tac_desk.storage.database import open_database


def main(argv: list[str]) -> dict[str, object]:
    """Render the minutes once and report."""
    record, meeting_id, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    preloaded = "reportlab" in sys.modules
    database = open_database(record, create=False)
    try:
        started = time.perf_counter()
        from tac_desk.exports.minutes_pdf import render_minutes_pdf
        from tac_desk.services.minutes import minutes_record

        with database.read() as session:
            minutes = minutes_record(session=session, meeting_id=meeting_id)
        assembled = time.perf_counter()
        data = render_minutes_pdf(minutes)
        finished = time.perf_counter()
    finally:
        database.dispose()
    out.write_bytes(data)
    return {
        "seconds": finished - started,
        "assemble_seconds": assembled - started,
        "bytes": len(data),
        "reportlab_preloaded": preloaded,
        "agenda_items": len(getattr(minutes, "agenda", ()) or ()),
        "votes": len(getattr(minutes, "votes", ()) or ()),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
