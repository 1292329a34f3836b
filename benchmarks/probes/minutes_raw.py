"""The bare baseline for the minutes: raw reportlab laying out the same text (one paragraph a line).

Usage: ``python -m benchmarks.probes.minutes_raw TEXT.json OUT.pdf`` (TEXT.json: a list of lines).
Prints one JSON line with the seconds from importing reportlab to having the PDF's bytes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> dict[str, object]:
    """Lay out the lines once and report."""
    lines = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    started = time.perf_counter()
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=letter, invariant=1)
    document.build([Paragraph(escape(line), style) for line in lines if line.strip()])
    data = buffer.getvalue()
    finished = time.perf_counter()
    out.write_bytes(data)
    return {"seconds": finished - started, "bytes": len(data), "lines": len(lines)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
