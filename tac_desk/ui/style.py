"""Colours and spacing that read well in both light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QScrollBar, QWidget

SPACING = 12
MARGIN = 16

_LIGHT = {"ok": "#1b7f3b", "bad": "#b3261e", "warn": "#8a5a00", "muted": "#5f6368", "accent": "#1a5fb4"}
_DARK = {"ok": "#7ee2a0", "bad": "#ffb4ab", "warn": "#ffd479", "muted": "#b0b4ba", "accent": "#99c1f1"}
_LIGHT_BG = {"ok": "#e6f4ea", "bad": "#fce8e6", "warn": "#fef7e0", "neutral": "#eef1f5"}
_DARK_BG = {"ok": "#16361f", "bad": "#4a1d1a", "warn": "#3d3213", "neutral": "#2b2f36"}


def is_dark() -> bool:
    """True when the system palette is dark."""
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def color(name: str) -> QColor:
    """A status text colour ("ok", "bad", "warn", "muted", "accent") for the current palette."""
    return QColor((_DARK if is_dark() else _LIGHT)[name])


def background(name: str) -> QColor:
    """A status background colour ("ok", "bad", "warn", "neutral") for the current palette."""
    return QColor((_DARK_BG if is_dark() else _LIGHT_BG)[name])


def banner_css(kind: str) -> str:
    """Style sheet of a status banner of ``kind``."""
    fg = (_DARK if is_dark() else _LIGHT)[kind if kind in ("ok", "bad", "warn") else "muted"]
    bg = (_DARK_BG if is_dark() else _LIGHT_BG)[kind if kind in ("ok", "bad", "warn") else "neutral"]
    return (
        f"QFrame#banner {{ background: {bg}; border: 1px solid {fg}; border-radius: 8px; }}"
        f" QLabel {{ color: {fg}; border: none; background: transparent; }}"
    )


def heading(text: str, *, size: float = 1.35, parent: QWidget | None = None) -> QLabel:
    """A plain-text heading label scaled from the system font."""
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    """A secondary, muted plain-text label."""
    label = plain_label(text, parent)
    label.setStyleSheet(f"color: {color('muted').name()};")
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text."""
    from PySide6.QtCore import Qt

    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


FLAT_SCROLL_BARS = """
QScrollBar:vertical { background: palette(base); width: 12px; margin: 0; border: none; }
QScrollBar:horizontal { background: palette(base); height: 12px; margin: 0; border: none; }
QScrollBar::handle { background: palette(mid); border-radius: 4px; margin: 2px; }
QScrollBar::handle:hover, QScrollBar::handle:pressed { background: palette(dark); }
QScrollBar::handle:vertical { min-height: 28px; }
QScrollBar::handle:horizontal { min-width: 28px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
"""


def flat_scroll_bars(root: QWidget) -> None:
    """Thin, flat scroll bars in the palette's colours for every scroll bar in ``root``.

    Drawn in a fraction of the time of Fusion's gradient bars; the style sheet is set on the bars alone, so the
    rest of the window keeps the plain style.
    """
    for bar in root.findChildren(QScrollBar):
        if bar.styleSheet() != FLAT_SCROLL_BARS:
            bar.setStyleSheet(FLAT_SCROLL_BARS)
