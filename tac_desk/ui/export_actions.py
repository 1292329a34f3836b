"""File → Export: minutes, calendar and invites, rendered off the GUI thread and saved atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSaveFile, QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton

from tac_desk.domain.errors import TacError
from tac_desk.exports.filenames import safe_filename
from tac_desk.ui import messages
from tac_desk.ui.background import run_in_background

FILTERS = {
    "pdf": "PDF documents (*.pdf)",
    "md": "Markdown (*.md)",
    "ics": "Calendar files (*.ics)",
    "eml": "E-mail messages (*.eml)",
}


def install_export_actions(window: Any) -> None:
    """Fill File → Export and put "Minutes…" and "Invite…" on the meeting console."""
    exporter = Exporter(window)
    window.exporter = exporter
    menu = window.export_menu
    entries: list[tuple[str, Callable[[], None], object]] = [
        ("Minutes as &PDF…", lambda: exporter.minutes("pdf"), QKeySequence("Ctrl+E")),
        ("Minutes as &Markdown…", lambda: exporter.minutes("md"), None),
        ("Minutes pre&view…", exporter.preview, QKeySequence("Ctrl+Shift+E")),
        ("&Calendar of all meetings (.ics)…", exporter.calendar, None),
        ("&Invite for this meeting (.ics)…", lambda: exporter.invite(eml=False), None),
        ("Invite as &e-mail (.eml)…", lambda: exporter.invite(eml=True), None),
        ("Ca&ncellation of this meeting (.ics)…", lambda: exporter.invite(eml=False, cancel=True), None),
    ]
    for text, slot, shortcut in entries:
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.triggered.connect(slot)
        menu.addAction(action)
    console = window.views[0].console
    for text, slot in (("&Invite…", lambda: exporter.invite(eml=False)), ("Min&utes…", exporter.preview)):
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        console.header.extra_buttons.addWidget(button)


class Exporter:
    """Turns the record into files the foundation keeps."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.last_path: Path | None = None

    @property
    def context(self) -> Any:
        """The window's context."""
        return self.window.context

    def _meeting_id(self) -> int | None:
        meeting_id = self.window.views[0].console.meeting_id
        if meeting_id is None:
            messages.info(self.window, "Export", "Select a meeting in Meetings first.")
        return meeting_id

    def _ask_path(self, stem: str, kind: str) -> Path | None:
        folder = (
            self.last_path.parent
            if self.last_path
            else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        )
        suggested = folder / safe_filename(stem, kind)
        name, _ = QFileDialog.getSaveFileName(self.window, "Export", str(suggested), FILTERS[kind])
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(f".{kind}")
        self.last_path = path
        return path

    def _render_then_save(
        self, render: Callable[[Any], bytes], path: Path, after: Callable[[bytes], None] | None = None
    ) -> None:
        database = self.context.database
        if database is None:
            return
        self.window.statusBar().showMessage(f"Writing {path.name}…")

        def work() -> bytes:
            with database.read() as session:
                return render(session)

        run_in_background(work, on_done=lambda data: self._save(path, data, after), on_failed=self._failed)

    def _save(self, path: Path, data: bytes, after: Callable[[bytes], None] | None = None) -> None:
        try:
            write_file_atomically(path, data)
        except TacError as error:
            messages.warn(self.window, "Not exported", str(error))
            self.window.statusBar().clearMessage()
            return
        if after is not None:
            after(data)
        self.window.statusBar().showMessage(f"Saved {path} ({len(data):,} bytes)", 8000)

    def _failed(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        if isinstance(error, TacError):
            messages.warn(self.window, "Not exported", str(error))
        else:
            messages.error_with_details(self.window, error)

    def minutes(self, kind: str) -> None:
        """Export the selected meeting's minutes as PDF or Markdown."""
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        path = self._ask_path(f"{self.context.body_name} minutes {self._meeting_label(meeting_id)}", kind)
        if path is None:
            return
        printed: dict[str, int | str] = {}

        def render(session: Any) -> bytes:
            from tac_desk.exports.minutes_md import render_minutes_markdown
            from tac_desk.exports.minutes_pdf import render_minutes_pdf
            from tac_desk.services.minutes import minutes_record

            record = minutes_record(session=session, meeting_id=meeting_id)
            printed["seq"], printed["hash"] = record.head_seq, record.head_hash
            return render_minutes_markdown(record) if kind == "md" else render_minutes_pdf(record)

        def log(data: bytes) -> None:
            from tac_desk.services.minutes_log import record_export

            if self.context.read_only:
                return
            digest = hashlib.sha256(data).hexdigest()
            self.context.write(
                lambda s: record_export(
                    session=s,
                    meeting_id=meeting_id,
                    file_format=kind,
                    sha256=digest,
                    head_seq=int(printed["seq"]),
                    head_hash=str(printed["hash"]),
                ),
                parent=self.window,
            )

        self._render_then_save(render, path, log)

    def preview(self) -> None:
        """Show the selected meeting's minutes as Markdown text, with save buttons."""
        from tac_desk.ui.dialogs.minutes_preview import MinutesPreview

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        try:
            text = self.context.read(lambda s: render_minutes(s, meeting_id, "md")).decode("utf-8")
        except TacError as error:
            messages.warn(self.window, "No minutes", str(error))
            return
        dialog = MinutesPreview(text, self.window)
        dialog.sig_save.connect(lambda kind: self.minutes(kind))
        dialog.exec()

    def _ensure_calendar_key(self) -> None:
        """Give the record its stable calendar key once (UIDs of single meetings derive from it)."""
        from tac_desk.services.calendar import calendar_key

        if self.context.database is not None and not self.context.read_only:
            self._quiet_write(lambda s: calendar_key(session=s))

    def _quiet_write(self, action: Callable[[Any], Any]) -> None:
        with self.context.database.write() as session:
            action(session)

    def calendar(self) -> None:
        """Export every meeting series as one .ics file."""
        self._ensure_calendar_key()
        path = self._ask_path(f"{self.context.body_name} meetings", "ics")
        if path is not None:
            self._render_then_save(render_calendar, path)

    def invite(self, *, eml: bool, cancel: bool = False) -> None:
        """Export the selected meeting's invite (or cancellation) as .ics or .eml."""
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        self._ensure_calendar_key()
        word = "cancellation" if cancel else "invite"
        kind = "eml" if eml else "ics"
        path = self._ask_path(f"{self.context.body_name} {word} {self._meeting_label(meeting_id)}", kind)
        if path is not None:
            self._render_then_save(lambda session: render_invite(session, meeting_id, cancel=cancel, eml=eml), path)

    def _meeting_label(self, meeting_id: int) -> str:
        from tac_desk.storage import repositories as repo

        meeting = self.context.read(lambda s: repo.meeting(s, meeting_id))
        return f"{meeting.starts_at:%Y-%m-%d}"


def render_minutes(session: Any, meeting_id: int, kind: str) -> bytes:
    """The minutes of one meeting as PDF or Markdown bytes."""
    from tac_desk.services.minutes import minutes_record

    record = minutes_record(session=session, meeting_id=meeting_id)
    if kind == "md":
        from tac_desk.exports.minutes_md import render_minutes_markdown

        return render_minutes_markdown(record)
    from tac_desk.exports.minutes_pdf import render_minutes_pdf

    return render_minutes_pdf(record)


def render_calendar(session: Any) -> bytes:
    """The whole calendar as .ics bytes."""
    from tac_desk.exports.calendar_ics import series_ics
    from tac_desk.services.calendar import calendar_feed

    return series_ics(calendar_feed(session=session, create_key=False), stamp=datetime.now(UTC))


def render_invite(session: Any, meeting_id: int, *, cancel: bool, eml: bool) -> bytes:
    """One meeting's invite or cancellation as .ics or .eml bytes."""
    from tac_desk.exports.calendar_ics import invite_ics
    from tac_desk.services.calendar import meeting_invite

    invite = meeting_invite(session=session, meeting_id=meeting_id, cancel=cancel, create_key=False)
    stamp = datetime.now(UTC)
    if not eml:
        return invite_ics(invite, stamp=stamp)
    from tac_desk.exports.eml import invite_message

    return invite_message(invite, stamp=stamp)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write through QSaveFile: the old file stays whole unless the new one is complete.

    Raises:
        TacError: naming the file and the reason.
    """
    save = QSaveFile(str(path))
    if not save.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise TacError(f"cannot write {path}: {save.errorString()}")
    if save.write(data) != len(data):
        save.cancelWriting()
        raise TacError(f"cannot write {path}: {save.errorString()}; the previous file is unchanged")
    if not save.commit():
        raise TacError(f"cannot write {path}: {save.errorString()}; the previous file is unchanged")
