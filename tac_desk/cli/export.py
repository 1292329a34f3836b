"""``tac-desk export minutes|calendar``: write the record's documents to files."""

from __future__ import annotations

import importlib
from typing import Any

EXPORT_MODULES = ("tac_desk.cli.export_minutes", "tac_desk.cli.export_calendar")


def register(commands: Any) -> None:
    """Register the ``export`` group and its sub-commands."""
    parser = commands.add_parser("export", help="export minutes or calendar files", description="export documents")
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for name in EXPORT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(kinds)
