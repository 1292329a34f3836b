"""The Projects view on a lifecycle record: register, attention list, project page, Board approval, facts, reviews."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QLabel

from tac_desk.domain.enums import ProjectStage
from tac_desk.services import lifecycle, projects
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database
from tac_desk.ui import messages
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.lifecycle_dialogs import FactDialog, ReviewDialog
from tac_desk.ui.views.projects_view import ProjectsView

from .kit import Lab, build_lab, on_day

GRADUATION_VOTE = date(2026, 6, 11)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    return said


@pytest.fixture
def record(tmp_path: Path) -> tuple[AppContext, Lab]:
    """Orchid ML (Incubation since 2025-01-09) passed Graduation at the TAC; <b>Kite</b> is proposed."""
    path = tmp_path / "projects.tacdb"
    database = open_database(path)
    try:
        lab = build_lab(database, stage=ProjectStage.INCUBATION)
        lab.write(lifecycle.record_fact, date(2026, 6, 1), project_id=lab.project_id, key="stars", value="1200")
        lab.vote(GRADUATION_VOTE, ProjectStage.GRADUATED, yes=5, no=1)
        with on_day(date(2026, 6, 1)), database.write() as session:
            projects.add_project(session=session, name="<b>Kite</b> 风筝", stage=ProjectStage.PROPOSED)
    finally:
        database.dispose()
    context = AppContext(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    context.open_record(path)
    return context, lab


def shown(qtbot: Any, context: AppContext) -> ProjectsView:
    view = ProjectsView(context)
    qtbot.addWidget(view)
    context.sig_record_changed.connect(view.mark_stale)
    view.resize(1360, 860)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def column(model: Any, index: int) -> list[str]:
    return [model.index(row, index).data() for row in range(model.rowCount())]


def test_register_attention_and_page(qtbot: Any, record: tuple[AppContext, Lab], qtmodeltester: Any) -> None:
    context, lab = record
    view = shown(qtbot, context)
    for model in (view.model, view.proxy, view.attention, view.page.checks, view.page.presentations, view.page.votes):
        qtmodeltester.check(model)
    assert column(view.proxy, 0) == ["<b>Kite</b> 风筝", "Orchid ML"]
    assert column(view.proxy, 1) == ["Proposed", "Incubation"]
    assert column(view.proxy, 3) == ["—", "2026-01-09"]
    assert column(view.proxy, 4)[1] == "Review overdue · Stage too long · Awaiting board"
    late = (lifecycle.today() - date(2026, 1, 9)).days
    why = column(view.attention, 3)
    assert why[0] == f"Annual review overdue since 2026-01-09 ({late} days)"
    assert why[1].startswith("Incubation for ") and why[1].endswith("months (expected to move to Graduated within 18)")
    assert why[2] == "TAC approved on 2026-06-11; awaiting the Governing Board's approval"
    assert column(view.attention, 0) == ["Overdue", "Overdue", "Waiting"]
    view.attention_table.selectRow(0)
    assert view.selected_line() is not None and view.selected_line().project.id == lab.project_id
    page = view.page
    assert page.title.text() == "Orchid ML" and "technical lead: 李娜" in page.meta.text()
    assert page.checklist_title.text() == "Checklist for Graduation"
    assert column(page.checks, 1).count("Met") == 1 and column(page.checks, 1).count("Unknown") == 11
    assert column(page.votes, 2) == ["Awaiting board"]
    assert "Approve (Board)" in [b.accessibleName() for b in page.findChildren(type(view.add_button))]
    labels = [label for label in view.findChildren(QLabel) if label.window() is view]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    view.select_project(next(r.project.id for r in view.model.rows() if r.project.stage is ProjectStage.PROPOSED))
    assert page.title.text() == "<b>Kite</b> 风筝" and page.checklist_title.text() == "Checklist for Sandbox"


def test_board_approval_graduates_and_seats_the_lead(
    qtbot: Any, record: tuple[AppContext, Lab], told: list[str]
) -> None:
    context, lab = record
    view = shown(qtbot, context)
    view.select_project(lab.project_id)
    early = view.board_dialog(lab.project_id, True)
    qtbot.addWidget(early)
    early.day.setDate(QDate(2026, 6, 10))
    early.save()
    assert not early.saved and told == ["the Board cannot decide (2026-06-10) before the TAC's vote (2026-06-11)"]
    dialog = view.board_dialog(lab.project_id, True)
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2026, 6, 24))
    dialog.note.setText("Resolution 2026-14")
    dialog.save()
    assert dialog.saved
    view.reload()
    line = view.selected_line()
    assert line is not None and line.project.stage is ProjectStage.GRADUATED
    assert column(view.proxy, 1)[1] == "Graduated" and "Awaiting board" not in column(view.proxy, 4)[1]
    seat = next(s for s in context.read(repo.seats) if s.project_id == lab.project_id)
    assert seat.primary_id == lab.lead.id and seat.starts_on == date(2026, 6, 24)
    assert view.page.checklist_title.text() == "Checklist"
    words = [label.text() for label in view.page.history_box.findChildren(QLabel)]
    assert "Governing Board approved Graduation: Resolution 2026-14" in words


def test_facts_and_reviews_from_the_page(qtbot: Any, record: tuple[AppContext, Lab], told: list[str]) -> None:
    context, lab = record
    view = shown(qtbot, context)
    view.select_project(lab.project_id)
    fact = FactDialog(context, lab.project_id, "Orchid ML", view)
    qtbot.addWidget(fact)
    fact.fact.setCurrentIndex(fact.fact.findData("organizations"))
    fact.value.setEditText("many")
    fact.save()
    assert not fact.saved and "whole number" in told[-1]
    fact.value.setEditText("6")
    fact.save()
    fact.fact.setCurrentIndex(fact.fact.findData("badge"))
    assert [fact.value.itemText(i) for i in range(fact.value.count())] == ["none", "passing", "silver", "gold"]
    review = ReviewDialog(context, lab.project_id, "Orchid ML", view)
    qtbot.addWidget(review)
    review.notes.setPlainText("Healthy; 六 organizations")
    review.save()
    assert fact.saved and review.saved
    view.reload()
    checks = dict(zip(column(view.page.checks, 0), column(view.page.checks, 1), strict=True))
    assert checks["At least 1000 GitHub stars"] == "Met"
    line = view.selected_line()
    assert line is not None and line.next_review is not None and line.next_review.year == lifecycle.today().year + 1
    assert "Review overdue" not in column(view.proxy, 4)[1]


def test_request_a_stage_vote_from_the_page(qtbot: Any, record: tuple[AppContext, Lab], told: list[str]) -> None:
    context, lab = record
    view = shown(qtbot, context)
    kite = next(r.project.id for r in view.model.rows() if r.project.stage is ProjectStage.PROPOSED)
    view.select_project(lab.project_id)
    busy = view.request_dialog()
    assert busy is not None
    qtbot.addWidget(busy)
    assert [busy.stage.itemText(i) for i in range(busy.stage.count())] == ["Graduation", "Emeritus"]
    busy.save()
    assert busy.motion_id is None and told == [
        "Orchid ML already has a Graduation request pending (motion 1, awaiting board)"
    ]
    view.select_project(kite)
    assert view.request_button.isEnabled()
    dialog = view.request_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert [dialog.stage.itemText(i) for i in range(dialog.stage.count())] == ["Sandbox", "Incubation", "Graduation"]
    dialog.where.setCurrentIndex(dialog.where.findData(None))
    assert dialog.closes.isEnabled() and dialog.rule.text() == "Vote needed: an electronic majority vote."
    dialog.stage.setCurrentIndex(2)
    assert dialog.rule.text() == "Vote needed: two-thirds of the TAC, then the Governing Board's approval."
    dialog.stage.setCurrentIndex(0)
    dialog.save()
    assert dialog.motion_id is not None
    motion = context.read(lambda s: repo.motion(s, dialog.motion_id))
    assert motion.decision_type == "electronic" and motion.requested_stage is ProjectStage.SANDBOX
    assert motion.text == "Accept <b>Kite</b> 风筝 into the Sandbox"
    view.reload()
    assert column(view.proxy, 4)[0] == "Vote open: Sandbox"
