"""Shared command-line plumbing: the --db and --json options, opening the record, parsing, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tac_desk.domain.errors import RecordError
from tac_desk.paths import default_record

if TYPE_CHECKING:
    from sqlmodel import Session

    from tac_desk.storage.database import Database


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (default: the user's record) to a parser."""
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the record file (default: the record in your user-data folder)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--json`` to a parser."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def command(
    commands: Any, name: str, help_text: str, handler: Any, *, json_output: bool = False
) -> argparse.ArgumentParser:
    """Register a sub-command with the shared options and its handler."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text, description=help_text)
    add_db_option(parser)
    if json_output:
        add_json_option(parser)
    parser.set_defaults(handler=handler)
    return parser


def group(commands: Any, name: str, help_text: str) -> Any:
    """Register a command group (``member``, ``meeting``, ...) and return its sub-command registry."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text, description=help_text)
    add_db_option(parser)
    return parser.add_subparsers(dest=f"{name}_action", metavar="ACTION", required=True)


def record_path(args: argparse.Namespace) -> Path:
    """The record the command works on."""
    return Path(getattr(args, "db", None) or default_record()).expanduser()


def missing_record_message(path: Path) -> str:
    """The one line shown when a command needs a record that does not exist."""
    return (
        f"there is no record at {path}: run 'tac-desk init' to start an empty one, "
        "or 'tac-desk demo' for a demo record (add --db PATH to choose where)"
    )


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False) -> Iterator[Database]:
    """Open the record for the command (refusing to create one unless asked).

    Raises:
        RecordError: when the record is missing (and ``create`` is false), damaged or foreign.
    """
    from tac_desk.storage.database import open_database

    path = record_path(args)
    if not create and not path.exists():
        raise RecordError(missing_record_message(path))
    database = open_database(path, create=create)
    try:
        yield database
    finally:
        database.dispose()


@contextmanager
def reading(args: argparse.Namespace) -> Iterator[Session]:
    """A read session on the command's record."""
    with opened(args) as database, database.read() as session:
        yield session


@contextmanager
def writing(args: argparse.Namespace) -> Iterator[Session]:
    """One write transaction on the command's record: all of it is saved, or nothing."""
    with opened(args) as database, database.write() as session:
        yield session


@contextmanager
def removed_on_failure(path: Path) -> Iterator[Path]:
    """Delete the record file at ``path`` if it is created inside the block and the block fails."""
    existed = path.exists()
    try:
        yield path
    except BaseException:
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with suppress(OSError):
                    Path(f"{path}{suffix}").unlink()
        raise


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON when --json was given, else ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def one_line(message: str) -> str:
    """Collapse a message onto one line (stderr carries exactly one line per failure)."""
    return " ".join(message.split()) or "failed"


def fail(message: str) -> None:
    """Print one clear line on stderr."""
    print(f"tac-desk: {one_line(message)}", file=sys.stderr)


def parse_day(text: str | None) -> date | None:
    """Parse an optional YYYY-MM-DD option.

    Raises:
        InvalidInput: naming the expected format.
    """
    from tac_desk.domain.schedule import parse_day as parse

    return None if text is None else parse(text)


def parse_local(text: str) -> datetime:
    """Parse a YYYY-MM-DDTHH:MM option into a wall-clock time.

    Raises:
        InvalidInput: naming the expected format.
    """
    import re

    from tac_desk.domain.schedule import ScheduleError
    from tac_desk.domain.schedule import parse_local as parse

    if not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}\s*", text):  # a date alone is not a meeting time
        raise ScheduleError(f"'{text}' is not a date and time: write YYYY-MM-DDTHH:MM")
    return parse(text)


def day_text(value: date | None) -> str:
    """A date for text output, or a dash."""
    return "—" if value is None else value.isoformat()


def minutes_text(value: datetime) -> str:
    """A wall-clock time for text output, e.g. ``2030-01-10 16:00``."""
    return value.strftime("%Y-%m-%d %H:%M")
