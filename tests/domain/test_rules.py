"""Table-driven tests of the rules engine: every base, threshold and quorum, with the sentence it explains."""

from __future__ import annotations

import ast
import inspect
import json
from fractions import Fraction

import pytest

from tac_desk.domain import rules
from tac_desk.domain.defaults import DEFAULT_DECISION_TYPES
from tac_desk.domain.errors import InvalidInput
from tac_desk.domain.rules import (
    MAJORITY,
    THREE_QUARTERS,
    TWO_THIRDS,
    Base,
    Comparison,
    Outcome,
    Rule,
    RuleError,
    Tally,
    Threshold,
    ceil_fraction,
    evaluate,
    fraction_words,
    parse_fraction,
    quorum_required,
    quorum_sentence,
    required_yes,
)

HALF = Fraction(1, 2)

MAJ_CAST = Rule(MAJORITY, Base.CAST, HALF)
MAJ_PRESENT = Rule(MAJORITY, Base.PRESENT, HALF)
MAJ_ALL = Rule(MAJORITY, Base.ALL, HALF)
MAJ_ALL_NO_QUORUM = Rule(MAJORITY, Base.ALL, None)
TT_CAST = Rule(TWO_THIRDS, Base.CAST, HALF)
TT_PRESENT = Rule(TWO_THIRDS, Base.PRESENT, HALF)
TT_ALL = Rule(TWO_THIRDS, Base.ALL, HALF)
TQ_CAST = Rule(THREE_QUARTERS, Base.CAST, HALF)
TQ_PRESENT = Rule(THREE_QUARTERS, Base.PRESENT, HALF)
TQ_ALL = Rule(THREE_QUARTERS, Base.ALL, HALF)
AT_LEAST_HALF_CAST = Rule(Threshold(HALF, Comparison.AT_LEAST), Base.CAST, HALF)
AT_LEAST_HALF_PRESENT = Rule(Threshold(HALF, Comparison.AT_LEAST), Base.PRESENT, HALF)
MORE_3_5_ALL = Rule(Threshold(Fraction(3, 5), Comparison.MORE_THAN), Base.ALL, Fraction(2, 3))
LEAST_3_5_ALL = Rule(Threshold(Fraction(3, 5), Comparison.AT_LEAST), Base.ALL, Fraction(2, 3))
LEAST_5_7_CAST = Rule(Threshold(Fraction(5, 7), Comparison.AT_LEAST), Base.CAST, None)
MORE_5_7_CAST = Rule(Threshold(Fraction(5, 7), Comparison.MORE_THAN), Base.CAST, None)
MORE_5_7_PRESENT = Rule(Threshold(Fraction(5, 7), Comparison.MORE_THAN), Base.PRESENT, None)
UNANIMOUS_CAST = Rule(Threshold(Fraction(1), Comparison.AT_LEAST), Base.CAST, HALF)
UNANIMOUS_PRESENT = Rule(Threshold(Fraction(1), Comparison.AT_LEAST), Base.PRESENT, HALF)
ONE_THIRD_CAST = Rule(Threshold(Fraction(1, 3), Comparison.AT_LEAST), Base.CAST, HALF)
CNCF_PRESENT = Rule(MAJORITY, Base.PRESENT, Fraction(2, 3))


def T(seats: int, present: int, yes: int, no: int, abstain: int = 0, recused: int = 0) -> Tally:
    return Tally(seats=seats, present=present, yes=yes, no=no, abstain=abstain, recused=recused)


