"""``tac-desk demo``: write a realistic demo record (the same command gives the same record)."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from tac_desk.cli.common import command, emit, opened, record_path, removed_on_failure
from tac_desk.domain.errors import RecordError

DEMO_MODULE = "tac_desk.services.demo"


def register(commands: Any) -> None:
    """Register ``demo``."""
    command(
        commands,
        "demo",
        "write a demo record: a year of meetings, seats, alternates, votes and action items",
        run,
        json_output=True,
    )


def run(args: argparse.Namespace) -> int:
    """Build the demo into a new record file; nothing is left behind when that fails."""
    import importlib

    path = record_path(args)
    if path.exists():
        raise RecordError(f"a record already exists at {path}; the demo writes a new record: choose another --db PATH")
    try:
        demo = importlib.import_module(DEMO_MODULE)
    except ModuleNotFoundError as error:
        if error.name != DEMO_MODULE:
            raise
        raise RecordError("this build of TAC Desk has no demo record") from error
    with removed_on_failure(path), opened(args, create=True) as database, database.write() as session:
        summary = demo.build_demo(session=session)
    data: dict[str, Any] = {"path": str(path)}
    data.update(_plain(summary))
    emit(args, data, f"Demo record written to {path}")
    return 0


def _plain(summary: object) -> dict[str, Any]:
    """Whatever the demo builder reports about what it made, as JSON-ready data."""
    if isinstance(summary, dict):
        return {str(k): v for k, v in summary.items()}
    if dataclasses.is_dataclass(summary) and not isinstance(summary, type):
        return dataclasses.asdict(summary)
    return {}
