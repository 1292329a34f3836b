"""Open an electronic vote: the motion's text, its decision type and an optional closing date."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QPlainTextEdit, QWidget

from tac_desk.services import votes
from tac_desk.storage import repositories as repo
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.roster_dialogs import form_dialog
from tac_desk.ui.widgets import OptionalDate

DEFAULT_WINDOW_DAYS = 7


class OpenVoteDialog(QDialog):
    """Put a motion to an electronic vote; the roster and the rule are frozen when it opens."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result_id: int | None = None
        form, buttons = form_dialog(
            self,
            "Open an electronic vote",
            "Every voting seat on the roster today may return one ballot, by its primary or its alternate. "
            "The rule and the roster are fixed when the vote opens.",
        )
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Motion text")
        self.text.setPlaceholderText("Resolved, that …")
        self.text.setTabChangesFocus(True)
        line = QFontMetrics(self.text.font()).lineSpacing()
        self.text.setMinimumHeight(line * 4)
        self.text.setMaximumHeight(line * 8)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Decision type")
        body = context.read(repo.body)
        for kind in body.decision_types:
            self.kind.addItem(f"{kind.label} — {kind.rule.words()}", kind.key)
        self.kind.setCurrentIndex(max(self.kind.findData("electronic"), 0))
        self.closes = OptionalDate(votes.today() + timedelta(days=DEFAULT_WINDOW_DAYS), label="Set")
        self.closes.enabled.setAccessibleName("The vote has a closing date")
        self.closes.edit.setAccessibleName("Closing date")
        self.closes.setFocusProxy(self.closes.enabled)
        form.addRow("&Motion", self.text)
        form.addRow("Decision &type", self.kind)
        form.addRow("Closing &date", self.closes)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Open vote")
        buttons.accepted.connect(self.save)
        self.setMinimumWidth(540)

    def save(self) -> None:
        """Open the vote through the votes service; the dialog stays open (with the reason shown) if refused."""
        text, kind, closes = self.text.toPlainText(), str(self.kind.currentData()), self.closes.value()
        motion = self.context.write(
            lambda s: votes.open_motion(session=s, text=text, decision_type=kind, closes_on=closes), parent=self
        )
        if motion is not None:
            self.result_id = motion.id
            self.accept()
