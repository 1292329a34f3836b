"""A preview of a meeting's minutes: the Markdown text, ready to copy, with save buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class MinutesPreview(QDialog):
    """Shows the minutes as plain Markdown text (what a wiki or mailing list receives)."""

    sig_save = Signal(str)  # "pdf" or "md"

    def __init__(self, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Minutes preview")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(markdown)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Minutes in Markdown")
        copy = QPushButton("&Copy Markdown")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(markdown))
        pdf = QPushButton("Save as &PDF…")
        pdf.clicked.connect(lambda: self._save("pdf"))
        md = QPushButton("Save as &Markdown…")
        md.clicked.connect(lambda: self._save("md"))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (copy, pdf, md):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(820, 760)

    def _save(self, kind: str) -> None:
        self.accept()
        self.sig_save.emit(kind)
