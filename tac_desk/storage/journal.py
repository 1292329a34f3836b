"""Append entries to the hash-chained journal, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash
from tac_desk.storage.tables import JournalRow


class _FixedClock:
    """A clock that reads a set instant and moves on by a microsecond at each reading."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def tick(self) -> datetime:
        moment = self.current
        self.current += timedelta(microseconds=1)
        return moment


_CLOCK: ContextVar[_FixedClock | None] = ContextVar("tac_desk_fixed_clock", default=None)


@contextmanager
def fixed_clock(start: datetime) -> Iterator[None]:
    """Read the time from ``start`` (aware) instead of the system clock, inside the block.

    Each reading of :func:`utc_now` advances the clock by one microsecond, so entries keep their
    order; used to build reproducible records (the demo) where every timestamp is fixed.

    Raises:
        ValueError: when ``start`` has no time zone.
    """
    if start.tzinfo is None:
        raise ValueError("a fixed clock needs an aware start time")
    token = _CLOCK.set(_FixedClock(start.astimezone(UTC)))
    try:
        yield
    finally:
        _CLOCK.reset(token)


def now() -> datetime:
    """The current instant in UTC (the fixed clock's, without advancing it, when one is set)."""
    clock = _CLOCK.get()
    return datetime.now(UTC) if clock is None else clock.current


def utc_now() -> str:
    """The current instant in UTC, ISO 8601 with microseconds."""
    clock = _CLOCK.get()
    moment = datetime.now(UTC) if clock is None else clock.tick()
    return moment.isoformat(timespec="microseconds")


def head(session: Session, *, ignoring: tuple[str, ...] = ()) -> JournalRow | None:
    """The last journal entry, if any (skipping entries of the kinds in ``ignoring``)."""
    query = select(JournalRow)
    if ignoring:
        query = query.where(col(JournalRow.kind).not_in(ignoring))
    return session.exec(query.order_by(col(JournalRow.seq).desc()).limit(1)).first()


def append(session: Session, kind: str, payload: Mapping[str, object]) -> JournalRow:
    """Append one entry; it becomes durable when the caller's transaction commits."""
    last = head(session)
    seq = 1 if last is None or last.seq is None else last.seq + 1
    prev_hash = GENESIS if last is None else last.hash
    recorded_at = utc_now()
    data = canonical_bytes(payload)
    row = JournalRow(
        seq=seq,
        recorded_at=recorded_at,
        kind=kind,
        payload=data.decode("utf-8"),
        prev_hash=prev_hash,
        hash=entry_hash(seq=seq, recorded_at=recorded_at, kind=kind, payload=data, prev_hash=prev_hash),
    )
    session.add(row)
    session.flush()
    return row
