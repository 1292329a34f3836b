"""Embedded TrueType fonts for PDFs: registration, a fallback chain, and text split into runs by glyph."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

from tac_desk.exports.font_cache import load_ttfont
from tac_desk.paths import resources_dir

SANS = "TacSans"
SANS_BOLD = "TacSans-Bold"
CJK = "TacCJK"
SYMBOLS = "TacSymbols"

_FILES: tuple[tuple[str, str, int], ...] = (
    (SANS, "DejaVuSans.ttf", 0),
    (SANS_BOLD, "DejaVuSans-Bold.ttf", 0),
    (CJK, "wqy-microhei.ttc", 0),
    (SYMBOLS, "Symbola.ttf", 0),
)

REGULAR_CHAIN: tuple[str, ...] = (SANS, CJK, SYMBOLS)
BOLD_CHAIN: tuple[str, ...] = (SANS_BOLD, SANS, CJK, SYMBOLS)


class FontError(RuntimeError):
    """A shipped font file is missing or unreadable (a broken installation)."""


@dataclass(frozen=True)
class FontSet:
    """The registered fonts: the regular and bold fallback chains (first font = the face of the style)."""

    regular: tuple[str, ...]
    bold: tuple[str, ...]


def fonts_dir() -> Path:
    """The folder holding the shipped font files and their licences."""
    return resources_dir() / "fonts"


FALLBACKS = (CJK, SYMBOLS)  # registered when a text first needs a character the style's own face lacks


@cache
def register_fonts() -> FontSet:
    """Register the shipped fonts with reportlab once (and fix its ToUnicode map beyond U+FFFF).

    The DejaVu faces are read now; the large fallback fonts (CJK, symbols) only when some text
    first needs a character the faces lack (see :func:`font_runs`): most minutes never do.

    Raises:
        FontError: when a font file is missing or cannot be read.
    """
    for name, filename, _ in _FILES:
        path = fonts_dir() / filename
        if not path.is_file():
            raise FontError(f"the font file {path} is missing; reinstall TAC Desk")
        if name not in FALLBACKS:
            _register(name)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    _fix_to_unicode()
    return FontSet(regular=REGULAR_CHAIN, bold=BOLD_CHAIN)


@cache
def _register(name: str) -> None:
    """Read one shipped font and register it with reportlab (once)."""
    filename, index = next((file, index) for font, file, index in _FILES if font == name)
    path = fonts_dir() / filename
    if not path.is_file():
        raise FontError(f"the font file {path} is missing; reinstall TAC Desk")
    try:
        pdfmetrics.registerFont(load_ttfont(name, path, index))
    except Exception as error:  # reportlab raises TTFError and plain errors for damaged files
        raise FontError(f"the font file {path} cannot be read ({error})") from error


def _cmap(font_name: str) -> dict[int, int]:
    """The code points a shipped font draws (registering a fallback font the first time it is asked about)."""
    if font_name in FALLBACKS:
        _register(font_name)
    font: Any = pdfmetrics.getFont(font_name)
    mapping: dict[int, int] = font.face.charToGlyph
    return mapping


class _Cmaps:
    """A chain's cmaps, each read the first time a character gets that far down the chain."""

    def __init__(self, chain: tuple[str, ...]) -> None:
        self.chain = chain
        self.first = _cmap(chain[0])
        self._loaded: list[dict[int, int]] = [self.first]

    def __getitem__(self, index: int) -> dict[int, int]:
        while len(self._loaded) <= index:
            self._loaded.append(_cmap(self.chain[len(self._loaded)]))
        return self._loaded[index]

    def find(self, code: int) -> int | None:
        """The index of the first font of the chain that draws ``code``, if any does."""
        for index in range(len(self.chain)):
            if code in self[index]:
                return index
        return None


@cache
def _chain_cmaps(chain: tuple[str, ...]) -> _Cmaps:
    return _Cmaps(chain)


def has_glyph(font_name: str, char: str) -> bool:
    """True when the registered font ``font_name`` draws ``char`` (a cmap lookup, not the notdef box)."""
    return ord(char) in _cmap(font_name)


