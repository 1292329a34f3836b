"""The project commands and stage requests through ``motion add``, run as real subprocesses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli.helpers import dump, ok, ok_json, refused, run

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.lifecycle import add_months
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database

from .kit import Lab, build_lab

MARCH, APRIL = date(2026, 3, 5), date(2026, 4, 16)


@pytest.fixture
def record(tmp_path: Path) -> tuple[Path, Lab]:
    path = tmp_path / "lifecycle.tacdb"
    database = open_database(path)
    try:
        lab = build_lab(database, stage=ProjectStage.INCUBATION, since=date(2025, 1, 9))
        for day in (MARCH, APRIL, date(2026, 9, 3), date(2026, 9, 10), date(2026, 9, 17)):
            lab.meeting(day)
    finally:
        database.dispose()
    return path, lab


@contextmanager
def reopened(path: Path, lab: Lab) -> Iterator[None]:
    """Open the record again for the lab's helpers (the fixture closed it)."""
    database = open_database(path, create=False)
    lab.db = database
    try:
        yield
    finally:
        database.dispose()


def ballots(path: Path, lab: Lab, motion_id: int, yes: int, no: int = 0) -> None:
    for person, choice in zip(lab.people, ["yes"] * yes + ["no"] * no, strict=False):
        ok(run("ballot", motion_id, person.id, choice, db=path))


def test_add_list_and_show_a_project(record: tuple[Path, Lab]) -> None:
    path, lab = record
    added = ok_json(
        run(
            "project", "add", "Ψ-Flow 数据", "--stage", "sandbox", "--since", "2026-01-08",
            "--sponsor", lab.seats[2].id, "--lead", lab.people[0].id, "--json", db=path,
        )
    )  # fmt: skip
    assert added["stage"] == "sandbox"
    shown = ok_json(run("project", "show", added["id"], "--json", db=path))
    assert shown["stage"] == "sandbox" and shown["name"] == "Ψ-Flow 数据" and shown["sponsor"] == "Céleste Labs"
    assert shown["since"] == "2026-01-08" and shown["next_review"] == "2027-01-08"
    assert shown["history"][0]["words"] == "Registered as Sandbox"
    assert shown["checklist"]["stage"] == "incubation" and shown["checklist"]["requirements"] == "2022"
    listed = ok_json(run("project", "list", "--json", db=path))
    assert [p["name"] for p in listed] == ["Orchid ML", "Ψ-Flow 数据"]
    assert "Ψ-Flow 数据  [Sandbox]  since 2026-01-08  next review 2027-01-08" in ok(run("project", "list", db=path))
    refused(run("project", "add", "Orchid ML", db=path), "already registered")
    refused(run("project", "add", "X", "--stage", "retired", db=path), "invalid choice", code=2)


def test_graduation_through_the_command_line(record: tuple[Path, Lab]) -> None:
    path, lab = record
    ok(run("project", "fact", lab.project_id, "stars", "2,300", "--as-of", "2026-03-01", db=path))
    motion = ok_json(
        run("motion", "add", "--meeting", lab.meetings[MARCH], "--project", lab.project_id, "--stage", "graduated",
            "Graduate Orchid ML", "--json", db=path)
    )["id"]  # fmt: skip
    assert ok_json(run("motion", "show", motion, "--json", db=path))["decision_type"] == "two-thirds"
    ballots(path, lab, motion, yes=5, no=1)
    ok(run("motion", "close", motion, db=path))
    shown = ok_json(run("project", "show", lab.project_id, "--json", db=path))
    assert shown["stage"] == "incubation" and [r["motion_id"] for r in shown["pending_approvals"]] == [motion]
    assert "awaiting board" in [flag["kind"] for flag in shown["flags"]]
    stars = next(c for c in shown["checklist"]["checks"] if c["fact"] == "stars")
    assert stars["status"] == "met" and stars["words"] == "2,300 recorded on 2026-03-01"
    text = ok(run("project", "show", lab.project_id, db=path))
    assert "Pending approval: Graduation (motion 1, TAC vote 2026-03-05) awaits the Governing Board" in text
    refused(run("project", "approve", lab.project_id, "--board", "--date", "2026-03-04", db=path), "before the TAC")
    refused(run("project", "approve", lab.project_id, "--date", "2026-03-20", db=path), "--board", code=2)
    assert ok(run("project", "approve", lab.project_id, "--board", "--date", "2026-03-20", db=path)).strip() == (
        "Governing Board approved Graduation on 2026-03-20"
    )
    shown = ok_json(run("project", "show", lab.project_id, "--json", db=path))
    assert shown["stage"] == "graduated" and shown["since"] == "2026-03-20" and shown["pending_approvals"] == []
    database = open_database(path, create=False)
    try:
        with database.read() as session:
            seat = next(s for s in repo.seats(session) if s.project_id == lab.project_id)
    finally:
        database.dispose()
    assert seat.primary_id == lab.lead.id and seat.starts_on == date(2026, 3, 20)
    refused(run("project", "approve", lab.project_id, "--board", "--date", "2026-03-21", db=path), "no request")


