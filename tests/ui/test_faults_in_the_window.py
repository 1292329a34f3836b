"""An unexpected fault in any action: a dialog with details, a log entry, nothing saved, the app keeps running."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tac_desk.services import roster
from tac_desk.storage import repositories as repo
from tac_desk.ui import messages
from tac_desk.ui.application import install_excepthook
from tac_desk.ui.dialogs.new_record import create_record
from tac_desk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> MainWindow:
    path = tmp_path / "tac.tacdb"
    create_record(path, name="Fault TAC", timezone="UTC")
    main = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start(path)
    return main


def test_a_fault_inside_an_action_rolls_back_and_is_reported(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(messages, "error_with_details", lambda parent, error: shown.append(error))

    def half_done(session: Any) -> None:
        roster.add_person(session=session, name="Written, then the fault")
        raise ZeroDivisionError("injected fault")

    with caplog.at_level(logging.ERROR, logger="tac_desk"):
        assert window.context.write(half_done) is None
    assert [type(e) for e in shown] == [ZeroDivisionError]
    assert "injected fault" in caplog.text
    assert window.context.read(repo.people) == []  # the person written before the fault was rolled back
    assert window.context.write(lambda s: roster.add_person(session=s, name="After")) is not None  # still running
    assert [p.name for p in window.context.read(repo.people)] == ["After"]


def test_an_expected_refusal_is_a_plain_warning(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: warned.append(text))
    assert window.context.write(lambda s: roster.add_person(session=s, name="   ")) is None
    assert warned == ["the name cannot be empty"]


def test_an_exception_escaping_a_slot_goes_to_the_dialog_and_the_log(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(messages, "error_with_details", lambda parent, error: shown.append(error))
    previous = sys.excepthook
    install_excepthook()
    try:
        with caplog.at_level(logging.ERROR, logger="tac_desk"):
            try:
                raise RuntimeError("escaped from a timer")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())  # what Qt does with an exception escaping a slot
    finally:
        sys.excepthook = previous
    assert [str(e) for e in shown] == ["escaped from a timer"]
    assert "escaped from a timer" in caplog.text
    assert window.isEnabled()