# id, rule, tally, quorum_required, quorum_met, required_yes, passed, explanation
CASES = [
    # ---- more than half of the votes cast (a decision at a meeting) ----
    (
        "majority-cast-adopted",
        MAJ_CAST,
        T(12, 8, 5, 3),
        6,
        True,
        4,
        True,
        "Adopted: 5 yes to 3 no; more than half of the votes cast requires 4 yes to 3 no.",
    ),
    (
        "majority-cast-abstentions-ignored",
        MAJ_CAST,
        T(12, 9, 4, 3, abstain=2),
        6,
        True,
        4,
        True,
        "Adopted: 4 yes to 3 no (2 abstentions not counted); more than half of the votes cast requires 4 yes to 3 no.",
    ),
    (
        "majority-cast-recusal-ignored-like-abstention",
        MAJ_CAST,
        T(12, 9, 4, 3, recused=1),
        6,
        True,
        4,
        True,
        "Adopted: 4 yes to 3 no (1 recusal not counted); more than half of the votes cast requires 4 yes to 3 no.",
    ),
    (
        "majority-cast-tie-fails",
        MAJ_CAST,
        T(10, 8, 4, 4),
        5,
        True,
        5,
        False,
        "Not adopted: 4 yes to 4 no; more than half of the votes cast requires 5 yes to 4 no; a tie fails.",
    ),
    (
        "majority-cast-zero-votes-cast",
        MAJ_CAST,
        T(10, 6, 0, 0),
        5,
        True,
        1,
        False,
        "Not adopted: 0 yes to 0 no; more than half of the votes cast requires 1 yes to 0 no.",
    ),
    (
        "majority-cast-single-yes",
        MAJ_CAST,
        T(10, 5, 1, 0, abstain=4),
        5,
        True,
        1,
        True,
        "Adopted: 1 yes to 0 no (4 abstentions not counted); more than half of the votes cast requires 1 yes to 0 no.",
    ),
    # ---- quorum: exactly at it, one below, fractions rounding up ----
    (
        "quorum-exactly-met",
        MAJ_CAST,
        T(12, 6, 4, 1),
        6,
        True,
        2,
        True,
        "Adopted: 4 yes to 1 no; more than half of the votes cast requires 2 yes to 1 no.",
    ),
    (
        "quorum-one-below",
        MAJ_CAST,
        T(12, 5, 4, 1),
        6,
        False,
        2,
        False,
        "Not decided: no quorum — 5 of 12 voting seats present; 6 needed, so no decision can be made.",
    ),
    (
        "quorum-15-seats-8-present-met",
        MAJ_CAST,
        T(15, 8, 5, 3),
        8,
        True,
        4,
        True,
        "Adopted: 5 yes to 3 no; more than half of the votes cast requires 4 yes to 3 no.",
    ),
    (
        "quorum-15-seats-7-present-not-met",
        MAJ_CAST,
        T(15, 7, 7, 0),
        8,
        False,
        1,
        False,
        "Not decided: no quorum — 7 of 15 voting seats present; 8 needed, so no decision can be made.",
    ),
    (
        "quorum-two-thirds-of-11-rounds-up-to-8",
        CNCF_PRESENT,
        T(11, 7, 7, 0),
        8,
        False,
        4,
        False,
        "Not decided: no quorum — 7 of 11 voting seats present; 8 needed, so no decision can be made.",
    ),
    (
        "no-quorum-rule-nobody-present",
        MAJ_ALL_NO_QUORUM,
        T(12, 0, 0, 0),
        0,
        True,
        7,
        False,
        "Not adopted: 0 of 12 voting seats voted yes; more than half of all voting seats requires 7 yes.",
    ),
    (
        "no-quorum-rule-electronic-adopted",
        MAJ_ALL_NO_QUORUM,
        T(12, 7, 7, 0),
        0,
        True,
        7,
        True,
        "Adopted: 7 of 12 voting seats voted yes; more than half of all voting seats requires 7 yes.",
    ),
    # ---- more than half of the seats present ----
    (
        "majority-present-abstentions-act-as-no",
        MAJ_PRESENT,
        T(12, 9, 4, 3, abstain=2),
        6,
        True,
        5,
        False,
        "Not adopted: 4 of 9 seats present voted yes; more than half of the seats present requires 5 yes.",
    ),
    (
        "majority-present-silent-seat-acts-as-no",
        MAJ_PRESENT,
        T(12, 10, 5, 4),
        6,
        True,
        6,
        False,
        "Not adopted: 5 of 10 seats present voted yes; more than half of the seats present requires 6 yes.",
    ),
    (
        "majority-present-recusal-counts-as-present",
        MAJ_PRESENT,
        T(10, 10, 5, 3, abstain=1, recused=1),
        5,
        True,
        6,
        False,
        "Not adopted: 5 of 10 seats present voted yes; more than half of the seats present requires 6 yes.",
    ),
    (
        "majority-present-adopted",
        MAJ_PRESENT,
        T(10, 9, 5, 3, recused=1),
        5,
        True,
        5,
        True,
        "Adopted: 5 of 9 seats present voted yes; more than half of the seats present requires 5 yes.",
    ),
    (
        "majority-present-all-abstain",
        MAJ_PRESENT,
        T(10, 10, 0, 0, abstain=10),
        5,
        True,
        6,
        False,
        "Not adopted: 0 of 10 seats present voted yes; more than half of the seats present requires 6 yes.",
    ),
    (
        "majority-present-tie-fails",
        MAJ_PRESENT,
        T(8, 8, 4, 4),
        4,
        True,
        5,
        False,
        "Not adopted: 4 of 8 seats present voted yes; more than half of the seats present requires 5 yes; a tie fails.",
    ),
    # ---- more than half of all voting seats ----
    (
        "majority-all-abstentions-act-as-no",
        MAJ_ALL,
        T(12, 9, 4, 3, abstain=2),
        6,
        True,
        7,
        False,
        "Not adopted: 4 of 12 voting seats voted yes; more than half of all voting seats requires 7 yes.",
    ),
    (
        "majority-all-15-seats-needs-8",
        MAJ_ALL,
        T(15, 12, 8, 0, abstain=4),
        8,
        True,
        8,
        True,
        "Adopted: 8 of 15 voting seats voted yes; more than half of all voting seats requires 8 yes.",
    ),
    (
        "majority-all-15-seats-7-fails",
        MAJ_ALL,
        T(15, 15, 7, 0, abstain=8),
        8,
        True,
        8,
        False,
        "Not adopted: 7 of 15 voting seats voted yes; more than half of all voting seats requires 8 yes.",
    ),
    # ---- at least half: a tie still fails ----
    (
        "at-least-half-cast-tie-fails",
        AT_LEAST_HALF_CAST,
        T(10, 8, 4, 4),
        5,
        True,
        5,
        False,
        "Not adopted: 4 yes to 4 no; at least half of the votes cast requires 5 yes to 4 no; a tie fails.",
    ),
    (
        "at-least-half-present-tie-fails",
        AT_LEAST_HALF_PRESENT,
        T(8, 8, 4, 4),
        4,
        True,
        5,
        False,
        "Not adopted: 4 of 8 seats present voted yes; at least half of the seats present requires 5 yes; a tie fails.",
    ),
    # ---- at least two-thirds ----
    (
        "two-thirds-cast-2-to-1-passes",
        TT_CAST,
        T(3, 3, 2, 1),
        2,
        True,
        2,
        True,
        "Adopted: 2 yes to 1 no; at least two-thirds of the votes cast requires 2 yes to 1 no.",
    ),
    (
        "two-thirds-cast-66-to-34-fails",
        TT_CAST,
        T(100, 100, 66, 34),
        50,
        True,
        68,
        False,
        "Not adopted: 66 yes to 34 no; at least two-thirds of the votes cast requires 68 yes to 34 no.",
    ),
    (
        "two-thirds-cast-67-to-33-passes",
        TT_CAST,
        T(100, 100, 67, 33),
        50,
        True,
        66,
        True,
        "Adopted: 67 yes to 33 no; at least two-thirds of the votes cast requires 66 yes to 33 no.",
    ),
    (
        "two-thirds-cast-all-abstain-no-yes-never-passes",
        TT_CAST,
        T(10, 10, 0, 0, abstain=10),
        5,
        True,
        1,
        False,
        "Not adopted: 0 yes to 0 no (10 abstentions not counted); "
        "at least two-thirds of the votes cast requires 1 yes to 0 no.",
    ),
    (
        "two-thirds-present-abstention-acts-as-no",
        TT_PRESENT,
        T(12, 9, 6, 1, abstain=2),
        6,
        True,
        6,
        True,
        "Adopted: 6 of 9 seats present voted yes; at least two-thirds of the seats present requires 6 yes.",
    ),
    (
        "two-thirds-present-one-short",
        TT_PRESENT,
        T(12, 10, 6, 1, abstain=3),
        6,
        True,
        7,
        False,
        "Not adopted: 6 of 10 seats present voted yes; at least two-thirds of the seats present requires 7 yes.",
    ),
    (
        "two-thirds-all-7-of-11-fails",
        TT_ALL,
        T(11, 11, 7, 2, abstain=2),
        6,
        True,
        8,
        False,
        "Not adopted: 7 of 11 voting seats voted yes; at least two-thirds of all voting seats requires 8 yes.",
    ),
    (
        "two-thirds-all-15-seats-needs-10",
        TT_ALL,
        T(15, 15, 10, 5),
        8,
        True,
        10,
        True,
        "Adopted: 10 of 15 voting seats voted yes; at least two-thirds of all voting seats requires 10 yes.",
    ),
    (
        "two-thirds-all-15-seats-9-fails",
        TT_ALL,
        T(15, 15, 9, 6),
        8,
        True,
        10,
        False,
        "Not adopted: 9 of 15 voting seats voted yes; at least two-thirds of all voting seats requires 10 yes.",
    ),
    # ---- at least three-quarters ----
    (
        "three-quarters-cast-15-to-5-passes",
        TQ_CAST,
        T(20, 20, 15, 5),
        10,
        True,
        15,
        True,
        "Adopted: 15 yes to 5 no; at least three-quarters of the votes cast requires 15 yes to 5 no.",
    ),
    (
        "three-quarters-cast-14-to-5-fails",
        TQ_CAST,
        T(20, 20, 14, 5, abstain=1),
        10,
        True,
        15,
        False,
        "Not adopted: 14 yes to 5 no (1 abstention not counted); "
        "at least three-quarters of the votes cast requires 15 yes to 5 no.",
    ),
    (
        "three-quarters-present-exact",
        TQ_PRESENT,
        T(20, 16, 12, 2, abstain=2),
        10,
        True,
        12,
        True,
        "Adopted: 12 of 16 seats present voted yes; at least three-quarters of the seats present requires 12 yes.",
    ),
    (
        "three-quarters-all-rounds-up",
        TQ_ALL,
        T(19, 16, 14, 2),
        10,
        True,
        15,
        False,
        "Not adopted: 14 of 19 voting seats voted yes; at least three-quarters of all voting seats requires 15 yes.",
    ),
    # ---- arbitrary P/Q, more than and at least ----
    (
        "more-than-3-5-all-integral-target",
        MORE_3_5_ALL,
        T(10, 7, 7, 0),
        7,
        True,
        7,
        True,
        "Adopted: 7 of 10 voting seats voted yes; more than three-fifths of all voting seats requires 7 yes.",
    ),
    (
        "at-least-3-5-all-integral-target",
        LEAST_3_5_ALL,
        T(10, 7, 6, 1),
        7,
        True,
        6,
        True,
        "Adopted: 6 of 10 voting seats voted yes; at least three-fifths of all voting seats requires 6 yes.",
    ),
    (
        "more-than-3-5-all-quorum-two-thirds-not-met",
        MORE_3_5_ALL,
        T(10, 6, 6, 0),
        7,
        False,
        7,
        False,
        "Not decided: no quorum — 6 of 10 voting seats present; 7 needed, so no decision can be made.",
    ),
    (
        "at-least-5-7-cast-exact",
        LEAST_5_7_CAST,
        T(20, 20, 10, 4),
        0,
        True,
        10,
        True,
        "Adopted: 10 yes to 4 no; at least 5/7 of the votes cast requires 10 yes to 4 no.",
    ),
    (
        "more-than-5-7-cast-exact-fails",
        MORE_5_7_CAST,
        T(20, 20, 10, 4),
        0,
        True,
        11,
        False,
        "Not adopted: 10 yes to 4 no; more than 5/7 of the votes cast requires 11 yes to 4 no.",
    ),
    (
        "more-than-5-7-present",
        MORE_5_7_PRESENT,
        T(20, 14, 11, 3),
        0,
        True,
        11,
        True,
        "Adopted: 11 of 14 seats present voted yes; more than 5/7 of the seats present requires 11 yes.",
    ),
    (
        "low-threshold-still-needs-more-yes-than-no",
        ONE_THIRD_CAST,
        T(10, 10, 3, 4),
        5,
        True,
        5,
        False,
        "Not adopted: 3 yes to 4 no; at least one-third of the votes cast requires 5 yes to 4 no.",
    ),
    # ---- unanimity (at least 1/1) ----
    (
        "unanimous-cast-one-no-blocks",
        UNANIMOUS_CAST,
        T(5, 5, 4, 1),
        3,
        True,
        None,
        False,
        "Not adopted: 4 yes to 1 no; at least all of the votes cast cannot be met once a seat has voted no.",
    ),
    (
        "unanimous-cast-tie-blocks",
        UNANIMOUS_CAST,
        T(4, 4, 1, 1),
        2,
        True,
        None,
        False,
        "Not adopted: 1 yes to 1 no; at least all of the votes cast cannot be met once a seat has voted no; "
        "a tie fails.",
    ),
    (
        "unanimous-cast-abstention-ignored",
        UNANIMOUS_CAST,
        T(5, 5, 4, 0, abstain=1),
        3,
        True,
        1,
        True,
        "Adopted: 4 yes to 0 no (1 abstention not counted); at least all of the votes cast requires 1 yes to 0 no.",
    ),
    (
        "unanimous-cast-without-quorum",
        UNANIMOUS_CAST,
        T(5, 2, 1, 1),
        3,
        False,
        None,
        False,
        "Not decided: no quorum — 2 of 5 voting seats present; 3 needed, so no decision can be made.",
    ),
    (
        "unanimous-present-abstention-acts-as-no",
        UNANIMOUS_PRESENT,
        T(5, 5, 4, 0, abstain=1),
        3,
        True,
        5,
        False,
        "Not adopted: 4 of 5 seats present voted yes; at least all of the seats present requires 5 yes.",
    ),
    # ---- an empty body ----
    (
        "no-seats-no-quorum-rule",
        MAJ_ALL_NO_QUORUM,
        T(0, 0, 0, 0),
        0,
        True,
        1,
        False,
        "Not adopted: 0 of 0 voting seats voted yes; more than half of all voting seats requires 1 yes.",
    ),
]


