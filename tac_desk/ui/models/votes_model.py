"""How a vote is shown: its result word, its tally "7–2–1", what it still needs, and its roll call seat by seat.

Nothing here decides anything: every number and sentence comes from the rules engine's Outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from tac_desk.domain.enums import Choice, MotionStatus
from tac_desk.domain.model import Motion, RosterEntry
from tac_desk.domain.rules import Outcome
from tac_desk.services.votes import VoteState
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column

PASSED, NOT_ADOPTED, NOT_DECIDED, OPEN = "Passed", "Not adopted", "Not decided", "Open"
RESULTS = (PASSED, NOT_ADOPTED, NOT_DECIDED, OPEN)
RESULT_TONE = {PASSED: "ok", NOT_ADOPTED: "bad", NOT_DECIDED: "warn", OPEN: "accent"}
CHOICE_LABEL = {Choice.YES: "Yes", Choice.NO: "No", Choice.ABSTAIN: "Abstain", Choice.RECUSED: "Recused"}
CHOICE_TONE = {Choice.YES: "ok", Choice.NO: "bad", Choice.ABSTAIN: "muted", Choice.RECUSED: "muted"}
NO_BALLOT = "Not voted"


def result_label(motion: Motion, outcome: Outcome) -> str:
    """Passed, Not adopted, Not decided (no quorum) or Open."""
    if motion.status is MotionStatus.OPEN:
        return OPEN
    if not outcome.quorum_met:
        return NOT_DECIDED
    return PASSED if outcome.passed else NOT_ADOPTED


def tally_text(outcome: Outcome) -> str:
    """Yes–no–abstain, e.g. "7–2–1" (recusals are in :func:`tally_words`)."""
    tally = outcome.tally
    return f"{tally.yes}–{tally.no}–{tally.abstain}"


def tally_words(outcome: Outcome) -> str:
    """The tally in words: "7 yes · 2 no · 1 abstain · 0 recused"."""
    tally = outcome.tally
    return f"{tally.yes} yes · {tally.no} no · {tally.abstain} abstain · {tally.recused} recused"


def needs_text(outcome: Outcome) -> str:
    """What an open vote still needs, from the rules engine's numbers ("Needs 2 more yes")."""
    if not outcome.quorum_met:
        return f"No quorum yet: {outcome.quorum_required} seats needed"
    needed = outcome.more_yes_needed
    if needed is None:
        return "Can no longer pass"
    if needed == 0:
        return "Enough yes votes to pass"
    return f"Needs {needed} more yes"


def rule_text(motion: Motion) -> str:
    """The rule the vote is decided under, in words, with its quorum."""
    return f"{motion.rule.words().capitalize()}; {motion.rule.quorum_words()}."


@dataclass(frozen=True)
class BallotLine:
    """One seat of a vote's frozen roster and its ballot, if any."""

    entry: RosterEntry
    voter: str
    choice: Choice | None

    @property
    def seat_id(self) -> int:
        """The seat's id."""
        return self.entry.seat_id


def ballot_lines(state: VoteState) -> list[BallotLine]:
    """The roster seat by seat, with who voted for the seat and how."""
    by_seat = {ballot.seat_id: ballot for ballot in state.ballots}
    lines = []
    for entry in state.motion.roster:
        ballot = by_seat.get(entry.seat_id)
        if ballot is None:
            lines.append(BallotLine(entry, "", None))
            continue
        voter = entry.alternate_name if ballot.person_id == entry.alternate_id else entry.primary_name
        lines.append(BallotLine(entry, voter, ballot.choice))
    return lines


def representative_text(line: BallotLine) -> str:
    """Who voted for the seat ("Grace Hopper (alternate)"), or who may vote for it while it has not."""
    entry = line.entry
    if line.choice is not None:
        return f"{line.voter} (alternate)" if line.voter and line.voter == entry.alternate_name else line.voter
    return f"{entry.primary_name} / {entry.alternate_name}" if entry.alternate_name else entry.primary_name


def _choice_color(line: BallotLine) -> QColor:
    return style.color(CHOICE_TONE[line.choice] if line.choice else "muted")


BALLOT_COLUMNS: tuple[Column[BallotLine], ...] = (
    Column("Seat", lambda r: r.entry.organization, lambda r: r.entry.organization.casefold()),
    Column("Representative", representative_text, lambda r: representative_text(r).casefold()),
    Column(
        "Ballot",
        lambda r: CHOICE_LABEL[r.choice] if r.choice else NO_BALLOT,
        lambda r: list(Choice).index(r.choice) if r.choice else 9,
        color=_choice_color,
    ),
)
