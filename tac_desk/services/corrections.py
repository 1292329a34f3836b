"""Correct a ballot after its vote closed: a new journal entry pointing at the original, outcome recomputed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from tac_desk.domain.enums import ChairVoting, Choice, MotionStatus
from tac_desk.domain.errors import InvalidInput, NotFound, Refused
from tac_desk.domain.model import Ballot
from tac_desk.domain.rules import Outcome, Tally, evaluate
from tac_desk.domain.voting import count
from tac_desk.services.common import clean_text
from tac_desk.storage import convert, journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import BallotCorrectionRow, BallotRow, MotionRow


@dataclass(frozen=True)
class Correction:
    """A recorded correction: which ballot, from what to what, why, and the outcome it leads to."""

    id: int
    motion_id: int
    ballot_id: int
    original_entry_seq: int
    seat_id: int
    person_id: int
    previous_choice: Choice
    choice: Choice
    reason: str
    recorded_at: datetime
    entry_seq: int
    outcome: Outcome


def correct_ballot(*, session: Session, ballot_id: int, choice: Choice, reason: str) -> Correction:
    """Record that a ballot of a closed vote was recorded wrongly, and what it should have been.

    The original ballot and the vote_closed entry stay as they are; a ``correction`` entry that names
    the original ballot's entry is appended, and the tally and result are recomputed under the rule
    frozen when the vote opened (who was present does not change).

    Raises:
        NotFound: no such ballot.
        Refused: the vote is still open (change nothing until it closes).
        InvalidInput: an empty reason, or the ballot already reads ``choice``.
    """
    ballot_row = session.get(BallotRow, ballot_id)
    if ballot_row is None:
        raise NotFound(f"no ballot with id {ballot_id}")
    motion_row = repo.row(session, MotionRow, ballot_row.motion_id)
    if motion_row.status != MotionStatus.CLOSED:
        raise Refused(f"the vote on motion {motion_row.id} is still open; a correction is recorded after it closes")
    why = clean_text(reason, what="the reason for the correction", limit=2_000)
    earlier = _rows(session, ballot_row.motion_id)
    current = {row.ballot_id: row.choice for row in earlier}
    previous = Choice(current.get(ballot_id, ballot_row.choice))
    if previous is choice:
        raise InvalidInput(f"ballot {ballot_id} already reads {choice.value}")
    current[ballot_id] = choice.value
    outcome = _recount(session, motion_row, current)
    data = outcome.to_dict()
    entry = journal.append(
        session,
        "correction",
        {
            "motion_id": ballot_row.motion_id,
            "ballot_id": ballot_id,
            "original_seq": ballot_row.entry_seq,
            "seat_id": ballot_row.seat_id,
            "person_id": ballot_row.person_id,
            "previous_choice": previous.value,
            "choice": choice.value,
            "reason": why,
            "outcome": data,
        },
    )
    row = BallotCorrectionRow(
        motion_id=ballot_row.motion_id,
        ballot_id=ballot_id,
        original_entry_seq=ballot_row.entry_seq,
        previous_choice=previous.value,
        choice=choice.value,
        reason=why,
        recorded_at=entry.recorded_at,
        outcome_json=json.dumps(data, sort_keys=True, ensure_ascii=False),
        entry_seq=entry.seq or 0,
    )
    session.add(row)
    session.flush()
    return _domain(session, row)


def corrections(*, session: Session, motion_id: int) -> tuple[Correction, ...]:
    """A motion's corrections in the order they were recorded (empty when none)."""
    return tuple(_domain(session, row) for row in _rows(session, motion_id))


def corrected_outcome(*, session: Session, motion_id: int) -> Outcome | None:
    """The outcome that stands: the latest correction's, else the one frozen at closing (None while open)."""
    rows = _rows(session, motion_id)
    if rows:
        return _domain(session, rows[-1]).outcome
    return repo.motion(session, motion_id).outcome


def _rows(session: Session, motion_id: int) -> list[BallotCorrectionRow]:
    query = (
        select(BallotCorrectionRow)
        .where(BallotCorrectionRow.motion_id == motion_id)
        .order_by(col(BallotCorrectionRow.entry_seq))
    )
    return list(session.exec(query).all())


def _recount(session: Session, motion_row: MotionRow, choices: dict[int, str]) -> Outcome:
    """The frozen tally recounted with corrected choices: same seats, same presence."""
    motion = convert.motion(motion_row)
    if motion.outcome is None:
        raise Refused(f"the vote on motion {motion.id} has no frozen outcome to correct")
    ballots = [
        Ballot(
            id=b.id,
            motion_id=b.motion_id,
            seat_id=b.seat_id,
            person_id=b.person_id,
            choice=Choice(choices.get(b.id, b.choice.value)),
            cast_at=b.cast_at,
            entry_seq=b.entry_seq,
        )
        for b in repo.ballots(session, motion.id)
    ]
    chair = ChairVoting(json.loads(motion_row.rule_json).get("chair_voting", "always"))
    recount = count(roster=motion.roster, ballots=ballots, present_seat_ids=None, chair_voting=chair)
    frozen = motion.outcome.tally
    tally = Tally(
        seats=frozen.seats,
        present=max(frozen.present, recount.present),
        yes=recount.yes,
        no=recount.no,
        abstain=recount.abstain,
        recused=recount.recused,
    )
    return evaluate(motion.rule, tally)


def _domain(session: Session, row: BallotCorrectionRow) -> Correction:
    ballot = session.get(BallotRow, row.ballot_id)
    motion_row = repo.row(session, MotionRow, row.motion_id)
    rule = convert.motion(motion_row).rule
    outcome = convert.outcome_from_json(row.outcome_json, rule)
    assert ballot is not None and outcome is not None and row.id is not None
    return Correction(
        id=row.id,
        motion_id=row.motion_id,
        ballot_id=row.ballot_id,
        original_entry_seq=row.original_entry_seq,
        seat_id=ballot.seat_id,
        person_id=ballot.person_id,
        previous_choice=Choice(row.previous_choice),
        choice=Choice(row.choice),
        reason=row.reason,
        recorded_at=datetime.fromisoformat(row.recorded_at),
        entry_seq=row.entry_seq,
        outcome=outcome,
    )
