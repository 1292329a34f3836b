"""The demo record: built through the services, identical on every build, realistic in its counts."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from tac_desk.domain.chain import GENESIS, entry_hash
from tac_desk.domain.enums import ActionStatus, Choice, MeetingStatus, MotionStatus, ProjectStage, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.services import setup, votes
from tac_desk.services.demo import REFERENCE_DATE, build_demo
from tac_desk.storage import journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database, open_database
from tac_desk.storage.tables import JournalRow


def _build(folder: Path) -> Path:
    path = folder / "demo.tacdb"
    database = open_database(path)
    try:
        with database.write() as session:
            build_demo(session=session)
    finally:
        database.dispose()
    return path


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two demo records built independently."""
    return _build(tmp_path_factory.mktemp("first")), _build(tmp_path_factory.mktemp("second"))


@pytest.fixture
def demo(demo_files: tuple[Path, Path]) -> Iterator[Database]:
    """The first demo record, opened."""
    database = open_database(demo_files[0], create=False)
    yield database
    database.dispose()


def _table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        connection.close()


def test_two_builds_hold_identical_tables(demo_files: tuple[Path, Path]) -> None:
    first, second = (_table_contents(path) for path in demo_files)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], f"table {name} differs between two builds"
    for name in ("body", "person", "seat", "project", "meeting", "agenda_item", "journal", "motion", "ballot"):
        assert first[name], f"table {name} is empty"


def test_journal_is_chained_and_in_time_order(demo: Database) -> None:
    query = select(JournalRow).order_by(col(JournalRow.seq))
    with demo.read() as session:
        entries = [(e.seq, e.recorded_at, e.kind, e.payload, e.prev_hash, e.hash) for e in session.exec(query)]
    previous, last_time = GENESIS, ""
    for seq, recorded_at, kind, payload, prev_hash, digest in entries:
        assert seq is not None
        expected = entry_hash(
            seq=seq, recorded_at=recorded_at, kind=kind, payload=payload.encode("utf-8"), prev_hash=previous
        )
        assert prev_hash == previous and digest == expected
        assert recorded_at > last_time
        previous, last_time = digest, recorded_at
    assert last_time < datetime(2026, 11, 26, tzinfo=UTC).isoformat()


def test_roster_seats_people_and_projects(demo: Database) -> None:
    with demo.read() as session:
        body = repo.body(session)
        seats = repo.voting_seats_on(session, REFERENCE_DATE)
        people = repo.people(session)
        projects = repo.projects(session)
        earlier = repo.voting_seats_on(session, date(2026, 3, 1))
    assert body.timezone == "America/New_York"
    assert 11 <= len(seats) <= 13 and len(earlier) == len(seats) - 1
    kinds = [seat.kind for seat in seats]
    assert kinds.count(SeatKind.CHAIR) == 1 and kinds.count(SeatKind.PROJECT) == 3
    assert sum(seat.alternate_id is not None for seat in seats) >= 4
    holders = {p for seat in seats for p in (seat.primary_id, seat.alternate_id)}
    assert sum(person.id not in holders for person in people) >= 3
    names = {person.name for person in people}
    assert {"王伟", "李娜", "张敏", "陈静", "Łukasz Wróbel", "Zoë Dvořák", "Đặng Thu Hà", "José Muñoz"} <= names
    scripts = {unicodedata.name(char).split()[0] for name in names for char in name if char.isalpha()}
    assert {"CJK", "GREEK", "CYRILLIC", "HANGUL", "LATIN", "ARABIC"} <= scripts
    zones = {person.timezone.split("/")[0] for person in people}
    assert {"Asia", "Europe", "America"} <= zones
    assert any(p.timezone == "Asia/Kolkata" for p in people) and any(p.timezone == "Asia/Shanghai" for p in people)
    assert all("example" in person.email.split("@")[1].split(".") for person in people)
    assert {project.stage for project in projects} == set(ProjectStage)


def test_a_year_of_biweekly_meetings(demo: Database) -> None:
    with demo.read() as session:
        meetings = repo.meetings(session)
        series = repo.all_series(session)
    assert len(series) == 1 and series[0].interval_weeks == 2
    assert len(meetings) >= 20
    past = [m for m in meetings if m.starts_at.date() < REFERENCE_DATE]
    future = [m for m in meetings if m.starts_at.date() > REFERENCE_DATE]
    assert (REFERENCE_DATE - meetings[0].starts_at.date()).days > 300
    assert (meetings[-1].starts_at.date() - REFERENCE_DATE).days > 75
    cancelled = [m for m in meetings if m.status is MeetingStatus.CANCELLED]
    assert 2 <= len(cancelled) <= 4
    assert any(m.starts_at.month == 12 and m.starts_at.day >= 20 for m in cancelled)
    assert all(m.status is not MeetingStatus.SCHEDULED for m in past)
    assert sum(m.status is MeetingStatus.SCHEDULED for m in future) >= 4
    assert sum(m.is_moved for m in meetings) == 1
    assert all(m.starts_at.hour in (9, 10) and m.timezone == "America/New_York" for m in meetings)


