"""A ballot grid: one row per seat of a vote's frozen roster; keys Y/N/A/R record the selected seat's ballot."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tac_desk.domain.enums import Choice
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column, RowsModel

CHOICE_KEYS = {
    Qt.Key.Key_Y: Choice.YES,
    Qt.Key.Key_N: Choice.NO,
    Qt.Key.Key_A: Choice.ABSTAIN,
    Qt.Key.Key_R: Choice.RECUSED,
}
CHOICE_LABELS = {Choice.YES: "Yes", Choice.NO: "No", Choice.ABSTAIN: "Abstain", Choice.RECUSED: "Recused"}


@dataclass(frozen=True)
class BallotLine:
    """One seat on a vote: who votes for it now, and its ballot if cast."""

    seat_id: int
    organization: str
    voter: str
    can_vote: bool
    choice: Choice | None
    corrected_from: Choice | None = None


def _choice_color(line: BallotLine) -> QColor | None:
    if line.choice is Choice.YES:
        return style.color("ok")
    if line.choice is Choice.NO:
        return style.color("bad")
    if line.choice is None:
        return style.color("muted")
    return style.color("warn")


def _choice_text(line: BallotLine) -> str:
    if line.choice is not None and line.corrected_from is not None:
        return f"{CHOICE_LABELS[line.choice]} (corrected; was {CHOICE_LABELS[line.corrected_from]})"
    if line.choice is not None:
        return CHOICE_LABELS[line.choice]
    return "not voted" if line.can_vote else "absent"


BALLOT_COLUMNS: tuple[Column[BallotLine], ...] = (
    Column("Seat", lambda b: b.organization),
    Column("Voting for the seat", lambda b: b.voter),
    Column("Ballot", _choice_text, color=_choice_color),
)


class BallotGrid(QTableView):
    """Rows of seats; Y, N, A, R record a ballot for the selected seat and move to the next."""

    sig_ballot = Signal(int, object)  # seat id, Choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model: RowsModel[BallotLine] = RowsModel(BALLOT_COLUMNS, self)
        self.setModel(self.grid_model)
        self.setAccessibleName("Ballots")
        self.setAccessibleDescription("Y yes, N no, A abstain, R recused, on the selected seat")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_lines(self, lines: list[BallotLine]) -> None:
        """Show the seats, keeping the selected row."""
        row = self.currentIndex().row()
        self.grid_model.set_rows(lines)
        if lines:
            self.selectRow(min(max(row, 0), len(lines) - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: ballot keys."""
        choice = CHOICE_KEYS.get(Qt.Key(event.key()))
        line = self.grid_model.row_at(self.currentIndex().row())
        if choice is not None and line is not None and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.sig_ballot.emit(line.seat_id, choice)
            next_row = self.currentIndex().row() + 1
            if next_row < self.grid_model.rowCount():
                self.selectRow(next_row)
            return
        super().keyPressEvent(event)
