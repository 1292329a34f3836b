"""The ten-year record: generated fast in bulk through the real tables and journal format, cached by content version.

The committee, the meeting series, cancellations and moves go through the services (a handful of calls);
people, seats, projects, agenda items and action items are inserted in bulk; attendance, votes and
ballots are journal entries chained and replayable exactly as the services write them
(benchmarks/journal_plan.py), so ``tac-desk verify`` finds the record sound.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

CONTENT_VERSION = 3  # bump when the generated content changes
ZONE = "America/Los_Angeles"
MINIMUM = {"meetings": 260, "agenda_items": 3000, "votes": 1000, "ballots": 15000, "seats": 60}


@dataclass(frozen=True)
class Size:
    """How big a record to generate."""

    meetings: int = 262
    upcoming: int = 13
    slots: int = 20
    items: tuple[int, int] = (11, 16)
    votes: tuple[int, int] = (3, 6)
    electronic_per_year: int = 9
    projects: int = 45
    full_items: int = 40
    full_votes: int = 10


FULL = Size()
QUICK = Size(meetings=16, upcoming=3, slots=8, items=(3, 5), votes=(1, 2), electronic_per_year=4, projects=6)


@dataclass(frozen=True)
class RecordInfo:
    """A generated record and what is in it."""

    path: str
    full_meeting_id: int
    switch_meeting_ids: tuple[int, ...]
    counts: dict[str, int]
    seconds: float
    cached: bool = False


def first_meeting(today: date, size: Size) -> date:
    """The series' first Thursday: far enough back that ``size.upcoming`` meetings are still ahead."""
    back = today - timedelta(weeks=2 * (size.meetings - size.upcoming))
    day = date(back.year, back.month, 1)
    return day + timedelta(days=(3 - day.weekday()) % 7)


def cache_root() -> Path:
    """Where generated records are kept between runs (a folder in the system's temporary folder)."""
    return Path(os.environ.get("TAC_DESK_BENCH_CACHE") or Path(tempfile.gettempdir()) / "tac-desk-bench")


def content_key(size: Size, first: date) -> str:
    """The cache key: content version, size, first day, and the record's schema (its migration files)."""
    import tac_desk

    versions = Path(tac_desk.__file__).resolve().parent / "storage" / "migrations" / "versions"
    digest = hashlib.sha256(f"{CONTENT_VERSION}|{asdict(size)}|{first}".encode())
    for script in sorted(versions.glob("*.py")):
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:16]


def ten_year_record(size: Size = FULL, *, today: date | None = None, rebuild: bool = False) -> RecordInfo:
    """The cached record for ``size`` (generated when missing, stale or ``rebuild``)."""
    first = first_meeting(today or datetime.now(UTC).date(), size)
    folder = cache_root() / f"record-{content_key(size, first)}"
    meta = folder / "record.json"
    if meta.exists() and not rebuild:
        data = json.loads(meta.read_text(encoding="utf-8"))
        if Path(data["path"]).exists():
            return RecordInfo(**{**data, "switch_meeting_ids": tuple(data["switch_meeting_ids"]), "cached": True})
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    partial = folder / "building.tacdb"
    info = generate(partial, size=size, first=first)
    final = folder / "ten-year.tacdb"
    partial.rename(final)
    info = RecordInfo(**{**asdict(info), "path": str(final)})
    meta.write_text(json.dumps(asdict(info), indent=2), encoding="utf-8")
    return info


def generate(path: Path, *, size: Size, first: date, seed: int = 2016) -> RecordInfo:
    """Write a new record at ``path``; returns what it holds."""
    import time

    from tac_desk.storage.database import open_database

    started = time.perf_counter()
    database = open_database(path, create=True)
    try:
        with database.write() as session:
            full_id, switch_ids = _fill(session, size=size, first=first, rng=random.Random(seed))
    finally:
        database.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            "meetings": connection.execute("SELECT COUNT(*) FROM meeting").fetchone()[0],
            "agenda_items": connection.execute("SELECT COUNT(*) FROM agenda_item").fetchone()[0],
            "votes": connection.execute("SELECT COUNT(*) FROM motion").fetchone()[0],
            "ballots": connection.execute("SELECT COUNT(*) FROM ballot").fetchone()[0],
            "seats": connection.execute("SELECT COUNT(*) FROM seat").fetchone()[0],
            "journal": connection.execute("SELECT COUNT(*) FROM journal").fetchone()[0],
        }
    connection.close()
    return RecordInfo(str(path), full_id, switch_ids, counts, round(time.perf_counter() - started, 2))


