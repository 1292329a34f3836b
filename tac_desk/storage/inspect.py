"""Look at a record file read-only before anything writes to it (no pragma, no journal change)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tac_desk.domain.errors import RecordError
from tac_desk.storage.schema import APPLICATION_ID, SCHEMA_REVISIONS, SQLITE_MAGIC


@dataclass(frozen=True)
class FileState:
    """What a record file holds, read without changing a byte."""

    exists: bool
    revision: str | None = None

    @property
    def is_current(self) -> bool:
        """True when the schema is at this version's head."""
        return self.revision == SCHEMA_REVISIONS[-1]


def inspect_record(path: Path) -> FileState:
    """Check that ``path`` is a TAC Desk record this version can open.

    Raises:
        RecordError: for an empty, truncated, foreign or damaged file, or one from a newer version.
    """
    if not path.exists():
        return FileState(exists=False)
    if path.is_dir():
        raise RecordError(f"{path} is a folder, not a TAC Desk record")
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) == 0:
        raise RecordError(f"{path} is empty (0 bytes): it is not a TAC Desk record; restore a backup")
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise RecordError(f"{path} is not a TAC Desk record (not an SQLite database, or damaged)")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not has_wal_content(path):
        uri += "&immutable=1"  # nothing outside the main file to read: create no -wal/-shm beside it
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as error:
        raise RecordError(f"{path} cannot be read: {error}") from error
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, APPLICATION_ID):
            raise RecordError(f"{path} belongs to another application (application id {app_id:#x})")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise RecordError(f"{path} is an SQLite database of another application, not a TAC Desk record")
            return FileState(exists=True, revision=None)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise RecordError(f"{path} is damaged or not a TAC Desk record ({error}); restore a backup") from error
    finally:
        connection.close()
    revision = None if row is None else str(row[0])
    if revision is not None and revision not in SCHEMA_REVISIONS:
        raise RecordError(
            f"{path} was made by a newer version of TAC Desk (schema {revision}); "
            "update TAC Desk to open it. The file was not changed."
        )
    return FileState(exists=True, revision=revision)


def has_wal_content(path: Path) -> bool:
    """True when a non-empty -wal file beside ``path`` may hold committed pages not yet in the main file."""
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False