@pytest.mark.parametrize(
    ("rule", "tally", "quorum_needed", "quorum_met", "needed_yes", "passed", "explanation"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_evaluate_table(
    rule: Rule,
    tally: Tally,
    quorum_needed: int,
    quorum_met: bool,
    needed_yes: int | None,
    passed: bool,
    explanation: str,
) -> None:
    outcome = evaluate(rule, tally)
    assert outcome.quorum_required == quorum_needed
    assert outcome.quorum_met is quorum_met
    assert outcome.required_yes == needed_yes
    assert required_yes(rule, tally) == needed_yes
    assert outcome.passed is passed
    assert outcome.explanation == explanation
    assert outcome.rule == rule
    assert outcome.tally == tally


def test_case_ids_are_unique() -> None:
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


def test_every_base_and_threshold_kind_is_in_the_table() -> None:
    seen = {(case[1].base, case[1].threshold) for case in CASES}
    for base in Base:
        for threshold in (MAJORITY, TWO_THIRDS, THREE_QUARTERS):
            assert (base, threshold) in seen, (base, threshold)
    comparisons = {(case[1].threshold.comparison, case[1].threshold.share) for case in CASES}
    assert (Comparison.MORE_THAN, Fraction(3, 5)) in comparisons
    assert (Comparison.AT_LEAST, Fraction(3, 5)) in comparisons
    assert {case[1].quorum for case in CASES} >= {None, HALF, Fraction(2, 3)}


# ---- invalid tallies and rules ----


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"seats": -1, "present": 0, "yes": 0, "no": 0}, "seats cannot be negative", id="negative-seats"),
        pytest.param({"seats": 3, "present": -1, "yes": 0, "no": 0}, "present cannot be negative", id="neg-present"),
        pytest.param({"seats": 3, "present": 3, "yes": -1, "no": 0}, "yes cannot be negative", id="negative-yes"),
        pytest.param({"seats": 3, "present": 3, "yes": 0, "no": -2}, "no cannot be negative", id="negative-no"),
        pytest.param(
            {"seats": 3, "present": 3, "yes": 0, "no": 0, "abstain": -1}, "abstain cannot be negative", id="neg-abstain"
        ),
        pytest.param(
            {"seats": 3, "present": 3, "yes": 0, "no": 0, "recused": -1}, "recused cannot be negative", id="neg-recused"
        ),
        pytest.param(
            {"seats": 10, "present": 11, "yes": 0, "no": 0},
            "11 seats present is more than the 10 voting seats",
            id="present-above-seats",
        ),
        pytest.param(
            {"seats": 10, "present": 5, "yes": 4, "no": 2},
            "6 ballots (yes, no, abstain, recused) is more than the 5 seats present",
            id="ballots-above-present",
        ),
        pytest.param(
            {"seats": 10, "present": 5, "yes": 2, "no": 1, "abstain": 1, "recused": 2},
            "6 ballots (yes, no, abstain, recused) is more than the 5 seats present",
            id="recusals-count-as-ballots",
        ),
    ],
)
def test_impossible_tally_is_refused(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(RuleError) as caught:
        Tally(**kwargs)
    assert str(caught.value) == message


def test_tally_at_the_limits_is_accepted() -> None:
    tally = T(10, 10, 4, 3, abstain=2, recused=1)
    assert tally.cast == 7
    assert tally.voted == 10


@pytest.mark.parametrize(
    ("share", "comparison", "message"),
    [
        pytest.param(Fraction(0), Comparison.AT_LEAST, "above 0 and at most 1, not 0", id="zero"),
        pytest.param(Fraction(-1, 2), Comparison.MORE_THAN, "above 0 and at most 1, not -1/2", id="negative"),
        pytest.param(Fraction(4, 3), Comparison.AT_LEAST, "above 0 and at most 1, not 4/3", id="above-one"),
        pytest.param(Fraction(1), Comparison.MORE_THAN, "'more than all' can never be reached", id="more-than-1-1"),
    ],
)
def test_impossible_threshold_is_refused(share: Fraction, comparison: Comparison, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        Threshold(share, comparison)


@pytest.mark.parametrize(
    "quorum",
    [pytest.param(Fraction(0), id="zero"), pytest.param(Fraction(3, 2), id="above-one"), pytest.param(-HALF, id="neg")],
)
def test_impossible_quorum_is_refused(quorum: Fraction) -> None:
    with pytest.raises(RuleError, match="a quorum must be above 0 and at most 1"):
        Rule(MAJORITY, Base.CAST, quorum)


def test_rule_error_is_an_invalid_input_and_a_value_error() -> None:
    assert issubclass(RuleError, InvalidInput)
    assert issubclass(RuleError, ValueError)


def test_full_quorum_and_unanimity_are_valid() -> None:
    rule = Rule(Threshold(Fraction(1), Comparison.AT_LEAST), Base.ALL, Fraction(1))
    assert rule.words() == "at least all of all voting seats"
    assert rule.quorum_words() == "quorum: at least all of the voting seats present"


# ---- parse_fraction and fraction helpers ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("majority", HALF, id="majority"),
        pytest.param("Half", HALF, id="half-capitalised"),
        pytest.param("two-thirds", Fraction(2, 3), id="two-thirds"),
        pytest.param("  Three-Quarters ", Fraction(3, 4), id="three-quarters-spaces"),
        pytest.param("2/3", Fraction(2, 3), id="p-q"),
        pytest.param(" 3 / 4 ", Fraction(3, 4), id="p-q-spaces"),
        pytest.param("4/6", Fraction(2, 3), id="reduced"),
        pytest.param("1/1", Fraction(1), id="one"),
        pytest.param("007/010", Fraction(7, 10), id="leading-zeros"),
    ],
)
def test_parse_fraction(text: str, expected: Fraction) -> None:
    assert parse_fraction(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "is not a fraction", id="empty"),
        pytest.param("abc", "is not a fraction", id="word"),
        pytest.param("0.5", "is not a fraction", id="decimal"),
        pytest.param("2/3/4", "is not a fraction", id="two-slashes"),
        pytest.param("-1/2", "is not a fraction", id="negative"),
        pytest.param("1.5/2", "is not a fraction", id="decimal-numerator"),
        pytest.param("/3", "is not a fraction", id="no-numerator"),
        pytest.param("²/³", "is not a fraction", id="superscript-digits"),
        pytest.param("1" * 5000 + "/2", "is not a fraction", id="too-many-digits"),
        pytest.param("1/0", "divides by zero", id="zero-denominator"),
        pytest.param("0/3", "must be above 0 and at most 1", id="zero"),
        pytest.param("4/3", "must be above 0 and at most 1", id="above-one"),
    ],
)
def test_parse_fraction_refuses(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_fraction(text)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        pytest.param(HALF, "half", id="half"),
        pytest.param(Fraction(2, 4), "half", id="half-unreduced"),
        pytest.param(Fraction(2, 3), "two-thirds", id="two-thirds"),
        pytest.param(Fraction(3, 4), "three-quarters", id="three-quarters"),
        pytest.param(Fraction(1, 3), "one-third", id="one-third"),
        pytest.param(Fraction(1, 4), "one-quarter", id="one-quarter"),
        pytest.param(Fraction(3, 5), "three-fifths", id="three-fifths"),
        pytest.param(Fraction(1), "all", id="all"),
        pytest.param(Fraction(5, 7), "5/7", id="other"),
    ],
)
def test_fraction_words(value: Fraction, words: str) -> None:
    assert fraction_words(value) == words


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(Fraction(0), 0, id="zero"),
        pytest.param(Fraction(3), 3, id="integer"),
        pytest.param(Fraction(7, 3), 3, id="up"),
        pytest.param(Fraction(15, 2), 8, id="half-up"),
        pytest.param(Fraction(1, 1000), 1, id="tiny"),
    ],
)
def test_ceil_fraction(value: Fraction, expected: int) -> None:
    assert ceil_fraction(value) == expected
    assert type(ceil_fraction(value)) is int


