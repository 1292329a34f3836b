"""The ``tac-desk`` command line (placeholder until the full command set lands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--version":
        from tac_desk import __version__

        print(f"tac-desk {__version__}")
        return 0
    return 0
