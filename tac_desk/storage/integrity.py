"""Check a record file: SQLite's own checks, the guards, the journal's hash chain and a replay of the journal."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from tac_desk.domain.chain import GENESIS, entry_hash
from tac_desk.domain.errors import RecordError
from tac_desk.storage.replay import Entry, Problem, replay_problems

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


@dataclass(frozen=True)
class Anchor:
    """An outside copy of the chain head (printed in the minutes, kept in the settings)."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """Read "SEQ:HASH" (as printed by ``tac-desk verify``).

        Raises:
            RecordError: when the text is not a number, a colon and 64 hexadecimal digits.
        """
        seq_text, _, digest = text.strip().partition(":")
        digest = digest.strip().lower()
        if not seq_text.strip().isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise RecordError(f"'{text}' is not a record digest; write it as SEQ:HASH (64 hexadecimal digits)")
        return cls(int(seq_text), digest)


@dataclass(frozen=True)
class Report:
    """The verdict on one record: every problem found, the first bad entry, the chain head."""

    problems: tuple[Problem, ...]
    entries: int
    head_seq: int
    head_hash: str
    checks: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        """The lowest journal entry number any problem names, if any does."""
        seqs = [p.seq for p in self.problems if p.seq is not None]
        return min(seqs) if seqs else None

    @property
    def digest(self) -> str:
        """The chain head as "SEQ:HASH"."""
        return f"{self.head_seq}:{self.head_hash}"

    def first_problem(self) -> Problem | None:
        """The problem to name first: a file-level one, else the one at the lowest entry."""
        if not self.problems:
            return None
        return sorted(self.problems, key=lambda p: (p.seq is not None, p.seq or 0))[0]

    def summary(self) -> str:
        """One sentence for a banner or a terminal."""
        first = self.first_problem()
        if first is None:
            return f"The record is sound: {self.entries} journal entries, head {self.digest}."
        more = len(self.problems) - 1
        tail = f" ({more} more problem{'s' if more != 1 else ''})" if more else ""
        return f"The record is NOT sound: {first.message}{tail}."

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "first_bad_seq": self.first_bad_seq,
            "checks": list(self.checks),
            "problems": [p.to_dict() for p in self.problems],
            "summary": self.summary(),
        }


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


def check_chain(rows: list[tuple[object, ...]]) -> tuple[list[Entry], list[Problem]]:
    """Recompute the chain: numbers 1, 2, 3, ... each hash over its content and its predecessor's hash."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    expected, previous = 1, GENESIS
    for raw_seq, *raw in rows:
        if not isinstance(raw_seq, int) or isinstance(raw_seq, bool):
            problems.append(Problem("sequence", f"entry #{expected} has a damaged number ({raw_seq!r})", expected))
            expected += 1
            continue
        seq = raw_seq
        if seq > expected:
            missing = f"#{expected}" if seq == expected + 1 else f"#{expected}-#{seq - 1}"
            problems.append(Problem("sequence", f"entry {missing} is missing from the journal", expected))
        try:
            recorded_at, kind, payload, prev_hash, stored = (_text(value) for value in raw)
        except ValueError:
            problems.append(Problem("chain", f"entry #{seq} holds damaged text", seq))
            expected, previous = seq + 1, ""
            continue
        if prev_hash != previous:
            problems.append(Problem("chain", f"entry #{seq} does not link to the entry before it", seq))
        payload_bytes = payload.encode("utf-8")
        computed = entry_hash(seq=seq, recorded_at=recorded_at, kind=kind, payload=payload_bytes, prev_hash=prev_hash)
        if computed != stored:
            problems.append(Problem("chain", f"entry #{seq} was altered: its hash does not match its content", seq))
        try:
            data = json.loads(payload)
        except ValueError:
            problems.append(Problem("chain", f"entry #{seq} does not hold valid JSON", seq))
            data = None
        if isinstance(data, dict):
            entries.append(Entry(seq=seq, recorded_at=recorded_at, kind=kind, payload=data))
        expected, previous = seq + 1, stored
    return entries, problems


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if value is None:
        raise ValueError("missing")
    return str(value)


def check_anchor(rows: list[tuple[object, ...]], anchor: Anchor) -> list[Problem]:
    """Compare the chain with an outside copy of an earlier head: truncation or rewriting shows here."""
    by_seq = {row[0]: row[5] for row in rows}
    head = max((s for s in by_seq if isinstance(s, int)), default=0)
    if anchor.seq > head:
        return [
            Problem(
                "anchor",
                f"the journal ends at #{head} but the outside digest names #{anchor.seq}: "
                f"entries #{head + 1}-#{anchor.seq} are missing",
                head + 1,
            )
        ]
    stored = by_seq.get(anchor.seq)
    text = stored.decode("utf-8", "replace") if isinstance(stored, bytes) else str(stored)
    if text != anchor.hash:
        return [Problem("anchor", f"entry #{anchor.seq} differs from the outside copy of the digest", anchor.seq)]
    return []


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
            problems.extend(replay_problems(connection, entries, tables))
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
