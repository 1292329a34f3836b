"""The only module that names icon files; standard icons come from the platform style."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from tac_desk.paths import resources_dir

_STANDARD = {
    "meetings": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "roster": QStyle.StandardPixmap.SP_DirHomeIcon,
    "projects": QStyle.StandardPixmap.SP_DirIcon,
    "decisions": QStyle.StandardPixmap.SP_DialogApplyButton,
    "actions": QStyle.StandardPixmap.SP_FileDialogListView,
    "electronic": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
}


def app_icon() -> QIcon:
    """The application icon (SVG source, PNG fallbacks)."""
    folder = resources_dir() / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = folder / f"tac-desk-{size}.png"
        if png.exists():
            icon.addFile(str(png), QSize(size, size))  # sized: read when drawn, not now
    svg = folder / "tac-desk.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


def standard(name: str) -> QIcon:
    """A platform icon for a navigation entry or action."""
    style = QApplication.style()
    return style.standardIcon(_STANDARD.get(name, QStyle.StandardPixmap.SP_FileIcon))
