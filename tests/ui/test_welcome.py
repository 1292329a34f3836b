"""First start: the welcome panel creates a record or opens the demo; the window remembers what it showed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tac_desk.ui import messages
from tac_desk.ui.dialogs import new_record
from tac_desk.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "warn", lambda *args: pytest.fail(f"warned: {args}"))
    monkeypatch.setattr(messages, "error_with_details", lambda *args: pytest.fail(f"fault: {args}"))


def test_first_start_shows_the_welcome_panel(qtbot: Any, settings: QSettings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.start(None)
    assert window.stack.currentWidget() is window.welcome
    assert not window.nav.isEnabled()
    assert window.windowTitle() == "TAC Desk"


def test_create_a_new_record_from_the_welcome_panel(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "records" / "ours.tacdb"

    def fill(dialog: new_record.NewRecordDialog) -> int:
        dialog.name.setText("Our TAC")
        dialog.zone.set_zone("Asia/Shanghai")
        dialog.path.setText(str(target))
        dialog._create()
        return 1

    monkeypatch.setattr(new_record.NewRecordDialog, "exec", fill)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.start(None)
    window.welcome.create_button.click()
    assert target.exists()
    assert window.windowTitle() == "TAC Desk — Our TAC"
    assert window.nav.isEnabled()
    # the next start reopens the same record on the same view
    window.nav.setCurrentRow(2)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.start(None)
    assert again.context.path == target
    assert again.nav.currentRow() == 2


def test_explore_the_demo_builds_it_off_the_gui_thread(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "demo.tacdb"
    monkeypatch.setattr(new_record, "demo_record_path", lambda: demo)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.start(None)
    window.welcome.demo_button.click()
    assert not window.welcome.isEnabled()  # busy while the demo is built in the background
    qtbot.waitUntil(lambda: window.context.is_open, timeout=60_000)
    assert window.windowTitle().startswith("TAC Desk — ")
    assert window.views[0].model.rowCount() > 0
