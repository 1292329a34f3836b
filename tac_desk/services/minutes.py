"""Assemble one meeting's minutes from the record: a plain, immutable tree every exporter renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from tac_desk.domain.enums import Choice, MeetingStatus, MotionStatus, Presence, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Ballot, Motion, Person
from tac_desk.domain.roll import RollCall
from tac_desk.domain.rules import Outcome
from tac_desk.services import corrections
from tac_desk.services import meetings as meeting_service
from tac_desk.services.attendance import roll_call
from tac_desk.storage import convert, journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import BallotCorrectionRow, BallotRow, JournalRow


class MinutesStatus(StrEnum):
    """Whether the minutes are a draft or approved by the committee."""

    DRAFT = "Draft"
    APPROVED = "Approved"


@dataclass(frozen=True)
class SeatLine:
    """A voting seat on the roll: who represented it (or would have), and as what."""

    organization: str
    kind: str
    person: str
    role: str
    primary: str
    alternate: str


@dataclass(frozen=True)
class ObserverLine:
    """Somebody who attended without a vote."""

    name: str
    organization: str


@dataclass(frozen=True)
class AttendanceRecord:
    """The roll: seats present and absent, observers and the quorum numbers."""

    present: tuple[SeatLine, ...]
    absent: tuple[SeatLine, ...]
    observers: tuple[ObserverLine, ...]
    seats: int
    present_count: int
    needed: int
    quorum_rule: bool
    quorum_met: bool
    quorum_statement: str


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item in order, with its notes and the votes taken on it."""

    number: int
    title: str
    kind: str
    presenter: str
    planned_minutes: int
    notes: str
    vote_numbers: tuple[int, ...]


@dataclass(frozen=True)
class RollCallLine:
    """One seat's line in a roll-call vote."""

    organization: str
    person: str
    choice: str
    voted: bool


@dataclass(frozen=True)
class CorrectionLine:
    """A ballot corrected after the vote closed: its own journal entry, pointing at the original ballot's."""

    organization: str
    previous: str
    choice: str
    reason: str
    entry_seq: int
    original_entry_seq: int


@dataclass(frozen=True)
class VoteRecord:
    """A motion put to a vote at the meeting, with its frozen rule, tally and result (as corrected, if it was)."""

    number: int
    motion_id: int
    text: str
    decision_type: str
    rule_words: str
    quorum_words: str
    agenda_number: int | None
    agenda_title: str
    is_open: bool
    result: str
    explanation: str
    yes: int
    no: int
    abstain: int
    recused: int
    present: int
    seats: int
    required_yes: int | None
    roll: tuple[RollCallLine, ...]
    close_entry_seq: int | None
    close_entry_hash: str
    corrections: tuple[CorrectionLine, ...] = ()
    closed_explanation: str = ""


@dataclass(frozen=True)
class ActionLine:
    """An action item taken at the meeting."""

    owner: str
    task: str
    due_on: date | None
    status: str


@dataclass(frozen=True)
class NextMeetingLine:
    """The next scheduled meeting."""

    number: int | None
    title: str
    starts_at: datetime
    timezone: str


@dataclass(frozen=True)
class MinutesRecord:
    """Everything the minutes say about one meeting, as plain values (no database behind it)."""

    body: str
    meeting_id: int
    meeting_number: int | None
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: MinutesStatus
    chair: str
    attendance: AttendanceRecord
    agenda: tuple[AgendaLine, ...]
    votes: tuple[VoteRecord, ...]
    actions: tuple[ActionLine, ...]
    next_meeting: NextMeetingLine | None
    head_seq: int
    head_hash: str


CHOICE_WORDS = {Choice.YES: "Yes", Choice.NO: "No", Choice.ABSTAIN: "Abstain", Choice.RECUSED: "Recused"}