@pytest.mark.parametrize(
    ("quorum", "seats", "needed"),
    [
        pytest.param(None, 12, 0, id="none"),
        pytest.param(HALF, 15, 8, id="half-of-15"),
        pytest.param(HALF, 12, 6, id="half-of-12"),
        pytest.param(Fraction(2, 3), 11, 8, id="two-thirds-of-11"),
        pytest.param(Fraction(2, 3), 9, 6, id="two-thirds-of-9"),
        pytest.param(HALF, 0, 0, id="no-seats"),
        pytest.param(Fraction(1), 7, 7, id="everybody"),
    ],
)
def test_quorum_required(quorum: Fraction | None, seats: int, needed: int) -> None:
    assert quorum_required(quorum, seats) == needed


# ---- words, serialisation, quorum sentence ----


@pytest.mark.parametrize(
    ("rule", "words", "quorum_words"),
    [
        pytest.param(MAJ_CAST, "more than half of the votes cast", "quorum: at least half of the voting seats present"),
        pytest.param(
            TT_ALL, "at least two-thirds of all voting seats", "quorum: at least half of the voting seats present"
        ),
        pytest.param(MAJ_ALL_NO_QUORUM, "more than half of all voting seats", "no quorum needed"),
        pytest.param(
            CNCF_PRESENT,
            "more than half of the seats present",
            "quorum: at least two-thirds of the voting seats present",
        ),
        pytest.param(LEAST_5_7_CAST, "at least 5/7 of the votes cast", "no quorum needed"),
    ],
)
def test_rule_words(rule: Rule, words: str, quorum_words: str) -> None:
    assert rule.words() == words
    assert rule.quorum_words() == quorum_words


