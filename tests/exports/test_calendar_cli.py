"""``tac-desk export calendar``: files, standard output, invites as .eml, and clear refusals."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from icalendar import Calendar

from tac_desk.cli import main
from tac_desk.services import meetings
from tac_desk.storage.database import open_database

from .calendar_support import assert_well_formed, build_record, cancel


def record(folder: Path) -> tuple[Path, list[int], int]:
    """A record file built with the services and closed again, as the command finds it."""
    path = folder / "record" / "tac.tacdb"
    database = open_database(path)
    try:
        built = build_record(database)
        with database.write() as session:
            special = meetings.add_meeting(session=session, start=datetime(2025, 7, 1, 8, 0), timezone="Asia/Kolkata")
    finally:
        database.dispose()
    return path, [m.id for m in built.meetings], special.id


def cancel_in(path: Path, meeting_id: int) -> None:
    database = open_database(path)
    try:
        cancel(database, meeting_id)
    finally:
        database.dispose()


def uids(data: bytes) -> list[str]:
    return sorted(str(event["UID"]) for event in Calendar.from_ical(data).walk("VEVENT"))


def test_the_command_writes_the_series_and_an_eml_invite(tmp_path: Path) -> None:
    path, ids, _ = record(tmp_path)
    series_file, eml_file = tmp_path / "tac.ics", tmp_path / "invite.eml"
    command = [sys.executable, "-m", "tac_desk", "export", "calendar", "--db", str(path)]
    done = subprocess.run([*command, "-o", str(series_file)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {series_file} ({series_file.stat().st_size} bytes)"
    data = series_file.read_bytes()
    assert_well_formed(data)
    assert any("RRULE" in event for event in Calendar.from_ical(data).walk("VEVENT"))

    args = [*command, "--meeting", str(ids[2]), "--eml", "-o", str(eml_file)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "tac-desk: left out for want of an e-mail address: No Mail"
    message = BytesParser(policy=policy.default).parsebytes(eml_file.read_bytes())
    calendar_part = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert calendar_part.get_param("method") == "REQUEST"


def test_without_output_the_document_goes_to_stdout_and_uids_stay(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path, _, special = record(tmp_path)
    assert main(["export", "calendar", "--db", str(path)]) == 0
    first = capsysbinary.readouterr().out
    assert main(["export", "calendar", "--db", str(path)]) == 0
    second = capsysbinary.readouterr().out
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and uids(first) == uids(second)
    assert any(uid.startswith(f"meeting-{special}-") for uid in uids(first))
    assert main(["export", "calendar", "--db", str(path), "--meeting", str(special)]) == 0
    single = Calendar.from_ical(capsysbinary.readouterr().out)
    assert single["METHOD"] == "REQUEST"
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [u for u in uids(first) if u.startswith("meeting-")]


def test_cancellation_needs_a_cancelled_meeting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, ids, _ = record(tmp_path)
    assert main(["export", "calendar", "--db", str(path), "--meeting", str(ids[1]), "--cancel"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"tac-desk: meeting {ids[1]} is not cancelled: cancel it first, then export its cancellation"
    )
    cancel_in(path, ids[1])
    assert main(["export", "calendar", "--db", str(path), "--meeting", str(ids[1]), "--cancel"]) == 0
    assert "METHOD:CANCEL\r\n" in capsys.readouterr().out


def test_usage_and_write_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _, _ = record(tmp_path)
    with pytest.raises(SystemExit) as usage:
        main(["export", "calendar", "--db", str(path), "--eml"])
    assert usage.value.code == 2
    assert "add --meeting ID" in capsys.readouterr().err
    target = tmp_path / "missing" / "tac.ics"
    assert main(["export", "calendar", "--db", str(path), "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"tac-desk: cannot write {target}")
    assert not target.parent.exists()
