"""People and seats: checked input, alternates, ends, and one seat per person at a time."""

from __future__ import annotations

from datetime import date

import pytest
from services_kit import MEETING_DAY, Committee

from tac_desk.domain.enums import SeatKind
from tac_desk.domain.errors import InvalidInput, NotFound, Refused
from tac_desk.domain.model import Person
from tac_desk.services import roster
from tac_desk.storage import repositories as repo

NAMES = ["王伟", "Zoë Łukasz-Đặng", "محمد", "Σωκράτης", "<b>Bob</b>", "O'Brien & Sons", "👩‍💻 Dev"]


@pytest.mark.parametrize("name", NAMES)
def test_add_person_keeps_every_name(committee: Committee, name: str) -> None:
    person = committee.write(roster.add_person, name=name, organization="Org 组织", email="a@b.example")
    assert committee.read(repo.person, person_id=person.id) == Person(person.id, name, "Org 组织", "a@b.example", "")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": ""}, "name cannot be empty"),
        ({"name": " \t "}, "name cannot be empty"),
        ({"email": "no-at-sign"}, "not an e-mail"),
        ({"email": "two@@example.org"}, "not an e-mail"),
        ({"email": "@example.org"}, "not an e-mail"),
        ({"email": "someone@"}, "not an e-mail"),
        ({"email": "some one@example.org"}, "not an e-mail"),
        ({"timezone": "Europe/Atlantis"}, "unknown time zone"),
        ({"timezone": "../../etc/passwd"}, "unknown time zone"),
        ({"organization": "o" * 201}, "too long"),
    ],
)
def test_people_refuse_bad_input(committee: Committee, fields: dict[str, str], error: str) -> None:
    before = committee.read(repo.people)
    with pytest.raises(InvalidInput, match=error):
        committee.write(roster.add_person, **{"name": "Valid Name", **fields})
    with pytest.raises(InvalidInput, match=error):
        committee.write(roster.update_person, person_id=committee.primaries[0].id, **fields)
    assert committee.read(repo.people) == before


def test_update_person_changes_only_what_is_given(committee: Committee) -> None:
    person = committee.primaries[0]
    updated = committee.write(
        roster.update_person, person_id=person.id, email="zoe@acme.example", timezone="Asia/Kolkata"
    )
    assert updated == Person(person.id, person.name, person.organization, "zoe@acme.example", "Asia/Kolkata")
    cleared = committee.write(roster.update_person, person_id=person.id, email="", timezone="")
    assert (cleared.email, cleared.timezone, cleared.name) == ("", "", person.name)
    with pytest.raises(NotFound, match="no person with id 999"):
        committee.write(roster.update_person, person_id=999, name="x")


def test_seat_with_alternate(committee: Committee) -> None:
    seat = committee.seats[0]
    assert (seat.primary_id, seat.alternate_id) == (committee.primaries[0].id, committee.alternates[0].id)
    assert committee.read(roster.seat_of, person_id=committee.alternates[0].id, day=MEETING_DAY) == seat
    assert committee.read(roster.seat_of, person_id=committee.observer.id, day=MEETING_DAY) is None
    cleared = committee.write(roster.update_seat, seat_id=seat.id, clear_alternate=True)
    assert cleared.alternate_id is None
    again = committee.write(roster.update_seat, seat_id=seat.id, alternate_id=committee.observer.id)
    assert (again.primary_id, again.alternate_id) == (committee.primaries[0].id, committee.observer.id)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"alternate_id": "primary"}, InvalidInput),
        ({"primary_id": 999}, NotFound),
        ({"alternate_id": 999}, NotFound),
        ({"starts_on": date(2026, 5, 1), "ends_on": date(2026, 4, 1)}, InvalidInput),
        ({"organization": " "}, InvalidInput),
    ],
)
def test_add_seat_refuses_bad_seats(committee: Committee, change: dict[str, object], error: type[Exception]) -> None:
    person = committee.write(roster.add_person, name="New Member")
    fields: dict[str, object] = {"kind": SeatKind.PROJECT, "organization": "Project X", "primary_id": person.id}
    fields.update({k: (person.id if v == "primary" else v) for k, v in change.items()})
    with pytest.raises(error):
        committee.write(roster.add_seat, **fields)
    assert len(committee.read(repo.seats)) == 5


def test_end_seat_stops_it_counting_from_that_day(committee: Committee) -> None:
    seat = committee.seats[4]
    ended = committee.write(roster.end_seat, seat_id=seat.id, on=date(2026, 6, 1))
    assert ended.ends_on == date(2026, 6, 1)
    assert seat.id in {s.id for s in committee.read(repo.voting_seats_on, day=date(2026, 5, 31))}
    assert seat.id not in {s.id for s in committee.read(repo.voting_seats_on, day=date(2026, 6, 1))}
    assert seat.id in {s.id for s in committee.read(repo.seats)}  # history keeps it


def test_end_seat_before_its_start_is_refused(committee: Committee) -> None:
    person = committee.write(roster.add_person, name="Late Joiner")
    seat = committee.write(
        roster.add_seat, kind=SeatKind.OTHER, organization="Later", primary_id=person.id, starts_on=date(2026, 6, 1)
    )
    with pytest.raises(InvalidInput, match="cannot end"):
        committee.write(roster.end_seat, seat_id=seat.id, on=date(2026, 5, 31))
    assert committee.read(repo.seat, seat_id=seat.id).ends_on is None


@pytest.mark.parametrize("role", ["primary_id", "alternate_id"])
@pytest.mark.parametrize("held_as", ["primary", "alternate"])
def test_a_person_cannot_hold_two_overlapping_seats(committee: Committee, role: str, held_as: str) -> None:
    holder = committee.primaries[0] if held_as == "primary" else committee.alternates[0]
    newcomer = committee.write(roster.add_person, name="Other Person")
    fields: dict[str, object] = {"kind": SeatKind.PROJECT, "organization": "Project Y", "primary_id": newcomer.id}
    fields[role] = holder.id
    with pytest.raises(Refused, match=f"{holder.name} already holds the seat of Acme AI"):
        committee.write(roster.add_seat, **fields)
    assert len(committee.read(repo.seats)) == 5


def test_a_person_may_hold_a_new_seat_once_the_old_one_has_ended(committee: Committee) -> None:
    person = committee.primaries[2]
    committee.write(roster.end_seat, seat_id=committee.seats[2].id, on=date(2026, 7, 1))
    with pytest.raises(Refused):
        committee.write(
            roster.add_seat,
            kind=SeatKind.CHAIR,
            organization="Chair",
            primary_id=person.id,
            starts_on=date(2026, 6, 30),
        )
    chair = committee.write(
        roster.add_seat, kind=SeatKind.CHAIR, organization="Chair", primary_id=person.id, starts_on=date(2026, 7, 1)
    )
    assert committee.read(roster.seat_of, person_id=person.id, day=date(2026, 6, 30)) == committee.read(
        repo.seat, seat_id=committee.seats[2].id
    )
    assert committee.read(roster.seat_of, person_id=person.id, day=date(2026, 7, 1)) == chair


def test_update_seat_cannot_give_a_seat_to_someone_holding_another(committee: Committee) -> None:
    with pytest.raises(Refused):
        committee.write(roster.update_seat, seat_id=committee.seats[3].id, alternate_id=committee.primaries[4].id)
    assert committee.read(repo.seat, seat_id=committee.seats[3].id) == committee.seats[3]
