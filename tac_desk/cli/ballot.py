"""``tac-desk ballot MOTION_ID PERSON_ID yes|no|abstain|recuse``: record one seat's ballot."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command, emit, writing

CHOICES = {"yes": "yes", "no": "no", "abstain": "abstain", "recuse": "recused", "recused": "recused"}


def register(commands: Any) -> None:
    """Register ``ballot``."""
    parser = command(
        commands,
        "ballot",
        "record a ballot: the person votes for their seat (at a meeting, only the one attending for it)",
        run,
        json_output=True,
    )
    parser.add_argument("motion_id", type=int, metavar="MOTION_ID")
    parser.add_argument("person_id", type=int, metavar="PERSON_ID")
    parser.add_argument("choice", choices=("yes", "no", "abstain", "recuse"), metavar="yes|no|abstain|recuse")


def run(args: argparse.Namespace) -> int:
    """Cast the ballot and print the live tally."""
    from tac_desk.domain.enums import Choice
    from tac_desk.services import votes
    from tac_desk.storage import repositories as repo

    with writing(args) as session:
        repo.motion(session, args.motion_id)
        person = repo.person(session, args.person_id)
        ballot = votes.cast_ballot(
            session=session, motion_id=args.motion_id, person_id=args.person_id, choice=Choice(CHOICES[args.choice])
        )
        state = votes.vote_state(session=session, motion_id=args.motion_id)
    seat = next((e.organization for e in state.motion.roster if e.seat_id == ballot.seat_id), "")
    tally = state.outcome.tally
    data = {
        "id": ballot.id,
        "motion_id": ballot.motion_id,
        "seat_id": ballot.seat_id,
        "organization": seat,
        "person_id": ballot.person_id,
        "choice": ballot.choice.value,
        "tally": {"yes": tally.yes, "no": tally.no, "abstain": tally.abstain, "recused": tally.recused},
        "not_voted": len(state.not_voted),
    }
    text = (
        f"{person.name} ({seat}): {ballot.choice.value} on motion {ballot.motion_id}. "
        f"So far {tally.yes} yes, {tally.no} no, {tally.abstain} abstain, {tally.recused} recused; "
        f"{len(state.not_voted)} seat(s) not voted."
    )
    emit(args, data, text)
    return 0
