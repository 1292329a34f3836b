"""Closing a vote: the rules engine on the frozen roster, quorum refusals, frozen outcomes, the chair's tie vote."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from services_kit import MEETING_DAY, Committee

from tac_desk.domain.enums import ChairVoting, Choice, MotionStatus, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Motion
from tac_desk.domain.rules import Base, Comparison, Rule, Tally, Threshold, evaluate
from tac_desk.services import attendance, roster, setup, votes
from tac_desk.storage import repositories as repo

Y, N, A, R = Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.RECUSED

# decision type, seats present (by index; None: an electronic vote), ballots by seat index, passed (hand-computed)
CASES = [
    ("meeting", [0, 1, 2, 3, 4], [Y, Y, Y, N, N], True),  # 3 > 5/2 of votes cast
    ("meeting", [0, 1, 2, 3, 4], [Y, Y, N, N, A], False),  # a tie fails
    ("meeting", [0, 1, 2], [Y, A, A], True),  # abstentions ignored: 1 > 1/2
    ("meeting", [0, 1, 2, 3], [A, A, A, A], False),  # no yes never passes
    ("meeting", [0, 1, 2], [Y, N, R], False),
    ("meeting", [0, 1, 2, 3], [Y, Y, R, N], True),
    ("two-thirds", [0, 1, 2, 3, 4], [Y, Y, Y, Y, N], True),  # 2/3 of all 5 seats needs 4
    ("two-thirds", [0, 1, 2, 3, 4], [Y, Y, Y, A, A], False),
    ("two-thirds", [0, 1, 2], [Y, Y, Y], False),  # 3 of 5 seats is not two-thirds of all
    ("two-thirds", [0, 1, 2, 3], [Y, Y, Y, Y], True),
    ("electronic", None, [Y, Y, Y], True),  # more than half of all 5 seats needs 3
    ("electronic", None, [Y, Y, A, A, A], False),
    ("electronic", None, [Y, Y, Y, N, N], True),
    ("electronic", None, [], False),
]


def open_motion(committee: Committee, kind: str, present: list[int] | None) -> Motion:
    if present is None:
        return committee.write(votes.open_motion, text=f"Motion ({kind})", decision_type=kind, opened_on=MEETING_DAY)
    committee.attend(*present)
    return committee.write(
        votes.open_motion, text=f"Motion ({kind})", decision_type=kind, meeting_id=committee.meeting.id
    )


def cast_all(committee: Committee, motion: Motion, choices: list[Choice]) -> None:
    for index, choice in enumerate(choices):
        committee.write(votes.cast_ballot, motion_id=motion.id, person_id=committee.primaries[index].id, choice=choice)


@pytest.mark.parametrize(("kind", "present", "choices", "passed"), CASES)
def test_close_vote_matches_the_rules_engine(
    committee: Committee, kind: str, present: list[int] | None, choices: list[Choice], passed: bool
) -> None:
    motion = open_motion(committee, kind, present)
    cast_all(committee, motion, choices)
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    tally = Tally(
        seats=5,
        present=len(choices) if present is None else len(present),
        yes=choices.count(Y),
        no=choices.count(N),
        abstain=choices.count(A),
        recused=choices.count(R),
    )
    rule = committee.read(repo.body).decision_type(kind).rule
    expected = evaluate(rule, tally)
    assert outcome == expected
    assert outcome.passed is passed
    closed = committee.read(repo.motion, motion_id=motion.id)
    assert closed.status is MotionStatus.CLOSED
    assert closed.outcome == expected
    assert closed.closed_at is not None and closed.close_entry_seq is not None
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert state.outcome == expected


def test_close_without_quorum_is_refused_with_the_engines_sentence(committee: Committee) -> None:
    motion = open_motion(committee, "meeting", [0, 1])
    cast_all(committee, motion, [Y, Y])
    expected = evaluate(committee.read(repo.body).decision_type("meeting").rule, Tally(5, 2, 2, 0))
    assert expected.explanation.startswith("Not decided: no quorum")
    with pytest.raises(Refused) as caught:
        committee.write(votes.close_vote, motion_id=motion.id)
    assert str(caught.value) == f"The vote cannot be closed. {expected.explanation}"
    assert committee.read(repo.motion, motion_id=motion.id).status is MotionStatus.OPEN
    # quorum arrives: the same vote can now be closed
    committee.attend(2)
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    assert (outcome.quorum_met, outcome.passed, outcome.tally.present) == (True, True, 3)


def test_allow_no_quorum_records_not_decided(committee: Committee) -> None:
    motion = open_motion(committee, "two-thirds", [0, 1])
    cast_all(committee, motion, [Y, Y])
    outcome = committee.write(votes.close_vote, motion_id=motion.id, allow_no_quorum=True)
    assert (outcome.quorum_met, outcome.passed) == (False, False)
    assert outcome.explanation.startswith("Not decided")
    closed = committee.read(repo.motion, motion_id=motion.id)
    assert closed.status is MotionStatus.CLOSED
    assert closed.outcome is not None and closed.outcome.explanation == outcome.explanation


def test_a_closed_outcome_is_frozen(committee: Committee) -> None:
    motion = open_motion(committee, "meeting", [0, 1, 2, 3])
    cast_all(committee, motion, [Y, Y, N, A])
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    frozen = committee.read(repo.motion, motion_id=motion.id)
    # change everything the vote was decided on
    stricter = Rule(Threshold(Fraction(1), Comparison.AT_LEAST), Base.ALL, Fraction(1))
    committee.write(setup.set_decision_rule, key="meeting", rule=stricter)
    committee.write(setup.set_chair_voting, mode=ChairVoting.TIE_ONLY)
    committee.write(roster.end_seat, seat_id=committee.seats[0].id, on=date(2026, 1, 1))
    newcomer = committee.write(roster.add_person, name="Newcomer")
    committee.write(roster.add_seat, kind=SeatKind.PREMIER, organization="Golf", primary_id=newcomer.id)
    committee.write(
        attendance.record_attendance,
        meeting_id=committee.meeting.id,
        person_id=committee.primaries[1].id,
        present=False,
    )
    later = committee.read(repo.motion, motion_id=motion.id)
    assert later == frozen
    assert later.outcome == outcome
    assert committee.read(votes.vote_state, motion_id=motion.id).outcome == outcome
    assert later.rule == motion.rule != stricter


def test_chair_mode_is_frozen_when_the_vote_opens(committee: Committee) -> None:
    chair = add_chair(committee)
    motion = open_motion(committee, "meeting", [0, 1, 2, 3, 4])
    committee.attend(5)
    committee.write(setup.set_chair_voting, mode=ChairVoting.TIE_ONLY)
    cast_all(committee, motion, [Y, Y, N])
    committee.write(votes.cast_ballot, motion_id=motion.id, person_id=chair, choice=Y)
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    assert (outcome.tally.yes, outcome.tally.no) == (3, 1)  # opened under "always": the chair counted


def add_chair(committee: Committee) -> int:
    """A sixth seat, the chair's; returns the chair's person id."""
    person = committee.write(roster.add_person, name="Chair Person 主席")
    seat = committee.write(roster.add_seat, kind=SeatKind.CHAIR, organization="Chair", primary_id=person.id)
    committee.seats.append(seat)
    committee.primaries.append(person)
    return person.id


# ballots of the five member seats, the chair's ballot, expected (yes, no) counted, passed
TIE_ONLY_CASES = [
    ([Y, Y, N], Y, (2, 1), True),  # no tie among the others: the chair's ballot is not counted
    ([Y, Y, N], N, (2, 1), True),
    ([Y, N], Y, (2, 1), True),  # a tie: the chair breaks it
    ([Y, N], N, (1, 2), False),
    ([Y, N, A, A], A, (1, 1), False),
    ([], Y, (1, 0), True),  # 0-0 is a tie too
]


@pytest.mark.parametrize(("members", "chair_choice", "counted", "passed"), TIE_ONLY_CASES)
def test_chair_votes_only_to_break_a_tie(
    committee: Committee, members: list[Choice], chair_choice: Choice, counted: tuple[int, int], passed: bool
) -> None:
    chair = add_chair(committee)
    committee.write(setup.set_chair_voting, mode=ChairVoting.TIE_ONLY)
    motion = open_motion(committee, "meeting", [0, 1, 2, 3, 4, 5])
    cast_all(committee, motion, members)
    committee.write(votes.cast_ballot, motion_id=motion.id, person_id=chair, choice=chair_choice)
    live = committee.read(votes.vote_state, motion_id=motion.id).outcome
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    assert outcome == live
    assert (outcome.tally.yes, outcome.tally.no) == counted
    assert (outcome.tally.seats, outcome.tally.present) == (6, 6)
    assert outcome.passed is passed


def test_chair_always_votes_by_default(committee: Committee) -> None:
    chair = add_chair(committee)
    motion = open_motion(committee, "meeting", [0, 1, 2, 3, 4, 5])
    cast_all(committee, motion, [Y, Y, N])
    committee.write(votes.cast_ballot, motion_id=motion.id, person_id=chair, choice=N)
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    assert (outcome.tally.yes, outcome.tally.no, outcome.passed) == (2, 2, False)
    assert outcome.explanation.endswith("a tie fails.")
