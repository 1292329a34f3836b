"""People and seats: add, edit, end; alternates stand in for their seat."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tac_desk.domain.enums import SeatKind
from tac_desk.domain.errors import InvalidInput, Refused
from tac_desk.domain.model import Person, Seat
from tac_desk.services.common import clean_text, clean_zone
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import PersonRow, SeatRow


def add_person(*, session: Session, name: str, organization: str = "", email: str = "", timezone: str = "") -> Person:
    """Add a person (a representative, an alternate or an observer).

    Raises:
        InvalidInput: for an empty name, a malformed e-mail or an unknown zone.
    """
    row = PersonRow(
        name=clean_text(name, what="the name", limit=200),
        organization=clean_text(organization, what="the organization", required=False, limit=200),
        email=_clean_email(email),
        timezone=clean_zone(timezone, allow_empty=True),
    )
    session.add(row)
    session.flush()
    return repo.person(session, row.id or 0)


def update_person(
    *,
    session: Session,
    person_id: int,
    name: str | None = None,
    organization: str | None = None,
    email: str | None = None,
    timezone: str | None = None,
) -> Person:
    """Change a person's details; what is not given stays."""
    row = repo.row(session, PersonRow, person_id)
    if name is not None:
        row.name = clean_text(name, what="the name", limit=200)
    if organization is not None:
        row.organization = clean_text(organization, what="the organization", required=False, limit=200)
    if email is not None:
        row.email = _clean_email(email)
    if timezone is not None:
        row.timezone = clean_zone(timezone, allow_empty=True)
    session.add(row)
    session.flush()
    return repo.person(session, person_id)


def _clean_email(email: str) -> str:
    text = clean_text(email, what="the e-mail", required=False, limit=254)
    if text and (text.count("@") != 1 or text.startswith("@") or text.endswith("@") or any(c.isspace() for c in text)):
        raise InvalidInput(f"'{text}' is not an e-mail address")
    return text


def add_seat(
    *,
    session: Session,
    kind: SeatKind,
    organization: str,
    primary_id: int | None,
    alternate_id: int | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    project_id: int | None = None,
) -> Seat:
    """Add a voting seat.

    Raises:
        InvalidInput: for unknown people, an alternate equal to the primary, or an end before the start.
        Refused: when a person already holds another active seat.
    """
    row = SeatRow(kind=kind.value, organization=clean_text(organization, what="the organization", limit=200))
    _apply_seat(session, row, primary_id, alternate_id, starts_on, ends_on)
    row.project_id = project_id
    if project_id is not None:
        repo.project(session, project_id)
    session.add(row)
    session.flush()
    return repo.seat(session, row.id or 0)


def update_seat(
    *,
    session: Session,
    seat_id: int,
    kind: SeatKind | None = None,
    organization: str | None = None,
    primary_id: int | None = None,
    alternate_id: int | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    clear_alternate: bool = False,
) -> Seat:
    """Edit a seat; what is not given stays (``clear_alternate`` removes the alternate)."""
    row = repo.row(session, SeatRow, seat_id)
    if kind is not None:
        row.kind = kind.value
    if organization is not None:
        row.organization = clean_text(organization, what="the organization", limit=200)
    primary = primary_id if primary_id is not None else row.primary_id
    alternate = None if clear_alternate else (alternate_id if alternate_id is not None else row.alternate_id)
    _apply_seat(
        session, row, primary, alternate, starts_on or row.starts_on, ends_on if ends_on is not None else row.ends_on
    )
    session.add(row)
    session.flush()
    return repo.seat(session, seat_id)


def end_seat(*, session: Session, seat_id: int, on: date) -> Seat:
    """End a seat on a date (it stops counting from that day; history keeps it).

    Raises:
        InvalidInput: when the end falls before the seat's start.
    """
    row = repo.row(session, SeatRow, seat_id)
    if row.starts_on is not None and on < row.starts_on:
        raise InvalidInput(f"the seat started on {row.starts_on}; it cannot end on {on}")
    row.ends_on = on
    session.add(row)
    session.flush()
    return repo.seat(session, seat_id)


def _apply_seat(
    session: Session,
    row: SeatRow,
    primary_id: int | None,
    alternate_id: int | None,
    starts_on: date | None,
    ends_on: date | None,
) -> None:
    for person_id in (primary_id, alternate_id):
        if person_id is not None:
            repo.person(session, person_id)
    if primary_id is not None and primary_id == alternate_id:
        raise InvalidInput("the alternate must be someone other than the primary representative")
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(f"a seat cannot end ({ends_on}) before it starts ({starts_on})")
    probe = Seat(0, SeatKind(row.kind), row.organization, primary_id, alternate_id, starts_on, ends_on)
    for other in session.exec(select(SeatRow)).all():
        if other.id == row.id:
            continue
        other_seat = repo.seat(session, other.id or 0)
        if not _overlap(probe, other_seat):
            continue
        held = {other_seat.primary_id, other_seat.alternate_id} - {None}
        clash = held & ({primary_id, alternate_id} - {None})
        if clash:
            clashing_id = clash.pop()
            assert clashing_id is not None
            who = repo.person(session, clashing_id).name
            raise Refused(f"{who} already holds the seat of {other_seat.organization}; a person holds one seat")
    row.primary_id = primary_id
    row.alternate_id = alternate_id
    row.starts_on = starts_on
    row.ends_on = ends_on


def _overlap(a: Seat, b: Seat) -> bool:
    a_start, b_start = a.starts_on or date.min, b.starts_on or date.min
    a_end, b_end = a.ends_on or date.max, b.ends_on or date.max
    return a_start < b_end and b_start < a_end


def seat_of(*, session: Session, person_id: int, day: date) -> Seat | None:
    """The seat a person holds (as primary or alternate) on ``day``, if any."""
    for found in repo.voting_seats_on(session, day):
        if person_id in (found.primary_id, found.alternate_id):
            return found
    return None
