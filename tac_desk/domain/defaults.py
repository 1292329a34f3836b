"""Default decision types of an LF AI & Data TAC (LF directed-fund charter, §Voting)."""

from __future__ import annotations

from fractions import Fraction

from tac_desk.domain.model import DecisionType
from tac_desk.domain.rules import MAJORITY, TWO_THIRDS, Base, Rule

HALF = Fraction(1, 2)

DEFAULT_DECISION_TYPES: tuple[DecisionType, ...] = (
    DecisionType("meeting", "Decision at a meeting", Rule(MAJORITY, Base.CAST, HALF)),
    DecisionType("two-thirds", "Two-thirds of the TAC", Rule(TWO_THIRDS, Base.ALL, HALF)),
    DecisionType("electronic", "Electronic vote", Rule(MAJORITY, Base.ALL, None)),
)

MEETING_QUORUM = HALF
