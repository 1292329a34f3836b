"""Trust in the record: verify it, show its digest, back it up and restore it (the GUI and CLI call these)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tac_desk.domain.chain import GENESIS
from tac_desk.storage import backup as backups_store
from tac_desk.storage.backup import BackupInfo
from tac_desk.storage.inspect import inspect_record
from tac_desk.storage.integrity import verify_engine, verify_file
from tac_desk.storage.verdict import Anchor, Report

if TYPE_CHECKING:  # `tac-desk verify` and `backup` need only sqlite3: SQLAlchemy loads with the modules below
    from sqlmodel import Session

    from tac_desk.storage.database import Database
    from tac_desk.storage.restore import RestorePlan, RestoreResult

__all__ = [
    "Anchor",
    "BackupInfo",
    "Report",
    "RestorePlan",
    "RestoreResult",
    "backup_now",
    "backups",
    "daily_backup",
    "plan_restore",
    "quick_verify",
    "record_digest",
    "restore",
    "verify",
    "verify_record",
]


def __getattr__(name: str) -> Any:
    """``RestorePlan`` and ``RestoreResult``, from the restore module once asked for (it loads SQLAlchemy)."""
    if name in ("RestorePlan", "RestoreResult"):
        from tac_desk.storage import restore as restore_store

        return getattr(restore_store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def verify(*, database: Database, anchor: Anchor | None = None) -> Report:
    """The full check of an open record: SQLite's integrity and foreign-key checks, the guards, the hash
    chain (numbers contiguous, each hash recomputed), the optional outside anchor, and the replay (the
    attendance, ballots, votes and corrections tables equal a rebuild from the journal).

    Run it after an unclean shutdown (``database.unclean_shutdown``) and on demand. The chain is
    tamper-evident, not tamper-proof: whoever can rewrite the whole file can rebuild a consistent
    chain; pass an ``anchor`` (a digest printed in the minutes or kept in the settings) to catch that.
    """
    return verify_engine(database.engine, anchor=anchor)


def quick_verify(*, database: Database, anchor: Anchor | None = None) -> Report:
    """The check for open time: SQLite's quick check, foreign keys, guards and the hash chain; no replay."""
    return verify_engine(database.engine, quick=True, anchor=anchor)


def verify_record(*, path: Path, quick: bool = False, anchor: Anchor | None = None) -> Report:
    """Check a record or backup file without opening it as the record (read-only; safe on a damaged file).

    Raises:
        RecordError: when there is no such file or it cannot be opened at all.
    """
    return verify_file(path, quick=quick, anchor=anchor)


def record_digest(*, session: Session) -> tuple[int, str]:
    """The chain head to print in the minutes and keep outside the record: (entry number, SHA-256 hex).

    An empty journal gives (0, 64 zeros).
    """
    from tac_desk.storage import journal

    last = journal.head(session)
    if last is None or last.seq is None:
        return 0, GENESIS
    return last.seq, last.hash


def backup_now(*, record: Path, folder: Path | None = None) -> BackupInfo:
    """Make a verified backup now (into ``folder``, default the ``backups`` folder beside the record).

    Raises:
        RecordError: when it cannot be made; no partial file is left and earlier backups are kept.
    """
    inspect_record(record)  # a foreign, newer or empty file is refused, not backed up
    return backups_store.create_backup(record, kind="manual", folder=folder)


def daily_backup(*, record: Path) -> BackupInfo | None:
    """Make the day's backup if one is due (the record changed and none was made today), then thin old ones.

    A long-running window calls this now and then; :func:`open_database` already does it at opening.

    Raises:
        RecordError: when a due backup cannot be made.
    """
    return backups_store.daily_backup(record)


def backups(*, record: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The record's backups, newest first, each with the chain head it holds."""
    return backups_store.list_backups(record, folder=folder)


def plan_restore(*, record: Path, backup: Path, anchor: Anchor | None = None) -> RestorePlan:
    """Check a backup and say what restoring it would lose: ``plan.warning()`` is the text to confirm.

    Raises:
        RecordError: when the backup does not verify.
    """
    from tac_desk.storage import restore as restore_store

    return restore_store.plan_restore(record, backup, anchor=anchor)


def restore(*, record: Path, backup: Path, anchor: Anchor | None = None) -> RestoreResult:
    """Put a verified backup in place of the record (close the record first: dispose its Database).

    The replaced files are kept beside the record (``result.kept``) and a ``restored_from_backup``
    entry is appended to the restored journal.

    Raises:
        RecordError: the backup does not verify, the record is open, or a file cannot be written.
    """
    from tac_desk.storage import restore as restore_store

    return restore_store.restore(record, backup, anchor=anchor)