def minutes_record(*, session: Session, meeting_id: int, status: MinutesStatus | None = None) -> MinutesRecord:
    """Assemble the minutes of one meeting as it stands in the record.

    Args:
        session: an open read (or write) session.
        meeting_id: the meeting.
        status: draft or approved; by default, approved once the record holds the minutes' approval.

    Raises:
        NotFound: when there is no such meeting.
        Refused: when the meeting was cancelled (a cancelled meeting has no minutes).
    """
    meeting = repo.meeting(session, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refused(f"meeting {meeting_id} was cancelled; it has no minutes")
    if status is None:
        from tac_desk.services.minutes_log import approval

        approved = approval(session=session, meeting_id=meeting_id) is not None
        status = MinutesStatus.APPROVED if approved else MinutesStatus.DRAFT
    body = repo.body(session)
    people = repo.people_by_id(session)
    day = meeting.starts_at.date()
    chair_seat = next((s for s in repo.voting_seats_on(session, day) if s.kind is SeatKind.CHAIR), None)
    chair = _name(people, chair_seat.primary_id) if chair_seat is not None else ""
    roll = roll_call(session=session, meeting_id=meeting_id)
    items = repo.agenda(session, meeting_id)
    numbers = {item.id: index for index, item in enumerate(items, start=1)}
    titles = {item.id: item.title for item in items}
    labels = {kind.key: kind.label for kind in body.decision_types}
    motions = sorted(repo.motions(session, meeting_id=meeting_id), key=lambda m: m.id)
    present = roll.present_seat_ids()
    facts = _VoteFacts.load(session, motions)
    vote_records = tuple(
        _vote(session, motion, index, numbers, titles, labels, present, facts)
        for index, motion in enumerate(motions, 1)
    )
    agenda = tuple(
        AgendaLine(
            number=numbers[item.id],
            title=item.title,
            kind=item.kind.label,
            presenter=_name(people, item.presenter_id),
            planned_minutes=item.planned_minutes,
            notes=item.notes,
            vote_numbers=tuple(v.number for v in vote_records if v.agenda_number == numbers[item.id]),
        )
        for item in items
    )
    actions = tuple(
        ActionLine(_name(people, a.owner_id), a.task, a.due_on, a.status.value.capitalize())
        for a in sorted(repo.action_items(session, meeting_id=meeting_id), key=lambda a: a.id)
    )
    following = meeting_service.next_meeting(session=session, after=meeting.starts_at)
    head = journal.head(session, ignoring=("minutes_exported",))  # re-exports of the same record are identical
    return MinutesRecord(
        body=body.name,
        meeting_id=meeting.id,
        meeting_number=meeting.number,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        timezone=meeting.timezone,
        status=status,
        chair=chair,
        attendance=_attendance(roll),
        agenda=agenda,
        votes=vote_records,
        actions=actions,
        next_meeting=None
        if following is None
        else NextMeetingLine(following.number, following.title, following.starts_at, following.timezone),
        head_seq=0 if head is None or head.seq is None else head.seq,
        head_hash="" if head is None else head.hash,
    )


def _name(people: dict[int, Person], person_id: int | None) -> str:
    return people[person_id].name if person_id is not None and person_id in people else ""


def quorum_statement(roll: RollCall) -> str:
    """The quorum in one sentence with its numbers, e.g. "Quorum met: 8 of 12 voting seats present; 6 needed."."""
    counts = f"{roll.present} of {roll.seats} voting seats present"
    if roll.quorum is None:
        return f"{counts}; no quorum needed."
    if roll.quorum_met:
        return f"Quorum met: {counts}; {roll.needed} needed."
    return f"No quorum: {counts}; {roll.needed} needed, so no decisions could be made."


def _attendance(roll: RollCall) -> AttendanceRecord:
    present: list[SeatLine] = []
    absent: list[SeatLine] = []
    for entry in roll.entries:
        primary = entry.primary.name if entry.primary else ""
        alternate = entry.alternate.name if entry.alternate else ""
        if entry.presence.is_present:
            role = "Alternate" if entry.presence is Presence.ALTERNATE else "Representative"
            person = entry.attendee.name if entry.attendee else ""
            present.append(SeatLine(entry.seat.organization, entry.seat.kind.label, person, role, primary, alternate))
        else:
            absent.append(SeatLine(entry.seat.organization, entry.seat.kind.label, primary, "", primary, alternate))
    return AttendanceRecord(
        present=tuple(present),
        absent=tuple(absent),
        observers=tuple(ObserverLine(p.name, p.organization) for p in roll.observers),
        seats=roll.seats,
        present_count=roll.present,
        needed=roll.needed,
        quorum_rule=roll.quorum is not None,
        quorum_met=roll.quorum_met,
        quorum_statement=quorum_statement(roll),
    )


@dataclass(frozen=True)
class _VoteFacts:
    """The ballots, corrected motions and closing entries of a meeting's votes, read in one query each."""

    ballots: dict[int, tuple[Ballot, ...]]
    corrected: frozenset[int]
    closing_hashes: dict[int, str]

    @classmethod
    def load(cls, session: Session, motions: list[Motion]) -> _VoteFacts:
        ids = [motion.id for motion in motions]
        if not ids:
            return cls({}, frozenset(), {})
        ballots: dict[int, list[Ballot]] = {motion_id: [] for motion_id in ids}
        query = select(BallotRow).where(col(BallotRow.motion_id).in_(ids)).order_by(col(BallotRow.id))
        for row in session.exec(query).all():
            ballots[row.motion_id].append(convert.ballot(row))
        corrected = select(BallotCorrectionRow.motion_id).where(col(BallotCorrectionRow.motion_id).in_(ids))
        seqs = [motion.close_entry_seq for motion in motions if motion.close_entry_seq is not None]
        closing = select(JournalRow.seq, JournalRow.hash).where(col(JournalRow.seq).in_(seqs))
        return cls(
            ballots={motion_id: tuple(found) for motion_id, found in ballots.items()},
            corrected=frozenset(session.exec(corrected).all()),
            closing_hashes={seq: digest for seq, digest in session.exec(closing).all() if seq is not None},
        )

    def state(self, session: Session, motion: Motion) -> tuple[tuple[Ballot, ...], Outcome]:
        """The motion's ballots and outcome, as ``votes.vote_state`` gives them (live while the vote is open)."""
        if motion.outcome is not None:
            return self.ballots[motion.id], motion.outcome
        from tac_desk.services import votes as vote_service  # the live count: only for a vote still open

        live = vote_service.vote_state(session=session, motion_id=motion.id)
        return live.ballots, live.outcome


def _vote(
    session: Session,
    motion: Motion,
    number: int,
    agenda_numbers: dict[int, int],
    agenda_titles: dict[int, str],
    labels: dict[str, str],
    present: set[int],
    facts: _VoteFacts,
) -> VoteRecord:
    ballots, closed_outcome = facts.state(session, motion)
    fixes = corrections.corrections(session=session, motion_id=motion.id) if motion.id in facts.corrected else ()
    outcome = fixes[-1].outcome if fixes else closed_outcome
    is_open = motion.status is MotionStatus.OPEN
    if is_open or not outcome.quorum_met:
        result = "Open" if is_open else "Not decided"
    else:
        result = "Adopted" if outcome.passed else "Not adopted"
    seq = motion.close_entry_seq
    item_id = motion.agenda_item_id
    tally = outcome.tally
    return VoteRecord(
        number=number,
        motion_id=motion.id,
        text=motion.text,
        decision_type=labels.get(motion.decision_type, motion.decision_type),
        rule_words=motion.rule.words(),
        quorum_words=motion.rule.quorum_words(),
        agenda_number=None if item_id is None else agenda_numbers.get(item_id),
        agenda_title="" if item_id is None else agenda_titles.get(item_id, ""),
        is_open=is_open,
        result=result,
        explanation="The vote is still open; no result yet." if is_open else outcome.explanation,
        yes=tally.yes,
        no=tally.no,
        abstain=tally.abstain,
        recused=tally.recused,
        present=tally.present,
        seats=tally.seats,
        required_yes=outcome.required_yes,
        roll=_roll_lines(motion, ballots, present, {fix.ballot_id: fix.choice for fix in fixes}),
        close_entry_seq=seq,
        close_entry_hash="" if seq is None else facts.closing_hashes.get(seq, ""),
        corrections=tuple(_correction(motion, fix) for fix in fixes),
        closed_explanation=closed_outcome.explanation if fixes else "",
    )


def _correction(motion: Motion, fix: corrections.Correction) -> CorrectionLine:
    seat = next((entry.organization for entry in motion.roster if entry.seat_id == fix.seat_id), "")
    words = (CHOICE_WORDS[fix.previous_choice], CHOICE_WORDS[fix.choice])
    return CorrectionLine(seat, *words, fix.reason, fix.entry_seq, fix.original_entry_seq)


def _roll_lines(
    motion: Motion, ballots: tuple[Ballot, ...], present: set[int], corrected: dict[int, Choice]
) -> tuple[RollCallLine, ...]:
    """Seat by seat over the roster frozen when the vote opened, with the names as they stood, corrections applied."""
    by_seat = {b.seat_id: b for b in ballots}
    lines = []
    for entry in motion.roster:
        ballot = by_seat.get(entry.seat_id)
        if ballot is None:
            choice = "Did not vote" if entry.seat_id in present else "Absent"
            lines.append(RollCallLine(entry.organization, entry.primary_name, choice, voted=False))
            continue
        if ballot.person_id == entry.alternate_id and entry.alternate_id is not None:
            person = f"{entry.alternate_name} (alternate)"
        else:
            person = entry.primary_name
        choice = CHOICE_WORDS[corrected.get(ballot.id, ballot.choice)]
        if ballot.id in corrected:
            choice = f"{choice} (corrected; was {CHOICE_WORDS[ballot.choice]})"
        lines.append(RollCallLine(entry.organization, person, choice, voted=True))
    return tuple(lines)
