"""Votes at a meeting: motions on agenda items, the ballot grid, the live tally and closing the vote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tac_desk.domain.enums import Choice, MotionStatus
from tac_desk.domain.model import Motion
from tac_desk.domain.rules import Outcome
from tac_desk.ui import style
from tac_desk.ui.console.ballot_grid import BallotGrid, BallotLine

if TYPE_CHECKING:
    from tac_desk.services.votes import VoteState


def outcome_word(outcome: Outcome | None, status: MotionStatus) -> str:
    """One word for a motion's state: Open, Adopted, Not adopted, Not decided."""
    if status is MotionStatus.OPEN or outcome is None:
        return "Open"
    if not outcome.quorum_met:
        return "Not decided"
    return "Adopted" if outcome.passed else "Not adopted"


def tally_line(outcome: Outcome, *, is_open: bool) -> str:
    """The live tally, and what is still needed while the vote is open."""
    t = outcome.tally
    counts = f"{t.yes} yes · {t.no} no · {t.abstain} abstain"
    if t.recused:
        counts += f" · {t.recused} recused"
    if not is_open:
        return counts
    if not outcome.quorum_met:
        return f"{counts} — no quorum: {t.present} of {t.seats} present, {outcome.quorum_required} needed"
    more = outcome.more_yes_needed
    if more is None:
        return f"{counts} — cannot pass under this rule"
    if more == 0:
        return f"{counts} — enough yes votes to pass ({outcome.required_yes} needed)"
    return f"{counts} — needs {more} more yes ({outcome.required_yes} needed)"


