"""Fixtures for the export tests: one built meeting and its minutes per session, and PDF read-back helpers."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tac_desk.services.minutes import MinutesRecord, minutes_record
from tac_desk.storage.database import Database, open_database

from .builders import Built, build


@pytest.fixture(scope="session")
def built_db() -> Iterator[tuple[Database, Built]]:
    """A record holding the standard meeting (12 seats in every script, alternates, observers, 3 votes)."""
    database = open_database(":memory:")
    built = build(database, agenda_items=9, vote_count=3)
    yield database, built
    database.dispose()


@pytest.fixture(scope="session")
def record(built_db: tuple[Database, Built]) -> MinutesRecord:
    """The minutes of the standard meeting."""
    database, built = built_db
    with database.read() as session:
        return minutes_record(session=session, meeting_id=built.meeting_id)


CORRECTION_REASON = "Clerk's slip: <b>typo</b> & wrong seat"


@pytest.fixture(scope="session")
def corrected_record() -> Iterator[MinutesRecord]:
    """Minutes whose first vote had one Yes ballot corrected to No after it closed."""
    from tac_desk.domain.enums import Choice
    from tac_desk.services import corrections
    from tac_desk.storage import repositories as repo

    database = open_database(":memory:")
    built = build(database, agenda_items=2, vote_count=1)
    with database.write() as session:
        ballot = next(b for b in repo.ballots(session, built.motion_ids[0]) if b.choice is Choice.YES)
        corrections.correct_ballot(session=session, ballot_id=ballot.id, choice=Choice.NO, reason=CORRECTION_REASON)
    with database.read() as session:
        yield minutes_record(session=session, meeting_id=built.meeting_id)
    database.dispose()


@pytest.fixture(scope="session")
def pdf_file(record: MinutesRecord, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standard minutes rendered to a PDF file."""
    from tac_desk.exports.minutes_pdf import render_minutes_pdf

    path = tmp_path_factory.mktemp("minutes") / "minutes.pdf"
    path.write_bytes(render_minutes_pdf(record))
    return path


def pdftotext(path: Path, *, layout: bool = False) -> str:
    """The text poppler extracts from a PDF (what a reader copies out of it)."""
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True, encoding="utf-8", timeout=60).stdout


def pdffonts(path: Path) -> list[dict[str, str]]:
    """The fonts poppler finds in a PDF: name, type, embedded, subset, unicode map."""
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True, timeout=60).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: read the yes/no flags from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "line": line})
    return rows


def squeeze(text: str) -> str:
    """Text without any whitespace (pdftotext breaks lines where the layout did)."""
    return "".join(text.split())
