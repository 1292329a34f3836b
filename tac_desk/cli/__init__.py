"""The ``tac-desk`` command line: one sub-module per command group, all calling the services."""

from __future__ import annotations

import argparse
import sys

from tac_desk import __version__
from tac_desk.cli import common
from tac_desk.domain.errors import TacError

COMMAND_MODULES = ("tac_desk.cli.gui",)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command group registered."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="tac-desk",
        description="TAC Desk: meetings, quorum, votes, minutes and calendars for a Technical Advisory Committee.",
    )
    parser.add_argument("--version", action="version", version=f"tac-desk {__version__}")
    common.add_db_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 refused or bad input, 2 usage)."""
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from tac_desk.cli.gui import run_gui

        return run_gui(args)
    try:
        return int(args.handler(args) or 0)
    except TacError as error:
        common.fail(str(error))
        return 1
    except KeyboardInterrupt:
        common.fail("interrupted; nothing half-done was saved")
        return 130
