"""khal, a real calendar client, imports the exports and lists the right local dates and times."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tac_desk.domain.model import Meeting
from tac_desk.exports.calendar_ics import invite_ics, series_ics
from tac_desk.services import calendar
from tac_desk.storage import repositories
from tac_desk.storage.database import Database

from .calendar_support import STAMP, build_record, cancel, move

FORMAT = "{start-date} {start-time} {title}"


class Khal:
    """khal with a throw-away configuration, calendar folder and cache."""

    def __init__(self, root: Path, local_zone: str) -> None:
        executable = shutil.which("khal")
        if executable is None:
            pytest.fail(
                "khal is not installed: run 'make test' (scripts/system_deps.sh installs it) or apt-get install khal"
            )
        self.executable = executable
        self.folder = root / "calendar"
        self.folder.mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[tac]]\npath = {self.folder}\n"
            f"[locale]\nlocal_timezone = {local_zone}\ndefault_timezone = {local_zone}\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            f"[sqlite]\npath = {root / 'khal.db'}\n",
            encoding="utf-8",
        )

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [self.executable, "-c", str(self.config), *args], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def import_file(self, data: bytes, name: str) -> None:
        path = self.folder.parent / name
        path.write_bytes(data)
        self.run("import", "--batch", "-a", "tac", str(path))

    def listed(self, start: date, end: date) -> list[str]:
        text = self.run("list", "--format", FORMAT, "--day-format", "", start.isoformat(), end.isoformat())
        return [line for line in text.splitlines() if line.strip()]


def feed_bytes(db: Database) -> bytes:
    with db.write() as session:
        return series_ics(calendar.calendar_feed(session=session), stamp=datetime.now(UTC))


def lines_for(meetings: list[Meeting], zone: str, title: str = "TAC meeting") -> list[str]:
    tz = ZoneInfo(zone)
    return [f"{m.starts_at.astimezone(tz):%Y-%m-%d %H:%M} {title}" for m in sorted(meetings, key=lambda m: m.starts_at)]


@pytest.mark.parametrize(
    ("series_zone", "local_zone"),
    [("Europe/Berlin", "America/New_York"), ("Asia/Kolkata", "Australia/Sydney"), ("Australia/Sydney", "Asia/Kolkata")],
)
def test_khal_lists_every_meeting_at_the_right_local_time(
    memory_db: Database, tmp_path: Path, series_zone: str, local_zone: str
) -> None:
    built = build_record(memory_db, zone=series_zone, first=datetime(2025, 1, 9, 16, 0), until=date(2025, 12, 31))
    khal = Khal(tmp_path, local_zone)
    khal.import_file(feed_bytes(memory_db), "series.ics")
    shown = khal.listed(date(2025, 1, 1), date(2026, 1, 31))
    assert shown == lines_for(built.meetings, local_zone)
    assert len({line.split()[1] for line in shown}) >= 2  # the zones' clocks change on different dates


def test_khal_replaces_the_series_when_a_higher_sequence_is_imported(memory_db: Database, tmp_path: Path) -> None:
    zone = "Europe/Berlin"
    built = build_record(memory_db, zone=zone, until=date(2025, 6, 30))
    khal = Khal(tmp_path, zone)
    khal.import_file(feed_bytes(memory_db), "first.ics")
    assert khal.listed(date(2025, 1, 1), date(2025, 7, 31)) == lines_for(built.meetings, zone)

    cancelled, moved = built.meetings[3], built.meetings[6]  # 2025-02-20 and 2025-04-03
    cancel(memory_db, cancelled.id)
    move(memory_db, moved.id, datetime(2025, 4, 4, 9, 45))
    khal.import_file(feed_bytes(memory_db), "second.ics")
    with memory_db.read() as session:
        now = [m for m in repositories.meetings(session) if m.status != "cancelled"]
    assert khal.listed(date(2025, 1, 1), date(2025, 7, 31)) == lines_for(now, zone)
    assert "2025-02-20 16:00 TAC meeting" not in khal.listed(date(2025, 2, 1), date(2025, 2, 28))
    stored = list(khal.folder.glob("*.ics"))
    assert len(stored) == 1
    assert b"SEQUENCE:2" in stored[0].read_bytes()


def test_khal_imports_a_single_invitation(memory_db: Database, tmp_path: Path) -> None:
    built = build_record(memory_db, zone="America/New_York", first=datetime(2025, 1, 9, 11, 0))
    target = built.meetings[4]
    move(memory_db, target.id, datetime(2025, 3, 7, 18, 0))
    with memory_db.write() as session:
        invite = calendar.meeting_invite(session=session, meeting_id=target.id)
    khal = Khal(tmp_path, "Asia/Shanghai")
    khal.import_file(invite_ics(invite, stamp=STAMP), "invite.ics")
    assert khal.listed(date(2025, 1, 1), date(2025, 12, 31)) == ["2025-03-08 07:00 TAC meeting"]
