"""The benchmark harness: its generated records verify, and a quick run writes every figure (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measures import Measured  # noqa: E402
from benchmarks.record import FULL, MINIMUM, QUICK, first_meeting, generate  # noqa: E402
from benchmarks.report import KEYS, results, table  # noqa: E402
from tac_desk.services.integrity import verify_record  # noqa: E402
from tac_desk.storage import repositories as repo  # noqa: E402
from tac_desk.storage.database import open_database  # noqa: E402

ISSUE_KEYS = [
    "first_paint_ratio",
    "data_shown_ratio",
    "switch_meeting_ms",
    "decisions_view_ms",
    "minutes_pdf_ratio",
    "calendar_ratio",
    "close_vote_ms",
    "verify_s",
    "peak_rss_mb",
]


def test_ten_year_record_has_the_issue_sizes_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "ten-year.tacdb"
    info = generate(path, size=FULL, first=first_meeting(date(2026, 11, 29), FULL))
    for key, least in MINIMUM.items():
        assert info.counts[key] >= least, key
    report = verify_record(path=path)
    assert report.ok, report.summary()
    assert report.entries == info.counts["journal"]
    database = open_database(path, create=False)
    try:
        with database.read() as session:
            meetings = repo.meetings(session)
            full = repo.meeting(session, info.full_meeting_id)
            assert len(repo.agenda(session, full.id)) == FULL.full_items
            assert len(repo.motions(session, meeting_id=full.id)) == FULL.full_votes
            years = (meetings[-1].starts_at - meetings[0].starts_at).days / 365.25
            people = {p.name for p in repo.people(session)}
    finally:
        database.dispose()
    assert years >= 10
    assert any(not name.isascii() for name in people)  # names in many scripts survive the bulk insert


def test_quick_run_writes_exactly_the_issue_keys(tmp_path: Path) -> None:
    out = tmp_path / "bench-results.json"
    env = {**os.environ, "TAC_DESK_BENCH_CACHE": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ISSUE_KEYS
    for key, value in data.items():
        assert isinstance(value, int | float) and value > 0, (key, value)
    for key in ISSUE_KEYS:
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"| {key} "))
        assert "| pass " in line or "| MISS " in line
    assert (tmp_path / "cache" / "details-quick.json").is_file()


def test_quick_record_is_small_and_sound(tmp_path: Path) -> None:
    path = tmp_path / "quick.tacdb"
    info = generate(path, size=QUICK, first=first_meeting(date(2026, 11, 29), QUICK))
    assert 0 < info.counts["meetings"] < MINIMUM["meetings"]
    assert verify_record(path=path).ok


def test_results_keep_the_issue_keys_whatever_was_measured() -> None:
    measured = [Measured("verify_s", "n/a", "no verify command yet"), Measured("peak_rss_mb", 123.456)]
    data = results(measured)
    assert list(data) == ISSUE_KEYS == list(KEYS)
    assert data["verify_s"] == "n/a" and data["peak_rss_mb"] == 123.5 and data["first_paint_ratio"] == "n/a"
    shown = table(measured)
    assert "| verify_s" in shown and "n/a" in shown and "pass" in shown
