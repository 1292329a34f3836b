"""The main window: navigation between views, menus, welcome panel, remembered state."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tac_desk import APP_NAME, __version__
from tac_desk.collector import set_aside_long_lived
from tac_desk.domain.errors import TacError
from tac_desk.paths import data_dir, default_record
from tac_desk.ui import icons

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from tac_desk.ui.context import AppContext
    from tac_desk.ui.record_health import HealthBanner
    from tac_desk.ui.views.base import View
    from tac_desk.ui.welcome import WelcomePanel

RECORD_FILTER = "TAC Desk records (*.tacdb);;All files (*)"


class MainWindow(QMainWindow):
    """TAC Desk's window."""

    sig_completed = Signal()  # everything is built (in a shell-first window: after its first paint)

    context: AppContext
    welcome: WelcomePanel
    health_banner: HealthBanner

    def __init__(self, settings: QSettings, parent: QWidget | None = None, *, shell_first: bool = False) -> None:
        """Build the window; with ``shell_first`` only what its first paint shows (see :meth:`complete`)."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(960, 600))
        self.views: list[View] = []
        self._pending_start: tuple[Path | None] | None = None
        self._settled = False
        self._completed = False
        self._build_shell()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        if not shell_first:
            self.complete()

    # ----- construction -------------------------------------------------------------------------------------
    def _build_shell(self) -> None:
        """What the first paint shows: the navigation, an empty page area and the menu titles."""
        from tac_desk.ui.views.registry import VIEW_SPECS

        self.nav = QListWidget()
        self.nav.setAccessibleName("Navigation")
        self.nav.setFixedWidth(164)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        for spec in VIEW_SPECS:
            item = QListWidgetItem(icons.standard(spec.icon_name), spec.title)
            item.setSizeHint(QSize(150, 36))
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        right = QWidget()
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.setSpacing(0)
        self._right_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)
        self.file_menu = self.menuBar().addMenu("&File")
        self.view_menu = self.menuBar().addMenu("&View")
        self.help_menu = self.menuBar().addMenu("&Help")

    def complete(self) -> None:
        """Build what the first paint does not need: the record context, banner, welcome panel and menu actions."""
        if self._completed:
            return
        self._completed = True
        from tac_desk.ui import style
        from tac_desk.ui.context import AppContext
        from tac_desk.ui.record_health import HealthBanner, restore_backup
        from tac_desk.ui.welcome import WelcomePanel

        self.context = AppContext(self.settings, self)
        self.welcome = WelcomePanel()
        self.welcome.sig_create.connect(self.new_record)
        self.welcome.sig_demo.connect(self.open_demo)
        self.welcome.sig_open.connect(self.open_record_dialog)
        self.stack.insertWidget(0, self.welcome)
        self.health_banner = HealthBanner()
        self.health_banner.sig_restore.connect(lambda: restore_backup(self))
        self._right_layout.insertWidget(0, self.health_banner)
        self._build_menus()
        style.flat_scroll_bars(self)
        self.nav.currentRowChanged.connect(self.show_view)
        self.context.sig_record_changed.connect(self._on_record_changed)
        self.context.sig_record_opened.connect(self._on_record_opened)
        self.sig_completed.emit()
        QTimer.singleShot(0, set_aside_long_lived)  # start-up is over: set its objects aside, collect from now on

    def ensure_views(self, count: int | None = None) -> None:
        """Build the views (the first ``count`` of them; all by default) the first time they are needed."""
        from tac_desk.ui import style
        from tac_desk.ui.views.registry import VIEW_SPECS, make_view

        self.complete()
        wanted = len(VIEW_SPECS) if count is None else count
        for spec in VIEW_SPECS[len(self.views) : wanted]:
            view = make_view(spec, self.context)
            style.flat_scroll_bars(view)
            self.views.append(view)
            self.stack.addWidget(view)
        if len(self.views) == len(VIEW_SPECS) and not hasattr(self, "exporter"):
            from tac_desk.ui.export_actions import install_export_actions

            install_export_actions(self)

    def _first_candidate(self, record: Path | None) -> Path | None:
        last = self.settings.value("records/last")
        for candidate in (record, Path(str(last)) if last else None, default_record()):
            if candidate is not None and candidate.exists():
                return candidate
        return None

    def _show_first_screen(self, path: Path) -> bool:
        """Paint the meetings list read with sqlite3 alone, before the ORM loads; False when it cannot."""
        from tac_desk.storage.quick_read import meetings_snapshot

        try:
            name, meetings = meetings_snapshot(path)
        except (TacError, OSError):
            return False
        self.ensure_views(1)
        view = self.views[0]
        self.stack.setCurrentWidget(view)
        self.setWindowTitle(f"{APP_NAME} — {name or path}")
        view.show_snapshot(meetings)  # type: ignore[attr-defined]
        view.repaint()
        return True

    def _build_menus(self) -> None:
        from PySide6.QtGui import QKeySequence

        file_menu = self.file_menu
        self._action(file_menu, "&New record…", self.new_record, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open record…", self.open_record_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "Explore the &demo record", self.open_demo)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        file_menu.addSeparator()
        from tac_desk.ui import record_health

        self._action(file_menu, "&Verify record", lambda: record_health.verify_now(self))
        self._action(file_menu, "&Back up now", lambda: record_health.backup_now(self))
        self._action(file_menu, "Re&store a backup…", lambda: record_health.restore_backup(self))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.view_menu
        from tac_desk.ui.views.registry import VIEW_SPECS

        for number, spec in enumerate(VIEW_SPECS, start=1):
            self._action(
                view_menu, spec.title, lambda _=False, n=number - 1: self.nav.setCurrentRow(n), f"Ctrl+{number}"
            )
        self._action(self.help_menu, f"&About {APP_NAME}", self.about)

    def _action(self, menu: object, text: str, slot: object, shortcut: object = None) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # ----- records ------------------------------------------------------------------------------------------
    def start(self, record: Path | None, *, deferred: bool = False) -> None:
        """Open ``record``, else the last record used, else the default record; else welcome.

        With ``deferred`` the window paints first and the record opens on the next turn of the event loop.
        """
        if deferred:
            self._pending_start = (record,)
            QTimer.singleShot(1000, self._start_pending)  # a backstop in case no paint comes (hidden window)
            self.update()
            return
        self.complete()
        candidates = [record] if record else []
        last = self.settings.value("records/last")
        if last:
            candidates.append(Path(str(last)))
        candidates.append(default_record())
        for candidate in candidates:
            if candidate is not None and candidate.exists() and self.open_path(candidate):
                return
        if record is not None and not record.exists():
            self.open_path(record, create=True)
            return
        self.show_welcome()

    def paintEvent(self, event: object) -> None:  # type: ignore[override]
        """Qt: the first paint is done; now load the views and open the record."""
        super().paintEvent(event)  # type: ignore[arg-type]
        if self._pending_start is not None:
            QTimer.singleShot(0, self._start_pending)

    def _start_pending(self) -> None:
        if self._pending_start is None:
            return
        (record,) = self._pending_start
        self._pending_start = None
        self.complete()
        path = self._first_candidate(record)
        if path is not None and self._show_first_screen(path):
            QTimer.singleShot(0, lambda: self.start(path))
            return
        self.start(record)

    def open_path(self, path: Path, *, create: bool = False) -> bool:
        """Open a record, telling the user plainly when it cannot be opened."""
        self.ensure_views()
        try:
            self.context.open_record(path, create=create)
        except TacError as error:
            from tac_desk.ui import messages

            messages.warn(self, "Cannot open the record", str(error))
            return False
        return True

    def show_welcome(self) -> None:
        """Show the first-start panel."""
        self.nav.setEnabled(False)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(APP_NAME)

    def new_record(self) -> None:
        """Create a new record and its committee."""
        from tac_desk.ui.dialogs.new_record import NewRecordDialog

        dialog = NewRecordDialog(self, default_path=default_record() if not default_record().exists() else None)
        if dialog.exec() and dialog.result_path is not None:
            self.open_path(dialog.result_path)

    def open_record_dialog(self) -> None:
        """Choose a record file to open."""
        start = str(self.context.path.parent if self.context.path else data_dir())
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "Open a TAC record", start, RECORD_FILTER)
        if name:
            self.open_path(Path(name))

    def open_demo(self) -> None:
        """Build (once, off the GUI thread) and open the demo record."""
        from tac_desk.ui.background import run_in_background
        from tac_desk.ui.dialogs.new_record import build_demo_record, demo_record_path

        path = demo_record_path()
        if path.exists():
            self.open_path(path)
            return
        self.statusBar().showMessage("Building the demo record…")
        self.welcome.setEnabled(False)

        def done(_: object) -> None:
            self.welcome.setEnabled(True)
            self.statusBar().clearMessage()
            self.open_path(path)

        def failed(error: BaseException) -> None:
            from tac_desk.ui import messages

            self.welcome.setEnabled(True)
            self.statusBar().clearMessage()
            if isinstance(error, TacError):
                messages.warn(self, "Demo record not built", str(error))
            else:
                messages.error_with_details(self, error)

        run_in_background(lambda: build_demo_record(path), on_done=done, on_failed=failed)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        from tac_desk.ui.context import recent_records

        for name in recent_records(self.settings):
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent records").setEnabled(False)

    def _on_record_opened(self) -> None:
        from tac_desk.ui.record_health import check_on_open

        check_on_open(self)
        self.nav.setEnabled(True)
        self.setWindowTitle(f"{APP_NAME} — {self.context.body_name or self.context.path}")
        for view in self.views:
            view._stale = True
        last = int(self.settings.value("window/view", 0) or 0)
        row = last if 0 <= last < len(self.views) else 0
        self.nav.setCurrentRow(row)
        self.show_view(row)
        if not self._settled:  # the first record is on screen: what the window holds now lives as long as it
            self._settled = True
            QTimer.singleShot(0, set_aside_long_lived)

    def _on_record_changed(self) -> None:
        for view in self.views:
            view.mark_stale()

    def show_view(self, row: int) -> None:
        """Show the view at navigation row ``row``."""
        if not self.context.is_open or not 0 <= row < len(self.views):
            return
        self.stack.setCurrentWidget(self.views[row])
        self.views[row].reload()

    def current_view(self) -> View | None:
        """The view on screen, if any."""
        from tac_desk.ui.views.base import View

        widget = self.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def about(self) -> None:
        """Help → About."""
        from tac_desk.ui import messages

        messages.info(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nMeetings, quorum, recorded votes, minutes and calendars for a "
            "foundation's Technical Advisory Committee.\n\nLicensed under the Apache License 2.0.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Qt: remember geometry and the view on screen, then close the record."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self._pending_start = None  # closed before its first paint: open nothing
        if self._completed:
            if self.context.is_open and self.nav.currentRow() >= 0:
                self.settings.setValue("window/view", self.nav.currentRow())
            self.context.close_record()
        self.settings.sync()
        super().closeEvent(event)

    def keyPressEvent(self, event: object) -> None:  # type: ignore[override]
        """Qt: F5 reloads the current view."""
        from PySide6.QtCore import Qt

        if getattr(event, "key", lambda: None)() == Qt.Key.Key_F5:
            view = self.current_view()
            if view is not None:
                view.mark_stale()
        super().keyPressEvent(event)  # type: ignore[arg-type]
