"""Who may vote on a motion, and the tally of its ballots (the counting, not the threshold)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tac_desk.domain.enums import ChairVoting, Choice, Presence, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Ballot, Person, RosterEntry, Seat
from tac_desk.domain.rules import Tally


class VotingError(Refused):
    """A ballot that cannot be accepted, with the reason in words."""


def freeze_roster(seats: Iterable[Seat], people: Mapping[int, Person]) -> tuple[RosterEntry, ...]:
    """Snapshot the voting seats (already filtered to the vote's date) with their people's names."""
    entries = []
    for seat in sorted(seats, key=lambda s: (s.organization.casefold(), s.id)):
        if seat.primary_id is None:
            continue
        primary = people.get(seat.primary_id)
        alternate = people.get(seat.alternate_id) if seat.alternate_id is not None else None
        entries.append(
            RosterEntry(
                seat_id=seat.id,
                organization=seat.organization,
                kind=seat.kind,
                primary_id=seat.primary_id,
                primary_name=primary.name if primary else "",
                alternate_id=seat.alternate_id,
                alternate_name=alternate.name if alternate else "",
            )
        )
    return tuple(entries)


def seat_for_person(roster: Iterable[RosterEntry], person_id: int) -> RosterEntry:
    """The roster seat ``person_id`` may vote for, as primary or alternate.

    Raises:
        VotingError: when the person holds no voting seat on this roster.
    """
    for entry in roster:
        if person_id in (entry.primary_id, entry.alternate_id):
            return entry
    raise VotingError(f"person {person_id} holds no voting seat for this vote (observers do not vote)")


def check_ballot(
    *,
    roster: Iterable[RosterEntry],
    person_id: int,
    presence: Mapping[int, tuple[Presence, int | None]] | None,
    ballots: Iterable[Ballot],
) -> RosterEntry:
    """Decide whether ``person_id`` may cast a ballot now, and for which seat.

    Args:
        roster: the seats frozen when the vote opened.
        person_id: who is voting.
        presence: for a vote at a meeting, seat id -> (presence, attending person id);
            None for an electronic vote, where primary or alternate may answer.
        ballots: the ballots already recorded on this motion.

    Raises:
        VotingError: with the reason (no seat, absent, the seat already voted).
    """
    entry = seat_for_person(roster, person_id)
    if presence is not None:
        state, attending = presence.get(entry.seat_id, (Presence.ABSENT, None))
        if state is Presence.ABSENT:
            raise VotingError(f"seat {entry.organization} is marked absent; record attendance before its ballot")
        if attending != person_id:
            raise VotingError(
                f"person {person_id} is not the one attending for seat {entry.organization} at this meeting"
            )
    for ballot in ballots:
        if ballot.seat_id == entry.seat_id:
            raise VotingError(f"seat {entry.organization} has already voted on this motion")
    return entry


def count(
    *,
    roster: Iterable[RosterEntry],
    ballots: Iterable[Ballot],
    present_seat_ids: Iterable[int] | None,
    chair_voting: ChairVoting = ChairVoting.ALWAYS,
) -> Tally:
    """Count ballots into a tally over the frozen roster.

    A seat that voted counts as present even if it left afterwards. For an electronic vote
    (``present_seat_ids`` None) the seats that returned a ballot are the seats present. With
    ``ChairVoting.TIE_ONLY`` the chair seat's ballot counts only to break a tie of the others.
    """
    entries = list(roster)
    roster_ids = {entry.seat_id for entry in entries}
    chair_ids = {entry.seat_id for entry in entries if entry.kind is SeatKind.CHAIR}
    counted = [b for b in ballots if b.seat_id in roster_ids]
    if chair_voting is ChairVoting.TIE_ONLY and chair_ids:
        others = [b for b in counted if b.seat_id not in chair_ids]
        yes = sum(b.choice is Choice.YES for b in others)
        no = sum(b.choice is Choice.NO for b in others)
        if yes != no:
            counted = others
    present = {b.seat_id for b in ballots if b.seat_id in roster_ids}
    if present_seat_ids is not None:
        present |= {seat_id for seat_id in present_seat_ids if seat_id in roster_ids}
    return Tally(
        seats=len(entries),
        present=len(present),
        yes=sum(b.choice is Choice.YES for b in counted),
        no=sum(b.choice is Choice.NO for b in counted),
        abstain=sum(b.choice is Choice.ABSTAIN for b in counted),
        recused=sum(b.choice is Choice.RECUSED for b in counted),
    )
