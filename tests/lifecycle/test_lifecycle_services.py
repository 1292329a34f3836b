"""Stage requests through the services: each stage's vote, the Board's approval, the new seat, cool-downs, Emeritus."""

from __future__ import annotations

from datetime import date

import pytest

from tac_desk.domain.enums import MotionStatus, ProjectStage, SeatKind
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.lifecycle import RequestStatus
from tac_desk.services import lifecycle, project_pages
from tac_desk.storage import lifecycle_repo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database

from .kit import Lab, build_lab

S, INC, G, E = ProjectStage.SANDBOX, ProjectStage.INCUBATION, ProjectStage.GRADUATED, ProjectStage.EMERITUS


@pytest.fixture
def lab(memory_db: Database) -> Lab:
    return build_lab(memory_db)


def stage_of(lab: Lab, day: date = date(2026, 12, 31)) -> ProjectStage:
    return lab.read(lambda session: repo.project(session, lab.project_id), day).stage


def test_sandbox_is_a_meeting_majority_and_moves_the_project_when_passed(lab: Lab) -> None:
    request = lab.vote(date(2026, 2, 5), S, yes=4, no=2)
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 2, 5))
    assert motion.decision_type == "meeting" and motion.requested_stage is S and motion.project_id == lab.project_id
    project = lab.read(lambda session: repo.project(session, lab.project_id), date(2026, 2, 5))
    assert project.stage is S and project.stage_since == date(2026, 2, 5)
    done = lab.read(lambda session: lifecycle_repo.request_for_motion(session, request.motion_id), date(2026, 2, 5))
    assert done is not None and done.status is RequestStatus.APPROVED and done.decided_on == date(2026, 2, 5)


def test_incubation_is_a_meeting_majority(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S)
    request = lab.vote(date(2026, 3, 5), INC, yes=3, no=2)
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 3, 5))
    assert motion.decision_type == "meeting" and stage_of(lab) is INC


def test_sandbox_without_a_meeting_is_an_electronic_vote(lab: Lab) -> None:
    request = lab.write(
        lifecycle.request_stage, date(2026, 1, 10), project_id=lab.project_id, stage=S, closes_on=date(2026, 1, 20)
    )
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 1, 10))
    assert motion.decision_type == "electronic" and motion.is_electronic and request.requested_on == date(2026, 1, 10)


def test_graduation_needs_two_thirds_then_the_board_and_creates_the_lead_s_seat(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    request = lab.vote(date(2026, 6, 11), G, yes=4, no=2)  # 4 of 6 seats: two-thirds of all seats
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 6, 11))
    assert motion.decision_type == "two-thirds" and motion.outcome is not None and motion.outcome.passed
    assert stage_of(lab) is INC
    waiting = lab.read(lambda session: lifecycle_repo.request_for_motion(session, request.motion_id), date(2026, 6, 12))
    assert waiting is not None and waiting.status is RequestStatus.AWAITING_BOARD
    page = lab.read(project_pages.project_page, date(2026, 6, 20), project_id=lab.project_id)
    assert [r.id for r in page.awaiting_board] == [request.id]
    assert any(flag.kind.value == "awaiting board" for flag in page.line.flags)
    with pytest.raises(InvalidInput, match="before the TAC"):
        lab.write(lifecycle.approve_board, date(2026, 6, 30), project_id=lab.project_id, on=date(2026, 6, 10))
    with pytest.raises(InvalidInput, match="future"):
        lab.write(lifecycle.approve_board, date(2026, 6, 20), project_id=lab.project_id, on=date(2026, 6, 24))
    approved = lab.write(lifecycle.approve_board, date(2026, 6, 24), project_id=lab.project_id, on=date(2026, 6, 24))
    assert approved.status is RequestStatus.APPROVED and approved.board_decided_on == date(2026, 6, 24)
    project = lab.read(lambda session: repo.project(session, lab.project_id), date(2026, 6, 24))
    assert project.stage is G and project.stage_since == date(2026, 6, 24)
    seats = lab.read(lambda session: repo.voting_seats_on(session, date(2026, 6, 24)), date(2026, 6, 24))
    new = [s for s in seats if s.project_id == lab.project_id]
    assert len(new) == 1 and new[0].kind is SeatKind.PROJECT and new[0].primary_id == lab.lead.id
    assert new[0].organization == "Orchid ML" and new[0].starts_on == date(2026, 6, 24)
    before = lab.read(lambda session: repo.voting_seats_on(session, date(2026, 6, 23)), date(2026, 6, 24))
    assert len(before) == len(seats) - 1
    with pytest.raises(Refused, match="no request of Orchid ML awaits"):
        lab.write(lifecycle.approve_board, date(2026, 6, 25), project_id=lab.project_id, on=date(2026, 6, 25))


