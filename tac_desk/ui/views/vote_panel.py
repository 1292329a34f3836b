"""A vote seen in full: result banner with the rules engine's sentence, motion text, rule, and the roll call."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from tac_desk.services.votes import VoteState
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import RowsModel
from tac_desk.ui.models.votes_model import (
    BALLOT_COLUMNS,
    OPEN,
    RESULT_TONE,
    BallotLine,
    ballot_lines,
    needs_text,
    result_label,
    rule_text,
    tally_words,
)
from tac_desk.ui.views.view_parts import make_table, section_title


def banner_style(tone: str) -> str:
    """Style sheet of a result banner: a tinted rounded box whose labels take the tone's text colour."""
    background = style.background(tone if tone in ("ok", "bad", "warn") else "neutral").name()
    foreground = style.color(tone).name()
    return (
        f"QFrame#resultBanner {{ background: {background}; border: 1px solid {foreground}; border-radius: 8px; }}"
        f"QFrame#resultBanner QLabel {{ color: {foreground}; background: transparent; border: none; }}"
    )


class ResultBanner(QFrame):
    """A tinted box: a short bold verdict and, under it, the explanation sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self._tone = ""
        self.verdict = style.heading("", size=1.15)
        self.verdict.setAccessibleName("Result")
        self.sentence = style.plain_label("")
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName("Explanation")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(self.verdict)
        layout.addWidget(self.sentence)

    def show_result(self, tone: str, verdict: str, sentence: str) -> None:
        """Show a verdict in a tone ("ok", "bad", "warn", "accent")."""
        if tone != self._tone:  # a new style sheet re-polishes the banner: only when the tone changes
            self._tone = tone
            self.setStyleSheet(banner_style(tone))
        self.verdict.setText(verdict)
        self.sentence.setText(sentence)


class VotePanel(QWidget):
    """Read-only detail of one vote; the electronic view adds its controls under it."""

    def __init__(self, *, roll_keys: Iterable[Qt.Key] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: VoteState | None = None
        self.placeholder = style.muted("Select a vote to see its roll call.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = ResultBanner()
        self.text = style.heading("", size=1.2)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Motion")
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.meta = style.muted("")
        self.meta.setWordWrap(True)
        self.meta.setAccessibleName("Where and when")
        self.rule = style.plain_label("")
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName("Rule")
        self.tally = style.plain_label("")
        self.tally.setAccessibleName("Tally")
        self.roll_model: RowsModel[BallotLine] = RowsModel(BALLOT_COLUMNS, self)
        self.roll_table, self.roll_proxy = make_table(
            self.roll_model, name="Roll call", widths={0: 150, 2: 96}, stretch=1, keys=roll_keys
        )
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(self.text)
        inner.addWidget(self.meta)
        inner.addWidget(self.banner)
        inner.addWidget(self.rule)
        inner.addSpacing(4)
        self.roll_title = section_title("Roll call")
        inner.addWidget(self.roll_title)
        inner.addWidget(self.tally)
        inner.addWidget(self.roll_table, 1)
        self.extra = QVBoxLayout()
        self.extra.setSpacing(8)
        inner.addLayout(self.extra)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.clear()

    def clear(self, message: str = "Select a vote to see its roll call.") -> None:
        """Show only a hint."""
        self.state = None
        self.placeholder.setText(message)
        self.placeholder.show()
        self.body.hide()
        self.roll_model.set_rows([])

    def show_state(self, state: VoteState, *, meta: str) -> None:
        """Show a vote: live while open (what it still needs), frozen once closed."""
        self.state = state
        motion, outcome = state.motion, state.outcome
        result = result_label(motion, outcome)
        if result == OPEN:
            verdict = f"Open — {needs_text(outcome).lower()}"
            sentence = f"If closed now — {outcome.explanation}"
        else:
            verdict, sentence = result, outcome.explanation
        self.banner.show_result(RESULT_TONE[result], verdict, sentence)
        self.text.setText(motion.text)
        self.meta.setText(meta)
        self.rule.setText(f"Rule: {rule_text(motion)}")
        voted = len(state.ballots)
        self.tally.setText(f"{tally_words(outcome)} — {voted} of {len(motion.roster)} seats have voted")
        self.roll_model.set_rows(ballot_lines(state))
        self.placeholder.hide()
        self.body.show()

    def roll_labels(self) -> list[QLabel]:
        """The labels that carry user text (for checks that they stay plain text)."""
        return [self.text, self.meta, self.rule, self.banner.sentence, self.banner.verdict]