def test_cool_down_refusal_and_override(record: tuple[Path, Lab]) -> None:
    path, lab = record
    failed_on, later = date.today() - timedelta(days=30), date.today() - timedelta(days=16)
    with reopened(path, lab):
        lab.meeting(failed_on)
        lab.meeting(later)
    request = [
        "motion",
        "add",
        "--meeting",
        lab.meetings[failed_on],
        "--project",
        lab.project_id,
        "--stage",
        "graduated",
    ]
    motion = ok(run(*request, "Graduate Orchid ML", db=path)).strip()
    ballots(path, lab, int(motion), yes=2, no=4)
    ok(run("motion", "close", motion, db=path))
    possible = add_months(failed_on, 6).isoformat()
    assert f"cool-down: Graduation may be requested again from {possible}" in ok(run("project", "list", db=path))
    again = ["motion", "add", "--meeting", lab.meetings[later], "--project", lab.project_id, "--stage", "graduated"]
    before = dump(path)
    refused(run(*again, "Graduate Orchid ML", db=path), f"a new request is possible from {possible}")
    assert dump(path) == before
    reason = "Gold badge earned; the chair put it back on the agenda"
    motion = ok_json(run(*again, "Graduate Orchid ML", "--override-reason", reason, "--json", db=path))["id"]
    shown = ok_json(run("project", "show", lab.project_id, "--json", db=path))
    assert shown["pending"]["motion_id"] == motion and shown["pending"]["override_reason"] == reason


def test_emeritus_waits_two_weeks(record: tuple[Path, Lab]) -> None:
    path, lab = record
    ok(run("project", "review", lab.project_id, "--meeting", lab.meetings[date(2026, 9, 3)], db=path))
    base = ["motion", "add", "--project", lab.project_id, "--stage", "emeritus"]
    refused(run(*base, "--meeting", lab.meetings[date(2026, 9, 3)], "Archive", db=path), "not been presented")
    with reopened(path, lab):
        lab.present(date(2026, 9, 3), ProjectStage.EMERITUS)
    refused(run(*base, "--meeting", lab.meetings[date(2026, 9, 10)], "Archive", db=path), "possible from 2026-09-17")
    motion = ok_json(run(*base, "--meeting", lab.meetings[date(2026, 9, 17)], "Archive", "--json", db=path))["id"]
    assert ok_json(run("motion", "show", motion, "--json", db=path))["decision_type"] == "two-thirds"
    attention = ok_json(run("project", "attention", "--json", db=path))
    assert [flag["kind"] for flag in attention] == ["stage too long"]  # reviewed on 3 September: no review flag


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--stage", "sandbox"], "needs both --project"),
        (["--project", "1"], "needs both --project"),
        (["--project", "1", "--stage", "retired"], "unknown stage 'retired'"),
        (["--project", "1", "--stage", "sandbox", "--decision", "electronic"], "leave out --decision"),
        (["--project", "99", "--stage", "sandbox"], "no project with id 99"),
    ],
)
def test_bad_stage_requests(record: tuple[Path, Lab], arguments: list[str], fragment: str) -> None:
    path, lab = record
    refused(run("motion", "add", "--meeting", lab.meetings[MARCH], *arguments, "Text", db=path), fragment)


def test_facts_and_reviews_refuse_bad_values(record: tuple[Path, Lab]) -> None:
    path, lab = record
    refused(run("project", "fact", lab.project_id, "badge", "platinum", db=path), "none, passing, silver, gold")
    refused(run("project", "fact", lab.project_id, "stars", "5", "--as-of", "2999-01-01", db=path), "future")
    refused(run("project", "show", 42, db=path), "no project with id 42")
    assert ok(run("project", "attention", db=path)).strip().startswith("[overdue] Orchid ML: Annual review overdue")
