"""Files that are not this version's records are refused before anything touches them; read-only records open so."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tac_desk.domain.errors import RecordError
from tac_desk.storage.database import open_database
from tac_desk.storage.inspect import inspect_record
from tac_desk.storage.schema import SQLITE_MAGIC

PAST = 1_600_000_000  # a fixed mtime far in the past: any write would move it to now


def fresh_record(folder: Path) -> Path:
    """A migrated record, fully checkpointed (no -wal or -shm left)."""
    path = folder / "source" / "tac.tacdb"
    open_database(path).dispose()
    assert companions(path) == []
    return path


def companions(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


def freeze(path: Path) -> tuple[bytes, int]:
    os.utime(path, (PAST, PAST))
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_untouched(path: Path, before: tuple[bytes, int]) -> None:
    assert path.read_bytes() == before[0], "the file's bytes changed"
    assert path.stat().st_mtime_ns == before[1], "the file's mtime changed"
    assert companions(path) == [], "a -wal, -shm or journal file appeared"


def test_record_of_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = fresh_record(tmp_path)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    assert companions(path) == []
    before = freeze(path)
    for attempt in (lambda: open_database(path), lambda: open_database(path, create=False)):
        with pytest.raises(RecordError, match="newer") as caught:
            attempt()
        assert "9999" in str(caught.value)
        assert_untouched(path, before)
    with pytest.raises(RecordError, match="newer"):
        inspect_record(path)
    assert_untouched(path, before)


def _zero_length(source: Path) -> bytes:
    return b""


def _truncated_half(source: Path) -> bytes:
    data = source.read_bytes()
    return data[: len(data) // 2]


def _truncated_page(source: Path) -> bytes:
    return source.read_bytes()[:4096]


def _header_only(source: Path) -> bytes:
    return source.read_bytes()[:60]


def _flipped_magic(source: Path) -> bytes:
    data = bytearray(source.read_bytes())
    data[0] ^= 0xFF
    return bytes(data)


def _random_bytes(source: Path) -> bytes:
    return random.Random(20261129).randbytes(16_384)


def _random_bytes_with_magic(source: Path) -> bytes:
    return SQLITE_MAGIC + random.Random(7).randbytes(16_384 - len(SQLITE_MAGIC))


def _pdf(source: Path) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "Minutes of the TAC")
    canvas.save()
    data = buffer.getvalue()
    assert data.startswith(b"%PDF")
    return data


def _sqlite_file(source: Path, statements: list[str]) -> bytes:
    scratch = source.parent / "scratch.sqlite"
    scratch.unlink(missing_ok=True)
    raw = sqlite3.connect(scratch)
    for statement in statements:
        raw.execute(statement)
    raw.commit()
    raw.close()
    return scratch.read_bytes()


def _foreign_tables(source: Path) -> bytes:
    return _sqlite_file(
        source, ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'x')"]
    )


def _foreign_application_id(source: Path) -> bytes:
    """Another application's file, even one that happens to hold an alembic_version table."""
    return _sqlite_file(
        source,
        [
            "PRAGMA application_id = 1196444237",
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
            "INSERT INTO alembic_version VALUES ('0001')",
        ],
    )


def _foreign_application_id_in_a_tac_record(source: Path) -> bytes:
    data = bytearray(source.read_bytes())
    data[68:72] = (0x12345678).to_bytes(4, "big")  # the application id field of the header
    return bytes(data)


BAD_FILES: dict[str, Callable[[Path], bytes]] = {
    "zero-length": _zero_length,
    "truncated to half": _truncated_half,
    "truncated to one page": _truncated_page,
    "shorter than the header": _header_only,
    "flipped header magic": _flipped_magic,
    "random bytes": _random_bytes,
    "random bytes after the SQLite magic": _random_bytes_with_magic,
    "PDF renamed": _pdf,
    "SQLite of another application (other tables)": _foreign_tables,
    "SQLite with another application id": _foreign_application_id,
    "TAC record stamped with another application id": _foreign_application_id_in_a_tac_record,
}


@pytest.mark.parametrize("make", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_damaged_or_foreign_file_is_refused_and_left_byte_identical(
    tmp_path: Path, make: Callable[[Path], bytes]
) -> None:
    source = fresh_record(tmp_path)
    path = tmp_path / "suspect" / "tac.tacdb"
    path.parent.mkdir()
    path.write_bytes(make(source))
    before = freeze(path)
    for create in (True, False):
        with pytest.raises(RecordError) as caught:
            open_database(path, create=create)
        assert str(path) in str(caught.value)
        assert "Traceback" not in str(caught.value)
        assert_untouched(path, before)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="folder"):
        open_database(tmp_path)


def test_a_missing_record_is_refused_when_creation_is_not_allowed(tmp_path: Path) -> None:
    path = tmp_path / "none.tacdb"
    with pytest.raises(RecordError, match="no record"):
        open_database(path, create=False)
    assert not path.exists()


READ_ONLY_PROBE = """
import json, sys
from tac_desk.domain.errors import RecordError
from tac_desk.storage import repositories
from tac_desk.storage.database import open_database

database = open_database(sys.argv[1])
result = {"read_only": database.read_only}
with database.read() as session:
    result["body"] = repositories.body(session).name
try:
    with database.write() as session:
        result["write"] = "allowed"
except RecordError as error:
    result["write"] = str(error)
database.dispose()
print(json.dumps(result))
"""


def run_without_root_privileges(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command that sees file permissions as an ordinary user does (root's override dropped)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "setpriv (util-linux) is needed to test permissions as root"
        dropped = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}"]
    return subprocess.run([*prefix, *args], capture_output=True, text=True, check=False, timeout=120)


def record_with_body(folder: Path) -> Path:
    from tac_desk.services import setup

    path = folder / "ro record #1" / "tac.tacdb"
    database = open_database(path)
    with database.write() as session:
        setup.create_body(session=session, name="LF AI & Data TAC — 技术", timezone="UTC")
    database.dispose()
    assert companions(path) == []
    return path


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_record_opens_read_only_and_refuses_writes(tmp_path: Path, what: str) -> None:
    path = record_with_body(tmp_path)
    data = path.read_bytes()
    target = path if what == "file" else path.parent
    original_mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        done = run_without_root_privileges([sys.executable, "-c", READ_ONLY_PROBE, str(path)])
    finally:
        target.chmod(original_mode)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["read_only"] is True
    assert result["body"] == "LF AI & Data TAC — 技术"
    assert "read-only" in result["write"]
    assert path.read_bytes() == data


def test_writable_record_is_not_read_only(file_db_path: Path) -> None:
    done = run_without_root_privileges([sys.executable, "-c", READ_ONLY_PROBE, str(file_db_path)])
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {"read_only": False, "body": "LF AI & Data TAC — 技术", "write": "allowed"}


@pytest.fixture
def file_db_path(tmp_path: Path) -> Path:
    return record_with_body(tmp_path)
