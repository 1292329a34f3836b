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


def test_the_first_screen_shows_meetings_before_the_record_is_fully_open(
    qtbot: Any, settings: QSettings, tmp_path: Path
) -> None:
    path = tmp_path / "ours.tacdb"
    new_record.create_record(path, name="Quick TAC", timezone="UTC")
    from datetime import datetime

    from tac_desk.services import meetings
    from tac_desk.storage.database import open_database

    database = open_database(path)
    with database.write() as session:
        meetings.schedule_series(session=session, first=datetime(2030, 1, 3, 9, 0), timezone="UTC", count=4)
    database.dispose()
    window = MainWindow(settings, shell_first=True)  # as the app starts: the first paint shows only the shell
    qtbot.addWidget(window)
    assert not hasattr(window, "context") and not hasattr(window, "welcome")
    assert [window.nav.item(row).text() for row in range(window.nav.count())][:2] == ["Meetings", "Electronic votes"]
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&View", "&Help"]
    window.show()
    window.start(path, deferred=True)
    qtbot.waitUntil(lambda: bool(window.views) and window.views[0].model.rowCount() == 4, timeout=10_000)
    assert window.stack.currentWidget() is window.views[0]  # never the welcome panel, not even for a moment
    qtbot.waitUntil(lambda: window.context.is_open, timeout=30_000)
    assert window.windowTitle() == "TAC Desk — Quick TAC"
    assert len(window.views) == 6 and window.nav.isEnabled()
    assert window.views[0].console.isEnabled()


def test_a_shell_first_window_without_a_record_completes_into_the_welcome_panel(
    qtbot: Any, settings: QSettings
) -> None:
    window = MainWindow(settings, shell_first=True)
    qtbot.addWidget(window)
    window.show()
    window.start(None, deferred=True)
    qtbot.waitUntil(lambda: hasattr(window, "welcome") and window.stack.currentWidget() is window.welcome)
    assert not window.nav.isEnabled()
    assert window.health_banner.isHidden()
    assert "&Verify record" in [action.text() for action in window.file_menu.actions()]


def test_a_window_closed_before_its_first_paint_closes_cleanly(qtbot: Any, settings: QSettings) -> None:
    window = MainWindow(settings, shell_first=True)
    qtbot.addWidget(window)
    window.start(None, deferred=True)
    assert window.close()
    qtbot.wait(1100)  # past the start's backstop timer
    assert not hasattr(window, "context")  # nothing was opened after the close
    assert settings.value("window/geometry") is not None


def test_the_collector_paused_for_start_up_runs_again_once_the_window_has_painted(
    qtbot: Any, settings: QSettings
) -> None:
    import gc

    from tac_desk.collector import pause_for_start_up

    pause_for_start_up()  # as tac_desk.app.main does
    try:
        window = MainWindow(settings, shell_first=True)
        qtbot.addWidget(window)
        window.show()
        window.start(None, deferred=True)
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5_000)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
