"""Queries that return domain records, never live rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import func, null
from sqlmodel import Session, SQLModel, col, select

from tac_desk.domain.enums import Presence
from tac_desk.domain.errors import NotFound, RecordError
from tac_desk.domain.model import (
    ActionItem,
    AgendaItem,
    Ballot,
    Body,
    Meeting,
    Motion,
    Person,
    Project,
    Seat,
    SeatAttendance,
    Series,
)
from tac_desk.storage import columns, convert
from tac_desk.storage.database import READ_ONLY_SESSION
from tac_desk.storage.tables import (
    ActionItemRow,
    AgendaItemRow,
    AttendanceRow,
    BallotRow,
    BodyRow,
    DecisionTypeRow,
    MeetingRow,
    MotionRow,
    PersonRow,
    ProjectRow,
    SeatRow,
    SeriesRow,
)

RowT = TypeVar("RowT", bound=SQLModel)
T = TypeVar("T")

_NOUNS = {
    PersonRow: "person",
    SeatRow: "seat",
    MeetingRow: "meeting",
    SeriesRow: "series",
    AgendaItemRow: "agenda item",
    MotionRow: "motion",
    ActionItemRow: "action item",
    ProjectRow: "project",
}


def row(session: Session, table: type[RowT], row_id: int) -> RowT:
    """Fetch one row by primary key.

    Raises:
        NotFound: "no meeting with id 7" and the like.
    """
    found = session.get(table, row_id)
    if found is None:
        raise NotFound(f"no {_NOUNS.get(table, table.__name__)} with id {row_id}")
    return found


def _memoised(session: Session, key: str, load: Callable[[], T]) -> T:
    """Load once per read session (a read session sees no writes of its own, so nothing goes stale)."""
    if not session.info.get(READ_ONLY_SESSION):
        return load()
    memo: dict[str, Any] = session.info.setdefault("tac_memo", {})
    if key not in memo:
        memo[key] = load()
    return cast(T, memo[key])


def body(session: Session) -> Body:
    """The record's committee.

    Raises:
        RecordError: when the record has not been set up (no body yet).
    """
    return _memoised(session, "body", lambda: _load_body(session))


def _load_body(session: Session) -> Body:
    found = session.exec(select(BodyRow).order_by(col(BodyRow.id))).first()
    if found is None:
        raise RecordError("this record has no committee yet: run 'tac-desk init' first")
    types = list(session.exec(select(DecisionTypeRow).where(DecisionTypeRow.body_id == found.id)))
    return convert.body(found, types)


def people(session: Session) -> list[Person]:
    """Everybody, by name."""
    rows = session.exec(select(PersonRow)).all()
    return sorted((convert.person(r) for r in rows), key=lambda p: (p.name.casefold(), p.id))


def people_by_id(session: Session) -> dict[int, Person]:
    """Everybody, keyed by id."""
    return dict(
        _memoised(
            session,
            "people_by_id",
            lambda: {r.id: convert.person(r) for r in session.exec(select(PersonRow)).all() if r.id is not None},
        )
    )


def person(session: Session, person_id: int) -> Person:
    """One person."""
    return convert.person(row(session, PersonRow, person_id))


def seats(session: Session) -> list[Seat]:
    """Every seat ever held, by organization."""
    return list(_memoised(session, "seats", lambda: _load_seats(session)))


def _load_seats(session: Session) -> list[Seat]:
    rows = session.exec(select(SeatRow)).all()
    return sorted((convert.seat(r) for r in rows), key=lambda s: (s.organization.casefold(), s.id))


def voting_seats_on(session: Session, day: date) -> list[Seat]:
    """The seats that vote on ``day`` (active and filled)."""
    return [s for s in seats(session) if s.is_voting_on(day)]


def seat(session: Session, seat_id: int) -> Seat:
    """One seat."""
    return convert.seat(row(session, SeatRow, seat_id))


def series(session: Session, series_id: int) -> Series:
    """One series."""
    return convert.series(row(session, SeriesRow, series_id))


def all_series(session: Session) -> list[Series]:
    """Every series."""
    return [convert.series(r) for r in session.exec(select(SeriesRow).order_by(col(SeriesRow.id))).all()]


def meetings(session: Session) -> list[Meeting]:
    """Every meeting in time order, numbered among the meetings not cancelled."""
    table = MeetingRow.__table__  # type: ignore[attr-defined]
    query = select(*(table.c[name] for name in columns.MeetingColumns._fields))
    rows = session.exec(query.order_by(table.c.start_utc, table.c.id)).all()
    return columns.numbered(columns.MeetingColumns(*values) for values in rows)


def meeting(session: Session, meeting_id: int) -> Meeting:
    """One meeting, with its number in the record."""
    found = row(session, MeetingRow, meeting_id)
    earlier = session.exec(
        select(func.count())
        .select_from(MeetingRow)
        .where(col(MeetingRow.start_utc) <= found.start_utc, col(MeetingRow.status) != "cancelled")
    ).one()
    number = None if found.status == "cancelled" else int(earlier)
    return convert.meeting(found, number)


def agenda(session: Session, meeting_id: int) -> list[AgendaItem]:
    """A meeting's agenda in order."""
    rows = session.exec(
        select(AgendaItemRow)
        .where(AgendaItemRow.meeting_id == meeting_id)
        .order_by(col(AgendaItemRow.position), col(AgendaItemRow.id))
    ).all()
    return [convert.agenda_item(r) for r in rows]


