"""The running footer of the PDF minutes: a hairline, the document's name and "Page N of M"."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from tac_desk.exports.fonts import REGULAR_CHAIN, SANS, draw_text, string_width
from tac_desk.exports.pdf_styles import FRAME_PADDING, MARGIN_BOTTOM, MARGIN_X, MUTED, RULE

FOOTER_SIZE = 8.0
EDGE = MARGIN_X + FRAME_PADDING  # the footer lines up with the text, not with the page frame
ELLIPSIS = "…"


def fit(text: str, width: float, size: float = FOOTER_SIZE) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` points."""
    if string_width(text, REGULAR_CHAIN, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(text[:middle] + ELLIPSIS, REGULAR_CHAIN, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def draw_footer(canvas: Canvas, page: int, total: int, left_text: str) -> None:
    """Draw the footer of one page."""
    width, _height = canvas._pagesize
    y_line = MARGIN_BOTTOM - 24
    y_text = y_line - 13
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(EDGE, y_line, width - EDGE, y_line)
    canvas.setFillColor(MUTED)
    label = f"Page {page} of {total}"
    canvas.setFont(SANS, FOOTER_SIZE)
    label_width = canvas.stringWidth(label, SANS, FOOTER_SIZE)
    canvas.drawString(width - EDGE - label_width, y_text, label)
    room = width - 2 * EDGE - label_width - 24
    draw_text(canvas, EDGE, y_text, fit(left_text, room), REGULAR_CHAIN, FOOTER_SIZE)
    canvas.restoreState()


def numbered_canvas(left_text: str) -> type[Canvas]:
    """A canvas class that holds every page until the end, then stamps "Page N of M" footers on them."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                draw_footer(self, number, total, left_text)
                super().showPage()
            super().save()

    return NumberedCanvas
