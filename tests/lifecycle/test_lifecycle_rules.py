"""The pure lifecycle rules: moves, stage votes, cool-down and Emeritus dates, review flags, requirement versions."""

from __future__ import annotations

from datetime import date

import pytest

from tac_desk.domain import lifecycle as rules
from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.lifecycle import FlagKind, RequestStatus, Standing, Urgency
from tac_desk.domain.requirements import VERSIONS, CheckStatus, Fact, clean_fact, evaluate, version_by_key, version_on

P, S, INC, G, E = (
    ProjectStage.PROPOSED,
    ProjectStage.SANDBOX,
    ProjectStage.INCUBATION,
    ProjectStage.GRADUATED,
    ProjectStage.EMERITUS,
)


@pytest.mark.parametrize(
    ("current", "requested"),
    [(P, S), (P, INC), (P, G), (S, INC), (INC, G), (S, E), (INC, E), (G, E)],
)
def test_allowed_moves(current: ProjectStage, requested: ProjectStage) -> None:
    rules.check_move(current, requested)


@pytest.mark.parametrize(
    ("current", "requested", "words"),
    [
        (S, G, "may request Incubation or Emeritus, not Graduated"),
        (S, S, "not Sandbox"),
        (INC, S, "may request Graduated or Emeritus"),
        (G, INC, "may request Emeritus, not Incubation"),
        (E, S, "already Emeritus"),
        (E, E, "already Emeritus"),
        (P, E, "not hosted yet"),
        (S, P, "not a stage"),
    ],
)
def test_refused_moves(current: ProjectStage, requested: ProjectStage, words: str) -> None:
    with pytest.raises(Refused, match=words):
        rules.check_move(current, requested)


def test_each_stage_has_its_vote() -> None:
    assert (rules.stage_vote(S).decision_type, rules.stage_vote(S).board_approval) == ("meeting", False)
    assert (rules.stage_vote(INC).decision_type, rules.stage_vote(INC).board_approval) == ("meeting", False)
    assert rules.stage_vote(INC, electronic=True).decision_type == "electronic"
    graduation, emeritus = rules.stage_vote(G), rules.stage_vote(E, electronic=True)
    assert (graduation.decision_type, graduation.board_approval, graduation.discussion_days) == ("two-thirds", True, 0)
    assert (emeritus.decision_type, emeritus.board_approval, emeritus.discussion_days) == ("two-thirds", True, 14)
    assert graduation.words == "two-thirds of the TAC, then the Governing Board's approval"
    assert emeritus.words.endswith("at least 14 days after it was first presented")
    with pytest.raises(Refused):
        rules.stage_vote(P)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 4, 16), 6, date(2026, 10, 16)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert rules.add_months(day, months) == expected


def test_cool_down_refuses_with_the_date_and_yields_to_an_override() -> None:
    failures = [date(2025, 1, 10), date(2026, 4, 16)]
    with pytest.raises(Refused, match="failed on 2026-04-16: a new request is possible from 2026-10-16"):
        rules.check_cool_down(failures, INC, date(2026, 10, 15))
    assert rules.check_cool_down(failures, INC, date(2026, 10, 16)) is None
    assert rules.check_cool_down(failures, INC, date(2026, 5, 1), "new facts") == date(2026, 10, 16)
    assert rules.check_cool_down([], INC, date(2026, 5, 1), "nothing to override") is None
    assert rules.check_cool_down([date(2026, 6, 1)], INC, date(2026, 5, 1)) is None  # a later failure does not count


def test_emeritus_waits_fourteen_days() -> None:
    with pytest.raises(Refused, match="possible from 2026-09-17"):
        rules.check_emeritus_wait(date(2026, 9, 3), date(2026, 9, 16))
    rules.check_emeritus_wait(date(2026, 9, 3), date(2026, 9, 17))
    with pytest.raises(Refused, match="not been presented"):
        rules.check_emeritus_wait(None, date(2026, 9, 17))


