"""A table model over a list of plain rows, its columns declared once as a table of Column entries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, how to show a row, and optionally how to sort, colour and explain it."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    color: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """Shows a list of rows; it computes nothing, it only maps columns to roles."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        """The rows shown, in model order."""
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        """The row object at ``row``, or None when out of range."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, row: int, column: int) -> tuple[str, bool, QColor | None] | None:
        """What a painted cell shows, in one call: its text, right alignment and colour (None when out of range)."""
        if not 0 <= row < len(self._rows) or not 0 <= column < len(self._columns):
            return None
        line, spec = self._rows[row], self._columns[column]
        return spec.text(line), spec.align_right, spec.color(line) if spec.color is not None else None

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        """Qt: number of rows (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        """Qt: number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Qt: the value of a cell for a role (called for every role of every painted cell, so kept lean)."""
        answer = _ANSWERS.get(role)
        if answer is None:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        return answer(self._columns[index.column()], self._rows[row], row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Qt: column titles."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None


def _sort_value(column: Column[Any], row: Any, _number: int) -> Any:
    key = column.sort_key(row) if column.sort_key else column.text(row)
    return key if isinstance(key, (int, str, float)) else str(key)


def _alignment(column: Column[Any], _row: Any, _number: int) -> Any:
    return _RIGHT if column.align_right else None


def _foreground(column: Column[Any], row: Any, _number: int) -> Any:
    color = column.color(row) if column.color is not None else None
    return QBrush(color) if color is not None else None


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ANSWERS: dict[int, Callable[[Column[Any], Any, int], Any]] = {
    int(Qt.ItemDataRole.DisplayRole): lambda column, row, _number: column.text(row),
    int(SORT_ROLE): _sort_value,
    int(ROW_ROLE): lambda _column, _row, number: number,
    int(Qt.ItemDataRole.TextAlignmentRole): _alignment,
    int(Qt.ItemDataRole.ForegroundRole): _foreground,
    int(Qt.ItemDataRole.ToolTipRole): lambda column, row, _number: column.tooltip(row) if column.tooltip else None,
    int(Qt.ItemDataRole.AccessibleTextRole): lambda column, row, _number: f"{column.title}: {column.text(row)}",
}
