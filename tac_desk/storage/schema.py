"""What a TAC Desk record file is: its application id and the schema revisions this version knows."""

from __future__ import annotations

APPLICATION_ID = 0x54414344  # "TACD"
SCHEMA_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003")
HEAD_REVISION = SCHEMA_REVISIONS[-1]
SQLITE_MAGIC = b"SQLite format 3\x00"
