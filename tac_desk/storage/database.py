"""The engine module: the only place that knows the record is SQLite (pragmas, locking, migration)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import SingletonThreadPool, StaticPool
from sqlmodel import Session, create_engine

from tac_desk.domain.errors import RecordError, Refused
from tac_desk.storage import lock as record_lock
from tac_desk.storage.inspect import FileState, inspect_record

BUSY_TIMEOUT_MS = 5000
READ_ONLY_SESSION = "tac_read_only"
MEMORY = ":memory:"
GUARD_MESSAGES = (
    "record a correction instead",
    "record another correction instead",
    "record a new attendance entry instead",
    "the journal is append-only",
    "a journal entry must follow the last entry",
    "a motion that was put to a vote cannot be deleted",
    "a correction is recorded only after the vote has closed",
)
log = logging.getLogger(__name__)
PAGE_CACHE_KIB = 16 * 1024  # per connection: a ten-year record's votes stay in memory between reads (default 2 MiB)


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    cursor.close()


def _begin(connection: Any) -> None:
    if connection.get_execution_options().get("tac_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(path: Path | str) -> Engine:
    """An engine whose every connection uses WAL, synchronous=FULL, foreign keys and a busy timeout."""
    if str(path) == MEMORY:
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(
            URL.create("sqlite", database=str(path)),  # taken as is: '?', '#' or '%' in a folder name stay
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _make_private_file(path: Path) -> None:
    """Create an empty record file 0600 inside a 0700 folder (umask notwithstanding)."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def _restrict_companions(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            with suppress(OSError):
                os.chmod(companion, 0o600)


class Database:
    """An open record: an engine plus read and write sessions."""

    def __init__(
        self,
        engine: Engine,
        path: Path | None,
        *,
        read_only: bool = False,
        lock: record_lock.LockHandle | None = None,
    ) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        self.lock = lock
        self._writer = engine.execution_options(tac_write=True)

    @property
    def unclean_shutdown(self) -> bool:
        """True when the last session on this record ended without closing it (its lock was left behind)."""
        return self.lock is not None and self.lock.stale is not None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            session.info[READ_ONLY_SESSION] = True  # repositories may memoise within it
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction (BEGIN IMMEDIATE) for one user action: all of it is saved, or none.

        Raises:
            RecordError: when the record is read-only, locked by another program, or the disk is full.
        """
        if self.read_only:
            raise RecordError("this record is open read-only; nothing can be changed")
        try:
            with Session(self._writer, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except OperationalError as error:
            raise _explain(error) from error
        except IntegrityError as error:
            text = str(error.orig) if error.orig is not None else str(error)
            if any(message in text for message in GUARD_MESSAGES):
                raise Refused(text) from error
            raise
        if self.path is not None:
            _restrict_companions(self.path)

    def dispose(self) -> None:
        """Close every connection and release the record's lock."""
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def _explain(error: OperationalError) -> RecordError:
    text = str(error.orig) if error.orig is not None else str(error)
    if "full" in text:
        return RecordError("disk full: nothing from this action was saved; earlier records are safe")
    if "locked" in text or "busy" in text:
        return RecordError("the record is in use by another program: nothing was saved; try again")
    if "readonly" in text or "read-only" in text:
        return RecordError("the record cannot be written (read-only file or folder): nothing was saved")
    return RecordError(f"the record could not be written ({text}): nothing was saved")


def open_database(path: Path | str, *, create: bool = True, daily_backup: bool = True) -> Database:
    """Open (and create or upgrade) the record at ``path``; ``":memory:"`` for a throw-away record.

    Before anything writes to an existing file it is checked: a file from a newer version, a foreign,
    empty or damaged file is refused untouched. A read-only file or folder opens read-only
    (``database.read_only``). Otherwise the single-instance lock is taken (released by
    :meth:`Database.dispose`), a verified backup is made before any migration, and the day's backup
    when one is due.

    Raises:
        RecordError: naming the problem (another program holds the record, the file is damaged, ...);
            the file is left untouched.

    With ``daily_backup=False`` the caller makes the day's backup itself (the window does it in the
    background once the record is on screen).
    """
    from tac_desk.storage.migrate import upgrade

    if str(path) == MEMORY:
        engine = make_engine(MEMORY)
        upgrade(engine)
        return Database(engine, None)
    file_path = Path(path).expanduser()
    state: FileState = inspect_record(file_path)
    if state.exists and _is_read_only(file_path):
        _refuse_damaged(file_path)
        return _open_read_only(file_path)
    if not state.exists:
        if not create:
            raise RecordError(f"there is no record at {file_path}")
        _create_private_folder(file_path.parent)
    handle = _lock(file_path)
    try:
        if state.exists:
            _refuse_damaged(file_path)
        else:
            _create_private_file(file_path)
        engine = make_engine(file_path)
        if not state.is_current:
            if state.revision is not None:
                _backup_before_migration(file_path)
            try:
                upgrade(engine)
            except OperationalError as error:
                engine.dispose()
                raise _explain(error) from error
        elif daily_backup:
            _daily_backup(file_path)
    except BaseException:
        handle.release()
        raise
    _restrict_companions(file_path)
    return Database(engine, file_path, lock=handle)


def _lock(path: Path) -> record_lock.LockHandle:
    try:
        return record_lock.acquire(path)
    except OSError as error:
        raise RecordError(f"cannot create the lock file beside {path}: {error.strerror}") from error


def _create_private_folder(folder: Path) -> None:
    if folder.exists():
        return
    try:
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    except OSError as error:
        raise RecordError(f"cannot create the folder {folder}: {error.strerror}") from error


def _create_private_file(path: Path) -> None:
    try:
        _make_private_file(path)
    except OSError as error:
        raise RecordError(f"cannot create a record at {path}: {error.strerror}") from error


def _refuse_damaged(path: Path) -> None:
    from tac_desk.storage.integrity import damage

    problem = damage(path, idle=True)
    if problem is not None:
        raise RecordError(
            f"{path.name} is damaged ({problem}); restore a backup (tac-desk restore FILE). The file was not changed."
        )


def _open_read_only(path: Path) -> Database:
    from tac_desk.storage.integrity import connect_read_only

    # one connection per thread: the window reads while a background check reads too
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path), poolclass=SingletonThreadPool)
    return Database(engine, path, read_only=True)


def _backup_before_migration(path: Path) -> None:
    from tac_desk.storage.backup import create_backup

    try:
        create_backup(path, kind="pre-migration")
    except RecordError as error:
        raise RecordError(f"the record was not upgraded, as no verified backup could be made first: {error}") from error


def _daily_backup(path: Path) -> None:
    from tac_desk.storage.backup import daily_backup

    try:
        daily_backup(path)
    except RecordError as error:  # the record itself is fine; the next opening tries again
        log.warning("daily backup skipped: %s", error)


def _is_read_only(path: Path) -> bool:
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
