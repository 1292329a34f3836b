"""The first-start panel: create a record, explore the demo, or open a file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tac_desk import APP_NAME
from tac_desk.ui import style


class WelcomePanel(QWidget):
    """Shown when no record is open."""

    sig_create = Signal()
    sig_demo = Signal()
    sig_open = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 32, 36, 32)
        inner.setSpacing(style.SPACING)
        inner.addWidget(style.heading(f"Welcome to {APP_NAME}", size=1.8))
        text = style.muted(
            "Run your Technical Advisory Committee from one place: the roster and its seats, meetings "
            "every other week, the roll and quorum at a glance, recorded votes with their arithmetic, "
            "minutes and calendar invites."
        )
        text.setWordWrap(True)
        inner.addWidget(text)
        inner.addSpacing(12)
        self.create_button = QPushButton("Create a new TAC record")
        self.create_button.setDefault(True)
        self.demo_button = QPushButton("Explore the demo record")
        self.open_button = QPushButton("Open a record file…")
        for button, signal in (
            (self.create_button, self.sig_create),
            (self.demo_button, self.sig_demo),
            (self.open_button, self.sig_open),
        ):
            button.setMinimumHeight(38)
            button.setAccessibleName(button.text())
            button.clicked.connect(signal.emit)
            inner.addWidget(button)
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
