"""The roll call of a meeting: each voting seat's presence and whether quorum holds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from tac_desk.domain.enums import Presence
from tac_desk.domain.model import Person, Seat, SeatAttendance
from tac_desk.domain.rules import quorum_required, quorum_sentence


@dataclass(frozen=True)
class RollEntry:
    """One voting seat on the roll."""

    seat: Seat
    presence: Presence
    attendee: Person | None
    primary: Person | None
    alternate: Person | None


@dataclass(frozen=True)
class RollCall:
    """The roll of a meeting: seats, observers and the quorum verdict."""

    entries: tuple[RollEntry, ...]
    observers: tuple[Person, ...]
    quorum: Fraction | None

    @property
    def seats(self) -> int:
        """Voting seats at the meeting."""
        return len(self.entries)

    @property
    def present(self) -> int:
        """Voting seats represented."""
        return sum(entry.presence.is_present for entry in self.entries)

    @property
    def needed(self) -> int:
        """Seats needed for quorum."""
        return quorum_required(self.quorum, self.seats)

    @property
    def quorum_met(self) -> bool:
        """True when enough seats are present."""
        return quorum_sentence(self.quorum, self.seats, self.present)[0]

    @property
    def sentence(self) -> str:
        """ "Quorum: 7 of 12 voting seats present — 6 needed ✓" or the no-quorum sentence."""
        return quorum_sentence(self.quorum, self.seats, self.present)[1]

    def present_seat_ids(self) -> set[int]:
        """Ids of the seats represented."""
        return {entry.seat.id for entry in self.entries if entry.presence.is_present}


def build_roll(
    *,
    seats: Iterable[Seat],
    attendance: Mapping[int, SeatAttendance],
    people: Mapping[int, Person],
    observer_ids: Iterable[int],
    quorum: Fraction | None,
) -> RollCall:
    """Combine the meeting's voting seats with its attendance entries."""
    entries = []
    for seat in sorted(seats, key=lambda s: (s.organization.casefold(), s.id)):
        state = attendance.get(seat.id)
        presence = state.presence if state else Presence.ABSENT
        attendee_id = state.person_id if state and presence.is_present else None
        entries.append(
            RollEntry(
                seat=seat,
                presence=presence,
                attendee=people.get(attendee_id) if attendee_id is not None else None,
                primary=people.get(seat.primary_id) if seat.primary_id is not None else None,
                alternate=people.get(seat.alternate_id) if seat.alternate_id is not None else None,
            )
        )
    observers = tuple(sorted((people[i] for i in observer_ids if i in people), key=lambda p: p.name.casefold()))
    return RollCall(entries=tuple(entries), observers=observers, quorum=quorum)