def test_threshold_words() -> None:
    assert MAJORITY.words() == "more than half"
    assert TWO_THIRDS.words() == "at least two-thirds"
    assert THREE_QUARTERS.words() == "at least three-quarters"


def test_rule_to_dict_is_plain_data() -> None:
    assert TT_ALL.to_dict() == {"threshold": "2/3", "comparison": "at_least", "base": "all", "quorum": "1/2"}
    assert MAJ_ALL_NO_QUORUM.to_dict() == {
        "threshold": "1/2",
        "comparison": "more_than",
        "base": "all",
        "quorum": None,
    }


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(MAJ_CAST, id="majority-cast"),
        pytest.param(TT_ALL, id="two-thirds-all"),
        pytest.param(TQ_PRESENT, id="three-quarters-present"),
        pytest.param(MAJ_ALL_NO_QUORUM, id="no-quorum"),
        pytest.param(MORE_5_7_CAST, id="5-7"),
        pytest.param(UNANIMOUS_CAST, id="unanimous"),
        pytest.param(CNCF_PRESENT, id="quorum-two-thirds"),
    ],
)
def test_rule_round_trip(rule: Rule) -> None:
    data = rule.to_dict()
    assert Rule.from_dict(data) == rule
    assert Rule.from_dict(json.loads(json.dumps(data))) == rule


