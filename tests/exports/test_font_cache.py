"""Parsed fonts come from the user's cache folder: the same font as a fresh parse, and a bad entry is only ignored."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from tac_desk.exports import font_cache
from tac_desk.exports.fonts import fonts_dir
from tac_desk.paths import cache_dir

from .builders import build
from .test_minutes_cli import tac_desk

SAMPLE = "Zoë Durand 王伟 Ελένη Łukasz ☂ 12:30"
TEXT_FIELDS = ("charToGlyph", "charWidths", "glyphPos", "hmetrics", "numGlyphs", "ascent", "descent", "bbox", "flags")


def entries() -> list[Path]:
    return sorted((cache_dir() / "fonts").glob("*.pickle"))


def same_font(cached: TTFont, parsed: TTFont) -> None:
    for field in TEXT_FIELDS:
        assert getattr(cached.face, field) == getattr(parsed.face, field), field
    assert cached.stringWidth(SAMPLE, 11) == parsed.stringWidth(SAMPLE, 11)
    assert cached.face._pdfScale(777) == parsed.face._pdfScale(777)
    subset = sorted({ord(c) for c in SAMPLE} & set(parsed.face.charToGlyph))
    assert cached.face.makeSubset(subset) == parsed.face.makeSubset(subset)


@pytest.mark.parametrize(("filename", "index"), [("DejaVuSans.ttf", 0), ("wqy-microhei.ttc", 0)])
def test_a_cached_font_is_the_font_a_fresh_parse_gives(filename: str, index: int) -> None:
    path = fonts_dir() / filename
    assert entries() == []
    parsed = font_cache.load_ttfont("Parsed", path, index)
    assert len(entries()) == 1
    cached = font_cache.load_ttfont("Cached", path, index)
    assert cached.fontName == "Cached" and cached.face is not parsed.face
    assert cached.face._ttf_data == path.read_bytes()
    same_font(cached, parsed)


def test_a_damaged_entry_is_ignored_and_replaced(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="tac_desk")
    path = fonts_dir() / "DejaVuSans.ttf"
    parsed = font_cache.load_ttfont("First", path)
    (entry,) = entries()
    entry.write_bytes(b"not a pickle")
    again = font_cache.load_ttfont("Again", path)
    assert "ignored the font cache entry" in caplog.text
    same_font(again, parsed)
    assert entry.read_bytes() != b"not a pickle"  # parsed again and cached again
    same_font(font_cache.load_ttfont("Third", path), parsed)


def test_a_changed_font_file_or_library_gets_its_own_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = fonts_dir() / "DejaVuSans.ttf"
    copy = tmp_path / "DejaVuSans.ttf"
    copy.write_bytes(original.read_bytes())
    font_cache.load_ttfont("A", copy)
    font_cache.load_ttfont("B", original)  # same bytes: the same entry
    assert len(entries()) == 1
    font_cache.load_ttfont("C", fonts_dir() / "DejaVuSans-Bold.ttf")
    monkeypatch.setattr(font_cache.reportlab, "Version", "0.0-other")
    font_cache.load_ttfont("D", original)
    assert len(entries()) == 3


def test_an_unwritable_cache_only_costs_the_parse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setattr(font_cache, "cache_dir", lambda: blocked)
    font = font_cache.load_ttfont("Plain", fonts_dir() / "DejaVuSans.ttf")
    assert font.stringWidth("TAC", 10) > 0


def test_minutes_are_byte_identical_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    from tac_desk.storage.database import open_database

    record = tmp_path / "tac.tacdb"
    database = open_database(record)
    try:
        built = build(database, agenda_items=2, vote_count=1)
    finally:
        database.dispose()
    cold, warm = tmp_path / "cold.pdf", tmp_path / "warm.pdf"
    assert entries() == []
    assert tac_desk("export", "minutes", built.meeting_id, "-o", cold, db=record).returncode == 0
    assert len(entries()) >= 2  # the sans faces and the CJK face the Chinese names need
    assert tac_desk("export", "minutes", built.meeting_id, "-o", warm, db=record).returncode == 0
    assert cold.read_bytes() == warm.read_bytes()
