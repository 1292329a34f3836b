"""Composition root: settings -> record -> services -> main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PAINT_PROBE_ENV = "TAC_DESK_BENCH_PAINT"  # hidden: "1" quits after the first paint, "data" once a table shows rows
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
    from tac_desk.collector import pause_for_start_up

    pause_for_start_up()  # the window ends the pause once it has painted
    probe = os.environ.get(PAINT_PROBE_ENV)
    if probe:
        _install_paint_probe(probe, argv if argv is not None else sys.argv[:1])
    from tac_desk.ui.application import run

    return run(record=record, argv=argv if argv is not None else sys.argv[:1])


def _install_paint_probe(mode: str, argv: list[str]) -> None:
    """For start-up benchmarks and the installer's smoke test: print ``painted <time.monotonic()>`` and quit.

    The instant is that of the main window's first paint event or, with mode ``data``, of the first paint of
    a table in it with rows (the navigation list does not count). The windows are then closed properly.
    """
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTreeView

    app = QApplication.instance() or QApplication(argv)

    class Probe(QObject):
        painted = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.painted and event.type() == QEvent.Type.Paint and self._counts(watched):
                self.painted = time.monotonic()
                QTimer.singleShot(0, self._finish)
            return False

        def _counts(self, widget: object) -> bool:
            window = widget.window() if hasattr(widget, "window") else None
            if not isinstance(window, QMainWindow):
                return False
            if mode != "data":
                return True
            view = widget.parent()
            model = view.model() if isinstance(view, QTableView | QTreeView) else None
            return model is not None and model.rowCount() > 0

        def _finish(self) -> None:
            print(f"painted {self.painted:.6f}", flush=True)
            QApplication.closeAllWindows()
            QApplication.quit()

    app._tac_paint_probe = Probe(app)  # type: ignore[attr-defined]
    app.installEventFilter(app._tac_paint_probe)  # type: ignore[attr-defined]


def gui_entry() -> int:
    """Entry point of the ``tac-desk-gui`` launcher."""
    return main()


if __name__ == "__main__":
    raise SystemExit(main())
