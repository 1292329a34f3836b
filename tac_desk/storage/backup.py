"""Verified online backups: SQLite backup API to a temporary file, integrity_check, fsync, atomic rename; thinning."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tac_desk.domain.errors import RecordError
from tac_desk.paths import backup_dir
from tac_desk.storage.integrity import chain_head, connect_read_only, read_only

KINDS = ("daily", "manual", "pre-migration", "pre-restore")
KEPT_KINDS = ("pre-migration", "pre-restore")  # never thinned
DAILY_DAYS, WEEKLY_WEEKS, MONTHLY_MONTHS = 14, 8, 12
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<kind>[a-z-]+)\.tacdb$")
_STAMP = "%Y%m%dT%H%M%S%fZ"
PARTIAL = ".partial"
_PARTIAL_NAME = re.compile(r"^\..+\.(?P<pid>\d+)\.partial(-journal|-wal|-shm)?$")


@dataclass(frozen=True)
class BackupInfo:
    """One verified backup file: when it was made, why, and the chain head it holds."""

    path: Path
    made: datetime
    kind: str
    head_seq: int | None = None
    head_hash: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {
            "path": str(self.path),
            "made": self.made.isoformat(timespec="seconds"),
            "kind": self.kind,
            "head": None if self.head_seq is None else {"seq": self.head_seq, "hash": self.head_hash},
        }


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def copy_verified(source: Path, target: Path) -> tuple[int, str]:
    """Copy a record with the SQLite backup API into ``target`` (a new temporary file), check it and fsync it.

    The copy is one consistent snapshot even while other connections write. It is left in rollback
    (DELETE) journal mode, a single self-contained file, mode 0600.

    Returns:
        The copy's chain head (seq, hash).

    Raises:
        sqlite3.Error, OSError: on any failure (the caller removes ``target``).
    """
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    with _source(source) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        rows = [str(r[0]) for r in dst.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise sqlite3.DatabaseError(f"the copy fails its integrity check: {'; '.join(rows[:3])}")
        tables = {str(r[0]) for r in dst.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        head = chain_head(dst) if "journal" in tables else (0, "0" * 64)
    os.chmod(target, 0o600)
    _fsync_file(target)
    return head


def _source(record: Path) -> contextlib.closing[sqlite3.Connection]:
    """A connection to read the live record from: a plain one where it may write (so it tidies up its
    -wal and -shm on closing), a read-only one in a read-only folder."""
    if os.access(record, os.W_OK) and os.access(record.parent, os.W_OK):
        return contextlib.closing(sqlite3.connect(record, timeout=5))
    return contextlib.closing(connect_read_only(record))


def create_backup(record: Path, *, kind: str = "manual", folder: Path | None = None) -> BackupInfo:
    """Make a verified backup of ``record`` into ``folder`` (default: the ``backups`` folder beside it).

    Raises:
        RecordError: when it cannot be made; no partial file is left and earlier backups are kept.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind}")
    folder = backup_dir(record) if folder is None else folder
    made = datetime.now(UTC)
    final = folder / f"{record.stem}-{made.strftime(_STAMP)}-{kind}.tacdb"
    partial = folder / f".{final.name}.{os.getpid()}{PARTIAL}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        sweep_partials(folder)
        head = copy_verified(record, partial)
        if final.exists():
            raise OSError(f"{final.name} already exists")
        os.rename(partial, final)
        fsync_folder(folder)
    except (sqlite3.Error, OSError, RecordError) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        reason = getattr(error, "strerror", None) or str(error)
        raise RecordError(
            f"the backup could not be made in {folder} ({reason}); the record is untouched and earlier backups are kept"
        ) from error
    return BackupInfo(final, made, kind, head[0], head[1])


