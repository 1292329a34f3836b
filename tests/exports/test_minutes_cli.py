"""``tac-desk export minutes`` run as a real process on a real record file."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tac_desk.services import meetings
from tac_desk.storage.database import open_database

from .builders import Built, build
from .conftest import pdftotext


@pytest.fixture(scope="module")
def record_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    path = tmp_path_factory.mktemp("cli") / "tac.tacdb"
    database = open_database(path)
    try:
        built = build(database, agenda_items=4, vote_count=2)
        with database.write() as session:
            meetings.cancel_meeting(session=session, meeting_id=built.next_meeting_id + 1)
    finally:
        database.dispose()
    return path, built


def tac_desk(*args: object, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("TAC_DESK_DB", "TAC_DESK_DEBUG")}
    command = [sys.executable, "-m", "tac_desk", *(str(a) for a in args), "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120)


def test_pdf_export(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    target = tmp_path / "minutes.pdf"
    result = tac_desk("export", "minutes", built.meeting_id, "-o", target, db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(target) in result.stdout
    assert target.read_bytes().startswith(b"%PDF-")
    assert len(pypdf.PdfReader(target).pages) >= 2
    assert "Łukasz Żółkiewski" in pdftotext(target)


def test_markdown_export_by_option_and_by_extension(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    by_option = tmp_path / "minutes.txt"
    by_extension = tmp_path / "minutes.md"
    assert tac_desk("export", "minutes", built.meeting_id, "-o", by_option, "--format", "md", db=db).returncode == 0
    assert tac_desk("export", "minutes", built.meeting_id, "-o", by_extension, db=db).returncode == 0
    text = by_option.read_text(encoding="utf-8")
    assert text == by_extension.read_text(encoding="utf-8")
    assert text.startswith("# LF AI \\& Data \\<TAC\\>: Minutes of Meeting 1")
    assert "| Seat | Voter | Vote |" in text


def test_json_report_matches_the_file(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    target = tmp_path / "minutes.pdf"
    result = tac_desk("export", "minutes", built.meeting_id, "-o", target, "--json", "--page-size", "a4", db=db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    data = target.read_bytes()
    assert report["sha256"] == hashlib.sha256(data).hexdigest()
    assert report["bytes"] == len(data)
    assert report["format"] == "pdf"
    assert len(report["head_hash"]) == 64
    assert report["head_hash"] in pdftotext(target).replace("\n", "")
    assert round(float(pypdf.PdfReader(target).pages[0].mediabox.width)) == 595


def test_same_record_exports_identical_files(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    for target in (first, second):
        assert tac_desk("export", "minutes", built.meeting_id, "-o", target, db=db).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_an_existing_file_is_replaced_whole(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    target = tmp_path / "minutes.md"
    target.write_text("old minutes", encoding="utf-8")
    assert tac_desk("export", "minutes", built.meeting_id, "-o", target, db=db).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]


@pytest.mark.parametrize(
    ("meeting", "output", "fragment"),
    [
        (999, "minutes.pdf", "no meeting with id 999"),
        ("CANCELLED", "minutes.pdf", "was cancelled; it has no minutes"),
        ("MEETING", "missing-folder/minutes.pdf", "cannot write"),
        ("MEETING", ".", "is a folder"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    record_file: tuple[Path, Built], tmp_path: Path, meeting: object, output: str, fragment: str
) -> None:
    db, built = record_file
    meeting_id = {"CANCELLED": built.next_meeting_id + 1, "MEETING": built.meeting_id}.get(str(meeting), meeting)
    result = tac_desk("export", "minutes", meeting_id, "-o", tmp_path / output, db=db)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_usage_errors(record_file: tuple[Path, Built], tmp_path: Path) -> None:
    db, built = record_file
    missing_output = tac_desk("export", "minutes", built.meeting_id, db=db)
    assert missing_output.returncode == 2
    assert "-o" in missing_output.stderr
    bad_format = tac_desk("export", "minutes", built.meeting_id, "-o", tmp_path / "x", "--format", "docx", db=db)
    assert bad_format.returncode == 2
    assert list(tmp_path.iterdir()) == []