def test_rule_from_dict_refuses_an_impossible_rule() -> None:
    with pytest.raises(RuleError):
        Rule.from_dict({"threshold": "3/2", "comparison": "at_least", "base": "all", "quorum": "1/2"})
    with pytest.raises(RuleError):
        Rule.from_dict({"threshold": "1/2", "comparison": "more_than", "base": "all", "quorum": "0/1"})


@pytest.mark.parametrize(
    ("quorum", "seats", "present", "met", "sentence"),
    [
        pytest.param(None, 12, 3, True, "3 of 12 voting seats present; no quorum needed", id="no-quorum-rule"),
        pytest.param(HALF, 12, 6, True, "Quorum: 6 of 12 voting seats present — 6 needed ✓", id="exactly"),
        pytest.param(HALF, 12, 12, True, "Quorum: 12 of 12 voting seats present — 6 needed ✓", id="everybody"),
        pytest.param(
            HALF,
            12,
            5,
            False,
            "No quorum: 5 of 12 voting seats present — 6 needed; no decisions can be made",
            id="one-below",
        ),
        pytest.param(
            HALF,
            15,
            7,
            False,
            "No quorum: 7 of 15 voting seats present — 8 needed; no decisions can be made",
            id="rounds-up",
        ),
        pytest.param(Fraction(2, 3), 9, 6, True, "Quorum: 6 of 9 voting seats present — 6 needed ✓", id="two-thirds"),
    ],
)
def test_quorum_sentence(quorum: Fraction | None, seats: int, present: int, met: bool, sentence: str) -> None:
    assert quorum_sentence(quorum, seats, present) == (met, sentence)


