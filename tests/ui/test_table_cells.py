"""Table cells painted from one call per cell look exactly as Qt's own cell preparation paints them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.view_parts import make_table


@dataclass(frozen=True)
class Line:
    name: str
    votes: int
    result: str


COLUMNS = (
    Column("Name", lambda r: r.name),
    Column("Votes", lambda r: str(r.votes), lambda r: r.votes, align_right=True),
    Column("Result", lambda r: r.result, color=lambda r: QColor("#1b7f3b") if r.result == "Adopted" else None),
)
LINES = [
    Line("王伟", 7, "Adopted"),
    Line("Zoë Durand", 12, "Not adopted"),
    Line("Ελένη Παπαδοπούλου", 0, ""),
    Line("<b>Bob & Co</b>", 3, "Adopted"),
]


class QtOwnCells(QStyledItemDelegate):
    """The reference: Qt prepares the cell from the model's roles; only the focus state is dropped."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class CountedRows(RowsModel[Line]):
    cells = 0

    def cell(self, row: int, column: int) -> Any:
        self.cells += 1
        return super().cell(row, column)


def render(qtbot: Any, reference: bool) -> QImage:
    model = CountedRows(COLUMNS)
    model.set_rows(LINES)
    table, _proxy = make_table(model, name="Sample", widths={0: 180, 1: 70})
    qtbot.addWidget(table)
    if reference:
        table.setItemDelegate(QtOwnCells(table))
    table.resize(420, 200)
    table.show()
    table.setFocus()
    table.selectRow(1)
    qtbot.waitExposed(table)
    image = table.grab().toImage()
    assert (model.cells == 0) is reference  # the fast path paints every cell; the reference none
    return image


def test_cells_from_one_call_paint_like_qts_own_preparation(qtbot: Any) -> None:
    fast, reference = render(qtbot, reference=False), render(qtbot, reference=True)
    assert fast.size() == reference.size()
    assert fast == reference


def test_a_cell_is_read_in_one_call() -> None:
    model: RowsModel[Line] = RowsModel(COLUMNS)
    model.set_rows(LINES)
    assert model.cell(0, 0) == ("王伟", False, None)
    text, right, color = model.cell(0, 2) or ("", False, None)
    assert (text, right, color.name() if color else None) == ("Adopted", False, "#1b7f3b")
    assert model.cell(1, 1) == ("12", True, None)
    assert model.cell(4, 0) is None and model.cell(0, 3) is None and model.cell(-1, 0) is None
