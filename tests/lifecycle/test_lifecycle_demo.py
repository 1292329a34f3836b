"""The demo record's projects: every stage, a completed graduation with its seat, an overdue review, a cool-down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tac_desk.domain.enums import ProjectStage, SeatKind
from tac_desk.domain.lifecycle import FlagKind, RequestStatus
from tac_desk.services import project_pages
from tac_desk.services.demo import REFERENCE_DATE, build_demo
from tac_desk.storage import lifecycle_repo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database, open_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.tacdb")
    with database.write() as session:
        build_demo(session=session)
    yield database
    database.dispose()


def test_projects_at_every_stage(demo: Database) -> None:
    with demo.read() as session:
        lines = project_pages.register(session=session, on=REFERENCE_DATE)
    stages = {line.project.name: line.project.stage for line in lines}
    assert set(stages.values()) == set(ProjectStage)
    assert stages["Tessellate"] is ProjectStage.GRADUATED and stages["Quillmap"] is ProjectStage.INCUBATION
    assert stages["Lanternfish"] is ProjectStage.SANDBOX and stages["Driftwood"] is ProjectStage.SANDBOX


def test_a_completed_graduation_with_its_board_approval_and_new_seat(demo: Database) -> None:
    with demo.read() as session:
        tessellate = next(p for p in repo.projects(session) if p.name == "Tessellate")
        request = next(r for r in lifecycle_repo.requests(session, tessellate.id) if r.stage is ProjectStage.GRADUATED)
        seat = next(s for s in repo.seats(session) if s.project_id == tessellate.id)
        people = repo.people_by_id(session)
        motion = repo.motion(session, request.motion_id)
    assert motion.decision_type == "two-thirds" and request.status is RequestStatus.APPROVED
    assert (request.decided_on, request.board_decided_on) == (date(2026, 6, 11), date(2026, 6, 24))
    assert tessellate.stage_since == date(2026, 6, 24)
    assert (
        seat.kind is SeatKind.PROJECT and seat.starts_on == date(2026, 6, 24) and seat.primary_id == tessellate.lead_id
    )
    assert seat.alternate_id is not None and people[seat.alternate_id].name == "陈静"


def test_an_overdue_review_and_a_rejected_request_in_cool_down(demo: Database) -> None:
    with demo.read() as session:
        flags = project_pages.attention(session=session, on=REFERENCE_DATE)
        lines = {line.project.name: line for line in project_pages.register(session=session, on=REFERENCE_DATE)}
        quillmap = lifecycle_repo.requests(session, lines["Quillmap"].project.id)
    assert ("Orchid ML", FlagKind.REVIEW_OVERDUE) in [(f.project, f.kind) for f in flags]
    assert ("Hearthstone", FlagKind.STAGE_TOO_LONG) in [(f.project, f.kind) for f in flags]
    assert lines["Hearthstone"].cool_downs == ((ProjectStage.EMERITUS, date(2027, 3, 17)),)
    assert [r.status for r in quillmap] == [RequestStatus.REJECTED, RequestStatus.APPROVED]
    assert quillmap[0].cool_down_until == date(2026, 10, 16) and quillmap[1].requested_on == date(2026, 10, 29)


def test_stage_votes_follow_their_stage(demo: Database) -> None:
    with demo.read() as session:
        requests = lifecycle_repo.requests(session)
        kinds = {(r.stage, repo.motion(session, r.motion_id).decision_type) for r in requests}
    assert kinds == {
        (ProjectStage.SANDBOX, "electronic"),
        (ProjectStage.SANDBOX, "meeting"),
        (ProjectStage.INCUBATION, "meeting"),
        (ProjectStage.GRADUATED, "two-thirds"),
        (ProjectStage.EMERITUS, "two-thirds"),
    }


def test_the_demo_record_is_written_through_the_lifecycle(demo: Database) -> None:
    with demo.read() as session:
        page = project_pages.project_page(
            session=session,
            project_id=next(p.id for p in repo.projects(session) if p.name == "Quillmap"),
            on=REFERENCE_DATE,
        )
    assert page.checklist is not None and page.checklist.stage is ProjectStage.GRADUATED
    assert [e.kind for e in page.history][-1] == "stage" and page.history[
        -1
    ].words == "Moved from Sandbox to Incubation"