# ---- the outcome's helpers ----


def test_more_yes_needed() -> None:
    assert evaluate(TT_ALL, T(15, 15, 9, 6)).more_yes_needed == 1
    assert evaluate(TT_ALL, T(15, 15, 12, 3)).more_yes_needed == 0
    assert evaluate(UNANIMOUS_CAST, T(5, 5, 4, 1)).more_yes_needed is None


def test_outcome_to_dict() -> None:
    outcome = evaluate(TT_ALL, T(11, 11, 7, 2, abstain=1, recused=1))
    assert isinstance(outcome, Outcome)
    assert outcome.to_dict() == {
        "quorum_met": True,
        "quorum_required": 6,
        "passed": False,
        "required_yes": 8,
        "yes": 7,
        "no": 2,
        "abstain": 1,
        "recused": 1,
        "present": 11,
        "seats": 11,
        "rule": "at least two-thirds of all voting seats",
        "explanation": "Not adopted: 7 of 11 voting seats voted yes; "
        "at least two-thirds of all voting seats requires 8 yes.",
    }
    json.dumps(outcome.to_dict())


# ---- the LF AI & Data defaults ----


def test_default_decision_types() -> None:
    by_key = {kind.key: kind.rule for kind in DEFAULT_DECISION_TYPES}
    assert by_key == {
        "meeting": Rule(Threshold(HALF, Comparison.MORE_THAN), Base.CAST, HALF),
        "two-thirds": Rule(Threshold(Fraction(2, 3), Comparison.AT_LEAST), Base.ALL, HALF),
        "electronic": Rule(Threshold(HALF, Comparison.MORE_THAN), Base.ALL, None),
    }


