"""The roll call: seats with who attends for them, observers, and quorum exactly at the threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tac_desk.domain.enums import Presence, SeatKind
from tac_desk.domain.model import Person, Seat, SeatAttendance
from tac_desk.domain.roll import RollCall, build_roll

HALF = Fraction(1, 2)

PEOPLE = {
    1: Person(1, "Ada Lovelace", "Acme"),
    2: Person(2, "Zhang Wei 张伟", "Acme"),
    3: Person(3, "José Álvarez", "Brightline"),
    4: Person(4, "Ingrid Søgaard", "Chair Org"),
    5: Person(5, "Олена Коваль", "echo project"),
    6: Person(6, "Émilie Observer", "Guest"),
    7: Person(7, "anna observer", "Guest"),
}

SEATS = [
    Seat(30, SeatKind.PROJECT, "echo project", 5),
    Seat(10, SeatKind.PREMIER, "Acme", 1, alternate_id=2),
    Seat(20, SeatKind.PREMIER, "Brightline", 3),
    Seat(40, SeatKind.CHAIR, "Chair Org", 4),
]


def seats_and_attendance(n_seats: int, n_present: int) -> tuple[list[Seat], dict[int, SeatAttendance]]:
    seats = [Seat(i, SeatKind.PREMIER, f"Org {i:02d}", 1000 + i) for i in range(n_seats)]
    attendance = {i: SeatAttendance(i, Presence.PRIMARY, 1000 + i) for i in range(n_present)}
    return seats, attendance


def test_build_roll_sorts_seats_and_names_attendees() -> None:
    attendance = {
        10: SeatAttendance(10, Presence.ALTERNATE, 2),
        20: SeatAttendance(20, Presence.ABSENT, None),
        40: SeatAttendance(40, Presence.PRIMARY, 4),
    }
    roll = build_roll(seats=SEATS, attendance=attendance, people=PEOPLE, observer_ids=[7, 6, 99], quorum=HALF)
    assert [entry.seat.id for entry in roll.entries] == [10, 20, 40, 30]  # by organisation, case-insensitive
    acme, brightline, chair, echo = roll.entries
    assert acme.presence is Presence.ALTERNATE
    assert acme.attendee == PEOPLE[2]
    assert acme.primary == PEOPLE[1]
    assert acme.alternate == PEOPLE[2]
    assert brightline.presence is Presence.ABSENT
    assert brightline.attendee is None
    assert brightline.alternate is None
    assert chair.attendee == PEOPLE[4]
    assert echo.presence is Presence.ABSENT  # no attendance entry at all
    assert echo.attendee is None
    assert roll.observers == (PEOPLE[7], PEOPLE[6])  # sorted by name, unknown id left out
    assert roll.seats == 4
    assert roll.present == 2
    assert roll.needed == 2
    assert roll.quorum_met
    assert roll.present_seat_ids() == {10, 40}
    assert roll.sentence == "Quorum: 2 of 4 voting seats present — 2 needed ✓"


def test_absent_entry_with_a_person_names_no_attendee() -> None:
    attendance = {20: SeatAttendance(20, Presence.ABSENT, 3)}
    roll = build_roll(seats=SEATS, attendance=attendance, people=PEOPLE, observer_ids=[], quorum=HALF)
    brightline = next(entry for entry in roll.entries if entry.seat.id == 20)
    assert brightline.attendee is None
    assert brightline.primary == PEOPLE[3]


def test_vacant_seat_and_unknown_people() -> None:
    seats = [Seat(1, SeatKind.OTHER, "Vacant", None), Seat(2, SeatKind.OTHER, "Ghost", 555, alternate_id=556)]
    attendance = {2: SeatAttendance(2, Presence.PRIMARY, 555)}
    roll = build_roll(seats=seats, attendance=attendance, people=PEOPLE, observer_ids=[], quorum=None)
    ghost, vacant = roll.entries
    assert vacant.primary is None
    assert vacant.alternate is None
    assert ghost.attendee is None
    assert ghost.primary is None
    assert ghost.alternate is None
    assert roll.present == 1


@pytest.mark.parametrize(
    ("seats", "present", "quorum", "needed", "met", "sentence"),
    [
        pytest.param(12, 6, HALF, 6, True, "Quorum: 6 of 12 voting seats present — 6 needed ✓", id="12-exactly"),
        pytest.param(
            12,
            5,
            HALF,
            6,
            False,
            "No quorum: 5 of 12 voting seats present — 6 needed; no decisions can be made",
            id="12-one-below",
        ),
        pytest.param(15, 8, HALF, 8, True, "Quorum: 8 of 15 voting seats present — 8 needed ✓", id="15-exactly"),
        pytest.param(
            15,
            7,
            HALF,
            8,
            False,
            "No quorum: 7 of 15 voting seats present — 8 needed; no decisions can be made",
            id="15-one-below",
        ),
        pytest.param(
            9, 6, Fraction(2, 3), 6, True, "Quorum: 6 of 9 voting seats present — 6 needed ✓", id="two-thirds-exactly"
        ),
        pytest.param(
            9,
            5,
            Fraction(2, 3),
            6,
            False,
            "No quorum: 5 of 9 voting seats present — 6 needed; no decisions can be made",
            id="two-thirds-one-below",
        ),
        pytest.param(12, 0, None, 0, True, "0 of 12 voting seats present; no quorum needed", id="no-quorum-rule"),
    ],
)
def test_quorum_at_the_threshold(
    seats: int, present: int, quorum: Fraction | None, needed: int, met: bool, sentence: str
) -> None:
    seat_list, attendance = seats_and_attendance(seats, present)
    roll = build_roll(seats=seat_list, attendance=attendance, people={}, observer_ids=[], quorum=quorum)
    assert isinstance(roll, RollCall)
    assert (roll.seats, roll.present, roll.needed) == (seats, present, needed)
    assert roll.quorum_met is met
    assert roll.sentence == sentence
    assert len(roll.present_seat_ids()) == present


def test_empty_roll() -> None:
    roll = build_roll(seats=[], attendance={}, people=PEOPLE, observer_ids=[6], quorum=HALF)
    assert roll.entries == ()
    assert roll.observers == (PEOPLE[6],)
    assert (roll.seats, roll.present, roll.needed, roll.quorum_met) == (0, 0, 0, True)
