"""``tally`` and ``motion close`` agree on every base (cast, present, all) for the same counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tac_desk.domain.defaults import DEFAULT_DECISION_TYPES
from tac_desk.domain.enums import Choice
from tac_desk.domain.rules import Rule

from .helpers import AGREEMENT_TYPES, build_vote, ok_json, run, tally_arguments

Y, N, A = Choice.YES, Choice.NO, Choice.ABSTAIN
COMPARED = ("quorum_met", "quorum_required", "passed", "required_yes", "yes", "no", "abstain", "present", "seats",
            "rule", "explanation")  # fmt: skip

# (decision type, voting seats, seats present at the meeting, ballots in seat order, adopted)
CASES = [
    ("meeting", 7, 5, [Y, Y, Y, N, A], True),  # base cast: 3 to 1 passes
    ("meeting", 7, 6, [Y, Y, N, N, A, A], False),  # base cast: a tie fails
    ("meeting", 9, 4, [Y, Y, Y, Y], False),  # no quorum: 4 of 9, 5 needed
    ("present", 7, 6, [Y, Y, Y, N, A], False),  # base present: 3 of 6 is not more than half
    ("present", 7, 5, [Y, Y, Y, N, A], True),  # base present: 3 of 5 passes
    ("present-two-thirds", 9, 6, [Y, Y, Y, Y, N], True),  # base present, at least 2/3 of 6 = 4: passes
    ("two-thirds", 7, 7, [Y, Y, Y, Y, N, A, A], False),  # base all: 4 of 7 < 5
    ("two-thirds", 7, 6, [Y, Y, Y, Y, Y, N], True),  # base all: 5 of 7 passes
    ("electronic", 7, 0, [Y, Y, Y, N, A], False),  # base all, no quorum: 3 of 7 fails
    ("electronic", 7, 0, [Y, Y, Y, Y], True),  # base all, no quorum: 4 of 7 passes
]


def _rule(decision: str) -> Rule:
    custom = AGREEMENT_TYPES[decision]
    return custom if custom is not None else next(k.rule for k in DEFAULT_DECISION_TYPES if k.key == decision)


@pytest.mark.parametrize(("decision", "seats", "present", "choices", "adopted"), CASES)
def test_tally_agrees_with_motion_close(
    tmp_path: Path, decision: str, seats: int, present: int, choices: list[Choice], adopted: bool
) -> None:
    record = tmp_path / "vote.tacdb"
    motion = build_vote(record, decision=decision, seats=seats, present=present, choices=choices)
    closed = ok_json(run("motion", "close", motion, "--record-no-quorum", "--json", db=record))
    counts = {choice: sum(c is choice for c in choices) for choice in (Y, N, A)}
    arguments = [
        "tally", *tally_arguments(_rule(decision)), "--seats", seats, "--yes", counts[Y], "--no", counts[N],
        "--abstain", counts[A], "--json",
    ]  # fmt: skip
    if decision != "electronic":  # an electronic vote's seats present are those that answered: the default
        arguments += ["--present", present]
    calculated = ok_json(run(*arguments))
    assert {key: closed[key] for key in COMPARED} == {key: calculated[key] for key in COMPARED}
    assert closed["passed"] is adopted


def test_the_cases_cover_every_base_with_both_verdicts() -> None:
    verdicts = {(_rule(case[0]).base.value, case[-1]) for case in CASES}
    assert verdicts == {(base, adopted) for base in ("cast", "present", "all") for adopted in (True, False)}
