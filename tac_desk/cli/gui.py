"""``tac-desk gui``: open the desktop app (Qt is imported only here, and only when asked)."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command


def register(commands: Any) -> None:
    """Register ``gui``."""
    command(commands, "gui", "open the desktop app", run_gui)


def run_gui(args: argparse.Namespace) -> int:
    """Open the desktop window on the chosen record."""
    from tac_desk.app import main as app_main

    db = getattr(args, "db", None)
    return app_main(record=db)