def _is_ignorable(char: str) -> bool:
    """Invisible characters that may be dropped when no font has them (joiners, variation selectors)."""
    code = ord(char)
    return unicodedata.category(char) in ("Cf", "Cc") or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _sticks(char: str) -> bool:
    """Characters that stay in the current run when its font has them (marks, spaces, joiners)."""
    return unicodedata.combining(char) != 0 or char.isspace() or _is_ignorable(char)


def font_runs(text: str, chain: Sequence[str]) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs, each run drawn by the first font of the chain having its glyphs.

    Combining marks, spaces and joiners stay with the run before them when its font has them.
    Invisible format characters no font draws are dropped; any other character no font has
    stays in the first font (it prints as that font's missing-glyph box).

    Known limits (reportlab without HarfBuzz and a bidi library): Arabic and Hebrew have glyphs
    but are drawn in typed (logical) order, left to right and unshaped, so they read reversed;
    emoji are monochrome (Symbola), and ZWJ sequences and skin-tone modifiers print as their
    separate parts. Text extraction still returns the typed characters.
    """
    cmaps = _chain_cmaps(tuple(chain))
    first = cmaps.first
    if all(ord(char) in first for char in text):
        return [(chain[0], text)] if text else []
    runs: list[tuple[str, str]] = []
    current: int | None = None
    buffer: list[str] = []
    for char in text:
        code = ord(char)
        if current is not None and _sticks(char) and code in cmaps[current]:
            buffer.append(char)
            continue
        chosen = cmaps.find(code)
        if chosen is None:
            if _is_ignorable(char):
                continue
            chosen = 0
        if chosen != current and buffer:
            runs.append((chain[current or 0], "".join(buffer)))
            buffer = []
        current = chosen
        buffer.append(char)
    if buffer:
        runs.append((chain[current or 0], "".join(buffer)))
    return runs


def markup(text: str, chain: Sequence[str], *, base: str | None = None) -> str:
    """Paragraph markup for plain user text: every run escaped, runs not in the ``base`` face wrapped in <font>.

    ``base`` is the face of the paragraph style (the chain's first font when not given).
    """
    face = chain[0] if base is None else base
    parts = []
    for font_name, run in font_runs(text, chain):
        escaped = escape(run)
        parts.append(escaped if font_name == face else f'<font face="{font_name}">{escaped}</font>')
    return "".join(parts)


def missing_characters(text: str, chain: Sequence[str]) -> set[str]:
    """The visible characters of ``text`` that no font of the chain can draw."""
    cmaps = [_cmap(name) for name in chain]
    return {c for c in text if not _is_ignorable(c) and not c.isspace() and all(ord(c) not in m for m in cmaps)}


def string_width(text: str, chain: Sequence[str], size: float) -> float:
    """The width of ``text`` drawn with the fallback chain at ``size`` points."""
    return float(sum(pdfmetrics.stringWidth(run, name, size) for name, run in font_runs(text, chain)))


def draw_text(canvas: Any, x: float, y: float, text: str, chain: Sequence[str], size: float) -> float:
    """Draw one line of plain text at (x, y) with the fallback chain; returns the width drawn."""
    start = x
    for name, run in font_runs(text, chain):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)
    return x - start


def utf16_hex(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap needs (a surrogate pair beyond U+FFFF)."""
    return chr(code).encode("utf-16-be", errors="surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """A ToUnicode CMap for a font subset, correct for characters beyond U+FFFF (bfchar blocks of 100)."""
    header = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    body: list[str] = []
    entries = [f"<{index:02X}> <{utf16_hex(code)}>" for index, code in enumerate(subset)]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        body += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    footer = ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(header + body + footer)


def _fix_to_unicode() -> None:
    """Replace reportlab's ToUnicode writer when it gets characters beyond U+FFFF wrong (reportlab <= 5.1)."""
    original: Callable[[str, Sequence[int]], str] = ttfonts.makeToUnicodeCMap
    if original is to_unicode_cmap:
        return
    probe = original("PROBE", [0, 0x1F4C5])
    if f"<{utf16_hex(0x1F4C5)}>" not in probe:
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
