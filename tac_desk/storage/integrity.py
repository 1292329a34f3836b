"""Check a record file: SQLite's own checks, the guards, the journal's hash chain and a replay of the journal."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tac_desk.domain.chain import GENESIS
from tac_desk.domain.errors import RecordError
from tac_desk.storage.replay import Problem, replay_problems
from tac_desk.storage.verdict import Anchor, Report, check_anchor, check_chain

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine  # only a type here: checking a file needs nothing but sqlite3

GUARDS_SINCE = "0002"
GUARD_TRIGGERS = (
    "guard_journal_insert",
    "guard_journal_update",
    "guard_journal_delete",
    "guard_ballot_update",
    "guard_ballot_delete",
    "guard_ballot_insert_closed",
    "guard_motion_update_closed",
    "guard_motion_delete",
    "guard_attendance_update",
    "guard_attendance_delete",
    "guard_correction_insert_open",
    "guard_correction_update",
    "guard_correction_delete",
)


def has_wal_content(path: Path) -> bool:
    """True when a non-empty -wal file beside ``path`` may hold commits not yet in the main file."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path, *, idle: bool | None = None) -> sqlite3.Connection:
    """A connection that cannot change a byte of ``path``.

    Args:
        path: the record (or backup) file.
        idle: True when nothing else can be writing the file now (the caller holds its lock): it is
            then read as immutable when its -wal is empty, which leaves no -wal or -shm behind.
            None decides by the absence of a lock file beside it.

    Raises:
        RecordError: when the file cannot be opened, or unsaved changes sit in a -wal file that a
            read-only folder makes unreadable.
    """
    from tac_desk.storage.lock import lock_path

    if idle is None:
        idle = not lock_path(path).exists()
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal_content = has_wal_content(path)
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists():
        if wal_content:
            raise RecordError(
                f"{path.name} has changes in its -wal file and its folder is read-only; "
                "copy the record and its -wal file to a writable folder"
            )
        idle = True
    if idle and not wal_content:
        uri += "&immutable=1"
    try:
        return sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
    except sqlite3.Error as error:
        raise RecordError(f"{path} cannot be read: {error}") from error


@contextmanager
def read_only(path: Path, *, idle: bool | None = None) -> Iterator[sqlite3.Connection]:
    """:func:`connect_read_only`, closed afterwards."""
    with closing(connect_read_only(path, idle=idle)) as connection:
        yield connection


def damage(path: Path, *, idle: bool | None = None) -> str | None:
    """SQLite's quick check of a file, read-only: None when sound, else what is wrong."""
    try:
        with read_only(path, idle=idle) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    messages = [str(row[0]) for row in rows]
    return None if messages == ["ok"] else "; ".join(messages[:3])


