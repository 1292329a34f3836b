"""Composition root: settings -> record -> services -> main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "TAC Desk is a desktop app and no display was found: run it in a desktop session, "
    "or without a screen use `xvfb-run make run`."
)


def has_display() -> bool:
    """True when Qt can open a window here (a display, Wayland, or an explicit QPA platform)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def main(record: Path | None = None, argv: list[str] | None = None) -> int:
    """Open the desktop app on ``record`` (default: the last record used, else the user's default record).

    Returns:
        The exit status: 0 on a normal quit, 2 when no display is available.
    """
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from tac_desk.ui.application import run

    return run(record=record, argv=argv if argv is not None else sys.argv[:1])


def gui_entry() -> int:
    """Entry point of the ``tac-desk-gui`` launcher."""
    return main()


if __name__ == "__main__":
    raise SystemExit(main())
