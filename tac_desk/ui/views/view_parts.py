"""Parts the list views share: a view header, a sortable filtered table, key handling, selection helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QFocusEvent, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tac_desk.ui import style
from tac_desk.ui.models.rows_model import SORT_ROLE, RowsModel

R = TypeVar("R")


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and keeps the rows a predicate accepts (the predicate sees the row object)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self._accept: Callable[[Any], bool] | None = None

    def set_predicate(self, accept: Callable[[Any], bool] | None) -> None:
        """Show only rows for which ``accept(row)`` is true (None shows every row)."""
        if accept is None and self._accept is None:
            return  # every row is shown already: re-filtering would ask about each row again for nothing
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._accept = accept
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._accept = accept
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Qt: ask the predicate about the row object."""
        model = self.sourceModel()
        if self._accept is None or not isinstance(model, RowsModel):
            return True
        row = model.row_at(source_row)
        return row is not None and self._accept(row)


class RowDelegate(QStyledItemDelegate):
    """Paints a RowsModel's cells, without the per-cell focus frame (the selected row shows where the user is).

    Qt's own preparation of a cell asks the model for seven roles, each a call into Python; this one asks the
    model once per cell (:meth:`RowsModel.cell`) and fills the same fields, so the cells look the same.
    """

    def __init__(self, table: QTableView, proxy: QSortFilterProxyModel, model: RowsModel[Any]) -> None:
        super().__init__(table)
        self._proxy = proxy
        self._model = model

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """Qt: the cell's text, alignment and colour from one call; no focus state."""
        source = self._proxy.mapToSource(index) if index.model() is self._proxy else None
        cell = self._model.cell(source.row(), source.column()) if source is not None else None
        if cell is None:
            super().initStyleOption(option, index)
        else:
            text, align_right, color = cell
            option.index = QModelIndex(index)
            option.text = text
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            if align_right:
                option.displayAlignment = _RIGHT_ALIGNED
            if color is not None:
                palette = option.palette
                palette.setBrush(QPalette.ColorRole.Text, QBrush(color))
                option.palette = palette
        option.state &= ~QStyle.StateFlag.State_HasFocus


_RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class KeyTable(QTableView):
    """A table view that reports chosen keys (Delete, Y/N/A/R, ...) instead of searching with them."""

    sig_key = Signal(int)

    def __init__(self, keys: Iterable[Qt.Key] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = {int(key) for key in keys}

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt: arriving with the keyboard on a table with no selection selects its current (or first) row."""
        super().focusInEvent(event)
        model = self.model()
        if model is not None and model.rowCount() and not self.selectionModel().hasSelection():
            row = self.currentIndex().row() if self.currentIndex().isValid() else 0
            self.selectRow(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: emit sig_key for the chosen keys pressed without Ctrl/Alt/Meta."""
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        )
        if plain and event.key() in self._keys and self.currentIndex().isValid():
            self.sig_key.emit(event.key())
            event.accept()
            return
        super().keyPressEvent(event)


def make_table(
    model: RowsModel[Any],
    *,
    name: str,
    widths: dict[int, int] | None = None,
    stretch: int | None = None,
    keys: Iterable[Qt.Key] = (),
) -> tuple[KeyTable, RowFilterProxy]:
    """A read-only, row-selecting, sortable table over ``model`` in the house style.

    The table starts in the model's own order (no column sorted) until a header is clicked.
    """
    proxy = RowFilterProxy(model)
    proxy.setSourceModel(model)
    table = KeyTable(keys)
    table.setModel(proxy)
    table.setItemDelegate(RowDelegate(table, proxy, model))
    style.flat_scroll_bars(table)
    table.setAccessibleName(name)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setMinimumSectionSize(48)
    table.setSortingEnabled(True)
    for column, width in (widths or {}).items():
        header.resizeSection(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table, proxy


def selected(table: QTableView, proxy: QSortFilterProxyModel, model: RowsModel[R]) -> R | None:
    """The row object of the table's current row, if any."""
    index = table.currentIndex()
    if not index.isValid() or not table.selectionModel().isRowSelected(index.row(), QModelIndex()):
        return None
    return model.row_at(proxy.mapToSource(index).row())


def select_where(
    table: QTableView, proxy: QSortFilterProxyModel, model: RowsModel[R], accept: Callable[[R], bool]
) -> bool:
    """Select (and scroll to) the first visible row ``accept`` likes; True when one was found."""
    for proxy_row in range(proxy.rowCount()):
        row = model.row_at(proxy.mapToSource(proxy.index(proxy_row, 0)).row())
        if row is not None and accept(row):
            table.selectRow(proxy_row)
            table.setCurrentIndex(proxy.index(proxy_row, 0))
            table.scrollTo(proxy.index(proxy_row, 0))
            return True
    return False


class ViewHeader(QWidget):
    """A view's title, a muted one-line summary under it, and its main buttons on the right."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = style.heading(title, size=1.5)
        self.title.setAccessibleName(f"{title} heading")
        self.subtitle = style.muted("")
        self.subtitle.setAccessibleName(f"{title} summary")
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(texts, 1)
        layout.addLayout(self.buttons)

    def set_subtitle(self, text: str) -> None:
        """Replace the summary line."""
        self.subtitle.setText(text)

    def add_button(self, text: str, slot: Callable[[], object], *, tip: str = "", primary: bool = False) -> QPushButton:
        """Add a button (``text`` carries its mnemonic, e.g. "&Add seat…")."""
        button = make_button(text, slot, tip=tip)
        if primary:
            button.setDefault(False)
            button.setAutoDefault(False)
            font = button.font()
            font.setWeight(font.Weight.DemiBold)
            button.setFont(font)
        self.buttons.addWidget(button)
        return button


def make_button(text: str, slot: Callable[[], object], *, tip: str = "") -> QPushButton:
    """A push button with an accessible name taken from its text, and an optional tooltip (fixed text)."""
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…").strip())
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def side_by_side(
    left: QWidget, right: QWidget, *, sizes: tuple[int, int], stretch: tuple[int, int] | None = None
) -> QSplitter:
    """Two panes in a horizontal splitter that never collapses either, ``sizes`` wide to start with.

    ``stretch`` shares out later widening (by default Qt's: in proportion to the panes' sizes).
    """
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(right)
    if stretch is not None:
        splitter.setStretchFactor(0, stretch[0])
        splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter


def section_title(text: str) -> QLabel:
    """A sub-heading inside a view."""
    return style.heading(text, size=1.12)


def view_layout(widget: QWidget) -> QVBoxLayout:
    """The outer layout of a view: house margins and spacing."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
    layout.setSpacing(style.SPACING)
    return layout


def add_shortcut(widget: QWidget, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QShortcut:
    """A shortcut active while focus is anywhere inside ``widget``."""
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: slot())
    return shortcut


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 seat", "3 seats"."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True when accepted. The dialog is disposed of afterwards (read its results first)."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()
