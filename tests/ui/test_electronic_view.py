"""Electronic votes: open one, record ballots with the keys and buttons, watch what it needs, close it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from view_sample import make_context, plain_labels_only, quiet_messages, show_view, table_texts

from tac_desk.domain.enums import Choice, MotionStatus, SeatKind
from tac_desk.services import roster, votes
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.models.votes_model import PASSED
from tac_desk.ui.views.electronic_view import ElectronicVotesView

SEATS = ["Acme AI", "Ericsson", "Huawei", "IBM", "Orange"]  # majority of all 5 seats: 3 yes
NAMES = ["Ada Lovelace", "<b>Bob</b>", "王伟", "Ravi Shankar", "Zoë Lefèvre"]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return quiet_messages(monkeypatch)


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    context = make_context(tmp_path)
    with context.database.write() as session:
        for organization, name in zip(SEATS, NAMES, strict=True):
            person = roster.add_person(session=session, name=name, organization=organization)
            roster.add_seat(
                session=session,
                kind=SeatKind.PREMIER,
                organization=organization,
                primary_id=person.id,
                starts_on=date(2020, 1, 1),
            )
    return context


def electronic_view(qtbot: Any, context: AppContext) -> ElectronicVotesView:
    view = ElectronicVotesView(context)
    show_view(qtbot, view)
    return view


def open_vote(qtbot: Any, view: ElectronicVotesView, text: str, closes: date | None) -> int:
    dialog = view.vote_dialog()
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "electronic"
    dialog.text.setPlainText(text)
    dialog.closes.enabled.setChecked(closes is not None)
    if closes is not None:
        dialog.closes.edit.setDate(QDate(closes.year, closes.month, closes.day))
    dialog.save()
    assert dialog.result_id is not None
    view.reload()
    motion_id = dialog.result_id
    row = [line.motion.id for line in view.lines].index(motion_id)
    view.table.selectRow(row)
    return motion_id


def test_an_electronic_vote_from_open_to_close(
    qtbot: Any, context: AppContext, told: list[str], qtmodeltester: Any
) -> None:
    view = electronic_view(qtbot, context)
    assert view.header.subtitle.text().startswith("No electronic votes yet")
    closes = votes.today() + timedelta(days=10)
    motion_id = open_vote(qtbot, view, "Adopt the <i>security</i> policy", closes)
    motion = context.read(lambda s: repo.motion(s, motion_id))
    assert motion.is_electronic and motion.closes_on == closes and motion.decision_type == "electronic"
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.panel.roll_model)
    panel = view.panel
    assert panel.text.text() == "Adopt the <i>security</i> policy"
    assert panel.banner.verdict.text() == "Open — needs 3 more yes"
    assert view.not_voted.text() == (
        "Not voted yet — 5 seats: Acme AI (Ada Lovelace); Ericsson (<b>Bob</b>); Huawei (王伟); "
        "IBM (Ravi Shankar); Orange (Zoë Lefèvre)"
    )

    # the first seat without a ballot is selected; Y records it and moves on
    assert view.selected_seat() == motion.roster[0].seat_id
    view.panel.roll_table.setFocus()
    qtbot.keyClick(view.panel.roll_table, Qt.Key.Key_Y)
    assert panel.banner.verdict.text() == "Open — needs 2 more yes"
    assert view.selected_seat() == motion.roster[1].seat_id
    qtbot.keyClick(view.panel.roll_table, Qt.Key.Key_N)
    view.ballot_buttons[Choice.YES].click()
    assert panel.banner.verdict.text() == "Open — needs 1 more yes"
    assert view.not_voted.text() == "Not voted yet — 2 seats: IBM (Ravi Shankar); Orange (Zoë Lefèvre)"
    assert table_texts(panel.roll_proxy, 2) == ["Yes", "No", "Yes", "Not voted", "Not voted"]
    assert table_texts(view.proxy, 3) == ["2–1–0"]
    qtbot.keyClick(view.panel.roll_table, Qt.Key.Key_R)
    qtbot.keyClick(view.panel.roll_table, Qt.Key.Key_Y)
    assert panel.banner.verdict.text() == "Open — enough yes votes to pass"
    assert view.not_voted.text() == "Every seat has voted."
    ballots = context.read(lambda s: repo.ballots(s, motion_id))
    assert [b.choice for b in ballots] == [Choice.YES, Choice.NO, Choice.YES, Choice.RECUSED, Choice.YES]

    view.close_button.click()
    assert told[-1].startswith("Close the vote on “Adopt the <i>security</i> policy”?")
    closed = context.read(lambda s: repo.motion(s, motion_id))
    assert closed.status is MotionStatus.CLOSED and closed.outcome is not None and closed.outcome.passed
    assert panel.banner.verdict.text() == PASSED
    assert panel.banner.sentence.text() == closed.outcome.explanation
    assert not view.close_button.isVisible() and not view.ballot_buttons[Choice.YES].isVisible()
    assert view.header.subtitle.text() == "0 open · 1 closed"
    assert plain_labels_only(view)


def test_a_seat_votes_once_and_a_cancelled_close_changes_nothing(
    qtbot: Any, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = quiet_messages(monkeypatch, confirm=False)
    view = electronic_view(qtbot, context)
    motion_id = open_vote(qtbot, view, "Rename the TAC", None)
    view.panel.roll_table.setFocus()
    qtbot.keyClick(view.panel.roll_table, Qt.Key.Key_A)
    view.panel.roll_table.selectRow(0)  # back to the seat that already voted
    assert not view.ballot_buttons[Choice.YES].isEnabled()
    view.record(Choice.YES)
    assert said[-1] == "seat Acme AI has already voted on this motion"
    assert len(context.read(lambda s: repo.ballots(s, motion_id))) == 1
    view.close_vote()
    assert context.read(lambda s: repo.motion(s, motion_id)).status is MotionStatus.OPEN


def test_opening_without_text_is_refused_in_the_dialog(qtbot: Any, context: AppContext, told: list[str]) -> None:
    view = electronic_view(qtbot, context)
    dialog = view.vote_dialog()
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.result_id is None and told == ["the motion's text cannot be empty"]
    assert context.read(lambda s: repo.motions(s)) == []


def test_a_vote_past_its_closing_date_can_only_be_closed(qtbot: Any, context: AppContext, told: list[str]) -> None:
    past = votes.today() - timedelta(days=3)
    with context.database.write() as session:
        motion = votes.open_motion(session=session, text="Late vote", opened_on=past, closes_on=past)
    view = electronic_view(qtbot, context)
    assert view.selected_motion() is not None and view.selected_motion().id == motion.id  # type: ignore[union-attr]
    assert "voting has ended" in view.panel.meta.text()
    assert not any(button.isEnabled() for button in view.ballot_buttons.values())
    assert view.close_button.isEnabled()
    row_color = view.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert row_color is not None
