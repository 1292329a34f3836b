"""Start the Qt application: logging, exception hook, settings, the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tac_desk import APP_ID, APP_NAME, ORGANIZATION, __version__
from tac_desk.paths import log_dir

log = logging.getLogger("tac_desk")


def setup_logging() -> None:
    """Write errors to tac-desk.log in the user-log folder."""
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "tac-desk.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_excepthook() -> None:
    """Log and show any exception that escapes a slot; the app keeps running."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled exception\n%s", "".join(traceback.format_exception(kind, error, tb)))
        from tac_desk.ui import messages

        app = QApplication.instance()
        if isinstance(app, QApplication):
            messages.error_with_details(app.activeWindow(), error)

    sys.excepthook = hook


def make_application(argv: list[str]) -> QApplication:
    """The QApplication with TAC Desk's names (QSettings uses them)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the same look everywhere (kept as is when Qt has no Fusion); only when needed
    from tac_desk.ui import icons

    app.setWindowIcon(icons.app_icon())
    return app


def run(*, record: Path | None, argv: list[str]) -> int:
    """Run the desktop app until the user quits."""
    app = make_application(argv)
    install_excepthook()
    from tac_desk.ui.main_window import MainWindow

    window = MainWindow(QSettings(), shell_first=True)
    window.sig_completed.connect(setup_logging)  # the log file is opened once the window has painted
    window.show()
    window.start(record, deferred=True)
    return app.exec()
