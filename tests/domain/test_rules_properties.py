"""Properties of the rules engine, checked against a brute-force reference written here in plain integers."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tac_desk.domain.rules import (
    Base,
    Comparison,
    Rule,
    RuleError,
    Tally,
    Threshold,
    evaluate,
    parse_fraction,
    quorum_required,
    required_yes,
)

# ---- the reference: integers only, by scanning, never Fraction arithmetic ----


def ref_meets_threshold(rule: Rule, tally: Tally, yes: int) -> bool:
    """Does ``yes`` satisfy the rule's inequality, with the other counts of ``tally``, and beat the no votes?"""
    p, q = rule.threshold.share.numerator, rule.threshold.share.denominator
    if rule.base is Base.CAST:
        lhs, rhs = yes * q, p * (yes + tally.no)
    elif rule.base is Base.PRESENT:
        lhs, rhs = yes * q, p * tally.present
    else:
        lhs, rhs = yes * q, p * tally.seats
    reaches = lhs > rhs if rule.threshold.comparison is Comparison.MORE_THAN else lhs >= rhs
    return reaches and yes > tally.no


def ref_required_yes(rule: Rule, tally: Tally) -> int | None:
    """Smallest yes count meeting the rule, by scanning upward; None when none up to a safe bound does."""
    p = rule.threshold.share.numerator
    # Beyond this bound every count satisfying a reachable inequality has been seen (p/q <= 1).
    limit = p * tally.no + tally.no + tally.seats + 2
    for yes in range(limit + 1):
        if ref_meets_threshold(rule, tally, yes):
            return yes
    return None


def ref_quorum_required(quorum: Fraction | None, seats: int) -> int:
    if quorum is None:
        return 0
    p, q = quorum.numerator, quorum.denominator
    for present in range(seats + 1):
        if present * q >= p * seats:
            return present
    raise AssertionError("a quorum of at most 1 is always reachable")


def ref_quorum_met(quorum: Fraction | None, seats: int, present: int) -> bool:
    return quorum is None or present * quorum.denominator >= quorum.numerator * seats


def ref_passed(rule: Rule, tally: Tally) -> bool:
    return ref_quorum_met(rule.quorum, tally.seats, tally.present) and ref_meets_threshold(rule, tally, tally.yes)


# ---- strategies ----

unit_fractions = st.integers(1, 12).flatmap(lambda q: st.integers(1, q).map(lambda p: Fraction(p, q)))


@st.composite
def any_threshold(draw: st.DrawFn) -> Threshold:
    share = draw(unit_fractions)
    comparison = Comparison.AT_LEAST if share == 1 else draw(st.sampled_from(Comparison))
    return Threshold(share, comparison)


thresholds = any_threshold() | st.sampled_from(
    [
        Threshold(Fraction(1, 2), Comparison.MORE_THAN),
        Threshold(Fraction(2, 3), Comparison.AT_LEAST),
        Threshold(Fraction(3, 4), Comparison.AT_LEAST),
    ]
)

rules_strategy = st.builds(Rule, thresholds, st.sampled_from(Base), st.none() | unit_fractions)


@st.composite
def tallies(draw: st.DrawFn, max_seats: int = 40) -> Tally:
    seats = draw(st.integers(0, max_seats))
    present = draw(st.integers(0, seats))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    recused = draw(st.integers(0, present - yes - no - abstain))
    return Tally(seats=seats, present=present, yes=yes, no=no, abstain=abstain, recused=recused)


def with_counts(tally: Tally, **changes: int) -> Tally:
    return dataclasses.replace(tally, **changes)


# ---- (a) agreement with the reference ----


@given(rules_strategy, tallies())
def test_required_yes_matches_the_reference(rule: Rule, tally: Tally) -> None:
    assert required_yes(rule, tally) == ref_required_yes(rule, tally)


