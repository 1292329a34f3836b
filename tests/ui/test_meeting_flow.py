"""The chair's whole flow in the desktop app: record, roster, series, roll call, agenda, vote, cancel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from tac_desk.domain.enums import MeetingStatus, MotionStatus, SeatKind
from tac_desk.services import roster
from tac_desk.storage import repositories as repo
from tac_desk.ui import messages
from tac_desk.ui.console.roll_panel import PRIMARY_COLUMN
from tac_desk.ui.dialogs import meeting_dialogs, schedule_dialog
from tac_desk.ui.dialogs.new_record import create_record
from tac_desk.ui.main_window import MainWindow

SEATS = 7  # quorum 1/2 of 7 rounds up to 4


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action="OK": True)

    def unexpected(parent: object, error: BaseException) -> None:
        raise AssertionError(f"unexpected fault shown to the user: {error!r}")

    monkeypatch.setattr(messages, "error_with_details", unexpected)
    return said


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, told: list[str]) -> MainWindow:
    path = tmp_path / "tac.tacdb"
    create_record(path, name="Test TAC", timezone="Europe/Berlin")
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.start(path)
    main.show()
    return main


def add_roster(main: MainWindow) -> list[int]:
    def build(session: Any) -> list[int]:
        seat_ids = []
        for n in range(SEATS):
            person = roster.add_person(session=session, name=f"Member {n}", organization=f"Org {n}")
            alternate = None
            if n == 0:
                alternate = roster.add_person(session=session, name="王伟 (alternate)", organization="Org 0").id
            seat = roster.add_seat(
                session=session,
                kind=SeatKind.PREMIER,
                organization=f"Org {n}",
                primary_id=person.id,
                alternate_id=alternate,
                starts_on=date(2020, 1, 1),
            )
            seat_ids.append(seat.id)
        return seat_ids

    result = main.context.write(build)
    assert result is not None
    return result


def schedule(main: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: schedule_dialog.ScheduleSeriesDialog) -> int:
        dialog.first.setDateTime(datetime(2027, 3, 4, 16, 0))
        dialog.count.setValue(6)
        assert dialog.preview.count() == 6
        assert "6 meetings" in dialog.summary.text()
        return 1

    monkeypatch.setattr(schedule_dialog.ScheduleSeriesDialog, "exec", fill)
    main.views[0].schedule_series()


def test_title_names_the_record(window: MainWindow) -> None:
    assert window.windowTitle() == "TAC Desk — Test TAC"


def test_whole_meeting_flow(window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, told: list[str]) -> None:
    seat_ids = add_roster(window)
    schedule(window, monkeypatch)
    view = window.views[0]
    view.filter.setCurrentIndex(2)  # All
    meetings = window.context.read(repo.meetings)
    assert len(meetings) == 6
    # the series crosses the end of daylight saving time in Berlin and keeps 16:00 local
    assert {m.starts_at.hour for m in meetings} == {16}
    first = meetings[0]
    view.select_meeting(first.id)
    console = view.console
    assert console.meeting_id == first.id

    # roll call: the banner flips at exactly 4 of 7
    for n in range(3):
        console.roll.table.selectRow(n)
        qtbot.keyClick(console.roll.table, Qt.Key.Key_P)
    assert console.banner.label.text().startswith("No quorum: 3 of 7")
    assert console.banner.quorum_met is False
    with qtbot.waitSignal(console.sig_quorum_changed) as blocker:
        index = console.roll.model.index(3, PRIMARY_COLUMN)
        console.roll.table.clicked.emit(index)
    assert blocker.args == [True]
    assert console.banner.label.text() == "Quorum: 4 of 7 voting seats present — 4 needed ✓"
    # the alternate stands in for seat 0
    console.roll.table.selectRow(0)
    qtbot.keyClick(console.roll.table, Qt.Key.Key_A)
    roll = window.context.read(
        lambda s: __import__("tac_desk.services.attendance").services.attendance.roll_call(
            session=s, meeting_id=first.id
        )
    )
    assert roll.entries[0].attendee is not None and roll.entries[0].attendee.name == "王伟 (alternate)"
    assert roll.present == 4

    # agenda item with notes saved as typed
    def fill_item(dialog: meeting_dialogs.AgendaItemDialog) -> int:
        dialog.title.setText("Vote: adopt the <b>charter</b>")
        dialog.minutes.setValue(15)
        return 1

    monkeypatch.setattr(meeting_dialogs.AgendaItemDialog, "exec", fill_item)
    console.add_item()
    assert console.agenda.model.rowCount() == 1
    assert console.agenda.model.index(0, 1).data() == "Vote: adopt the <b>charter</b>"
    assert "Planned 15 of 60 min" in console.agenda.total.text()
    console.agenda.table.selectRow(0)
    console.agenda.notes.setPlainText("Discussed; 王伟 asked for a review.")
    qtbot.waitUntil(lambda: window.context.read(lambda s: repo.agenda(s, first.id))[0].notes.startswith("Discussed"))

    # a motion, ballots by key, the live tally, closing
    item_id = console.agenda.model.row_at(0).id  # type: ignore[union-attr]

    def fill_motion(dialog: meeting_dialogs.MotionDialog) -> int:
        dialog.text.setPlainText("Adopt the charter")
        dialog.item.setCurrentIndex(dialog.item.findData(item_id))
        return 1

    monkeypatch.setattr(meeting_dialogs.MotionDialog, "exec", fill_motion)
    console.new_motion()
    grid = console.votes.grid
    assert grid.grid_model.rowCount() == SEATS
    grid.setFocus()
    grid.selectRow(0)
    qtbot.keyClick(grid, Qt.Key.Key_Y)  # seat 0 (alternate) yes, moves to seat 1
    assert console.votes.tally.text() == "1 yes · 0 no · 0 abstain — enough yes votes to pass (1 needed)"
    qtbot.keyClick(grid, Qt.Key.Key_N)  # seat 1 no: a tie fails
    assert console.votes.tally.text() == "1 yes · 1 no · 0 abstain — needs 1 more yes (2 needed)"
    qtbot.keyClick(grid, Qt.Key.Key_Y)  # seat 2 yes
    qtbot.keyClick(grid, Qt.Key.Key_A)  # seat 3 abstains
    assert console.votes.tally.text().startswith("2 yes · 1 no · 1 abstain — enough yes votes")
    console.votes.close_button.click()
    motion = window.context.read(lambda s: repo.motions(s, meeting_id=first.id))[0]
    assert motion.status is MotionStatus.CLOSED
    assert motion.outcome is not None and motion.outcome.passed
    assert console.votes.outcome.text().startswith("Adopted: 2 yes to 1 no (1 abstention not counted)")
    # a correction after closing is a new entry; the outcome is recounted and the grid says what changed
    console.votes.grid.selectRow(1)

    def fill_correction(dialog: meeting_dialogs.CorrectionDialog) -> int:
        dialog.choice.setCurrentIndex(dialog.choice.findData("yes"))
        dialog.reason.setText("The representative's vote was misheard; confirmed by e-mail")
        return 1

    monkeypatch.setattr(meeting_dialogs.CorrectionDialog, "exec", fill_correction)
    console.votes.correct_button.click()
    assert "Corrected after closing (1 correction(s)" in console.votes.outcome.text()
    assert console.votes.outcome.text().startswith("Adopted: 3 yes to 0 no")
    assert console.votes.grid.grid_model.index(1, 2).data() == "Yes (corrected; was No)"
    # an action item taken at the meeting, through the shared action dialog
    from tac_desk.ui.dialogs.action_dialog import ActionDialog

    def fill_action(dialog: ActionDialog) -> int:
        dialog.task.setText("Publish the adopted charter")
        dialog.save()
        return 1

    monkeypatch.setattr(ActionDialog, "exec", fill_action)
    console.add_action()
    assert [a.task for a in window.context.read(lambda s: repo.action_items(s, meeting_id=first.id))] == [
        "Publish the adopted charter"
    ]
    assert console.actions.model.rowCount() == 1
    # ballots after closing are refused, nothing changes
    before = len(window.context.read(lambda s: repo.ballots(s, motion.id)))
    console.cast_ballot(motion.id, seat_ids[4], __import__("tac_desk.domain.enums").domain.enums.Choice.YES)
    assert any("closed" in text for text in told)
    assert len(window.context.read(lambda s: repo.ballots(s, motion.id))) == before


def test_closing_without_quorum_is_refused_with_the_sentence(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    add_roster(window)
    schedule(window, monkeypatch)
    view = window.views[0]
    view.filter.setCurrentIndex(2)
    first = window.context.read(repo.meetings)[0]
    view.select_meeting(first.id)
    console = view.console
    console.roll.table.selectRow(1)
    console.set_presence(
        console.roll.model.row_at(1).seat.id, __import__("tac_desk.domain.enums").domain.enums.Presence.PRIMARY
    )  # type: ignore[union-attr]
    monkeypatch.setattr(
        meeting_dialogs.MotionDialog, "exec", lambda dialog: (dialog.text.setPlainText("Adopt X"), 1)[1]
    )
    console.new_motion()
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action="OK": asked.append(text) or False)
    console.votes.close_button.click()
    assert asked and "no quorum — 1 of 7 voting seats present; 4 needed" in asked[0]
    motion = window.context.read(lambda s: repo.motions(s, meeting_id=first.id))[0]
    assert motion.status is MotionStatus.OPEN
    # the chair may record it as not decided
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action="OK": True)
    console.votes.close_button.click()
    motion = window.context.read(lambda s: repo.motions(s, meeting_id=first.id))[0]
    assert motion.status is MotionStatus.CLOSED
    assert motion.outcome is not None and not motion.outcome.quorum_met
    assert console.votes.outcome.text().startswith("Not decided: no quorum")


def test_cancel_one_meeting_and_the_series_goes_on(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    add_roster(window)
    schedule(window, monkeypatch)
    view = window.views[0]
    view.filter.setCurrentIndex(2)
    meetings = window.context.read(repo.meetings)
    view.select_meeting(meetings[2].id)
    view.console.header.cancel_button.click()
    after = window.context.read(repo.meetings)
    assert [m.status for m in after].count(MeetingStatus.CANCELLED) == 1
    assert after[2].status is MeetingStatus.CANCELLED and after[3].status is MeetingStatus.SCHEDULED
    assert view.console.banner.label.text() == "This meeting was cancelled."
    assert view.console.header.restore_button.isVisible()


def test_roll_and_agenda_models_pass_the_model_tester(
    window: MainWindow, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_roster(window)
    schedule(window, monkeypatch)
    view = window.views[0]
    view.filter.setCurrentIndex(2)
    view.select_meeting(window.context.read(repo.meetings)[0].id)
    for model in (
        view.model,
        view.console.roll.model,
        view.console.agenda.model,
        view.console.votes.grid.grid_model,
        view.console.actions.model,
    ):
        qtmodeltester.check(model)