def read_entries(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Every journal row as raw values (text as bytes, so a damaged byte cannot stop the reading)."""
    return connection.execute(
        "SELECT seq, CAST(recorded_at AS BLOB), CAST(kind AS BLOB), CAST(payload AS BLOB),"
        " CAST(prev_hash AS BLOB), CAST(hash AS BLOB) FROM journal ORDER BY seq"
    ).fetchall()


def entry_hashes(connection: sqlite3.Connection) -> dict[int, str]:
    """Each journal entry's stored hash by number (damaged values as read, never raising)."""
    rows = connection.execute("SELECT seq, CAST(hash AS BLOB) FROM journal").fetchall()
    return {int(seq): bytes(digest or b"").decode("utf-8", "replace") for seq, digest in rows if isinstance(seq, int)}


def chain_head(connection: sqlite3.Connection) -> tuple[int, str]:
    """The last entry's number and hash ((0, GENESIS) for an empty journal)."""
    row = connection.execute("SELECT seq, CAST(hash AS BLOB) FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    return int(row[0]), bytes(row[1] or b"").decode("utf-8", "replace")


def verify_connection(connection: sqlite3.Connection, *, quick: bool = False, anchor: Anchor | None = None) -> Report:
    """Run every check on an open connection (nothing is written).

    Args:
        connection: a connection to the record.
        quick: SQLite's quick_check instead of integrity_check, and no replay (for open time).
        anchor: an outside copy of an earlier chain head to compare with.
    """
    own_transaction = not connection.in_transaction
    text_factory = connection.text_factory
    connection.text_factory = _lenient_text  # a damaged byte in any table must not stop the checks
    if own_transaction:
        connection.execute("BEGIN")  # one snapshot: a write landing meanwhile cannot look like a mismatch
    try:
        return _verify(connection, quick=quick, anchor=anchor)
    finally:
        if own_transaction:
            connection.execute("ROLLBACK")
        connection.text_factory = text_factory


def _lenient_text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


class _Fetched:
    """Rows already read, answering ``fetchall()`` as a cursor would."""

    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self._rows = rows

    def fetchall(self) -> list[tuple[object, ...]]:
        """Every row."""
        return self._rows


class _StrictFirst:
    """A connection for the replay: text decoded the fast strict way, leniently only when a damaged byte needs it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, /) -> _Fetched:
        """Run one query and read all its rows (in the connection's snapshot, so reading twice sees the same)."""
        connection = self._connection
        factory = connection.text_factory
        connection.text_factory = str
        try:
            return _Fetched(connection.execute(sql).fetchall())
        except (sqlite3.Error, ValueError):
            pass  # a value is not UTF-8 (or the file is damaged): read again as the checks always read
        finally:
            connection.text_factory = factory
        return _Fetched(connection.execute(sql).fetchall())


def _verify(connection: sqlite3.Connection, *, quick: bool, anchor: Anchor | None) -> Report:
    problems: list[Problem] = []
    checks = ["quick_check" if quick else "integrity_check", "foreign_keys", "guards", "chain"]
    try:
        rows = connection.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        if [str(r[0]) for r in rows] != ["ok"]:
            details = "; ".join(str(r[0]) for r in rows[:3])
            problems.append(Problem("integrity", f"SQLite finds the file damaged: {details}"))
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(Problem("foreign_keys", f"{table} row {rowid} refers to a missing {parent}"))
        tables = {str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision_row = (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in tables
            else None
        )
        revision = "" if revision_row is None else str(revision_row[0])
        if revision >= GUARDS_SINCE:
            triggers = {str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
            for name in GUARD_TRIGGERS:
                if name not in triggers:
                    problems.append(Problem("guards", f"the guard {name} is missing: the record can be edited"))
        if "journal" not in tables:
            problems.append(Problem("schema", "the record has no journal"))
            return Report(tuple(problems), 0, 0, GENESIS, tuple(checks))
        raw = read_entries(connection)
        entries, chain_problems = check_chain(raw)
        problems.extend(chain_problems)
        if anchor is not None:
            checks.append("anchor")
            problems.extend(check_anchor(raw, anchor))
        if not quick:
            checks.append("replay")
            problems.extend(replay_problems(_StrictFirst(connection), entries, tables))
        head_seq, head_hash = chain_head(connection)
    except sqlite3.DatabaseError as error:
        problems.append(Problem("integrity", f"the record cannot be read: {error}"))
        return Report(tuple(problems), 0, 0, GENESIS, tuple(checks))
    return Report(tuple(problems), len(raw), head_seq, head_hash, tuple(checks))


def verify_file(path: Path, *, quick: bool = False, anchor: Anchor | None = None) -> Report:
    """Check a record file read-only (safe on a damaged file, a backup, or while the app has it open).

    Raises:
        RecordError: when the file does not exist or cannot be opened at all.
    """
    if not path.is_file():
        raise RecordError(f"there is no record at {path}")
    try:
        with read_only(path) as connection:
            return verify_connection(connection, quick=quick, anchor=anchor)
    except sqlite3.DatabaseError as error:
        problem = Problem("integrity", f"the record cannot be read: {error}")
        return Report((problem,), 0, 0, GENESIS, ("integrity_check",))


def verify_engine(engine: Engine, *, quick: bool = False, anchor: Anchor | None = None) -> Report:
    """Run every check through one of an open record's own connections (works for in-memory records too)."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        return verify_connection(connection, quick=quick, anchor=anchor)
    finally:
        raw.close()