@given(rules_strategy, tallies())
def test_evaluate_matches_the_reference(rule: Rule, tally: Tally) -> None:
    outcome = evaluate(rule, tally)
    assert outcome.quorum_required == ref_quorum_required(rule.quorum, tally.seats)
    assert outcome.quorum_met is ref_quorum_met(rule.quorum, tally.seats, tally.present)
    assert outcome.required_yes == ref_required_yes(rule, tally)
    assert outcome.passed is ref_passed(rule, tally)


@given(st.none() | unit_fractions, st.integers(0, 500))
def test_quorum_required_matches_the_reference(quorum: Fraction | None, seats: int) -> None:
    assert quorum_required(quorum, seats) == ref_quorum_required(quorum, seats)


SMALL_RULES = [
    Rule(Threshold(Fraction(p, q), comparison), base, quorum)
    for p, q in ((1, 2), (2, 3), (3, 4), (3, 5), (1, 3), (1, 1))
    for comparison in Comparison
    if not (p == q and comparison is Comparison.MORE_THAN)
    for base in Base
    for quorum in (None, Fraction(2, 3))
]


def _rule_id(rule: Rule) -> str:
    share = rule.threshold.share
    quorum = "none" if rule.quorum is None else f"{rule.quorum.numerator}/{rule.quorum.denominator}"
    return f"{rule.threshold.comparison}-{share.numerator}/{share.denominator}-of-{rule.base}-quorum-{quorum}"


@pytest.mark.parametrize("rule", SMALL_RULES, ids=_rule_id)
def test_every_small_tally_matches_the_reference(rule: Rule) -> None:
    """Exhaustively, every tally of up to 8 seats."""
    checked = 0
    for seats in range(9):
        for present in range(seats + 1):
            for yes in range(present + 1):
                for no in range(present - yes + 1):
                    for abstain in range(present - yes - no + 1):
                        tally = Tally(seats=seats, present=present, yes=yes, no=no, abstain=abstain)
                        outcome = evaluate(rule, tally)
                        assert outcome.required_yes == ref_required_yes(rule, tally), tally
                        assert outcome.passed is ref_passed(rule, tally), tally
                        checked += 1
    assert checked > 1000


# ---- (b) more yes never turns a pass into a fail ----


@given(rules_strategy, tallies())
def test_a_no_turning_yes_never_breaks_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.no > 0)
    before = evaluate(rule, tally)
    after = evaluate(rule, with_counts(tally, yes=tally.yes + 1, no=tally.no - 1))
    assert after.passed or not before.passed


@given(rules_strategy, tallies())
def test_a_silent_present_seat_voting_yes_never_breaks_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.present > tally.voted)
    before = evaluate(rule, tally)
    after = evaluate(rule, with_counts(tally, yes=tally.yes + 1))
    assert after.passed or not before.passed


@given(rules_strategy, tallies())
def test_an_abstention_turning_yes_never_breaks_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.abstain > 0)
    before = evaluate(rule, tally)
    after = evaluate(rule, with_counts(tally, yes=tally.yes + 1, abstain=tally.abstain - 1))
    assert after.passed or not before.passed


@given(rules_strategy, tallies())
def test_an_absent_seat_arriving_to_vote_yes_never_breaks_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.seats > tally.present)
    before = evaluate(rule, tally)
    after = evaluate(rule, with_counts(tally, present=tally.present + 1, yes=tally.yes + 1))
    assert after.passed or not before.passed


@given(rules_strategy, tallies())
def test_required_yes_does_not_depend_on_the_yes_count(rule: Rule, tally: Tally) -> None:
    assume(tally.yes > 0)
    fewer = with_counts(tally, yes=tally.yes - 1)
    assert required_yes(rule, tally) == required_yes(rule, fewer)


# ---- (c) an extra abstention never turns a fail into a pass ----


@given(rules_strategy, tallies())
def test_an_extra_abstention_by_a_present_seat_never_makes_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.present > tally.voted)
    before = evaluate(rule, tally)
    after = evaluate(rule, with_counts(tally, abstain=tally.abstain + 1))
    assert before.passed or not after.passed


