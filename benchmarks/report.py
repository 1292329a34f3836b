"""The goals, the printed table and bench-results.json (exactly the issue's keys)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from benchmarks.measures import Measured

# key -> (goal, unit, what)
GOALS: dict[str, tuple[float, str, str]] = {
    "first_paint_ratio": (1.5, "x", "cold start to the main window painted, vs a bare QMainWindow"),
    "data_shown_ratio": (4.0, "x", "cold start until the meetings are on screen, vs the same bare start"),
    "switch_meeting_ms": (50.0, "ms", "switching the console to another meeting"),
    "decisions_view_ms": (50.0, "ms", "opening the Decisions view"),
    "minutes_pdf_ratio": (1.5, "x", "minutes PDF (40 items, 10 roll calls) vs raw reportlab"),
    "calendar_ratio": (1.5, "x", "ten-year calendar export vs raw icalendar"),
    "close_vote_ms": (100.0, "ms", "closing a vote (service, commit, views refreshed)"),
    "verify_s": (1.0, "s", "full tac-desk verify"),
    "peak_rss_mb": (250.0, "MB", "peak memory with the record open"),
}
KEYS = tuple(GOALS)


def rounded(value: float | str) -> float | str:
    """A figure as written to the JSON file: 3 significant decimals for ratios and seconds, 1 for ms and MB."""
    if isinstance(value, str):
        return value
    return round(value, 3) if value < 10 else round(value, 1)


def verdict(measured: Measured) -> str:
    """'pass', 'MISS' or 'n/a'."""
    if isinstance(measured.value, str):
        return "n/a"
    return "pass" if measured.value <= GOALS[measured.key][0] else "MISS"


def results(measured: Sequence[Measured]) -> dict[str, float | str]:
    """The figures by key, in the issue's order; a figure that could not be measured is "n/a"."""
    found = {m.key: rounded(m.value) for m in measured}
    return {key: found.get(key, "n/a") for key in KEYS}


def table(measured: Sequence[Measured]) -> str:
    """The table printed at the end of a run (and shown in the README)."""
    by_key = {m.key: m for m in measured}
    lines = [
        f"| {'figure':<18} | {'value':>9} | {'goal':>9} | {'result':<6} | baseline and notes",
        f"|{'-' * 20}|{'-' * 11}|{'-' * 11}|{'-' * 8}|{'-' * 40}",
    ]
    for key, (goal, unit, _what) in GOALS.items():
        item = by_key.get(key, Measured(key, "n/a", "not measured"))
        value = item.value if isinstance(item.value, str) else f"{rounded(item.value)} {unit}"
        lines.append(
            f"| {key:<18} | {value:>9} | {'≤ ' + format(goal, 'g') + ' ' + unit:>9} | {verdict(item):<6} | "
            f"{item.baseline}"
        )
    return "\n".join(lines)


def write_json(path: Path, measured: Sequence[Measured]) -> dict[str, float | str]:
    """Write bench-results.json with exactly the issue's keys; returns what was written."""
    data = results(measured)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data
