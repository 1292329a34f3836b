"""Page geometry, colours and paragraph styles of the PDF minutes; plain text in, escaped Paragraphs out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph

from tac_desk.exports.fonts import BOLD_CHAIN, REGULAR_CHAIN, SANS, SANS_BOLD, markup, register_fonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": LETTER, "a4": A4}
MARGIN_X = 1.0 * inch
MARGIN_TOP = 0.9 * inch
MARGIN_BOTTOM = 1.0 * inch
FRAME_PADDING = 6  # reportlab's default padding inside the page frame

INK = colors.HexColor("#1B1F24")
ACCENT = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#5B6470")
RULE = colors.HexColor("#C5CED9")
HEADER_FILL = colors.HexColor("#E8EEF5")
ZEBRA = colors.HexColor("#F6F8FA")
PANEL = colors.HexColor("#F2F5F9")
GOOD = colors.HexColor("#1E6B3A")
BAD = colors.HexColor("#9B2C2C")
DRAFT = colors.HexColor("#A15C00")

MAX_PARAGRAPH = 4000  # characters per Paragraph: longer text is cut so pages break without reflowing it all


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the minutes use."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    meta: ParagraphStyle
    quote: ParagraphStyle
    statement: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    muted_cell: ParagraphStyle
    cell_note: ParagraphStyle
    header: ParagraphStyle
    digest: ParagraphStyle
    hash: ParagraphStyle


def make_styles() -> Styles:
    """Register the fonts and build the styles (10 pt text on 14 pt leading, DejaVu Sans)."""
    register_fonts()

    def style(name: str, **values: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": SANS, "fontSize": 10, "leading": 14, "textColor": INK}
        base.update(values)
        return ParagraphStyle(name, **base)

    return Styles(
        kicker=style("kicker", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=4),
        title=style("title", fontName=SANS_BOLD, fontSize=21, leading=26, textColor=ACCENT, spaceAfter=4),
        h1=style("h1", fontName=SANS_BOLD, fontSize=13.5, leading=18, textColor=ACCENT, spaceBefore=18, keepWithNext=1),
        h2=style("h2", fontName=SANS_BOLD, fontSize=11, leading=15, spaceBefore=12, spaceAfter=2, keepWithNext=1),
        h3=style("h3", fontName=SANS_BOLD, fontSize=9, leading=12, textColor=MUTED, spaceBefore=8, spaceAfter=3),
        body=style("body", spaceAfter=5),
        meta=style("meta", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=4, keepWithNext=1),
        quote=style(
            "quote",
            leftIndent=9,
            rightIndent=9,
            borderPadding=(5, 8, 5, 8),
            backColor=PANEL,
            spaceBefore=4,
            spaceAfter=8,
        ),
        statement=style("statement", fontName=SANS_BOLD, spaceBefore=2, spaceAfter=8),
        cell=style("cell", fontSize=9, leading=12),
        cell_bold=style("cell_bold", fontName=SANS_BOLD, fontSize=9, leading=12),
        cell_right=style("cell_right", fontSize=9, leading=12, alignment=TA_RIGHT),
        muted_cell=style("muted_cell", fontSize=9, leading=12, textColor=MUTED),
        cell_note=style("cell_note", fontSize=8, leading=11, textColor=MUTED),
        header=style("header", fontName=SANS_BOLD, fontSize=8.5, leading=11, textColor=ACCENT),
        digest=style("digest", fontSize=8, leading=11, textColor=MUTED),
        hash=style("hash", fontSize=7.5, leading=12, spaceBefore=1.5),
    )


def chain_for(style: ParagraphStyle) -> tuple[str, ...]:
    """The fallback chain that starts with the style's own face."""
    return BOLD_CHAIN if style.fontName == SANS_BOLD else REGULAR_CHAIN


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: escaped, with fallback fonts, line breaks kept."""
    chain = chain_for(style)
    lines = [markup(line, chain) for line in text.splitlines()] or [""]
    return Paragraph("<br/>".join(lines), style)


def labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph "Label: text" with the label in bold and the (plain) text escaped."""
    bold = markup(label, BOLD_CHAIN, base=style.fontName)
    return Paragraph(f"{bold} {markup(text, chain_for(style))}", style)


def two_lines(main: str, note: str, style: ParagraphStyle, note_style: ParagraphStyle) -> list[Paragraph]:
    """A cell's content: a main line and, under it, a note (left out when empty or equal to the main line)."""
    return [para(main, style)] + ([para(note, note_style)] if note and note != main else [])


def split_line(line: str, limit: int) -> list[str]:
    """Cut a line into pieces of at most ``limit`` characters, at a space where one is near the end."""
    pieces = []
    while len(line) > limit:
        cut = line.rfind(" ", limit // 2, limit)
        cut = limit if cut <= 0 else cut
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def text_blocks(text: str, style: ParagraphStyle, limit: int = MAX_PARAGRAPH) -> list[Paragraph]:
    """Paragraphs for free text: blank lines separate paragraphs, line breaks are kept, long runs are cut.

    A paragraph longer than ``limit`` characters becomes several Paragraphs with no space between them,
    so a page can break anywhere in it without reflowing thousands of characters at every break.
    """
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip().replace("\t", "    ")
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].extend(split_line(line, limit))
    joined_style = ParagraphStyle(f"{style.name}-continued", parent=style, spaceAfter=0)
    result: list[Paragraph] = []
    for block in blocks:
        groups: list[list[str]] = [[]]
        for line in block:
            if groups[-1] and sum(len(g) for g in groups[-1]) + len(line) > limit:
                groups.append([])
            groups[-1].append(line)
        for index, group in enumerate(g for g in groups if g):
            last = index == len(groups) - 1
            result.append(para("\n".join(group), style if last else joined_style))
    return result


def joined(parts: Sequence[str]) -> str:
    """Join non-empty parts with a middle dot."""
    return " · ".join(p for p in parts if p)
