"""The record's health in the window: a tampered record is flagged, read-only is said, backups restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tac_desk.services.demo import build_demo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database
from tac_desk.ui import messages, record_health
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
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action="OK": told.append(text) or True)
    monkeypatch.setattr(messages, "error_with_details", lambda *args: pytest.fail(f"fault: {args}"))
    return told


def window_on(qtbot: Any, record: Path, tmp_path: Path) -> MainWindow:
    main = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start(record)
    return main


def tamper(record: Path) -> None:
    connection = sqlite3.connect(record, isolation_level=None)
    for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        connection.execute(f"DROP TRIGGER {name}")
    connection.execute("UPDATE journal SET payload = replace(payload, '\"yes\"', '\"no\"') WHERE kind = 'ballot'")
    connection.close()


def test_a_sound_record_shows_no_banner(qtbot: Any, demo_file: Path, tmp_path: Path, said: list[str]) -> None:
    record = tmp_path / "r.tacdb"
    shutil.copyfile(demo_file, record)
    main = window_on(qtbot, record, tmp_path)
    qtbot.wait(300)
    assert main.health_banner.isHidden()
    record_health.verify_now(main)
    qtbot.waitUntil(lambda: any("The record is sound" in text for text in said), timeout=30_000)


def test_a_tampered_record_is_flagged_with_restore_offered(
    qtbot: Any, demo_file: Path, tmp_path: Path, said: list[str]
) -> None:
    record = tmp_path / "r.tacdb"
    shutil.copyfile(demo_file, record)
    tamper(record)
    main = window_on(qtbot, record, tmp_path)
    qtbot.waitUntil(lambda: not main.health_banner.isHidden(), timeout=30_000)
    assert "failed its integrity check" in main.health_banner.label.text()
    assert not main.health_banner.restore_button.isHidden()


def test_read_only_record_says_so(
    qtbot: Any, demo_file: Path, tmp_path: Path, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    record = folder / "r.tacdb"
    shutil.copyfile(demo_file, record)
    os.chmod(record, 0o444)
    if os.access(record, os.W_OK):  # running as root: the permission bits do not bind; pretend they do
        monkeypatch.setattr("tac_desk.storage.database._is_read_only", lambda path: True)
    main = window_on(qtbot, record, tmp_path)
    assert main.context.read_only
    qtbot.waitUntil(lambda: not main.health_banner.isHidden(), timeout=30_000)
    assert "read-only" in main.health_banner.label.text()


def test_back_up_then_restore_from_the_window(
    qtbot: Any, demo_file: Path, tmp_path: Path, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "r.tacdb"
    shutil.copyfile(demo_file, record)
    main = window_on(qtbot, record, tmp_path)
    record_health.backup_now(main)
    people_before = len(main.context.read(repo.people))
    from tac_desk.services import roster

    main.context.write(lambda s: roster.add_person(session=s, name="Added after the backup"))
    assert len(main.context.read(repo.people)) == people_before + 1
    monkeypatch.setattr(record_health.RestoreDialog, "exec", lambda dialog: 1)
    record_health.restore_backup(main)
    assert main.context.is_open
    assert len(main.context.read(repo.people)) == people_before
    assert "Restored from" in main.health_banner.label.text()


def test_the_remembered_digest_key_is_stable_across_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "from pathlib import Path; from tac_desk.ui.record_health import anchor_key; "
        f"print(anchor_key(Path({str(tmp_path)!r})))"
    )
    keys = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(keys) == 1 and keys.pop().startswith("anchors/")
