"""The application context: the open record, settings, and one guarded way to run every action."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from tac_desk.domain.errors import TacError
from tac_desk.ui import messages

T = TypeVar("T")
log = logging.getLogger("tac_desk")


class AppContext(QObject):
    """Holds the open record; views read through :meth:`read` and act through :meth:`write`."""

    sig_record_opened = Signal()
    sig_record_changed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.database: Any = None
        self.path: Path | None = None
        self.body_name = ""

    @property
    def is_open(self) -> bool:
        """True when a record is open."""
        return self.database is not None

    @property
    def read_only(self) -> bool:
        """True when the record could only be opened for reading."""
        return bool(self.database is not None and self.database.read_only)

    def open_record(self, path: Path, *, create: bool = False) -> None:
        """Open (or create) the record at ``path``; raises TacError with a clear message on failure."""
        from tac_desk.storage import repositories as repo
        from tac_desk.storage.database import open_database

        database = open_database(path, create=create, daily_backup=False)  # made in the background
        if self.database is not None:
            self.database.dispose()
        self.database = database
        self.path = path
        try:
            with database.read() as session:
                self.body_name = repo.body(session).name
        except TacError:
            self.body_name = ""
        remember_recent(self.settings, path)
        self.sig_record_opened.emit()

    def close_record(self) -> None:
        """Close the open record."""
        if self.database is not None:
            self.database.dispose()
        self.database = None
        self.path = None

    def read(self, query: Callable[[Any], T]) -> T:
        """Run a read-only query in its own session and return plain domain data."""
        if self.database is None:
            raise TacError("no record is open")
        with self.database.read() as session:
            return query(session)

    def write(self, action: Callable[[Any], T], *, parent: QWidget | None = None) -> T | None:
        """Run one user action as one transaction; on failure explain it, log it, and reload the views.

        Returns:
            The action's result, or None when it failed (the user has been told why).
        """
        if self.database is None:
            return None
        try:
            with self.database.write() as session:
                result = action(session)
        except TacError as error:
            messages.warn(parent, "Not saved", str(error))
            self.sig_record_changed.emit()
            return None
        except Exception as error:  # an unexpected fault: tell, log, keep running
            log.error("action failed\n%s", traceback.format_exc())
            messages.error_with_details(parent, error)
            self.sig_record_changed.emit()
            return None
        self.sig_record_changed.emit()
        return result


def remember_recent(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent-records list (at most 8)."""
    recent = [str(path)] + [p for p in recent_records(settings) if p != str(path)]
    settings.setValue("records/recent", recent[:8])
    settings.setValue("records/last", str(path))


def recent_records(settings: QSettings) -> list[str]:
    """The recent records, newest first."""
    value = settings.value("records/recent", [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in (value or [])]
