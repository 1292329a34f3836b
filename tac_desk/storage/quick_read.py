"""The first screen without the ORM: the meetings list read with sqlite3, read-only, while SQLAlchemy loads."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from tac_desk.domain.model import Meeting
from tac_desk.storage.columns import MEETING_COLUMNS, MeetingColumns, numbered
from tac_desk.storage.inspect import inspect_record
from tac_desk.storage.integrity import connect_read_only


def meetings_snapshot(path: Path) -> tuple[str, list[Meeting]]:
    """The committee's name and every meeting, as :func:`repositories.meetings` gives them.

    Raises:
        RecordError: when the file is not a record this version can read (then open it normally to explain).
    """
    state = inspect_record(path)
    if not state.exists or not state.is_current:
        from tac_desk.domain.errors import RecordError

        raise RecordError(f"{path} needs the full opening (missing or to be upgraded)")
    with closing(connect_read_only(path)) as connection:
        body = connection.execute("SELECT name FROM body ORDER BY id LIMIT 1").fetchone()
        rows = connection.execute(f"SELECT {MEETING_COLUMNS} FROM meeting ORDER BY start_utc, id").fetchall()
    return (str(body[0]) if body else ""), numbered(MeetingColumns(*row) for row in rows)
