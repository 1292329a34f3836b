"""Append entries to the hash-chained journal, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash
from tac_desk.storage.tables import JournalRow


def utc_now() -> str:
    """The current instant in UTC, ISO 8601 with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def head(session: Session) -> JournalRow | None:
    """The last journal entry, if any."""
    return session.exec(select(JournalRow).order_by(col(JournalRow.seq).desc()).limit(1)).first()


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
