"""The PDF minutes read back with poppler and pypdf: names in every script, embedded fonts, escaping, long text."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
import reportlab

from tac_desk.exports import minutes_text as words
from tac_desk.exports.minutes_pdf import render_minutes_pdf
from tac_desk.services.minutes import MinutesRecord, MinutesStatus, minutes_record
from tac_desk.storage.database import Database, open_database

from .builders import ALTERNATES, INJECTIONS, OBSERVERS, SEAT_HOLDERS, Built, build
from .conftest import pdffonts, pdftotext, squeeze


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def test_every_name_in_every_script_survives_extraction(pdf_file: Path) -> None:
    text = squeeze(pdftotext(pdf_file))
    for name, organization in SEAT_HOLDERS + ALTERNATES + OBSERVERS:
        assert squeeze(name) in text, name
        if organization:
            assert squeeze(organization) in text, organization


def test_emoji_beyond_the_bmp_extract_as_themselves(pdf_file: Path) -> None:
    text = pdftotext(pdf_file)
    assert "Priya Raghunathan 📅" in text
    assert "Émile 🎉 Brontë" in text


def test_title_block_and_sections(pdf_file: Path, record: MinutesRecord) -> None:
    text = pdftotext(pdf_file)
    assert "LF AI & Data <TAC>" in text
    assert "Minutes of Meeting 1" in text
    assert "Thursday, 9 January 2031" in text
    assert "16:00–17:30 Europe/Paris (UTC+01:00)" in text
    assert "Ana Pérez" in text
    assert "Draft" in text
    assert "Quorum met: 9 of 12 voting seats present; 6 needed." in text
    for heading in ("Attendance", "Agenda", "Proceedings", "Votes", "Action items", "Next meeting", "Record digest"):
        assert heading in text
    assert "Meeting 2: Thursday, 23 January 2031, 16:00 Europe/Paris (UTC+01:00)" in text
    assert squeeze("Circulate the draft charter & gather comments (1)") in squeeze(text)


def test_votes_show_rule_tally_roll_call_result_and_closing_entry(pdf_file: Path, record: MinutesRecord) -> None:
    text = pdftotext(pdf_file)
    flat = squeeze(text)
    for vote in record.votes:
        assert f"Vote {vote.number}: {vote.result}" in text
        assert squeeze(words.rule_text(vote)) in flat
        assert squeeze(words.tally_text(vote)) in flat
        assert squeeze(vote.explanation) in flat
        assert vote.close_entry_hash and vote.close_entry_hash in flat
    assert "Marek Nowak (alternate)" in text
    assert re.search(r"Absent", text)


def test_the_record_digest_is_printed(pdf_file: Path, record: MinutesRecord) -> None:
    flat = squeeze(pdftotext(pdf_file))
    assert len(record.head_hash) == 64
    assert squeeze(f"Journal head {record.head_seq} {record.head_hash}") in flat
    for vote in record.votes:
        assert squeeze(f"Vote {vote.number} closed {vote.close_entry_seq} {vote.close_entry_hash}") in flat


def test_every_page_has_a_page_n_of_m_footer(pdf_file: Path) -> None:
    reader = pypdf.PdfReader(pdf_file)
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_only_embedded_truetype_fonts(pdf_file: Path) -> None:
    found = pdffonts(pdf_file)
    assert {row["emb"] for row in found} == {"yes"}, found
    assert {row["uni"] for row in found} == {"yes"}, found
    names = " ".join(row["name"] for row in found)
    assert "Helvetica" not in names
    for face in ("DejaVuSans", "DejaVuSans-Bold", "WenQuanYiMicroHei", "Symbola"):
        assert face in names


def test_metadata_names_the_document(pdf_file: Path) -> None:
    info = pypdf.PdfReader(pdf_file).metadata
    assert info is not None
    assert info.title == "LF AI & Data <TAC> — Minutes of Meeting 1"
    assert "Draft" in (info.subject or "")


def test_same_record_gives_identical_bytes(record: MinutesRecord) -> None:
    first = render_minutes_pdf(record)
    second = render_minutes_pdf(record)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_a4_and_letter(record: MinutesRecord) -> None:
    a4 = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(record, page_size="a4"))).pages[0].mediabox
    letter = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(record))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    with pytest.raises(ValueError, match="unknown page size"):
        render_minutes_pdf(record, page_size="legal")


def test_approved_status_is_printed(record: MinutesRecord, tmp_path: Path) -> None:
    path = tmp_path / "approved.pdf"
    path.write_bytes(render_minutes_pdf(replace(record, status=MinutesStatus.APPROVED)))
    text = pdftotext(path)
    assert "Approved" in text
    assert "Draft" not in text


def test_markup_injection_prints_literally_and_reaches_no_sink(
    record: MinutesRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request

    import reportlab.lib.colors as rl_colors
    import reportlab.lib.utils as rl_utils
    import reportlab.platypus.paraparser as rl_paraparser

    calls: list[str] = []

    def sink(name: str):  # type: ignore[no-untyped-def]
        def record_call(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"{name} called while rendering user text")

        return record_call

    monkeypatch.setattr(urllib.request, "urlopen", sink("urlopen"))
    monkeypatch.setattr(rl_utils, "open_for_read", sink("open_for_read"))
    monkeypatch.setattr(rl_paraparser, "ImageReader", sink("ImageReader"))
    monkeypatch.setattr(rl_colors, "rl_safe_eval", sink("rl_safe_eval"))
    monkeypatch.setattr(rl_colors, "rl_extended_literal_eval", sink("rl_extended_literal_eval"))
    path = tmp_path / "injection.pdf"
    path.write_bytes(render_minutes_pdf(record))
    assert calls == []
    flat = squeeze(pdftotext(path))
    for injection in INJECTIONS:
        assert squeeze(injection) in flat, injection
    assert squeeze('<b>Bob & "Co"</b>') in flat


def test_reportlab_is_past_the_markup_code_execution_fix() -> None:
    major, minor, patch = (int(part) for part in reportlab.Version.split(".")[:3])
    assert (major, minor, patch) >= (3, 6, 13)


@pytest.fixture(scope="module")
def long_record() -> MinutesRecord:
    """A meeting whose notes are 20,000 characters (with and without spaces), with a 300-character token."""
    token = "X" * 150 + "长" * 150
    notes = (
        " ".join(["The committee discussed the roadmap in great detail."] * 380)[:20_000],
        "N" * 20_000,
        f"Reference: {token} end.",
        "\n".join(f"Line {i}: short remark." for i in range(600)),
    )
    database = open_database(":memory:")
    try:
        built: Built = build(database, agenda_items=4, vote_count=1, notes=notes, body_name="Body " + "B" * 190)
        with database.read() as session:
            return minutes_record(session=session, meeting_id=built.meeting_id)
    finally:
        database.dispose()


def test_long_notes_flow_across_pages(long_record: MinutesRecord, tmp_path: Path) -> None:
    data = render_minutes_pdf(long_record)
    pages = page_count(data)
    assert 8 <= pages <= 40
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    flat = squeeze(pdftotext(path))
    assert "X" * 150 + "长" * 150 in flat
    assert sum(len(run) for run in re.findall(r"N{50,}", flat)) == 20_000  # page footers fall between the runs
    assert "Line599:shortremark." in flat
    assert "Body" + "B" * 190 in flat


def test_many_seats_and_observers_repeat_table_headers(tmp_path: Path) -> None:
    from tac_desk.domain.enums import SeatKind
    from tac_desk.services import attendance, meetings, roster, setup

    database: Database = open_database(":memory:")
    with database.write() as session:
        setup.create_body(session=session, name="Large body", timezone="America/New_York")
        _series, planned = meetings.schedule_series(
            session=session, first=datetime(2031, 3, 6, 11, 0), timezone="America/New_York", count=2
        )
        for index in range(70):
            person = roster.add_person(session=session, name=f"Member {index:03d} Ñandú", organization=f"Org {index}")
            roster.add_seat(
                session=session, kind=SeatKind.PREMIER, organization=f"Org {index:03d}", primary_id=person.id
            )
            if index % 3:
                attendance.record_attendance(session=session, meeting_id=planned[0].id, person_id=person.id)
        for index in range(90):
            guest = roster.add_person(session=session, name=f"Guest {index:03d} 観察")
            attendance.record_attendance(session=session, meeting_id=planned[0].id, person_id=guest.id)
        record = minutes_record(session=session, meeting_id=planned[0].id)
    database.dispose()
    path = tmp_path / "large.pdf"
    path.write_bytes(render_minutes_pdf(record))
    reader = pypdf.PdfReader(path)
    assert 3 <= len(reader.pages) <= 15
    text = pdftotext(path)
    assert text.count("Represented by") >= 2
    assert "Member 069 Ñandú" in text
    assert "Guest 089 観察" in text
    assert "Quorum met: 46 of 70 voting seats present; 35 needed." in text


def test_a_meeting_with_nothing_recorded_still_renders(tmp_path: Path) -> None:
    from tac_desk.services import meetings, setup

    database = open_database(":memory:")
    with database.write() as session:
        setup.create_body(session=session, name="Empty body", timezone="UTC")
        meeting = meetings.add_meeting(session=session, start=datetime(2031, 5, 1, 9, 0), timezone="UTC")
        record = minutes_record(session=session, meeting_id=meeting.id)
    database.dispose()
    path = tmp_path / "empty.pdf"
    path.write_bytes(render_minutes_pdf(record))
    text = pdftotext(path)
    assert "No votes were taken." in text
    assert "No agenda was recorded." in text
    assert "09:00–10:00 UTC" in text
    assert "No further meeting is scheduled." in text
    assert "0 of 0 voting seats present" in text


def test_corrections_are_printed_with_their_entries(corrected_record: MinutesRecord, tmp_path: Path) -> None:
    path = tmp_path / "corrected.pdf"
    path.write_bytes(render_minutes_pdf(corrected_record))
    text = pdftotext(path)
    (vote,) = corrected_record.votes
    (line,) = vote.corrections
    assert "Vote 1: Adopted (corrected)" in text
    assert squeeze(words.correction_text(line)) in squeeze(text)
    assert squeeze(f"As closed: {vote.closed_explanation}") in squeeze(text)
    assert squeeze("No (corrected; was Yes)") in squeeze(text)
