"""The record's health in the window: checked at opening, a banner when wrong, verify, back up, restore."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.errors import TacError
from tac_desk.ui import messages, style
from tac_desk.ui.background import run_in_background

log = logging.getLogger("tac_desk")


class HealthBanner(QFrame):
    """A banner above the views: read-only record, failed check, or recovery after an unclean shutdown."""

    sig_restore = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Record status")
        self.label = style.plain_label()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore a backup…")
        self.restore_button.clicked.connect(self.sig_restore.emit)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.dismiss)
        self.hide()

    def say(self, kind: str, text: str, *, offer_restore: bool = False) -> None:
        """Show ``text`` in the colours of ``kind`` ("ok", "warn", "bad")."""
        self.label.setText(text)
        self.setStyleSheet(style.banner_css(kind))
        self.restore_button.setVisible(offer_restore)
        self.show()


def anchor_key(path: Path) -> str:
    """The settings key of the chain head last seen for a record (kept outside the record)."""
    return f"anchors/{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]}"  # stable across runs


def check_on_open(window: Any) -> None:
    """Run the quick check (the full one after an unclean shutdown) off the GUI thread; report in the banner."""
    context = window.context
    database = context.database
    banner: HealthBanner = window.health_banner
    banner.hide()
    if database is None:
        return
    if database.read_only:
        banner.say(
            "warn",
            "This record is open read-only (the file or its folder cannot be written): you can view "
            "and export, but nothing can be changed.",
        )
    unclean = bool(getattr(database, "unclean_shutdown", False))
    settings: QSettings = window.settings
    path = context.path

    def work() -> Any:
        from tac_desk.services import integrity

        anchor = _anchor(settings, path)
        if unclean:
            report = integrity.verify(database=database, anchor=anchor)
        else:
            report = integrity.quick_verify(database=database, anchor=anchor)
        if report.ok and path is not None and not database.read_only:
            try:
                integrity.daily_backup(record=path)
            except TacError as error:
                log.warning("the day's backup was not made: %s", error)
        return report

    def done(report: Any) -> None:
        if context.database is not database:
            return  # another record was opened meanwhile
        if not report.ok:
            problem = report.first_problem()
            text = getattr(problem, "message", str(problem))
            banner.say(
                "bad",
                f"This record failed its integrity check: {text}. Nothing was changed. Keep this file for the "
                "record, and restore a verified backup to go on.",
                offer_restore=True,
            )
            return
        if path is not None:
            settings.setValue(anchor_key(path), report.digest)
        if unclean:
            banner.say(
                "ok",
                f"TAC Desk recovered from an unexpected shutdown; the full check passed "
                f"({report.entries} journal entries, digest {report.digest[:20]}…).",
            )

    run_in_background(
        work, on_done=done, on_failed=lambda error: banner.say("bad", f"The record check failed: {error}")
    )


def _anchor(settings: QSettings, path: Path | None) -> Any:
    from tac_desk.services.integrity import Anchor

    if path is None:
        return None
    text = settings.value(anchor_key(path))
    if not text:
        return None
    try:
        return Anchor.parse(str(text))
    except TacError:
        return None


def verify_now(window: Any) -> None:
    """File → Verify record: the full check, with its verdict in a message."""
    database = window.context.database
    if database is None:
        return
    window.statusBar().showMessage("Verifying the record…")

    def work() -> Any:
        from tac_desk.services import integrity

        return integrity.verify(database=database, anchor=_anchor(window.settings, window.context.path))

    def done(report: Any) -> None:
        window.statusBar().clearMessage()
        if report.ok:
            if window.context.path is not None:
                window.settings.setValue(anchor_key(window.context.path), report.digest)
            messages.info(
                window,
                "Record verified",
                f"The record is sound: {report.entries} journal entries, "
                f"SQLite integrity and foreign keys checked, the hash chain and the replay agree.\n\n"
                f"Digest: {report.digest}",
            )
        else:
            lines = "\n".join(f"• {getattr(p, 'message', p)}" for p in report.problems[:8])
            window.health_banner.say("bad", "This record failed its integrity check.", offer_restore=True)
            messages.warn(window, "Record check failed", f"{lines}\n\nFirst bad entry: {report.first_bad_seq}")

    run_in_background(work, on_done=done, on_failed=lambda error: messages.error_with_details(window, error))


def backup_now(window: Any) -> None:
    """File → Back up now."""
    from tac_desk.services import integrity

    path = window.context.path
    if path is None:
        return
    try:
        info = integrity.backup_now(record=path)
    except TacError as error:
        messages.warn(window, "No backup made", str(error))
        return
    window.statusBar().showMessage(f"Verified backup written: {info.path}", 8000)


class RestoreDialog(QDialog):
    """Pick one of the record's verified backups."""

    def __init__(self, backups: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for info in backups:
            head = f"journal up to #{info.head_seq}" if info.head_seq is not None else "journal head unknown"
            item = QListWidgetItem(f"{info.made:%Y-%m-%d %H:%M} UTC — {info.kind} — {head}")
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        self.backups = backups
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            style.muted(
                "Backups are checked before they are listed. The current files are kept "
                "beside the record when you restore."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def chosen(self) -> Path | None:
        """The chosen backup file."""
        row = self.list.currentRow()
        return self.backups[row].path if 0 <= row < len(self.backups) else None


def restore_backup(window: Any) -> None:
    """File → Restore a backup…: choose, see what would be lost, confirm, restore, reopen."""
    from tac_desk.services import integrity

    path = window.context.path
    if path is None:
        return
    found = integrity.backups(record=path)
    if not found:
        messages.info(window, "Restore a backup", f"There are no backups of {path.name} yet.")
        return
    dialog = RestoreDialog(found, window)
    if not dialog.exec() or dialog.chosen() is None:
        return
    chosen = dialog.chosen()
    assert chosen is not None
    try:
        plan = integrity.plan_restore(record=path, backup=chosen, anchor=_anchor(window.settings, path))
    except TacError as error:
        messages.warn(window, "Cannot restore", str(error))
        return
    warning = plan.warning() or "The backup holds everything the record holds."
    if not messages.confirm(window, "Restore a backup", f"{warning}\n\nRestore {chosen.name}?", action="Restore"):
        return
    window.context.close_record()
    try:
        result = integrity.restore(record=path, backup=chosen, anchor=_anchor(window.settings, path))
    except TacError as error:
        messages.warn(window, "Not restored", str(error))
        window.open_path(path)
        return
    window.settings.remove(anchor_key(path))
    window.open_path(path)
    kept = ", ".join(str(p) for p in getattr(result, "kept", ())) or "beside the record"
    window.health_banner.say("warn", f"Restored from {chosen.name}. The replaced files are kept: {kept}.")
