"""Creating the committee, its default decision types, and changing a rule for future votes only."""

from __future__ import annotations

from fractions import Fraction

import pytest
from services_kit import MEETING_DAY, Committee

from tac_desk.domain.enums import ChairVoting, Choice
from tac_desk.domain.errors import InvalidInput, RecordError, Refused
from tac_desk.domain.rules import Base, Comparison, Rule, Threshold
from tac_desk.services import setup, votes
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database

# The LF AI & Data TAC (LF directed-fund charter): written out here, not taken from the defaults module.
LF_AI_DATA_TYPES = [
    ("meeting", Rule(Threshold(Fraction(1, 2), Comparison.MORE_THAN), Base.CAST, Fraction(1, 2))),
    ("two-thirds", Rule(Threshold(Fraction(2, 3), Comparison.AT_LEAST), Base.ALL, Fraction(1, 2))),
    ("electronic", Rule(Threshold(Fraction(1, 2), Comparison.MORE_THAN), Base.ALL, None)),
]


def test_create_body_has_the_three_lf_ai_and_data_decision_types(memory_db: Database) -> None:
    with memory_db.write() as session:
        body = setup.create_body(session=session, name="  LF AI & Data TAC — 技术委员会 ", timezone="Asia/Shanghai")
    assert body.name == "LF AI & Data TAC — 技术委员会"
    assert body.timezone == "Asia/Shanghai"
    assert body.chair_voting is ChairVoting.ALWAYS
    assert [(kind.key, kind.rule) for kind in body.decision_types] == LF_AI_DATA_TYPES
    assert all(kind.label for kind in body.decision_types)
    with memory_db.read() as session:
        assert repo.body(session) == body


def test_create_body_with_chair_voting_only_on_ties(memory_db: Database) -> None:
    with memory_db.write() as session:
        body = setup.create_body(session=session, name="TAC", timezone="UTC", chair_voting=ChairVoting.TIE_ONLY)
    assert body.chair_voting is ChairVoting.TIE_ONLY


@pytest.mark.parametrize(
    ("name", "timezone", "error"),
    [
        ("", "UTC", "name cannot be empty"),
        ("   ", "UTC", "name cannot be empty"),
        ("TAC", "Mars/Olympus_Mons", "unknown time zone"),
        ("TAC", "", "unknown time zone"),
        ("x" * 201, "UTC", "too long"),
        ("TA\x00C", "UTC", "NUL"),
    ],
)
def test_create_body_refuses_bad_input(memory_db: Database, name: str, timezone: str, error: str) -> None:
    with pytest.raises(InvalidInput, match=error), memory_db.write() as session:
        setup.create_body(session=session, name=name, timezone=timezone)
    with memory_db.read() as session, pytest.raises(RecordError):
        repo.body(session)


def test_a_record_has_one_committee(memory_db: Database) -> None:
    with memory_db.write() as session:
        setup.create_body(session=session, name="TAC", timezone="UTC")
    with pytest.raises(Refused, match="already has a committee"), memory_db.write() as session:
        setup.create_body(session=session, name="Another", timezone="UTC")


def test_set_decision_rule_changes_future_votes_only(committee: Committee) -> None:
    committee.attend(0, 1, 2, 3, 4)
    before = committee.write(votes.open_motion, text="Before the change", meeting_id=committee.meeting.id)
    stricter = Rule(Threshold(Fraction(3, 4), Comparison.AT_LEAST), Base.PRESENT, Fraction(2, 3))
    body = committee.write(setup.set_decision_rule, key="meeting", rule=stricter)
    assert body.decision_type("meeting").rule == stricter
    after = committee.write(votes.open_motion, text="After the change", meeting_id=committee.meeting.id)
    assert before.rule == LF_AI_DATA_TYPES[0][1]
    assert after.rule == stricter
    for motion in (before, after):
        for index, choice in enumerate([Choice.YES, Choice.YES, Choice.YES, Choice.NO, Choice.NO]):
            committee.write(
                votes.cast_ballot, motion_id=motion.id, person_id=committee.primaries[index].id, choice=choice
            )
    first = committee.write(votes.close_vote, motion_id=before.id)
    second = committee.write(votes.close_vote, motion_id=after.id)
    assert (first.passed, first.rule) == (True, LF_AI_DATA_TYPES[0][1])  # 3 > 5/2 of votes cast
    assert (second.passed, second.rule, second.required_yes) == (False, stricter, 4)  # 3/4 of 5 present needs 4


def test_set_decision_rule_adds_a_new_type(committee: Committee) -> None:
    unanimity = Rule(Threshold(Fraction(1), Comparison.AT_LEAST), Base.ALL, None)
    body = committee.write(setup.set_decision_rule, key="unanimous", rule=unanimity, label="Unanimous consent")
    assert [kind.key for kind in body.decision_types] == ["meeting", "two-thirds", "electronic", "unanimous"]
    assert body.decision_type("unanimous").label == "Unanimous consent"
    motion = committee.write(votes.open_motion, text="Unanimous", decision_type="unanimous", opened_on=MEETING_DAY)
    assert motion.rule == unanimity


@pytest.mark.parametrize(("key", "error"), [("", "cannot be empty"), ("two thirds", "no spaces"), ("k" * 41, "long")])
def test_set_decision_rule_refuses_bad_keys(committee: Committee, key: str, error: str) -> None:
    rule = LF_AI_DATA_TYPES[0][1]
    with pytest.raises(InvalidInput, match=error):
        committee.write(setup.set_decision_rule, key=key, rule=rule)
    assert [kind.key for kind in committee.read(repo.body).decision_types] == ["meeting", "two-thirds", "electronic"]


def test_set_chair_voting_and_rename(committee: Committee) -> None:
    assert committee.write(setup.set_chair_voting, mode=ChairVoting.TIE_ONLY).chair_voting is ChairVoting.TIE_ONLY
    assert committee.write(setup.rename_body, name=" Comité technique ").name == "Comité technique"
    with pytest.raises(InvalidInput):
        committee.write(setup.rename_body, name=" ")
    assert committee.read(repo.body).name == "Comité technique"