class VotesPanel(QWidget):
    """Motions of one meeting and the vote on the selected one."""

    sig_new_motion = Signal()
    sig_ballot = Signal(int, int, object)  # motion id, seat id, Choice
    sig_close = Signal(int)
    sig_correct = Signal(int, int)  # motion id, seat id
    sig_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.motions = QListWidget()
        self.motions.setAccessibleName("Motions")
        self.motions.setMaximumHeight(96)
        self.motions.currentRowChanged.connect(self._motion_changed)
        self.new_button = QPushButton("&New motion…")
        self.new_button.setAccessibleName("New motion")
        self.new_button.clicked.connect(self.sig_new_motion.emit)
        self.rule = style.muted("")
        self.rule.setWordWrap(True)
        self.grid = BallotGrid()
        self.grid.sig_ballot.connect(self._ballot)
        self.ballot_buttons: dict[Choice, QPushButton] = {}
        ballot_row = QHBoxLayout()
        for choice, text in (
            (Choice.YES, "&Yes"),
            (Choice.NO, "&No"),
            (Choice.ABSTAIN, "&Abstain"),
            (Choice.RECUSED, "&Recused"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(f"Record {choice.value} for the selected seat")
            button.clicked.connect(lambda _=False, c=choice: self._ballot_for_selected(c))
            self.ballot_buttons[choice] = button
            ballot_row.addWidget(button)
        ballot_row.addStretch(1)
        self.close_button = QPushButton("&Close vote")
        self.close_button.setAccessibleName("Close vote")
        self.close_button.clicked.connect(self._close)
        ballot_row.addWidget(self.close_button)
        self.correct_button = QPushButton("Co&rrect a ballot…")
        self.correct_button.setAccessibleName("Correct the selected seat's ballot")
        self.correct_button.clicked.connect(self._correct)
        ballot_row.addWidget(self.correct_button)
        self.tally = style.plain_label("")
        font = self.tally.font()
        font.setBold(True)
        self.tally.setFont(font)
        self.tally.setWordWrap(True)
        self.outcome_frame = QFrame()
        self.outcome_frame.setObjectName("banner")
        outcome_layout = QVBoxLayout(self.outcome_frame)
        outcome_layout.setContentsMargins(12, 8, 12, 8)
        self.outcome = style.plain_label("")
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("Outcome")
        outcome_layout.addWidget(self.outcome)
        top = QHBoxLayout()
        top.addWidget(style.heading("Motions", size=1.0))
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.motions)
        layout.addWidget(self.rule)
        layout.addWidget(self.grid, 1)
        layout.addLayout(ballot_row)
        layout.addWidget(self.tally)
        layout.addWidget(self.outcome_frame)
        self._motions: list[Motion] = []
        self._state: VoteState | None = None

    def show_motions(self, motions: list[Motion], selected_id: int | None) -> None:
        """List the meeting's motions, selecting ``selected_id`` (or the first open one)."""
        self._motions = motions
        self.motions.blockSignals(True)
        self.motions.clear()
        for motion in motions:
            word = outcome_word(motion.outcome, motion.status)
            item = QListWidgetItem(f"{word} — {motion.text}")
            item.setToolTip(motion.text)
            color = "muted" if word == "Open" else "ok" if word == "Adopted" else "bad"
            item.setForeground(style.color("accent" if word == "Open" else color))
            self.motions.addItem(item)
        self.motions.blockSignals(False)
        if not motions:
            self.show_state(None, [])
            return
        ids = [m.id for m in motions]
        row = (
            ids.index(selected_id)
            if selected_id in ids
            else next((n for n, m in enumerate(motions) if m.status is MotionStatus.OPEN), 0)
        )
        self.motions.setCurrentRow(row)

    def selected_motion(self) -> Motion | None:
        """The motion shown."""
        row = self.motions.currentRow()
        return self._motions[row] if 0 <= row < len(self._motions) else None

    def _motion_changed(self, row: int) -> None:
        if 0 <= row < len(self._motions):
            self.sig_selected.emit(self._motions[row].id)

    def show_state(
        self, state: VoteState | None, lines: list[BallotLine], type_label: str = "", corrections: tuple[Any, ...] = ()
    ) -> None:
        """Show one vote: rule, grid, tally and outcome."""
        self._state = state
        self.grid.show_lines(lines)
        is_open = state is not None and state.motion.status is MotionStatus.OPEN
        for button in (*self.ballot_buttons.values(), self.close_button):
            button.setEnabled(is_open)
            button.setVisible(state is None or is_open)
        self.correct_button.setVisible(state is not None and not is_open)
        self.grid.setEnabled(state is not None)
        if state is None:
            self.rule.setText("No motion yet. Put one to the vote with “New motion…”.")
            self.tally.setText("")
            self.outcome_frame.setVisible(False)
            return
        rule = state.motion.rule
        label = type_label or state.motion.decision_type
        self.rule.setText(f"{label} — {rule.words()}; {rule.quorum_words()}.")
        self.tally.setText(tally_line(state.outcome, is_open=is_open))
        self.outcome_frame.setVisible(not is_open)
        if not is_open:
            standing = corrections[-1].outcome if corrections else state.outcome
            text = standing.explanation
            if corrections:
                entries = ", ".join(f"#{c.entry_seq}" for c in corrections)
                text = (
                    f"{text}\nCorrected after closing ({len(corrections)} correction(s), journal {entries}). "
                    f"As closed: {state.outcome.explanation}"
                )
            self.outcome.setText(text)
            self.tally.setText(tally_line(standing, is_open=False))
            kind = "ok" if standing.passed else "bad"
            self.outcome_frame.setStyleSheet(style.banner_css(kind))

    def _ballot(self, seat_id: int, choice: Choice) -> None:
        if self._state is not None and self._state.motion.status is MotionStatus.OPEN:
            self.sig_ballot.emit(self._state.motion.id, seat_id, choice)

    def _ballot_for_selected(self, choice: Choice) -> None:
        line = self.grid.grid_model.row_at(self.grid.currentIndex().row())
        if line is not None:
            self._ballot(line.seat_id, choice)
            self.grid.setFocus()

    def _correct(self) -> None:
        line = self.grid.grid_model.row_at(self.grid.currentIndex().row())
        if self._state is not None and line is not None:
            self.sig_correct.emit(self._state.motion.id, line.seat_id)

    def _close(self) -> None:
        if self._state is not None:
            self.sig_close.emit(self._state.motion.id)
