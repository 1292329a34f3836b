"""Decide, before anything heavy is imported, whether a command line just opens the window."""

from __future__ import annotations

from pathlib import Path


def gui_record(args: list[str]) -> tuple[Path | None] | None:
    """``tac-desk``, ``tac-desk gui`` and either with ``--db PATH``: the record to open; None for other commands."""
    rest = args[1:] if args[:1] == ["gui"] else list(args)
    if not rest:
        return (None,)
    if len(rest) == 2 and rest[0] == "--db" and not rest[1].startswith("-"):
        return (Path(rest[1]),)
    if len(rest) == 1 and rest[0].startswith("--db=") and len(rest[0]) > 5:
        return (Path(rest[0][5:]),)
    return None