def agenda_item(session: Session, item_id: int) -> AgendaItem:
    """One agenda item."""
    return convert.agenda_item(row(session, AgendaItemRow, item_id))


def seat_attendance(session: Session, meeting_id: int) -> dict[int, SeatAttendance]:
    """Each seat's latest attendance entry at a meeting (seats never recorded are absent)."""
    rows = session.exec(
        select(AttendanceRow)
        .where(AttendanceRow.meeting_id == meeting_id, col(AttendanceRow.seat_id).is_not(None))
        .order_by(col(AttendanceRow.id))
    ).all()
    latest: dict[int, SeatAttendance] = {}
    for entry in rows:
        assert entry.seat_id is not None
        latest[entry.seat_id] = SeatAttendance(entry.seat_id, Presence(entry.presence), entry.person_id)
    return latest


def observers(session: Session, meeting_id: int) -> list[int]:
    """Ids of the observers attending a meeting (latest entry per person wins)."""
    rows = session.exec(
        select(AttendanceRow)
        .where(AttendanceRow.meeting_id == meeting_id, col(AttendanceRow.seat_id).is_(None))
        .order_by(col(AttendanceRow.id))
    ).all()
    state: dict[int, str] = {}
    for entry in rows:
        if entry.person_id is not None:
            state[entry.person_id] = entry.presence
    return [person_id for person_id, presence in state.items() if presence == "observer"]


def motions(
    session: Session, *, meeting_id: int | None = None, electronic: bool | None = None, with_roster: bool = True
) -> list[Motion]:
    """Motions, newest first; filtered to one meeting or to electronic votes when asked.

    ``with_roster=False`` leaves each frozen roster out (an empty tuple): lists that show only outcomes are faster.
    Only the columns are fetched (no ORM objects); unchanged motions come from the conversion's memo.
    """
    table = MotionRow.__table__  # type: ignore[attr-defined]
    fetched = [table.c[name] for name in convert.MOTION_COLUMNS]
    if not with_roster:
        fetched[convert.MOTION_COLUMNS.index("roster_json")] = null().label("roster_json")
    query = select(*fetched)
    if meeting_id is not None:
        query = query.where(table.c.meeting_id == meeting_id)
    if electronic is True:
        query = query.where(table.c.meeting_id.is_(None))
    if electronic is False:
        query = query.where(table.c.meeting_id.is_not(None))
    rows = session.exec(query.order_by(table.c.id.desc())).all()
    return [convert.motion_from_columns(convert.MotionColumns(*values)) for values in rows]


def motion(session: Session, motion_id: int) -> Motion:
    """One motion."""
    return convert.motion(row(session, MotionRow, motion_id))


def ballots(session: Session, motion_id: int) -> list[Ballot]:
    """A motion's ballots in the order they were cast."""
    rows = session.exec(select(BallotRow).where(BallotRow.motion_id == motion_id).order_by(col(BallotRow.id))).all()
    return [convert.ballot(r) for r in rows]


def action_items(session: Session, *, meeting_id: int | None = None) -> list[ActionItem]:
    """Action items: open first, then by due date (undated last)."""
    query = select(ActionItemRow)
    if meeting_id is not None:
        query = query.where(ActionItemRow.meeting_id == meeting_id)
    items = [convert.action_item(r) for r in session.exec(query).all()]
    return sorted(items, key=lambda a: (a.status != "open", a.due_on or date.max, a.id))


def projects(session: Session) -> list[Project]:
    """Every project, by name."""
    rows: Sequence[ProjectRow] = session.exec(select(ProjectRow)).all()
    return sorted((convert.project(r) for r in rows), key=lambda p: p.name.casefold())


def project(session: Session, project_id: int) -> Project:
    """One project."""
    return convert.project(row(session, ProjectRow, project_id))
