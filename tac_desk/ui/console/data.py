"""Everything the console shows for one meeting, read in one session as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tac_desk.domain.enums import MotionStatus
from tac_desk.domain.model import ActionItem, AgendaItem, Body, Meeting, Motion, Person, Project
from tac_desk.domain.roll import RollCall
from tac_desk.ui.console.ballot_grid import BallotLine

if TYPE_CHECKING:
    from tac_desk.services.votes import VoteState


@dataclass(frozen=True)
class ConsoleData:
    """A snapshot of one meeting for the console."""

    body: Body
    meeting: Meeting
    roll: RollCall
    agenda: list[AgendaItem]
    people: dict[int, Person]
    projects: list[Project]
    motions: list[Motion]
    vote: VoteState | None
    ballot_lines: list[BallotLine]
    actions: list[ActionItem]
    minutes_approved: bool = False
    corrections: tuple[Any, ...] = ()  # ballot corrections recorded after the vote closed, oldest first


def load_console(session: Any, meeting_id: int, motion_id: int | None) -> ConsoleData:
    """Read the console's snapshot of ``meeting_id`` (and the vote on ``motion_id`` or the first open one)."""
    from tac_desk.services import attendance, votes
    from tac_desk.services.corrections import corrections
    from tac_desk.services.minutes_log import approval
    from tac_desk.storage import repositories as repo

    meeting = repo.meeting(session, meeting_id)
    roll = attendance.roll_call(session=session, meeting_id=meeting_id)
    motions = list(reversed(repo.motions(session, meeting_id=meeting_id, with_roster=False)))
    people = repo.people_by_id(session)
    chosen = next((m for m in motions if m.id == motion_id), None)
    if chosen is None:
        chosen = next((m for m in motions if m.status is MotionStatus.OPEN), motions[-1] if motions else None)
    vote = votes.vote_state(session=session, motion_id=chosen.id) if chosen else None
    return ConsoleData(
        body=repo.body(session),
        meeting=meeting,
        roll=roll,
        agenda=repo.agenda(session, meeting_id),
        people=people,
        projects=repo.projects(session),
        motions=motions,
        vote=vote,
        ballot_lines=ballot_lines(
            vote, roll, people, corrections(session=session, motion_id=chosen.id) if chosen else ()
        ),
        actions=repo.action_items(session, meeting_id=meeting_id),
        minutes_approved=approval(session=session, meeting_id=meeting_id) is not None,
        corrections=corrections(session=session, motion_id=vote.motion.id) if vote else (),
    )


def ballot_lines(
    vote: VoteState | None, roll: RollCall, people: dict[int, Person], corrected: tuple[Any, ...] = ()
) -> list[BallotLine]:
    """One line per seat of the vote's frozen roster: who votes for it now, and its ballot (as corrected)."""
    if vote is None:
        return []
    latest = {c.seat_id: c for c in corrected}
    first = {}
    for correction in corrected:
        first.setdefault(correction.seat_id, correction.previous_choice)
    attending = {e.seat.id: e.attendee for e in roll.entries}
    by_seat = {b.seat_id: b for b in vote.ballots}
    lines = []
    for entry in vote.motion.roster:
        ballot = by_seat.get(entry.seat_id)
        if ballot is not None:
            voter = people[ballot.person_id].name if ballot.person_id in people else ""
            can_vote = False
        elif vote.motion.is_electronic:
            voter = entry.primary_name + (f" or {entry.alternate_name}" if entry.alternate_name else "")
            can_vote = True
        else:
            person = attending.get(entry.seat_id)
            voter = person.name if person else "— absent —"
            can_vote = person is not None
        lines.append(
            BallotLine(
                seat_id=entry.seat_id,
                organization=entry.organization,
                voter=voter,
                can_vote=can_vote,
                choice=latest[entry.seat_id].choice if entry.seat_id in latest else (ballot.choice if ballot else None),
                corrected_from=first.get(entry.seat_id),
            )
        )
    return lines