def test_past_meetings_have_roll_and_agenda(demo: Database) -> None:
    from tac_desk.services.attendance import roll_call

    with demo.read() as session:
        held = [m for m in repo.meetings(session) if m.status is MeetingStatus.HELD]
        rolls = [roll_call(session=session, meeting_id=m.id) for m in held]
        agendas = [repo.agenda(session, m.id) for m in held]
    assert sum(not roll.quorum_met for roll in rolls) == 1
    assert any(entry.presence.value == "alternate" for roll in rolls for entry in roll.entries)
    assert sum(bool(roll.observers) for roll in rolls) >= len(held) // 2
    for items in agendas:
        assert items[0].title.startswith("Roll call") and "ntitrust" in items[0].title + items[0].notes
        assert all(item.planned_minutes > 0 and item.notes for item in items)
    kinds = {item.kind.value for items in agendas for item in items}
    assert {"presentation", "decision", "update", "discussion", "minutes_approval"} <= kinds
    assert any(item.presenter_id is not None and item.project_id is not None for items in agendas for item in items)


def test_votes_of_every_kind(demo: Database) -> None:
    with demo.read() as session:
        motions = repo.motions(session)
        ballots = [b for m in motions for b in repo.ballots(session, m.id)]
        states = {m.id: votes.vote_state(session=session, motion_id=m.id) for m in motions}
    closed = [m for m in motions if m.status is MotionStatus.CLOSED]
    assert {m.decision_type for m in closed} == {"meeting", "two-thirds", "electronic"}
    for kind in ("meeting", "two-thirds", "electronic"):
        outcomes = [m.outcome for m in closed if m.decision_type == kind]
        assert any(o is not None and o.passed for o in outcomes), kind
        assert any(o is not None and not o.passed and o.quorum_met for o in outcomes), kind
    assert sum(m.outcome is not None and not m.outcome.quorum_met for m in closed) == 1
    open_votes = [m for m in motions if m.status is MotionStatus.OPEN]
    assert len(open_votes) == 1 and open_votes[0].is_electronic
    assert open_votes[0].closes_on is not None and open_votes[0].closes_on > REFERENCE_DATE
    assert 0 < len(states[open_votes[0].id].ballots) < len(open_votes[0].roster)
    choices = {b.choice for b in ballots}
    assert {Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.RECUSED} <= choices
    assert any(m.project_id is not None and m.requested_stage is not None for m in motions)


def test_action_items_done_open_and_overdue(demo: Database) -> None:
    with demo.read() as session:
        items = repo.action_items(session)
    assert all(item.owner_id is not None and item.due_on is not None and item.task for item in items)
    assert any(item.status is ActionStatus.DONE for item in items)
    overdue = [i for i in items if i.status is ActionStatus.OPEN and i.due_on and i.due_on < REFERENCE_DATE]
    upcoming = [i for i in items if i.status is ActionStatus.OPEN and i.due_on and i.due_on >= REFERENCE_DATE]
    assert overdue and upcoming


def test_a_record_with_a_committee_is_refused(memory_db: Database) -> None:
    with memory_db.write() as session:
        setup.create_body(session=session, name="Existing TAC", timezone="Europe/Paris")
    with pytest.raises(Refused), memory_db.write() as session:
        build_demo(session=session)
    with memory_db.read() as session:
        assert repo.body(session).name == "Existing TAC"
        assert repo.people(session) == [] and repo.meetings(session) == []


def test_fixed_clock_sets_journal_time_and_vote_dates() -> None:
    start = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    with journal.fixed_clock(start):
        first, second = journal.utc_now(), journal.utc_now()
        assert votes.today() == date(2026, 5, 1)
        with journal.fixed_clock(start + timedelta(days=3)):
            assert votes.today() == date(2026, 5, 4)
        assert journal.now() == start + timedelta(microseconds=2)
    assert first == "2026-05-01T12:00:00.000000+00:00" and second == "2026-05-01T12:00:00.000001+00:00"
    assert votes.today() == datetime.now(UTC).date()
    with pytest.raises(ValueError), journal.fixed_clock(datetime(2026, 5, 1)):
        journal.utc_now()


def test_open_electronic_vote_refuses_ballots_after_its_closing_date(demo: Database) -> None:
    with demo.read() as session:
        motion = next(m for m in repo.motions(session) if m.status is MotionStatus.OPEN)
        missing = votes.not_voted(session=session, motion_id=motion.id)[0]
    assert motion.closes_on is not None
    late = datetime.combine(motion.closes_on + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    with journal.fixed_clock(late), pytest.raises(Refused), demo.write() as session:
        votes.cast_ballot(session=session, motion_id=motion.id, person_id=missing.primary_id, choice=Choice.YES)
