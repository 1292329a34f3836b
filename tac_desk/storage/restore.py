"""Put a backup back in place of the record: warn when that goes back in time, keep the files it replaces."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tac_desk.domain.errors import RecordError
from tac_desk.storage import journal
from tac_desk.storage import lock as record_lock
from tac_desk.storage.backup import checkpoint, copy_verified, fsync_folder
from tac_desk.storage.integrity import damage, entry_hashes, read_only, verify_file
from tac_desk.storage.verdict import Anchor

COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup would do to the record's history."""

    record: Path
    backup: Path
    backup_head: tuple[int, str]
    current_head: tuple[int, str] | None
    anchor: Anchor | None
    diverges_at: int | None

    @property
    def missing(self) -> tuple[int, int] | None:
        """The journal entries (first, last) the restored record will not have, if any."""
        known = max(self.current_head[0] if self.current_head else 0, self.anchor.seq if self.anchor else 0)
        if self.diverges_at is not None:
            return (self.diverges_at, max(known, self.diverges_at))
        if known > self.backup_head[0]:
            return (self.backup_head[0] + 1, known)
        return None

    @property
    def goes_back(self) -> bool:
        """True when the restored record lacks entries the current record (or the outside digest) has."""
        return self.missing is not None

    def warning(self) -> str | None:
        """The warning to show before restoring, naming the journal range that will be missing."""
        missing = self.missing
        if missing is None:
            return None
        first, last = missing
        span = f"#{first}" if first == last else f"#{first}-#{last}"
        return (
            f"Restoring {self.backup.name} goes back in time: journal entries {span} recorded after this backup "
            f"will not be in the restored record (the backup ends at #{self.backup_head[0]}). "
            "The current files are kept beside the record."
        )

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {
            "record": str(self.record),
            "backup": str(self.backup),
            "backup_head": list(self.backup_head),
            "current_head": None if self.current_head is None else list(self.current_head),
            "missing": None if self.missing is None else list(self.missing),
            "warning": self.warning(),
        }


@dataclass(frozen=True)
class RestoreResult:
    """A restore that happened: the plan, the files kept aside, the journal entry that records it."""

    plan: RestorePlan
    kept: tuple[Path, ...]
    entry_seq: int


def _current_hashes(record: Path) -> dict[int, str] | None:
    if not record.is_file() or damage(record) is not None:
        return None
    try:
        with read_only(record) as connection:
            return entry_hashes(connection)
    except Exception:  # any unreadable record: nothing to compare with
        return None


def plan_restore(record: Path, backup: Path, *, anchor: Anchor | None = None) -> RestorePlan:
    """Check a backup and say what restoring it would lose.

    Raises:
        RecordError: when the backup is missing or does not verify.
    """
    report = verify_file(backup)
    if not report.ok:
        raise RecordError(f"the backup {backup.name} cannot be restored: {report.summary()}")
    with read_only(backup) as connection:
        backup_hashes = entry_hashes(connection)
    current = _current_hashes(record)
    current_head = None
    diverges_at = None
    if current is not None:
        head = max(current, default=0)
        current_head = (head, current[head] if head else "0" * 64)
        diverges_at = next((s for s in sorted(backup_hashes) if s in current and current[s] != backup_hashes[s]), None)
    if anchor is not None and anchor.seq in backup_hashes and backup_hashes[anchor.seq] != anchor.hash:
        diverges_at = anchor.seq if diverges_at is None else min(diverges_at, anchor.seq)
    return RestorePlan(record, backup, (report.head_seq, report.head_hash), current_head, anchor, diverges_at)


def restore(record: Path, backup: Path, *, anchor: Anchor | None = None) -> RestoreResult:
    """Replace the record with a verified copy of ``backup``.

    The record's current files (with their -wal and -shm) are kept beside it as
    ``<record>.pre-restore-<time>``; a ``restored_from_backup`` entry is appended to the restored
    journal. The record must not be open (in this program or another).

    Raises:
        RecordError: the backup does not verify, the record is open, or a file cannot be written.
    """
    from tac_desk.storage.database import open_database

    plan = plan_restore(record, backup, anchor=anchor)
    try:
        handle = record_lock.acquire(record)
    except OSError as error:
        raise RecordError(f"the record's folder cannot be written ({error.strerror}); nothing was changed") from error
    try:
        if handle.holdings > 1:
            raise RecordError("close the record before restoring a backup over it")
        kept = _swap_in(record, backup)
        database = open_database(record)
        try:
            with database.write() as session:
                entry = journal.append(session, "restored_from_backup", _payload(plan, kept))
        finally:
            database.dispose()
    finally:
        handle.release()
    return RestoreResult(plan, kept, entry.seq or 0)


def _payload(plan: RestorePlan, kept: tuple[Path, ...]) -> dict[str, object]:
    missing = plan.missing
    return {
        "backup": plan.backup.name,
        "backup_head": {"seq": plan.backup_head[0], "hash": plan.backup_head[1]},
        "replaced_head": None
        if plan.current_head is None
        else {"seq": plan.current_head[0], "hash": plan.current_head[1]},
        "missing": None if missing is None else {"first": missing[0], "last": missing[1]},
        "kept_as": kept[0].name if kept else None,
    }


def _swap_in(record: Path, backup: Path) -> tuple[Path, ...]:
    """Stage a verified copy, move the current files aside, then rename the copy into place."""
    folder = record.parent
    staged = folder / f".{record.name}.restore.partial"
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    try:
        copy_verified(backup, staged)
    except Exception as error:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise RecordError(f"the backup could not be copied next to the record: {error}") from error
    if record.exists() and damage(record) is None:
        with contextlib.suppress(Exception):
            checkpoint(record)  # the -wal is then empty: moving it aside first cannot lose anything
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = folder / f"{record.name}.pre-restore-{stamp}"
    kept: list[Path] = []
    try:
        for suffix in COMPANIONS:
            companion = Path(f"{record}{suffix}")
            if companion.exists():
                os.rename(companion, Path(f"{aside}{suffix}"))
                kept.append(Path(f"{aside}{suffix}"))
        if record.exists():
            try:
                os.link(record, aside)
            except OSError:
                shutil.copy2(record, aside)
            kept.insert(0, aside)
        os.replace(staged, record)
        fsync_folder(folder)
    except OSError as error:
        raise RecordError(f"the backup could not be put in place ({error.strerror}); nothing was lost") from error
    return tuple(kept)
