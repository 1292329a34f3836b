"""Create a new record (committee name, zone, file) and build the demo record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tac_desk.domain.errors import TacError
from tac_desk.paths import data_dir
from tac_desk.ui import messages
from tac_desk.ui.widgets import ZoneBox


class NewRecordDialog(QDialog):
    """Asks for the committee's name, its time zone and where to keep the record."""

    def __init__(self, parent: QWidget | None = None, *, default_path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New TAC record")
        self.result_path: Path | None = None
        self.name = QLineEdit("Technical Advisory Committee")
        self.name.setAccessibleName("Committee name")
        self.zone = ZoneBox(bytes(QTimeZone.systemTimeZoneId()).decode() or "UTC")
        self.path = QLineEdit(str(default_path or data_dir() / "tac.tacdb"))
        self.path.setAccessibleName("Record file")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("Committee name", self.name)
        form.addRow("Time zone", self.zone)
        form.addRow("Record file", path_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New record file", self.path.text(), "TAC Desk records (*.tacdb)")
        if name:
            self.path.setText(name if name.endswith(".tacdb") else f"{name}.tacdb")

    def _create(self) -> None:
        path = Path(self.path.text().strip()).expanduser()
        if path.exists():
            messages.warn(self, "Not created", f"{path} already exists; choose another file or open it instead.")
            return
        try:
            create_record(path, name=self.name.text(), timezone=self.zone.zone())
        except TacError as error:
            messages.warn(self, "Not created", str(error))
            return
        self.result_path = path
        self.accept()


def create_record(path: Path, *, name: str, timezone: str) -> None:
    """Create the record file and its committee in one go (nothing is left behind on failure)."""
    from tac_desk.services import setup
    from tac_desk.storage.database import open_database

    database = open_database(path, create=True)
    try:
        with database.write() as session:
            setup.create_body(session=session, name=name, timezone=timezone)
    except TacError:
        database.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    database.dispose()


def demo_record_path() -> Path:
    """Where the demo record is kept: demo.tacdb in the user-data folder."""
    return data_dir() / "demo.tacdb"


def build_demo_record(path: Path) -> Path:
    """Build the demo record at ``path`` (a partial file is removed if anything fails)."""
    from tac_desk.services.demo import build_demo
    from tac_desk.storage.database import open_database

    database = open_database(path, create=True)
    try:
        with database.write() as session:
            build_demo(session=session)
    except BaseException:
        database.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    database.dispose()
    return path
