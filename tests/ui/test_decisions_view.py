"""The Decisions view: every vote, the search and the filters, and the detail pane with the roll call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from view_sample import Sample, make_context, plain_labels_only, populate, quiet_messages, show_view, table_texts

from tac_desk.services import votes
from tac_desk.ui.context import AppContext
from tac_desk.ui.models.votes_model import NOT_ADOPTED, NOT_DECIDED, OPEN, PASSED
from tac_desk.ui.views.decisions_view import DecisionsView

MOTION, TYPE, TALLY, RESULT = 2, 3, 4, 5


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return quiet_messages(monkeypatch)


@pytest.fixture
def record(tmp_path: Path) -> tuple[AppContext, Sample]:
    context = make_context(tmp_path)
    return context, populate(context)


def decisions_view(qtbot: Any, context: AppContext) -> DecisionsView:
    view = DecisionsView(context)
    show_view(qtbot, view)
    return view


def choose(combo: Any, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_every_vote_is_listed_with_tally_and_result(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str], qtmodeltester: Any
) -> None:
    context, _ = record
    view = decisions_view(qtbot, context)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    qtmodeltester.check(view.panel.roll_model)
    texts = table_texts(view.proxy, MOTION)
    assert len(texts) == 5
    row = texts.index("Accept Angel as an Incubation project")
    assert table_texts(view.proxy, TALLY)[row] == "5–2–1"
    assert table_texts(view.proxy, RESULT)[row] == NOT_ADOPTED
    assert table_texts(view.proxy, TYPE)[row] == "Two-thirds of the TAC"
    assert table_texts(view.proxy, 1)[texts.index("Fund the CI cluster for 2025")] == "Electronic"
    assert table_texts(view.proxy, 1)[row] == "Meeting 2"
    assert sorted(table_texts(view.proxy, RESULT)) == sorted([PASSED, PASSED, NOT_ADOPTED, NOT_DECIDED, OPEN])
    assert view.header.subtitle.text() == "5 votes · 2 passed · 1 not adopted · 1 not decided · 1 open"
    assert plain_labels_only(view)
    assert told == []


def test_search_and_filters(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, _ = record
    view = decisions_view(qtbot, context)
    qtbot.keyClicks(view.search, "ANGEL incubation")
    assert table_texts(view.proxy, MOTION) == ["Accept Angel as an Incubation project"]
    assert view.header.subtitle.text().endswith("— showing 1")
    view.search.clear()
    choose(view.result_filter, NOT_DECIDED)
    assert table_texts(view.proxy, MOTION) == ["Adopt the new release policy"]
    choose(view.result_filter, PASSED)
    assert sorted(table_texts(view.proxy, MOTION)) == [
        "Approve the minutes of the previous meeting",
        "Publish the 2024 annual report",
    ]
    choose(view.type_filter, "electronic")
    assert table_texts(view.proxy, MOTION) == ["Publish the 2024 annual report"]
    view.search.setText("minutes")
    assert table_texts(view.proxy, MOTION) == []
    assert view.panel.placeholder.text() == "No votes match."
    view.search.clear()
    choose(view.result_filter, "")
    choose(view.type_filter, "")
    assert len(table_texts(view.proxy, MOTION)) == 5
    assert "showing" not in view.header.subtitle.text()


def test_ctrl_f_goes_to_the_search(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, _ = record
    view = decisions_view(qtbot, context)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()


def test_detail_pane_shows_rule_sentence_and_roll_call(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str]
) -> None:
    context, sample = record
    view = decisions_view(qtbot, context)
    row = table_texts(view.proxy, MOTION).index("Accept Angel as an Incubation project")
    view.table.selectRow(row)
    motion_id = sample.motions["angel"]
    state = context.read(lambda s: votes.vote_state(session=s, motion_id=motion_id))
    panel = view.panel
    assert panel.text.text() == "Accept Angel as an Incubation project"
    assert panel.banner.verdict.text() == NOT_ADOPTED
    assert panel.banner.sentence.text() == state.outcome.explanation
    assert panel.rule.text() == (
        "Rule: At least two-thirds of all voting seats; quorum: at least half of the voting seats present."
    )
    assert panel.meta.text().startswith("Meeting 2 · ")
    seats = table_texts(panel.roll_proxy, 0)
    assert seats == [entry.organization for entry in state.motion.roster]
    ballots = dict(zip(seats, table_texts(panel.roll_proxy, 2), strict=True))
    assert ballots["Acme AI"] == "Yes" and ballots["Angel (project)"] == "Not voted"
    assert "<b>Bob</b>" in table_texts(panel.roll_proxy, 1)
    assert panel.tally.text() == "5 yes · 2 no · 1 abstain · 0 recused — 8 of 10 seats have voted"


def test_an_open_vote_says_what_it_needs(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, sample = record
    view = decisions_view(qtbot, context)
    row = table_texts(view.proxy, MOTION).index("Fund the CI cluster for 2025")
    view.table.selectRow(row)
    motion_id = sample.motions["cluster"]
    outcome = context.read(lambda s: votes.vote_state(session=s, motion_id=motion_id)).outcome
    assert view.panel.banner.verdict.text() == f"Open — needs {outcome.more_yes_needed} more yes"
    assert view.panel.banner.sentence.text().endswith(outcome.explanation)


def test_an_empty_record_explains_itself(qtbot: Any, tmp_path: Path, told: list[str]) -> None:
    view = decisions_view(qtbot, make_context(tmp_path))
    assert view.proxy.rowCount() == 0
    assert view.panel.placeholder.isVisible()
    assert view.panel.placeholder.text().startswith("No votes yet")
    assert view.header.subtitle.text() == "0 votes"
