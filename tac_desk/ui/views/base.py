"""What every view shares: the context, a reload that runs only when the view is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tac_desk.ui.context import AppContext


class View(QWidget):
    """A page of the main window; subclasses implement :meth:`refresh`."""

    title = "View"
    icon_name = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.setAccessibleName(self.title)

    def mark_stale(self) -> None:
        """The record changed: refresh now if visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Refresh from the record if it changed since the last refresh."""
        if self._stale and self.context.is_open:
            self._stale = False
            self.refresh()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        """Qt: refresh on show when stale."""
        self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        """Re-read what the view shows from the record."""
