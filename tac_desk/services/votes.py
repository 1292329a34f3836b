"""Motions and votes: open (rule and roster frozen), cast ballots, live tally, close (tally frozen)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from tac_desk.domain.enums import ChairVoting, Choice, MeetingStatus, MotionStatus, Presence, ProjectStage
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.model import Ballot, Motion, RosterEntry
from tac_desk.domain.rules import Outcome, evaluate
from tac_desk.domain.voting import check_ballot, count, freeze_roster
from tac_desk.services import lifecycle
from tac_desk.services.common import clean_text
from tac_desk.storage import journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import BallotRow, MotionRow


@dataclass(frozen=True)
class VoteState:
    """A motion with its ballots, the live (or frozen) outcome and who has not voted yet."""

    motion: Motion
    ballots: tuple[Ballot, ...]
    outcome: Outcome
    not_voted: tuple[RosterEntry, ...]


def today() -> date:
    """Today's date in UTC (electronic votes open and close by date); honours the journal's fixed clock."""
    return journal.now().date()


def open_motion(
    *,
    session: Session,
    text: str,
    decision_type: str | None = None,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    closes_on: date | None = None,
    project_id: int | None = None,
    requested_stage: ProjectStage | None = None,
    opened_on: date | None = None,
) -> Motion:
    """Put a motion to a vote at a meeting, or electronically when no meeting is given.

    The decision type's rule, the chair setting and the voting roster (as it stands on the
    meeting's date, or on the opening day) are frozen now; later changes to either do not
    touch this vote.

    Raises:
        InvalidInput: for empty text, an unknown decision type, or a closing date in the past.
        Refused: for a cancelled meeting, or an agenda item of another meeting.
    """
    body = repo.body(session)
    kind_key = decision_type or ("meeting" if meeting_id is not None else "electronic")
    try:
        kind = body.decision_type(kind_key)
    except KeyError as error:
        raise InvalidInput(str(error.args[0])) from error
    day = opened_on or today()
    if meeting_id is not None:
        meeting = repo.meeting(session, meeting_id)
        if meeting.status == MeetingStatus.CANCELLED:
            raise Refused(f"meeting {meeting_id} was cancelled; no vote can be held at it")
        day = meeting.starts_at.date()
        if closes_on is not None:
            raise InvalidInput("a vote at a meeting closes at the meeting; a closing date is for electronic votes")
    elif closes_on is not None and closes_on < day:
        raise InvalidInput(f"the closing date {closes_on} is before the vote opens ({day})")
    if agenda_item_id is not None:
        item = repo.agenda_item(session, agenda_item_id)
        if item.meeting_id != meeting_id:
            raise Refused(f"agenda item {agenda_item_id} belongs to meeting {item.meeting_id}")
    if project_id is not None:
        repo.project(session, project_id)
    roster = freeze_roster(repo.voting_seats_on(session, day), repo.people_by_id(session))
    if not roster:
        raise Refused("there are no voting seats on that date; add seats to the roster first")
    rule_data = {**kind.rule.to_dict(), "chair_voting": body.chair_voting.value}
    opened_at = journal.utc_now()
    row = MotionRow(
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        text=clean_text(text, what="the motion's text", limit=10_000),
        decision_type=kind.key,
        rule_json=json.dumps(rule_data, sort_keys=True),
        closes_on=closes_on,
        opened_at=opened_at,
        roster_json=json.dumps([entry.to_dict() for entry in roster], sort_keys=True, ensure_ascii=False),
        project_id=project_id,
        requested_stage=None if requested_stage is None else requested_stage.value,
    )
    session.add(row)
    session.flush()
    entry = journal.append(
        session,
        "vote_opened",
        {
            "motion_id": row.id,
            "meeting_id": meeting_id,
            "text": row.text,
            "decision_type": kind.key,
            "rule": rule_data,
            "roster": [e.to_dict() for e in roster],
            "closes_on": None if closes_on is None else closes_on.isoformat(),
        },
    )
    row.open_entry_seq = entry.seq
    session.add(row)
    session.flush()
    return repo.motion(session, row.id or 0)


def _open_row(session: Session, motion_id: int) -> MotionRow:
    row = repo.row(session, MotionRow, motion_id)
    if row.status != MotionStatus.OPEN:
        raise Refused(f"the vote on motion {motion_id} is closed; record a correction instead")
    return row


def cast_ballot(
    *,
    session: Session,
    motion_id: int,
    choice: Choice,
    person_id: int | None = None,
    seat_id: int | None = None,
) -> Ballot:
    """Record one seat's ballot, given the person voting or the seat (its attendee votes).

    Raises:
        Refused: the vote is closed or past its closing date; the person has no seat, is absent,
            or the seat already voted.
        InvalidInput: when neither a person nor a seat is given.
    """
    row = _open_row(session, motion_id)
    motion = repo.motion(session, motion_id)
    presence = None
    if motion.meeting_id is not None:
        presence = _meeting_presence(session, motion)
    elif motion.closes_on is not None and today() > motion.closes_on:
        raise Refused(f"voting on motion {motion_id} ended on {motion.closes_on}; close the vote")
    if person_id is None:
        if seat_id is None:
            raise InvalidInput("say who votes: a person or a seat")
        person_id = _voter_for_seat(motion, seat_id, presence)
    entry = check_ballot(
        roster=motion.roster, person_id=person_id, presence=presence, ballots=repo.ballots(session, motion_id)
    )
    seq = journal.append(
        session,
        "ballot",
        {"motion_id": motion_id, "seat_id": entry.seat_id, "person_id": person_id, "choice": choice.value},
    )
    ballot = BallotRow(
        motion_id=motion_id,
        seat_id=entry.seat_id,
        person_id=person_id,
        choice=choice.value,
        cast_at=seq.recorded_at,
        entry_seq=seq.seq or 0,
    )
    session.add(ballot)
    session.add(row)
    session.flush()
    return next(b for b in repo.ballots(session, motion_id) if b.id == ballot.id)


def _meeting_presence(session: Session, motion: Motion) -> dict[int, tuple[Presence, int | None]]:
    """Each seat of the frozen roster: its presence at the motion's meeting and who attends for it.

    Read from the attendance entries, not from today's roll: a seat ended or added after the
    vote opened changes nothing in it.
    """
    recorded = repo.seat_attendance(session, motion.meeting_id or 0)
    presence: dict[int, tuple[Presence, int | None]] = {}
    for entry in motion.roster:
        state = recorded.get(entry.seat_id)
        if state is None or not state.presence.is_present:
            presence[entry.seat_id] = (Presence.ABSENT, None)
        else:
            presence[entry.seat_id] = (state.presence, state.person_id)
    return presence


def _voter_for_seat(motion: Motion, seat_id: int, presence: dict[int, tuple[Presence, int | None]] | None) -> int:
    entry = next((e for e in motion.roster if e.seat_id == seat_id), None)
    if entry is None or entry.primary_id is None:
        raise Refused(f"seat {seat_id} does not vote on motion {motion.id}")
    if presence is None:
        return entry.primary_id
    attendee = presence.get(seat_id, (None, None))[1]
    if attendee is None:
        raise Refused(f"seat {entry.organization} is marked absent; record attendance before its ballot")
    return attendee


def vote_state(*, session: Session, motion_id: int) -> VoteState:
    """The motion, its ballots and its outcome: live while open, frozen once closed."""
    motion = repo.motion(session, motion_id)
    ballots = tuple(repo.ballots(session, motion_id))
    voted = {b.seat_id for b in ballots}
    not_voted = tuple(e for e in motion.roster if e.seat_id not in voted)
    if motion.outcome is not None:
        return VoteState(motion, ballots, motion.outcome, not_voted)
    present = None
    if motion.meeting_id is not None:
        present = {seat_id for seat_id, (state, _) in _meeting_presence(session, motion).items() if state.is_present}
    chair = ChairVoting(json.loads(repo.row(session, MotionRow, motion_id).rule_json).get("chair_voting", "always"))
    tally = count(roster=motion.roster, ballots=ballots, present_seat_ids=present, chair_voting=chair)
    return VoteState(motion, ballots, evaluate(motion.rule, tally), not_voted)


def close_vote(*, session: Session, motion_id: int, allow_no_quorum: bool = False) -> Outcome:
    """Close a vote and freeze its tally and outcome under the rule frozen when it opened.

    Args:
        session: the open write session.
        motion_id: the motion to close.
        allow_no_quorum: record the vote as "not decided" when quorum is missing, instead of refusing.

    Raises:
        Refused: when already closed, or (unless allowed) when quorum is not met: with the
            rules engine's sentence.
    """
    row = _open_row(session, motion_id)
    state = vote_state(session=session, motion_id=motion_id)
    outcome = state.outcome
    if not outcome.quorum_met and not allow_no_quorum:
        raise Refused(f"The vote cannot be closed. {outcome.explanation}")
    data = outcome.to_dict()
    entry = journal.append(session, "vote_closed", {"motion_id": motion_id, "outcome": data})
    row.status = MotionStatus.CLOSED.value
    row.closed_at = entry.recorded_at
    row.outcome_json = json.dumps(data, sort_keys=True, ensure_ascii=False)
    row.close_entry_seq = entry.seq
    session.add(row)
    session.flush()
    lifecycle.after_vote_closed(session=session, motion_id=motion_id)  # a stage request moves its project
    return outcome


def not_voted(*, session: Session, motion_id: int) -> tuple[RosterEntry, ...]:
    """The seats that have not returned a ballot."""
    return vote_state(session=session, motion_id=motion_id).not_voted
