"""The quorum banner: one sentence from the roll, green when quorum holds, red when it does not."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from tac_desk.domain.roll import RollCall
from tac_desk.ui import style


class QuorumBanner(QFrame):
    """Shows the rules engine's quorum sentence for the meeting's roll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Quorum")
        self.label = style.plain_label()
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.label.setFont(font)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.label)
        self.quorum_met: bool | None = None

    def show_roll(self, roll: RollCall | None, *, cancelled: bool = False, not_taken: bool = False) -> None:
        """Update from a roll call (None: no meeting selected; ``not_taken``: nobody recorded yet)."""
        if roll is not None and not_taken and not cancelled:
            self.quorum_met = None
            needed = f"{roll.needed} needed for quorum" if roll.quorum is not None else "no quorum needed"
            self.label.setText(f"Roll call not taken yet — {roll.seats} voting seats; {needed}.")
            self.setStyleSheet(style.banner_css("neutral"))
            return
        if roll is None or cancelled:
            self.quorum_met = None
            self.label.setText("This meeting was cancelled." if cancelled else "")
            self.setStyleSheet(style.banner_css("neutral"))
            return
        self.quorum_met = roll.quorum_met
        self.label.setText(roll.sentence)
        self.label.setAccessibleDescription(roll.sentence)
        self.setStyleSheet(style.banner_css("ok" if roll.quorum_met else "bad"))
