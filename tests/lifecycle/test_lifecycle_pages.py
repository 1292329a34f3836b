"""Facts, the checklist, reviews, the register line, the project page and the attention list."""

from __future__ import annotations

from datetime import date

import pytest

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.lifecycle import FlagKind
from tac_desk.domain.requirements import CheckStatus
from tac_desk.services import lifecycle, project_pages, projects
from tac_desk.storage.database import Database

from .kit import build_lab

S, INC, G = ProjectStage.SANDBOX, ProjectStage.INCUBATION, ProjectStage.GRADUATED


def test_the_checklist_is_of_the_next_stage_under_the_version_in_force(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S, since=date(2025, 3, 1))
    day = date(2026, 3, 1)
    for key, value in (("organizations", "4"), ("stars", "480"), ("badge", "Silver"), ("tsc", "yes")):
        lab.write(lifecycle.record_fact, day, project_id=lab.project_id, key=key, value=value, as_of=date(2026, 2, 1))
    page = lab.read(project_pages.project_page, day, project_id=lab.project_id)
    assert page.checklist is not None and page.checklist.stage is INC and page.checklist.version.key == "2022"
    status = {c.requirement.fact: c.status for c in page.checklist.checks}
    assert status["organizations"] is CheckStatus.MET and status["stars"] is CheckStatus.UNMET
    assert status["mission"] is CheckStatus.UNKNOWN
    assert [f.key for f in page.facts] == ["badge", "organizations", "stars", "tsc"]
    assert page.target_vote is not None and page.target_vote.decision_type == "meeting"


def test_a_pending_request_is_checked_on_its_own_date(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    lab.write(lifecycle.record_fact, date(2026, 5, 1), project_id=lab.project_id, key="stars", value="2300")
    lab.vote(date(2026, 6, 11), G, yes=5)
    lab.write(lifecycle.record_fact, date(2026, 7, 1), project_id=lab.project_id, key="stars", value="10")
    page = lab.read(project_pages.project_page, date(2026, 7, 1), project_id=lab.project_id)
    assert page.checklist is not None and page.checklist.stage is G and page.checklist.on == date(2026, 6, 11)
    stars = next(c for c in page.checklist.checks if c.requirement.fact == "stars")
    assert stars.status is CheckStatus.MET
    assert page.line.pending is not None and page.line.pending.stage is G


def test_bad_facts_are_refused(memory_db: Database) -> None:
    lab = build_lab(memory_db)
    with pytest.raises(InvalidInput, match="whole number"):
        lab.write(lifecycle.record_fact, date(2026, 1, 1), project_id=lab.project_id, key="stars", value="lots")
    with pytest.raises(InvalidInput, match="future"):
        lab.write(
            lifecycle.record_fact,
            date(2026, 1, 1),
            project_id=lab.project_id,
            key="stars",
            value="5",
            as_of=date(2026, 1, 2),
        )


def test_reviews_move_the_due_date_and_clear_the_flag(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=G, since=date(2024, 3, 14))
    day = date(2026, 11, 26)
    line = lab.read(project_pages.register, day)[0]
    assert line.next_review == date(2025, 3, 14)
    assert [f.kind for f in line.flags] == [FlagKind.REVIEW_OVERDUE]
    lab.write(lifecycle.record_review, day, project_id=lab.project_id, on=date(2026, 11, 20), notes="Healthy")
    line = lab.read(project_pages.register, day)[0]
    assert line.next_review == date(2027, 11, 20) and line.flags == ()
    page = lab.read(project_pages.project_page, day, project_id=lab.project_id)
    assert page.history[-1].words == "Annual review: Healthy" and page.history[0].words == "Registered as Graduated"


def test_proposed_and_emeritus_projects_are_not_reviewed(memory_db: Database) -> None:
    lab = build_lab(memory_db)
    with pytest.raises(Refused, match="only hosted projects are reviewed"):
        lab.write(lifecycle.record_review, date(2026, 1, 1), project_id=lab.project_id)


def test_attention_lists_every_project_most_urgent_first(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S, since=date(2025, 6, 1))
    with memory_db.write() as session:
        projects.add_project(session=session, name="Hearthstone", stage=INC, since=date(2024, 5, 2))
        projects.add_project(session=session, name="Quillmap 数据", stage=INC, since=date(2026, 10, 29))
    flags = lab.read(project_pages.attention, date(2026, 11, 26))
    assert [(f.project, f.kind) for f in flags] == [
        ("Hearthstone", FlagKind.REVIEW_OVERDUE),  # due 2025-05-02
        ("Hearthstone", FlagKind.STAGE_TOO_LONG),  # 18 months on 2025-11-02
        ("Orchid ML", FlagKind.REVIEW_OVERDUE),
        ("Orchid ML", FlagKind.STAGE_TOO_LONG),
    ]


def test_history_tells_requests_votes_board_and_moves_in_order(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    lab.vote(date(2026, 3, 5), G, yes=3, no=3)
    lab.vote(date(2026, 9, 17), G, yes=5)
    lab.write(lifecycle.approve_board, date(2026, 9, 30), project_id=lab.project_id, on=date(2026, 9, 30), note="GB")
    page = lab.read(project_pages.project_page, date(2026, 10, 1), project_id=lab.project_id)
    kinds = [(e.day.isoformat(), e.kind) for e in page.history]
    assert kinds == [
        ("2025-01-09", "stage"),
        ("2026-03-05", "request"),
        ("2026-03-05", "vote"),
        ("2026-09-17", "request"),
        ("2026-09-17", "vote"),
        ("2026-09-30", "board"),
        ("2026-09-30", "stage"),
    ]
    assert "rejected" in page.history[2].words and "possible from 2026-09-05" in page.history[2].words
    assert page.history[5].words == "Governing Board approved Graduation: GB"
    assert page.history[6].words.startswith("Moved from Incubation to Graduated; TAC seat")
    assert page.checklist is None and page.awaiting_board == ()