def test_a_graduation_the_tac_rejects_never_reaches_the_board(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    request = lab.vote(date(2026, 6, 11), G, yes=3, no=3)
    done = lab.read(lambda session: lifecycle_repo.request_for_motion(session, request.motion_id), date(2026, 6, 11))
    assert done is not None and done.status is RequestStatus.REJECTED
    with pytest.raises(Refused, match="awaits"):
        lab.write(lifecycle.approve_board, date(2026, 6, 20), project_id=lab.project_id, on=date(2026, 6, 20))


def test_a_board_refusal_fails_the_request_and_starts_the_cool_down(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    lab.vote(date(2026, 6, 11), G, yes=5)
    declined = lab.write(
        lifecycle.decide_board, date(2026, 7, 1), project_id=lab.project_id, on=date(2026, 7, 1), approved=False
    )
    assert declined.status is RequestStatus.BOARD_DECLINED and declined.cool_down_until == date(2027, 1, 1)
    assert stage_of(lab) is INC
    with pytest.raises(Refused, match="possible from 2027-01-01"):
        lab.request(date(2026, 12, 17), G)


def test_a_failed_request_blocks_the_same_stage_for_six_months(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S)
    lab.vote(date(2026, 4, 16), INC, yes=1, no=5)
    assert stage_of(lab) is S
    with pytest.raises(Refused, match="failed on 2026-04-16: a new request is possible from 2026-10-16"):
        lab.request(date(2026, 10, 15), INC)
    line = lab.read(project_pages.register, date(2026, 10, 15))[0]
    assert line.cool_downs == ((INC, date(2026, 10, 16)),)
    request = lab.vote(date(2026, 10, 16), INC, yes=5, no=1)
    assert request.overridden_until is None and stage_of(lab) is INC


def test_the_chair_overrides_the_cool_down_with_a_recorded_reason(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S)
    lab.vote(date(2026, 4, 16), INC, yes=1, no=5)
    with pytest.raises(Refused):
        lab.request(date(2026, 5, 14), INC, override_reason="   ")
    reason = "Third contributing organization joined; members asked to vote again"
    request = lab.vote(date(2026, 5, 14), INC, yes=5, override_reason=reason)
    assert request.override_reason == reason and request.overridden_until == date(2026, 10, 16)
    page = lab.read(project_pages.project_page, date(2026, 5, 14), project_id=lab.project_id)
    assert any("set aside the cool-down until 2026-10-16" in e.words and reason in e.words for e in page.history)
    assert stage_of(lab) is INC


def test_a_vote_without_quorum_is_not_decided_and_starts_no_cool_down(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S)
    lab.meeting(date(2026, 4, 16), present=2)
    request = lab.vote(date(2026, 4, 16), INC, yes=2)
    done = lab.read(lambda session: lifecycle_repo.request_for_motion(session, request.motion_id), date(2026, 4, 16))
    assert done is not None and done.status is RequestStatus.NOT_DECIDED and done.cool_down_until is None
    assert stage_of(lab) is S
    lab.vote(date(2026, 4, 30), INC, yes=4)
    assert stage_of(lab) is INC


def test_emeritus_needs_two_weeks_since_first_presented(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=G)
    with pytest.raises(Refused, match="has not been presented yet"):
        lab.request(date(2026, 9, 3), E)
    lab.present(date(2026, 9, 3), E)
    with pytest.raises(Refused, match="first presented on 2026-09-03, the vote is possible from 2026-09-17"):
        lab.request(date(2026, 9, 16), E)
    with pytest.raises(Refused, match="possible from 2026-09-17"):
        lab.request(date(2026, 9, 16), E, override_reason="urgent")  # the override is for cool-downs only
    request = lab.vote(date(2026, 9, 17), E, yes=4, no=1)
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 9, 17))
    assert motion.decision_type == "two-thirds" and stage_of(lab) is G
    lab.write(lifecycle.approve_board, date(2026, 10, 1), project_id=lab.project_id, on=date(2026, 9, 30))
    assert stage_of(lab) is E