# ---- exact arithmetic only ----


def _rules_source() -> str:
    return inspect.getsource(rules)


def test_rules_module_uses_no_floats() -> None:
    source = _rules_source()
    assert "float" not in source
    assert "math." not in source
    assert "import math" not in source
    assert "decimal" not in source.lower()
    assert "round(" not in source
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            assert not isinstance(node.value, float), f"float literal {node.value!r} on line {node.lineno}"
        if isinstance(node, ast.Name):
            assert node.id not in {"float", "math", "Decimal"}, f"{node.id} on line {node.lineno}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"pow", "round", "divmod"}, f"{node.func.id}() on line {node.lineno}"


def _mentions_a_fraction(node: ast.AST) -> bool:
    """True when an operand is built from a Fraction: a Fraction(...) call or a name/attribute holding a share."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "Fraction":
            return True
        if isinstance(sub, ast.Name) and sub.id in {"share", "value", "target", "bound", "quorum"}:
            return True
        if isinstance(sub, ast.Attribute) and sub.attr in {"share", "quorum"}:
            return True
    return False


def test_true_division_only_on_fractions() -> None:
    tree = ast.parse(_rules_source())
    divisions = [
        node
        for node in ast.walk(tree)
        if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div))
        or (isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Div))
    ]
    for node in divisions:
        assert isinstance(node, ast.BinOp), f"in-place '/=' on line {node.lineno}"
        assert _mentions_a_fraction(node.left) or _mentions_a_fraction(node.right), (
            f"'/' on line {node.lineno} does not involve a Fraction: {ast.unparse(node)}"
        )


def test_results_are_ints_even_for_large_counts() -> None:
    big = 10**30
    outcome = evaluate(TT_CAST, T(3 * big, 3 * big, 2 * big, big))
    assert outcome.required_yes == 2 * big
    assert type(outcome.required_yes) is int
    assert type(outcome.quorum_required) is int
    assert outcome.passed
    just_short = evaluate(TT_ALL, T(3 * big + 1, 3 * big + 1, 2 * big, 0))
    assert just_short.required_yes == 2 * big + 1
    assert not just_short.passed
