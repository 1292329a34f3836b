"""Page geometry, colours and paragraph styles of the PDF minutes; plain text in, escaped Paragraphs out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

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
    """Register the fonts and build the styles (10 pt text on 14 pt leading, DejaVu Sans).

    New styles start a new document: the parses kept for the previous one's styles are dropped.
    """
    register_fonts()
    _PARSED.clear()

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


_PARSED: dict[tuple[str, int], tuple[ParagraphStyle, str, list[Any]]] = {}  # (markup, id(style)) -> parse
_PARSED_LIMIT = 20_000


class Para(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A Paragraph that parses each (markup, style) once per document and keeps its line breaks per width.

    The minutes repeat many cells (seats, names and choices in every roll call), so a repeated
    paragraph copies the fragments of the first one instead of parsing its markup again. Laying
    them out wraps most paragraphs three times at the same width (for the room a vote needs, for
    its table's row heights, in the frame); the breaks depend only on that width, the fragments
    and the style, so the later wraps reuse the first one's.
    """

    def __init__(self, text: str | None, style: ParagraphStyle, **options: Any) -> None:
        """Like Paragraph's; ``options`` (fragments of a split, a bullet) bypass the parse cache."""
        if options or text is None:
            super().__init__(text, style, **options)
            return
        key = (text, id(style))
        parsed = _PARSED.get(key)
        if parsed is not None and parsed[0] is style:  # the identity check: an id is unique while the style lives
            super().__init__(parsed[1], style, frags=_copy_frags(parsed[2]))
            return
        super().__init__(text, style)
        if self.style is style and self.bulletText is None and not _processed(self.frags):
            if len(_PARSED) >= _PARSED_LIMIT:
                _PARSED.clear()
            _PARSED[key] = (style, self.text, _copy_frags(self.frags))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        """The paragraph's size at ``availWidth`` (its height does not depend on ``availHeight``)."""
        kept = self.__dict__.get("_kept")
        if kept is not None and kept[0] == availWidth and kept[1] is self.frags:
            _, _, self.width, self.height, self._wrapWidths, self.blPara = kept
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if availWidth > 0.001:  # narrower, reportlab answers "does not fit" without breaking lines
            self._kept = (availWidth, self.frags, self.width, self.height, self._wrapWidths, self.blPara)
        return size


def _copy_frags(frags: list[Any]) -> list[Any]:
    """Fragments that share nothing mutable with ``frags`` (reportlab edits them while splitting)."""
    copies = []
    for frag in frags:
        copy = frag.clone()
        vars(copy).update({name: list(value) for name, value in vars(frag).items() if isinstance(value, list)})
        copies.append(copy)
    return copies


def _processed(frags: list[Any]) -> bool:
    """True for a word list made by splitting (not fragments straight from the parser)."""
    return bool(frags) and not all(isinstance(frag, ParaFrag) for frag in frags)


def chain_for(style: ParagraphStyle) -> tuple[str, ...]:
    """The fallback chain that starts with the style's own face."""
    return BOLD_CHAIN if style.fontName == SANS_BOLD else REGULAR_CHAIN


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: escaped, with fallback fonts, line breaks kept."""
    chain = chain_for(style)
    lines = [markup(line, chain) for line in text.splitlines()] or [""]
    return Para("<br/>".join(lines), style)


def labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph "Label: text" with the label in bold and the (plain) text escaped."""
    bold = markup(label, BOLD_CHAIN, base=style.fontName)
    return Para(f"{bold} {markup(text, chain_for(style))}", style)


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
