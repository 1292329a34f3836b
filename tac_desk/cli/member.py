"""``tac-desk member add|list``: people, their voting seats and alternates."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tac_desk.cli.common import command, emit, group, reading, writing
from tac_desk.domain.errors import Refused

if TYPE_CHECKING:
    from sqlmodel import Session

SEAT_CHOICES = ("premier", "project", "chair", "other", "none")


def register(commands: Any) -> None:
    """Register ``member add`` and ``member list``."""
    actions = group(commands, "member", "people: voting representatives, alternates and observers")
    add = command(
        actions,
        "add",
        "add a person, with a voting seat, as an alternate, or as an observer",
        run_add,
        json_output=True,
    )
    add.add_argument("name", metavar="NAME", help="the person's name (any script)")
    add.add_argument("--org", required=True, metavar="ORG", help="the organization or project they represent")
    add.add_argument("--email", default="", metavar="E", help="e-mail address")
    add.add_argument("--tz", default="", metavar="ZONE", help="their time zone, e.g. Asia/Shanghai")
    role = add.add_mutually_exclusive_group()
    role.add_argument(
        "--seat",
        choices=SEAT_CHOICES,
        default="none",
        help="give them a new voting seat of this kind, starting today (none: an observer, no vote; the default)",
    )
    role.add_argument(
        "--alternate-for",
        type=int,
        metavar="PERSON_ID",
        help="make them the alternate of the seat held by PERSON_ID",
    )
    command(actions, "list", "list everybody with their seat today", run_list, json_output=True)


def seat_start(session: Session) -> date:
    """The first day of a seat added now: today, in the committee's zone or in UTC, whichever is earlier.

    Meetings fall on their local date and electronic votes open on the UTC date; the seat must
    count for both from the moment it is added.
    """
    from tac_desk.domain.schedule import zone
    from tac_desk.services.votes import today
    from tac_desk.storage import repositories as repo

    local = datetime.now(zone(repo.body(session).timezone)).date()
    return min(local, today())


def run_add(args: argparse.Namespace) -> int:
    """Add the person (and their seat or alternate role) in one transaction."""
    from tac_desk.services.common import clean_text, clean_zone

    clean_text(args.name, what="the name", limit=200)
    clean_zone(args.tz, allow_empty=True)
    from tac_desk.domain.enums import SeatKind  # after the checks: bad input fails fast
    from tac_desk.services import roster
    from tac_desk.storage import repositories as repo

    with writing(args) as session:
        start = seat_start(session)
        alternate_seat = None
        if args.alternate_for is not None:
            holder = repo.person(session, args.alternate_for)
            seat = roster.seat_of(session=session, person_id=holder.id, day=start)
            if seat is None:
                raise Refused(f"{holder.name} (person {holder.id}) holds no voting seat today")
            if seat.primary_id != holder.id:
                raise Refused(f"{holder.name} is the alternate of the seat of {seat.organization}, not its holder")
            if seat.alternate_id is not None:
                current = repo.person(session, seat.alternate_id)
                raise Refused(
                    f"the seat of {seat.organization} already has an alternate: {current.name} (person {current.id})"
                )
            alternate_seat = seat.id
        person = roster.add_person(
            session=session, name=args.name, organization=args.org, email=args.email, timezone=args.tz
        )
        if alternate_seat is not None:
            roster.update_seat(session=session, seat_id=alternate_seat, alternate_id=person.id)
        elif args.seat != "none":
            roster.add_seat(
                session=session, kind=SeatKind(args.seat), organization=args.org, primary_id=person.id, starts_on=start
            )
    emit(args, {"id": person.id}, str(person.id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print everybody, with the seat they hold today (as holder or alternate), if any."""
    from tac_desk.storage import repositories as repo

    with reading(args) as session:
        day = seat_start(session)
        people = repo.people(session)
        seats = repo.voting_seats_on(session, day)
    rows = []
    for person in people:
        seat = next((s for s in seats if person.id in (s.primary_id, s.alternate_id)), None)
        role = "observer" if seat is None else ("primary" if seat.primary_id == person.id else "alternate")
        rows.append(
            {
                "id": person.id,
                "name": person.name,
                "organization": person.organization,
                "email": person.email,
                "timezone": person.timezone,
                "role": role,
                "seat_id": None if seat is None else seat.id,
                "seat_kind": None if seat is None else seat.kind.value,
                "seat_organization": None if seat is None else seat.organization,
            }
        )
    lines = [_line(row) for row in rows] or ["(nobody yet: add people with 'tac-desk member add')"]
    emit(args, rows, "\n".join(lines))
    return 0


def _line(row: dict[str, Any]) -> str:
    if row["role"] == "observer":
        role = "observer"
    elif row["role"] == "primary":
        role = f"{row['seat_kind']} seat {row['seat_id']}"
    else:
        role = f"alternate, seat {row['seat_id']} ({row['seat_organization']})"
    extra = "".join(f", {row[k]}" for k in ("email", "timezone") if row[k])
    return f"{row['id']:>4}  {row['name']} ({row['organization'] or '—'}{extra}) — {role}"
