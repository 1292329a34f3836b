"""Render the README screenshots from the demo record: python scripts/screenshots.py [OUT_DIR]."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer

from tac_desk.services.demo import build_demo
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database
from tac_desk.ui.application import make_application
from tac_desk.ui.main_window import MainWindow

SIZE = (1440, 900)


def main() -> int:
    """Build the demo record in a temporary folder and save one PNG per view."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    record = folder / "demo.tacdb"
    database = open_database(record)
    with database.write() as session:
        build_demo(session=session)
    database.dispose()
    app = make_application([])
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.start(record)
    window.show()
    shots: list[tuple[str, int]] = [
        ("roster", 2),
        ("decisions", 4),
        ("electronic-votes", 1),
        ("projects", 3),
        ("action-items", 5),
    ]

    def console() -> None:
        voted = window.context.read(lambda s: [m.meeting_id for m in repo.motions(s) if m.meeting_id is not None])
        view = window.views[0]
        window.nav.setCurrentRow(0)
        view.select_meeting(voted[0])
        view.console.tabs.setCurrentIndex(1)
        app.processEvents()
        window.grab().save(str(out / "meeting-console.png"))
        view.console.tabs.setCurrentIndex(0)
        app.processEvents()
        window.grab().save(str(out / "meeting-agenda.png"))
        for name, row in shots:
            window.nav.setCurrentRow(row)
            app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
        app.quit()

    QTimer.singleShot(300, console)
    app.exec()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