@pytest.mark.parametrize(
    ("closed", "quorum", "passed", "board_needed", "board", "status"),
    [
        (False, False, False, True, None, RequestStatus.VOTING),
        (True, False, False, False, None, RequestStatus.NOT_DECIDED),
        (True, True, False, True, None, RequestStatus.REJECTED),
        (True, True, True, False, None, RequestStatus.APPROVED),
        (True, True, True, True, None, RequestStatus.AWAITING_BOARD),
        (True, True, True, True, True, RequestStatus.APPROVED),
        (True, True, True, True, False, RequestStatus.BOARD_DECLINED),
    ],
)
def test_request_status(
    closed: bool, quorum: bool, passed: bool, board_needed: bool, board: bool | None, status: RequestStatus
) -> None:
    found = rules.request_status(
        closed=closed, quorum_met=quorum, passed=passed, board_approval=board_needed, board=board
    )
    assert found is status and found.failed == (status in (RequestStatus.REJECTED, RequestStatus.BOARD_DECLINED))


def test_review_due_a_year_after_the_later_of_stage_change_and_review() -> None:
    assert rules.next_review(G, date(2024, 3, 14), None) == date(2025, 3, 14)
    assert rules.next_review(G, date(2024, 3, 14), date(2025, 12, 10)) == date(2026, 12, 10)
    assert rules.next_review(INC, date(2026, 10, 29), date(2026, 1, 1)) == date(2027, 10, 29)
    assert rules.next_review(E, date(2024, 3, 14), None) is None
    assert rules.next_review(P, date(2024, 3, 14), None) is None
    assert rules.next_review(S, None, None) is None


def test_flags_most_urgent_first() -> None:
    on = date(2026, 11, 26)
    standings = [
        Standing(1, "Orchid ML", G, date(2024, 3, 14), date(2025, 12, 11)),  # review due 2026-12-11: soon
        Standing(2, "Hearthstone", INC, date(2024, 5, 2), date(2025, 9, 4)),  # review overdue; 30 months in Incubation
        Standing(3, "Driftwood", S, date(2025, 2, 6), date(2026, 2, 6)),  # Sandbox for 21 months
        Standing(4, "Tessellate", INC, date(2026, 5, 1), None, awaiting_board_since=date(2026, 11, 12)),
        Standing(5, "Lanternfish", S, date(2026, 3, 5)),  # nothing yet
        Standing(6, "Paperkite", E, date(2020, 1, 1)),  # archived: never flagged
    ]
    flags = rules.attention(standings, on)
    assert [(f.project, f.kind) for f in flags] == [
        ("Hearthstone", FlagKind.STAGE_TOO_LONG),
        ("Driftwood", FlagKind.STAGE_TOO_LONG),
        ("Hearthstone", FlagKind.REVIEW_OVERDUE),
        ("Tessellate", FlagKind.AWAITING_BOARD),
        ("Orchid ML", FlagKind.REVIEW_SOON),
    ]
    assert [f.urgency for f in flags] == [Urgency.OVERDUE] * 3 + [Urgency.WAITING, Urgency.SOON]
    assert flags[1].words == "Sandbox for 21 months (expected to move to Incubation within 12)"
    assert flags[0].due == date(2025, 11, 2) and "30 months" in flags[0].words and "within 18" in flags[0].words
    assert flags[2].words == "Annual review overdue since 2026-09-04 (83 days)"
    assert flags[4].words == "Annual review due on 2026-12-11"


def test_the_stage_limit_flag_starts_on_the_day_the_limit_is_reached() -> None:
    standing = Standing(1, "X", S, date(2025, 11, 26), date(2026, 11, 1))
    assert rules.flags_for(standing, date(2026, 11, 25)) == []
    assert [f.kind for f in rules.flags_for(standing, date(2026, 11, 26))] == [FlagKind.STAGE_TOO_LONG]


def test_requirement_versions_are_chosen_by_the_request_date() -> None:
    assert version_on(date(2021, 5, 1)).key == "2018"
    assert version_on(date(2022, 5, 31)).key == "2018"
    assert version_on(date(2022, 6, 1)).key == "2022"
    assert version_on(date(2017, 1, 1)).key == "2018"  # before every version: the earliest
    assert version_by_key("2022") is VERSIONS[1]
    with pytest.raises(InvalidInput):
        version_by_key("1999")


