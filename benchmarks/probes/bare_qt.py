"""The bare baseline: a PySide6 QMainWindow of the app's size, shown; prints ``painted <monotonic>`` and quits."""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class Probe(QObject):
    """Notes the instant of the window's first paint event, then prints it and quits, as the app's probe does."""

    painted = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: watch for the first paint of the main window."""
        painted = event.type() == QEvent.Type.Paint
        if not self.painted and painted and isinstance(watched, QWidget) and isinstance(watched.window(), QMainWindow):
            self.painted = time.monotonic()
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        """Print the instant and quit."""
        print(f"painted {self.painted:.6f}", flush=True)
        QApplication.closeAllWindows()
        QApplication.quit()


app = QApplication(sys.argv[:1])
probe = Probe(app)
app.installEventFilter(probe)
window = QMainWindow()
window.setWindowTitle("Bare")
window.resize(1360, 860)
window.show()
sys.exit(app.exec())