def test_emeritus_ends_the_project_s_seat(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    lab.vote(date(2026, 3, 5), G, yes=5)
    lab.write(lifecycle.approve_board, date(2026, 3, 20), project_id=lab.project_id, on=date(2026, 3, 20))
    lab.present(date(2026, 9, 3), E)
    lab.vote(date(2026, 9, 17), E, yes=5)
    lab.write(lifecycle.approve_board, date(2026, 9, 30), project_id=lab.project_id, on=date(2026, 9, 30))
    seats = lab.read(lambda session: repo.seats(session), date(2026, 10, 1))
    project_seat = next(s for s in seats if s.project_id == lab.project_id)
    assert project_seat.ends_on == date(2026, 9, 30) and not project_seat.is_voting_on(date(2026, 9, 30))


def test_a_new_emeritus_proposal_is_counted_from_its_own_presentation(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=G)
    lab.present(date(2026, 3, 5), E)
    lab.vote(date(2026, 3, 19), E, yes=1, no=5)
    lab.present(date(2026, 10, 1), E)
    with pytest.raises(Refused, match="first presented on 2026-10-01"):
        lab.request(date(2026, 10, 8), E)
    lab.vote(date(2026, 10, 15), E, yes=5)


def test_moves_the_lifecycle_does_not_allow_are_refused(lab: Lab) -> None:
    with pytest.raises(Refused, match="not hosted yet"):
        lab.request(date(2026, 1, 8), E)
    lab.vote(date(2026, 1, 8), S, yes=5)
    with pytest.raises(Refused, match="may request Incubation or Emeritus, not Graduated"):
        lab.request(date(2026, 1, 22), G)
    with pytest.raises(Refused, match="not a stage"):
        lab.request(date(2026, 1, 22), ProjectStage.PROPOSED)


def test_one_request_at_a_time(lab: Lab) -> None:
    first = lab.request(date(2026, 1, 8), S)
    with pytest.raises(Refused, match=f"pending \\(motion {first.motion_id}, voting\\)"):
        lab.request(date(2026, 1, 8), S)
    motion = lab.read(lambda session: repo.motion(session, first.motion_id), date(2026, 1, 8))
    assert motion.status is MotionStatus.OPEN


def test_a_lead_who_already_holds_a_seat_leaves_the_new_seat_vacant(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    with memory_db.write() as session:
        from tac_desk.storage.tables import ProjectRow

        row = session.get(ProjectRow, lab.project_id)
        assert row is not None
        row.lead_id = lab.people[1].id
        session.add(row)
    lab.vote(date(2026, 6, 11), G, yes=5)
    lab.write(lifecycle.approve_board, date(2026, 6, 24), project_id=lab.project_id, on=date(2026, 6, 24))
    seat = next(s for s in lab.read(repo.seats, date(2026, 6, 24)) if s.project_id == lab.project_id)
    assert seat.primary_id is None
    page = lab.read(project_pages.project_page, date(2026, 6, 24), project_id=lab.project_id)
    assert any("vacant until the project names its representative" in e.words for e in page.history)


def test_the_agenda_item_presenting_the_request_is_linked_to_its_motion(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=S)
    lab.present(date(2026, 4, 2), INC)
    request = lab.request(date(2026, 4, 2), INC)
    motion = lab.read(lambda session: repo.motion(session, request.motion_id), date(2026, 4, 2))
    items = lab.read(lambda session: repo.agenda(session, lab.meetings[date(2026, 4, 2)]), date(2026, 4, 2))
    assert motion.agenda_item_id == items[0].id and items[0].requested_stage is INC


def test_a_motion_on_an_agenda_item_requesting_a_stage_is_that_stage_request(memory_db: Database) -> None:
    lab = build_lab(memory_db, stage=INC)
    day = date(2026, 6, 11)
    lab.present(day, G)
    items = lab.read(lambda session: repo.agenda(session, lab.meetings[day]), day)
    motion = lab.write(
        lifecycle.open_meeting_motion,
        day,
        meeting_id=lab.meetings[day],
        text="Graduate Orchid ML",
        decision_type="meeting",
        agenda_item_id=items[0].id,
    )
    assert motion.decision_type == "two-thirds" and motion.requested_stage is G
    assert lab.read(lambda session: lifecycle_repo.request_for_motion(session, motion.id), day) is not None
    plain = lab.write(lifecycle.open_meeting_motion, day, meeting_id=lab.meetings[day], text="Adopt the roadmap")
    assert plain.decision_type == "meeting" and plain.requested_stage is None
    assert lab.read(lambda session: lifecycle_repo.request_for_motion(session, plain.id), day) is None
