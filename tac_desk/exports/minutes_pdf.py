"""The minutes of one meeting as a PDF: a pure function from a MinutesRecord to bytes."""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, SimpleDocTemplate

from tac_desk import APP_NAME, __version__
from tac_desk.collector import paused
from tac_desk.exports import minutes_text as words
from tac_desk.exports import pdf_blocks as blocks
from tac_desk.exports.fonts import SANS
from tac_desk.exports.pdf_footer import numbered_canvas
from tac_desk.exports.pdf_styles import FRAME_PADDING, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_SIZES, make_styles
from tac_desk.services.minutes import MinutesRecord


def minutes_story(record: MinutesRecord, width: float) -> list[Flowable]:
    """Every flowable of the minutes, in reading order, for a frame ``width`` points wide."""
    st = make_styles()
    story: list[Flowable] = blocks.title_block(record, st, width)
    story += blocks.attendance(record, st, width, 1)
    story += blocks.agenda(record, st, width, 2)
    story += blocks.proceedings(record, st, 3)
    story += blocks.votes(record, st, width, 4)
    story += blocks.actions(record, st, width, 5)
    story += blocks.closing(record, st, width, 6)
    return story


def render_minutes_pdf(record: MinutesRecord, *, page_size: str = "letter") -> bytes:
    """Render the minutes as a PDF with embedded fonts; the same record always gives the same bytes.

    Args:
        record: the minutes, from :func:`tac_desk.services.minutes.minutes_record`.
        page_size: "letter" (the default, for a US foundation) or "a4".

    Raises:
        ValueError: for an unknown page size.
    """
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size '{page_size}' (known: {', '.join(PAGE_SIZES)})")
    size = PAGE_SIZES[page_size]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{record.body} — {words.document_title(record)}",
        author=record.body,
        subject=f"{words.document_title(record)}, {words.long_date(record.starts_at.date())} ({record.status.value})",
        creator=f"{APP_NAME} {__version__}",
        producer=f"{APP_NAME} {__version__}",
        invariant=1,
        lang="en",
        initialFontName=SANS,
    )
    with paused():
        story = minutes_story(record, document.width - 2 * FRAME_PADDING)
        document.build(story, canvasmaker=numbered_canvas(words.footer_text(record)))
    return buffer.getvalue()
