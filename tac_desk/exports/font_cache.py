"""Parsed TrueType fonts kept in the user's cache folder: a large font is parsed once, not by every process."""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from tac_desk.collector import paused
from tac_desk.domain.errors import TacError
from tac_desk.files import write_atomically
from tac_desk.paths import cache_dir

log = logging.getLogger("tac_desk")

FORMAT = 1
_FONT_FIELDS = {"fontName", "face", "encoding", "state", "_asciiReadable", "_shapable"}
_REBUILT_FACE_FIELDS = ("_ttf_data", "_pdfScale", "filename")  # the file's bytes, a lambda, and where it is


def load_ttfont(name: str, path: Path, subfont_index: int = 0) -> TTFont:
    """The reportlab font ``name`` read from ``path``: from the cache when it holds this very file, else parsed.

    A cache entry is named by the SHA-256 of the font file's bytes, the subfont index, reportlab's version
    and this cache's format, so a changed file or library never meets an old entry. An unreadable entry is
    ignored (and replaced). Entries are pickles in the user's own cache folder, trusted like the user's files.

    Raises:
        Exception: whatever reportlab raises for a damaged font file (the caller names the file).
    """
    data = path.read_bytes()
    key = hashlib.sha256(data)
    key.update(f"|{subfont_index}|{reportlab.Version}|{FORMAT}".encode())
    entry = cache_dir() / "fonts" / f"{key.hexdigest()}.pickle"
    cached = _from_cache(entry, name, path, data)
    if cached is not None:
        return cached
    font = TTFont(name, str(path), subfontIndex=subfont_index)
    _to_cache(entry, font)
    return font


def _from_cache(entry: Path, name: str, path: Path, data: bytes) -> TTFont | None:
    try:
        with paused():  # ~150,000 small objects: no collector passes over the whole heap meanwhile
            saved = pickle.loads(entry.read_bytes())  # the user's own cache folder, written by this module
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(saved["face"])
        face._ttf_data = data
        face.filename = str(path)
        face._pdfScale = _scale(int(face.unitsPerEm))
        font = TTFont.__new__(TTFont)
        font.__dict__.update(saved["font"])
        font.fontName = name
        font.face = face
        font.state = WeakKeyDictionary()
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or foreign entry: parse the font again
        log.info("ignored the font cache entry %s (%s)", entry.name, error)
        return None
    return font


def _to_cache(entry: Path, font: TTFont) -> None:
    fields = set(vars(font))
    if fields != _FONT_FIELDS:  # this reportlab builds its fonts differently: keep parsing them
        log.info("fonts are not cached: reportlab's font has the fields %s", sorted(fields))
        return
    saved: dict[str, Any] = {
        "font": {k: v for k, v in vars(font).items() if k not in ("face", "state", "fontName")},
        "face": {k: v for k, v in vars(font.face).items() if k not in _REBUILT_FACE_FIELDS},
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, TacError, pickle.PicklingError, TypeError, AttributeError) as error:
        log.info("the font cache entry %s was not written (%s)", entry.name, error)


def _scale(units_per_em: int) -> Any:
    """reportlab's scale from font units to PDF units (1/1000 em)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
