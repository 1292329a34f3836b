"""``tac-desk init``: a new, empty record with the default decision types."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command, emit, opened, record_path, removed_on_failure
from tac_desk.domain.errors import RecordError

DEFAULT_NAME = "Technical Advisory Council"
DEFAULT_ZONE = "UTC"


def register(commands: Any) -> None:
    """Register ``init``."""
    parser = command(
        commands, "init", "start a new, empty record with the default decision types", run, json_output=True
    )
    parser.add_argument("--name", default=DEFAULT_NAME, help=f"the committee's name (default: {DEFAULT_NAME})")
    parser.add_argument("--tz", default=DEFAULT_ZONE, metavar="ZONE", help="its home time zone, e.g. Europe/Paris")


def run(args: argparse.Namespace) -> int:
    """Create the record file and its committee; nothing is left behind when that fails."""
    from tac_desk.services.common import clean_text, clean_zone

    name = clean_text(args.name, what="the committee's name", limit=200)
    zone = clean_zone(args.tz)
    path = record_path(args)
    if path.exists():
        raise RecordError(f"a record already exists at {path}; choose another --db PATH to start a new one")
    from tac_desk.services import setup  # after the checks: bad input fails fast

    with removed_on_failure(path), opened(args, create=True) as database, database.write() as session:
        body = setup.create_body(session=session, name=name, timezone=zone)
        data = {
            "id": body.id,
            "path": str(path),
            "name": body.name,
            "timezone": body.timezone,
            "decision_types": [{"key": kind.key, "rule": kind.rule.words()} for kind in body.decision_types],
        }
    emit(args, data, f"New record for {body.name} ({body.timezone}) at {path}")
    return 0