def sweep_partials(folder: Path) -> list[Path]:
    """Remove what interrupted backups left (the temporary copy and its journal): their process is gone,
    or they are a day old."""
    removed = []
    for path in folder.glob(f".*{PARTIAL}*"):
        match = _PARTIAL_NAME.match(path.name)
        if match is None:
            continue
        try:
            old = datetime.now().timestamp() - path.stat().st_mtime > 86_400
        except OSError:
            continue
        if old or not _pid_alive(int(match["pid"])):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":  # pragma: no cover - Windows: rely on the age rule
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def parse_name(path: Path) -> tuple[str, datetime, str] | None:
    """(record stem, when made, kind) from a backup file name, or None for other files."""
    match = _NAME.match(path.name)
    if match is None or match["kind"] not in KINDS:
        return None
    made = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return match["stem"], made, match["kind"]


def list_backups(record: Path, *, folder: Path | None = None, with_heads: bool = True) -> list[BackupInfo]:
    """The backups of ``record``, newest first (temporary and foreign files are ignored)."""
    folder = backup_dir(record) if folder is None else folder
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.tacdb"):
        parsed = parse_name(path)
        if parsed is None or parsed[0] != record.stem:
            continue
        seq: int | None = None
        digest: str | None = None
        if with_heads:
            with contextlib.suppress(sqlite3.Error, RecordError, ValueError), read_only(path) as connection:
                seq, digest = chain_head(connection)
        found.append(BackupInfo(path, parsed[1], parsed[2], seq, digest))
    return sorted(found, key=lambda info: info.made, reverse=True)


def thin_plan(backups: Iterable[BackupInfo], now: datetime) -> list[BackupInfo]:
    """Which backups to delete: keep everything from the last day, then the newest one per day for
    two weeks, per ISO week for eight more weeks, per month for a year, and per year after that.
    Backups made before a migration or a restore are always kept."""
    keep_buckets: set[tuple[object, ...]] = set()
    doomed = []
    for info in sorted(backups, key=lambda b: b.made, reverse=True):
        age = now - info.made
        if info.kind in KEPT_KINDS or age < timedelta(days=1):
            continue
        day = info.made.date()
        if age < timedelta(days=DAILY_DAYS):
            bucket: tuple[object, ...] = ("day", day)
        elif age < timedelta(days=DAILY_DAYS + 7 * WEEKLY_WEEKS):
            bucket = ("week", *day.isocalendar()[:2])
        elif age < timedelta(days=DAILY_DAYS + 7 * WEEKLY_WEEKS + 31 * MONTHLY_MONTHS):
            bucket = ("month", day.year, day.month)
        else:
            bucket = ("year", day.year)
        if bucket in keep_buckets:
            doomed.append(info)
        else:
            keep_buckets.add(bucket)
    return doomed


def thin(record: Path, *, folder: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the backups :func:`thin_plan` does not keep; returns the deleted paths."""
    deleted = []
    for info in thin_plan(list_backups(record, folder=folder, with_heads=False), now or datetime.now(UTC)):
        with contextlib.suppress(OSError):
            info.path.unlink()
            deleted.append(info.path)
    return deleted


def last_change(record: Path) -> float:
    """When the record (or its write-ahead log) last changed, as a timestamp."""
    times = [p.stat().st_mtime for p in (record, Path(f"{record}-wal")) if p.exists()]
    return max(times, default=0.0)


def needs_daily(record: Path, *, folder: Path | None = None, now: datetime | None = None) -> bool:
    """True when no backup was made today (UTC) and the record changed since the newest backup."""
    now = now or datetime.now(UTC)
    backups = list_backups(record, folder=folder, with_heads=False)
    if not backups:
        return True
    newest = backups[0].made
    return newest.date() != now.date() and last_change(record) > newest.timestamp()


def daily_backup(record: Path, *, folder: Path | None = None) -> BackupInfo | None:
    """Make the day's backup when one is due, then thin the old ones.

    Raises:
        RecordError: when a due backup cannot be made.
    """
    if not needs_daily(record, folder=folder):
        return None
    info = create_backup(record, kind="daily", folder=folder)
    thin(record, folder=folder)
    return info


def checkpoint(record: Path) -> None:
    """Move everything from the write-ahead log into the record file (before its files are moved aside)."""
    with contextlib.closing(sqlite3.connect(record, timeout=5)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
