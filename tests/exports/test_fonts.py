"""The shipped fonts: files and licences, glyph coverage of every script, runs by glyph, the ToUnicode fix."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import ttfonts

from tac_desk.exports import fonts
from tac_desk.exports.fonts import BOLD_CHAIN, CJK, REGULAR_CHAIN, SANS, SANS_BOLD, SYMBOLS

from .builders import ALTERNATES, OBSERVERS, SEAT_HOLDERS

SCRIPTS = {
    "Polish": "Łukasz Żółkiewski, Grzegorz Brzęczyszczykiewicz",
    "Czech": "Zoë Dvořák, Řehoř Ťoupalík, Ůžasný",
    "Vietnamese": "Đặng Thị Hương, Nguyễn Văn Ước, Phạm Thị Quỳnh",
    "Greek": "Ελένη Παπαδοπούλου",
    "Cyrillic": "Дмитрий Иванов, Ёлка Щукина",
    "Chinese": "王伟, 李娜, 华为技术",
    "Japanese": "山田太郎, やまだ, カタカナ, 株式会社",
    "Korean": "김민준, 삼성전자",
    "Arabic": "محمد",
    "Hebrew": "שלום",
    "Symbols": "✓ ★ → € © ™ … • ♥",
    "Emoji": "📅 🎉 👍 😀 🚀",
}


def test_font_files_ship_with_their_licences() -> None:
    folder = fonts.fonts_dir()
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "wqy-microhei.ttc", "Symbola.ttf"):
        assert (folder / name).stat().st_size > 100_000
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-wqy-microhei.txt", "LICENSE-Symbola.txt"):
        assert (folder / licence).read_text(encoding="utf-8").strip()
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Apache License" in (folder / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")


def test_registration_is_idempotent_and_names_both_chains() -> None:
    first = fonts.register_fonts()
    assert fonts.register_fonts() is first
    assert first.regular == (SANS, CJK, SYMBOLS)
    assert first.bold[0] == SANS_BOLD


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_every_script_has_a_glyph_in_the_chain(script: str) -> None:
    fonts.register_fonts()
    assert fonts.missing_characters(SCRIPTS[script], REGULAR_CHAIN) == set()
    assert fonts.missing_characters(SCRIPTS[script], BOLD_CHAIN) == set()


def test_every_fixture_name_has_a_glyph() -> None:
    fonts.register_fonts()
    for name, organization in SEAT_HOLDERS + ALTERNATES + OBSERVERS:
        assert fonts.missing_characters(name + organization, REGULAR_CHAIN) == set(), name


def test_runs_pick_the_first_font_having_the_glyph() -> None:
    fonts.register_fonts()
    runs = fonts.font_runs("Ana 王伟 📅 Łódź", REGULAR_CHAIN)
    assert runs == [(SANS, "Ana "), (CJK, "王伟 "), (SYMBOLS, "📅 "), (SANS, "Łódź")]


def test_latin_only_text_is_one_run() -> None:
    fonts.register_fonts()
    assert fonts.font_runs("Đặng Thị Hương — Ελένη", REGULAR_CHAIN) == [(SANS, "Đặng Thị Hương — Ελένη")]
    assert fonts.font_runs("", REGULAR_CHAIN) == []


def test_combining_marks_stay_with_their_letter() -> None:
    fonts.register_fonts()
    decomposed = unicodedata.normalize("NFD", "Zoë Đặng")
    runs = fonts.font_runs(decomposed, REGULAR_CHAIN)
    assert "".join(text for _, text in runs) == decomposed
    assert {font for font, _ in runs} == {SANS}


def test_invisible_characters_no_font_has_are_dropped() -> None:
    fonts.register_fonts()
    ignorable = next(
        chr(c) for c in range(0xE0100, 0xE01F0) if all(not fonts.has_glyph(f, chr(c)) for f in REGULAR_CHAIN)
    )
    runs = fonts.font_runs(f"王{ignorable}伟", REGULAR_CHAIN)
    assert "".join(text for _, text in runs) == "王伟"


def test_a_character_no_font_has_stays_visible_in_the_first_font() -> None:
    fonts.register_fonts()
    unassigned = "\U0010fffd"  # a private-use character no shipped font draws
    assert fonts.missing_characters(unassigned, REGULAR_CHAIN) == {unassigned}
    assert fonts.font_runs(f"a{unassigned}", REGULAR_CHAIN) == [(SANS, f"a{unassigned}")]


def test_markup_escapes_every_run_and_wraps_fallback_fonts() -> None:
    fonts.register_fonts()
    assert fonts.markup('<b>Bob & "Co"</b>', REGULAR_CHAIN) == '&lt;b&gt;Bob &amp; "Co"&lt;/b&gt;'
    assert fonts.markup("&alpha;<王>", REGULAR_CHAIN) == '&amp;alpha;&lt;<font face="TacCJK">王</font>&gt;'
    assert fonts.markup("x", BOLD_CHAIN, base=SANS) == '<font face="TacSans-Bold">x</font>'


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_runs_keep_every_visible_character_in_order(text: str) -> None:
    fonts.register_fonts()
    joined = "".join(run for _, run in fonts.font_runs(text, REGULAR_CHAIN))
    visible = "".join(c for c in text if not fonts._is_ignorable(c))
    assert "".join(c for c in joined if not fonts._is_ignorable(c)) == visible
    for font_name, run in fonts.font_runs(text, REGULAR_CHAIN):
        assert run
        assert all(fonts.has_glyph(font_name, c) or c in fonts.missing_characters(c, REGULAR_CHAIN) for c in run)


def test_to_unicode_cmap_writes_surrogate_pairs_beyond_the_bmp() -> None:
    cmap = fonts.to_unicode_cmap("AAAAAA+Symbola", [0, 0x41, 0x1F4C5, 0x1F389])
    assert "<01> <0041>" in cmap
    assert "<02> <D83DDCC5>" in cmap
    assert "<03> <D83CDF89>" in cmap
    assert "4 beginbfchar" in cmap


def test_to_unicode_cmap_blocks_hold_at_most_100_entries() -> None:
    cmap = fonts.to_unicode_cmap("F", list(range(0x20, 0x20 + 256)))
    assert cmap.count("beginbfchar") == 3
    assert "100 beginbfchar" in cmap
    assert "56 beginbfchar" in cmap


def test_registration_replaces_reportlabs_faulty_to_unicode_writer() -> None:
    fonts.register_fonts()
    assert ttfonts.makeToUnicodeCMap is fonts.to_unicode_cmap


def test_text_width_and_fitting_use_the_fallback_fonts() -> None:
    from tac_desk.exports.pdf_footer import fit

    fonts.register_fonts()
    assert fonts.string_width("王伟", REGULAR_CHAIN, 10) > 0
    long = "华为技术 " * 100
    short = fit(long, 200)
    assert short.endswith("…")
    assert fonts.string_width(short, REGULAR_CHAIN, 8) <= 200
    assert fit("short", 200) == "short"
