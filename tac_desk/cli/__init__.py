"""The ``tac-desk`` command line: one sub-module per command group, all calling the services."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from tac_desk import __version__
from tac_desk.cli import common
from tac_desk.domain.errors import TacError
from tac_desk.launch import gui_record

COMMAND_MODULES = (
    "tac_desk.cli.gui",
    "tac_desk.cli.init",
    "tac_desk.cli.demo",
    "tac_desk.cli.member",
    "tac_desk.cli.meeting",
    "tac_desk.cli.motion",
    "tac_desk.cli.project",
    "tac_desk.cli.ballot",
    "tac_desk.cli.tally",
    "tac_desk.cli.action",
    "tac_desk.cli.export",
    "tac_desk.cli.minutes",
    "tac_desk.cli.integrity",
)

DEBUG_ENV = "TAC_DESK_DEBUG"


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit 2)."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error in one line, pointing at --help."""
        self.exit(2, f"{self.prog}: {common.one_line(message)} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command group registered."""
    import importlib

    parser = Parser(
        prog="tac-desk",
        description="TAC Desk: meetings, quorum, votes, minutes and calendars for a Technical Advisory Committee.",
        epilog="Without a command, the desktop app opens. Every command takes --db PATH and --help.",
    )
    parser.add_argument("--version", action="version", version=f"tac-desk {__version__}")
    common.add_db_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue  # a command group listed ahead of its module
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 refused or bad input, 2 usage).

    Every failure is reported as one line on stderr; set TAC_DESK_DEBUG=1 to see the traceback of
    an unexpected error.
    """
    args_list = sys.argv[1:] if argv is None else argv
    fast = gui_record(args_list)
    if fast is not None:
        from tac_desk.app import main as app_main

        return app_main(record=fast[0])
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            from tac_desk.cli.gui import run_gui

            return int(run_gui(args) or 0)
        return int(args.handler(args) or 0)
    except TacError as error:
        common.fail(str(error))
        return 1
    except KeyboardInterrupt:
        common.fail("interrupted; nothing half-done was saved")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as error:  # the last guard: one line, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        common.fail(f"unexpected error ({type(error).__name__}: {error}); set {DEBUG_ENV}=1 for details")
        return 1


def _silence_stdout() -> None:
    """After the reader of our output went away, keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