def _facts(**values: str) -> list[Fact]:
    return [Fact(key, value, date(2021, 1, 1)) for key, value in values.items()]


SANDBOX_OK = {"mission": "yes", "licence": "yes", "sponsor": "yes", "governance": "yes", "charter": "yes"}


def test_incubation_under_each_version() -> None:
    facts = _facts(**SANDBOX_OK, organizations="2", stars="320", badge="silver")
    early = evaluate(INC, facts, date(2022, 1, 10))
    assert early.version.key == "2018" and early.all_met and len(early.checks) == 8
    later = evaluate(INC, facts, date(2022, 7, 1))
    status = {c.requirement.fact: c.status for c in later.checks}
    assert later.version.key == "2022" and not later.all_met
    assert status["organizations"] is CheckStatus.UNMET and status["stars"] is CheckStatus.UNMET
    assert status["tsc"] is CheckStatus.UNKNOWN and status["badge"] is CheckStatus.MET
    assert later.summary == "6 of 9 met, 2 not met, 1 unknown under the later version (OpenSSF badges)"


def test_graduation_under_each_version() -> None:
    facts = _facts(**SANDBOX_OK, organizations="3", stars="1500", badge="gold", tsc="yes")
    early = evaluate(G, facts, date(2021, 6, 1))
    assert early.all_met and {c.requirement.text for c in early.checks} >= {
        "At least 1000 GitHub stars",
        "CII Best Practices Gold badge",
    }
    later = evaluate(G, facts, date(2026, 1, 1))
    unmet = {c.requirement.fact for c in later.checks if c.status is CheckStatus.UNMET}
    unknown = {c.requirement.fact for c in later.checks if c.status is CheckStatus.UNKNOWN}
    assert unmet == {"organizations"} and unknown == {"commit_flow", "collaboration", "lead"}
    words = next(c.words for c in later.checks if c.requirement.fact == "organizations")
    assert words == "3 recorded on 2021-01-01 (at least 5 needed)"
    assert len([c for c in later.checks if c.requirement.fact == "stars"]) == 1  # the stricter one replaces


def test_facts_known_on_the_day_count_and_the_latest_wins() -> None:
    facts = [
        Fact("stars", "400", date(2026, 1, 1)),
        Fact("stars", "700", date(2026, 6, 1), "from the GitHub page"),
        Fact("stars", "900", date(2026, 12, 1)),
    ]
    stars = next(c for c in evaluate(INC, facts, date(2026, 7, 1)).checks if c.requirement.fact == "stars")
    assert stars.status is CheckStatus.MET and stars.words == "700 recorded on 2026-06-01; from the GitHub page"
    early = next(c for c in evaluate(INC, facts, date(2026, 2, 1)).checks if c.requirement.fact == "stars")
    assert early.status is CheckStatus.UNMET
    assert evaluate(INC, facts, date(2025, 1, 1)).count(CheckStatus.UNKNOWN) == 9


def test_emeritus_and_proposals_have_no_requirements() -> None:
    assert evaluate(E, [], date(2026, 1, 1)).checks == ()
    assert evaluate(E, [], date(2026, 1, 1)).all_met
    assert evaluate(E, [], date(2026, 1, 1)).summary == "No requirements for Emeritus"


@pytest.mark.parametrize(
    ("key", "value", "clean"),
    [("tsc", " Yes ", "yes"), ("tsc", "n", "no"), ("stars", "1,234", "1234"), ("badge", "GOLD", "gold")],
)
def test_fact_values_are_cleaned(key: str, value: str, clean: str) -> None:
    assert clean_fact(key, value) == clean


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("stars", "many", "whole number"),
        ("stars", "-3", "whole number"),
        ("stars", "١٢", "whole number"),
        ("badge", "platinum", "none, passing, silver, gold"),
        ("tsc", "maybe", "yes or no"),
        ("colour", "blue", "unknown fact"),
    ],
)
def test_bad_fact_values_are_refused(key: str, value: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        clean_fact(key, value)
