"""Shared command-line plumbing: the --db and --json options, opening the record, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tac_desk.paths import default_record


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


def record_path(args: argparse.Namespace) -> Path:
    """The record the command works on."""
    return Path(getattr(args, "db", None) or default_record()).expanduser()


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False) -> Iterator[Any]:
    """Open the record for the command (refusing to create one unless asked)."""
    from tac_desk.storage.database import open_database

    database = open_database(record_path(args), create=create)
    try:
        yield database
    finally:
        database.dispose()


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON when --json was given, else ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def fail(message: str) -> None:
    """Print one clear line on stderr."""
    print(f"tac-desk: {message}", file=sys.stderr)
