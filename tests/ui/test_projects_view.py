"""The Projects view: the register with the selected project's page, and the add-project dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from view_sample import Sample, make_context, plain_labels_only, populate, quiet_messages, show_view, table_texts

from tac_desk.domain.enums import ProjectStage
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.project_dialog import ProjectDialog
from tac_desk.ui.views.projects_view import ProjectsView


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return quiet_messages(monkeypatch)


@pytest.fixture
def record(tmp_path: Path) -> tuple[AppContext, Sample]:
    context = make_context(tmp_path)
    return context, populate(context)


def projects_view(qtbot: Any, context: AppContext) -> ProjectsView:
    view = ProjectsView(context)
    show_view(qtbot, view)
    return view


def test_the_register_lists_stage_sponsor_and_lead(
    qtbot: Any, record: tuple[AppContext, Sample], told: list[str], qtmodeltester: Any
) -> None:
    context, _ = record
    view = projects_view(qtbot, context)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert table_texts(view.proxy, 0) == ["Angel", "Milvus"]
    assert table_texts(view.proxy, 1) == ["Incubation", "Graduated"]
    assert table_texts(view.proxy, 5) == ["Jo Park", "—"]
    assert view.page.title.text() == "Angel" and "sponsor: Huawei" in view.page.meta.text()
    assert view.header.subtitle.text() == "2 projects · 1 incubation · 1 graduated"
    assert plain_labels_only(view)
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table_texts(view.proxy, 1) == ["Graduated", "Incubation"]


def test_add_a_project(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, sample = record
    view = projects_view(qtbot, context)
    dialog = view.project_dialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("<b>Bold</b> 数据")
    dialog.stage.setCurrentIndex(dialog.stage.findData(ProjectStage.SANDBOX.value))
    dialog.since.edit.setDate(QDate(2025, 3, 1))
    dialog.sponsor.setCurrentIndex(dialog.sponsor.findData(sample.seats["Orange"]))
    dialog.lead.set_person(sample.people["<b>Bob</b>"])
    dialog.repository.setText("https://github.com/example/bold")
    dialog.save()
    assert dialog.result_id is not None
    project = context.read(lambda s: repo.project(s, dialog.result_id))
    assert project.name == "<b>Bold</b> 数据" and project.stage is ProjectStage.SANDBOX
    assert project.stage_since == date(2025, 3, 1)
    assert (project.sponsor_seat_id, project.lead_id) == (sample.seats["Orange"], sample.people["<b>Bob</b>"])
    assert project.repository_url == "https://github.com/example/bold"
    row = table_texts(view.proxy, 0).index("<b>Bold</b> 数据")
    assert view.select_project(dialog.result_id)
    assert table_texts(view.proxy, 5)[row] == "<b>Bob</b>" and "sponsor: Orange" in view.page.meta.text()
    assert told == []


def test_a_duplicate_name_is_refused(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, _ = record
    view = projects_view(qtbot, context)
    dialog = view.project_dialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Angel")
    dialog.save()
    assert dialog.result_id is None and told == ["a project named 'Angel' is already registered"]
    assert len(context.read(repo.projects)) == 2


def test_ended_seats_cannot_sponsor(qtbot: Any, record: tuple[AppContext, Sample], told: list[str]) -> None:
    context, _ = record
    dialog = ProjectDialog(context)
    qtbot.addWidget(dialog)
    sponsors = [dialog.sponsor.itemText(i) for i in range(dialog.sponsor.count())]
    assert "Gone Corp" not in sponsors and "Huawei" in sponsors and sponsors[0] == "— no sponsor —"