def _insert(session: Any, table_name: str, rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import insert

    from tac_desk.storage.tables import metadata

    if rows:
        session.execute(insert(metadata.tables[table_name]), rows)


def _fill(session: Any, *, size: Size, first: date, rng: random.Random) -> tuple[int, tuple[int, ...]]:
    """Fill the record; returns the full meeting's id and two meetings to switch between."""
    from benchmarks.agenda_plan import plan_agendas
    from benchmarks.journal_plan import JournalPlan
    from benchmarks.roster_plan import plan_roster
    from tac_desk.domain.enums import MeetingStatus
    from tac_desk.services import meetings as meeting_service
    from tac_desk.services import setup
    from tac_desk.storage import repositories as repo

    body = setup.create_body(session=session, name="Open AI & Data Foundation TAC", timezone=ZONE)
    last = first + timedelta(weeks=2 * size.meetings)
    roster = plan_roster(rng, start=first, end=last, slots=size.slots, projects=size.projects)
    _insert(session, "person", roster.person_rows())
    _insert(session, "project", roster.projects)
    _insert(session, "seat", roster.seat_rows())
    meeting_service.schedule_series(
        session=session,
        first=datetime.combine(first, datetime.min.time()).replace(hour=8),
        timezone=ZONE,
        count=size.meetings,
        title="TAC meeting",
        uid="ten-year-series@tac-desk.bench",
    )
    now = datetime.now(UTC)
    scheduled = repo.meetings(session)
    for number, meeting in enumerate(scheduled):
        if meeting.starts_at.month == 12 and meeting.starts_at.day >= 22:
            meeting_service.cancel_meeting(session=session, meeting_id=meeting.id)
        elif number % 53 == 20:
            moved = meeting.starts_at.replace(tzinfo=None) + timedelta(days=1)
            meeting_service.move_meeting(session=session, meeting_id=meeting.id, to=moved)
    meetings = [m for m in repo.meetings(session) if m.status is MeetingStatus.SCHEDULED]
    held = [m for m in meetings if m.ends_at < now]
    full = held[-1]
    agendas = plan_agendas(rng, meetings=meetings, held={m.id for m in held}, full_id=full.id, size=size, roster=roster)
    _insert(session, "agenda_item", agendas.items)
    _insert(session, "action_item", agendas.actions)
    journal = JournalPlan(body=body, roster=roster, rng=rng)
    for _when, action in sorted(agendas.events(journal, held, now), key=lambda pair: pair[0]):
        action()
    _insert(session, "journal", journal.journal)
    _insert(session, "attendance", journal.attendance)
    _insert(session, "motion", journal.motion_rows())
    _insert(session, "ballot", journal.ballots)
    _close_motions(session, journal.closes)
    _mark_held(session, sorted(journal.held))
    return full.id, (held[-2].id, held[-3].id)


def _close_motions(session: Any, closes: list[dict[str, Any]]) -> None:
    from sqlalchemy import bindparam, update

    from tac_desk.storage.tables import metadata

    if closes:
        table = metadata.tables["motion"]
        statement = update(table).where(table.c.id == bindparam("b_id"))
        session.connection().execute(
            statement.values(
                status=bindparam("status"),
                closed_at=bindparam("closed_at"),
                outcome_json=bindparam("outcome_json"),
                close_entry_seq=bindparam("close_entry_seq"),
            ),
            closes,
        )


def _mark_held(session: Any, meeting_ids: list[int]) -> None:
    from sqlalchemy import update

    from tac_desk.storage.tables import metadata

    table = metadata.tables["meeting"]
    for start in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[start : start + 500]
        session.connection().execute(update(table).where(table.c.id.in_(chunk)).values(status="held"))
