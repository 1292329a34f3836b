"""File → Export from the desktop app: real files written atomically off the GUI thread."""

from __future__ import annotations

import email
import subprocess
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from tac_desk.services.demo import build_demo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database
from tac_desk.ui import messages
from tac_desk.ui.export_actions import write_file_atomically
from tac_desk.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.tacdb"
    database = open_database(path)
    with database.write() as session:
        build_demo(session=session)
    database.dispose()
    return path


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    copy = tmp_path / "demo.tacdb"
    copy.write_bytes(demo_file.read_bytes())
    monkeypatch.setattr(messages, "warn", lambda *args: pytest.fail(f"warned: {args}"))
    monkeypatch.setattr(messages, "error_with_details", lambda *args: pytest.fail(f"fault: {args}"))
    main = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start(copy)
    return main


def choose(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))


def held_meeting(main: MainWindow) -> int:
    meetings = main.context.read(repo.meetings)
    held = [m for m in meetings if m.status.value == "held"]
    main.views[0].select_meeting(held[-1].id)
    return held[-1].id


def test_minutes_pdf_from_the_menu(
    window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held_meeting(window)
    target = tmp_path / "out" / "minutes.pdf"
    target.parent.mkdir()
    choose(monkeypatch, target)
    window.exporter.minutes("pdf")
    qtbot.waitUntil(target.exists, timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Quorum" in text or "quorum" in text
    assert [p.name for p in target.parent.iterdir()] == ["minutes.pdf"]  # no partial file left behind


def test_calendar_and_invite_from_the_menu(
    window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    series = tmp_path / "all.ics"
    choose(monkeypatch, series)
    window.exporter.calendar()
    qtbot.waitUntil(series.exists, timeout=30_000)
    calendar = Calendar.from_ical(series.read_bytes())
    assert any(c.name == "VEVENT" and c.get("RRULE") for c in calendar.walk())
    upcoming = [m for m in window.context.read(repo.meetings) if m.status.value == "scheduled"]
    window.views[0].select_meeting(upcoming[-1].id)
    invite = tmp_path / "invite.eml"
    choose(monkeypatch, invite)
    window.exporter.invite(eml=True)
    qtbot.waitUntil(invite.exists, timeout=30_000)
    message = email.message_from_bytes(invite.read_bytes())
    parts = {part.get_content_type(): part for part in message.walk()}
    assert parts["text/calendar"].get_param("method") == "REQUEST"


def test_atomic_write_keeps_the_old_file_when_the_folder_is_gone(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.pdf"
    with pytest.raises(Exception, match="cannot write"):
        write_file_atomically(target, b"data")
    existing = tmp_path / "kept.pdf"
    existing.write_bytes(b"old")
    write_file_atomically(existing, b"new")
    assert existing.read_bytes() == b"new"
