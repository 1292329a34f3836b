"""The engine module: the only place that knows the record is SQLite (pragmas, locking, migration)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from tac_desk.domain.errors import RecordError
from tac_desk.storage.inspect import FileState, has_wal_content, inspect_record

BUSY_TIMEOUT_MS = 5000
MEMORY = ":memory:"


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
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


def _create_private_file(path: Path) -> None:
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

    def __init__(self, engine: Engine, path: Path | None, *, read_only: bool = False) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        self._writer = engine.execution_options(tac_write=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
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
        if self.path is not None:
            _restrict_companions(self.path)

    def dispose(self) -> None:
        """Close every connection."""
        self.engine.dispose()


def _explain(error: OperationalError) -> RecordError:
    text = str(error.orig) if error.orig is not None else str(error)
    if "full" in text:
        return RecordError("the disk is full: nothing from this action was saved; earlier records are safe")
    if "locked" in text or "busy" in text:
        return RecordError("the record is in use by another program: nothing was saved; try again")
    if "readonly" in text or "read-only" in text:
        return RecordError("the record cannot be written (read-only file or folder): nothing was saved")
    return RecordError(f"the record could not be written ({text}): nothing was saved")


def open_database(path: Path | str, *, create: bool = True) -> Database:
    """Open (and create or upgrade) the record at ``path``; ``":memory:"`` for a throw-away record.

    A file from a newer version, a foreign or damaged file is refused before anything writes to it.

    Raises:
        RecordError: naming the problem; the file is left untouched.
    """
    from tac_desk.storage.migrate import upgrade

    if str(path) == MEMORY:
        engine = make_engine(MEMORY)
        upgrade(engine)
        return Database(engine, None)
    file_path = Path(path).expanduser()
    state: FileState = inspect_record(file_path)
    if not state.exists:
        if not create:
            raise RecordError(f"there is no record at {file_path}")
        try:
            _create_private_file(file_path)
        except OSError as error:
            raise RecordError(f"cannot create a record at {file_path}: {error.strerror}") from error
    read_only = _is_read_only(file_path)
    engine = make_engine(file_path)
    if read_only:
        engine.dispose()
        query = {"mode": "ro", "uri": "true"}
        if not os.access(file_path.parent, os.W_OK) and not has_wal_content(file_path):
            query["immutable"] = "1"  # no -shm can be made in the folder, and nothing can change the file
        read_only_uri = URL.create("sqlite", database=file_path.resolve().as_uri(), query=query)
        engine = create_engine(
            read_only_uri, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        return Database(engine, file_path, read_only=True)
    if not state.is_current:
        try:
            upgrade(engine)
        except OperationalError as error:
            engine.dispose()
            raise _explain(error) from error
    _restrict_companions(file_path)
    return Database(engine, file_path)


def _is_read_only(path: Path) -> bool:
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