@given(rules_strategy, tallies())
def test_an_extra_seat_arriving_to_abstain_with_quorum_never_makes_a_pass(rule: Rule, tally: Tally) -> None:
    assume(tally.seats > tally.present)
    before = evaluate(rule, tally)
    assume(before.quorum_met)
    after = evaluate(rule, with_counts(tally, present=tally.present + 1, abstain=tally.abstain + 1))
    assert before.passed or not after.passed


@given(rules_strategy, tallies())
def test_a_recusal_counts_exactly_like_an_abstention(rule: Rule, tally: Tally) -> None:
    assume(tally.abstain > 0)
    abstaining = evaluate(rule, tally)
    recusing = evaluate(rule, with_counts(tally, abstain=tally.abstain - 1, recused=tally.recused + 1))
    assert (recusing.passed, recusing.required_yes, recusing.quorum_met) == (
        abstaining.passed,
        abstaining.required_yes,
        abstaining.quorum_met,
    )


# ---- (d) the verdict is the quorum plus the yes count ----


@given(rules_strategy, tallies())
def test_passed_is_quorum_and_enough_yes(rule: Rule, tally: Tally) -> None:
    outcome = evaluate(rule, tally)
    enough_yes = outcome.required_yes is not None and tally.yes >= outcome.required_yes
    assert outcome.passed == (outcome.quorum_met and enough_yes)
    assert outcome.quorum_met == (tally.present >= outcome.quorum_required)


@given(rules_strategy, tallies())
def test_no_yes_never_passes_and_ties_fail(rule: Rule, tally: Tally) -> None:
    outcome = evaluate(rule, tally)
    if tally.yes <= tally.no:
        assert not outcome.passed
    if outcome.required_yes is not None:
        assert outcome.required_yes >= tally.no + 1
        assert type(outcome.required_yes) is int
    assert type(outcome.quorum_required) is int


@given(rules_strategy, tallies())
def test_the_explanation_states_the_verdict_and_the_numbers(rule: Rule, tally: Tally) -> None:
    outcome = evaluate(rule, tally)
    sentence = outcome.explanation
    assert sentence.endswith(".")
    assert "\n" not in sentence
    if not outcome.quorum_met:
        assert sentence.startswith("Not decided: no quorum")
        assert f"{outcome.quorum_required} needed" in sentence
    elif outcome.passed:
        assert sentence.startswith("Adopted: ")
        wanted = f"requires {outcome.required_yes} yes" + (f" to {tally.no} no" if rule.base is Base.CAST else "")
        assert f"{wanted}." in sentence
    else:
        assert sentence.startswith("Not adopted: ")
        assert rule.words() in sentence


# ---- parsing and serialisation ----


@given(st.text(max_size=12))
def test_parse_fraction_returns_a_share_or_refuses_cleanly(text: str) -> None:
    try:
        value = parse_fraction(text)
    except RuleError as error:
        assert str(error)
    else:
        assert isinstance(value, Fraction)
        assert 0 < value <= 1


@given(st.text(alphabet="0123456789/ ²³¹٣٤ ", max_size=8))
def test_parse_fraction_on_digit_soup(text: str) -> None:
    try:
        value = parse_fraction(text)
    except RuleError as error:
        assert "fraction" in str(error) or "divides by zero" in str(error) or "at most 1" in str(error)
    else:
        assert 0 < value <= 1


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_parse_fraction_reads_every_p_over_q(p: int, q: int) -> None:
    if p <= q:
        assert parse_fraction(f"{p}/{q}") == Fraction(p, q)
    else:
        with pytest.raises(RuleError):
            parse_fraction(f"{p}/{q}")


@given(rules_strategy)
def test_rule_round_trips_through_a_dict(rule: Rule) -> None:
    assert Rule.from_dict(rule.to_dict()) == rule
