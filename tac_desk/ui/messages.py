"""Message boxes that always show user text as plain text."""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from tac_desk.paths import log_dir


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    from PySide6.QtCore import Qt  # here, not at import: the Qt namespace is costly and the first paint needs none

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Explain why an action was not done (plain text)."""
    text = text[:1].upper() + text[1:]
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something (plain text)."""
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def confirm(parent: QWidget | None, title: str, text: str, *, action: str = "OK") -> bool:
    """Ask a yes/no question; True when the user confirms."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def error_with_details(parent: QWidget | None, error: BaseException) -> None:
    """Report an unexpected fault: what happened, that nothing was saved, and where the log is."""
    box = _box(
        parent,
        QMessageBox.Icon.Critical,
        "Something went wrong",
        f"TAC Desk hit an unexpected problem: {error}\n\nNothing from this action was saved; "
        f"your earlier records are safe. Details were written to {log_dir() / 'tac-desk.log'}.",
    )
    box.setDetailedText("".join(traceback.format_exception(error)))
    box.exec()
