"""One program at a time on a record: a second one is refused with who holds it; a stale lock is recovered (A6)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from integrity_kit import HELPERS, built_record, run_cli

from tac_desk.domain.errors import RecordError
from tac_desk.services import integrity
from tac_desk.storage.database import open_database
from tac_desk.storage.lock import lock_path, read_lock


def hold(path: Path) -> tuple[subprocess.Popen[str], int]:
    child = subprocess.Popen([sys.executable, str(HELPERS / "holder.py"), str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("ready"), line
    return child, int(line.split()[1])


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_a_second_instance_is_refused_naming_the_holder_and_a_killed_one_is_recovered(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    child, pid = hold(path)
    try:
        info = read_lock(lock_path(path))
        assert info is not None and (info.pid, info.host, info.app) == (pid, socket.gethostname(), "TAC Desk")
        assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600
        for _ in range(2):
            with pytest.raises(RecordError) as caught:
                open_database(path)
            assert f"in use by TAC Desk pid {pid} on host {socket.gethostname()}" in str(caught.value)
        assert child.poll() is None and read_lock(lock_path(path)) == info  # the first instance is unaffected
        assert run_cli("--db", str(path), "verify").returncode == 0  # reading needs no lock
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stdout is not None
        child.stdout.close()
    db = open_database(path)
    try:
        assert db.unclean_shutdown and db.lock is not None and db.lock.stale is not None
        assert db.lock.stale.pid == pid
        assert integrity.verify(database=db).ok  # what the app runs after an unclean shutdown
        assert read_lock(lock_path(path)).pid == os.getpid()  # type: ignore[union-attr]
    finally:
        db.dispose()
    assert not lock_path(path).exists()
    db = open_database(path)
    assert not db.unclean_shutdown  # a clean close leaves no lock behind
    db.dispose()


def test_the_lock_is_shared_within_one_process(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    first = open_database(path)
    second = open_database(path)
    assert first.lock is not None and second.lock is not None and second.lock.holdings == 2
    first.dispose()
    first.dispose()  # idempotent
    assert lock_path(path).exists()
    second.dispose()
    assert not lock_path(path).exists()


def write_lock(path: Path, **fields: object) -> None:
    data = {"app": "TAC Desk", "pid": 1, "host": socket.gethostname(), "started": None, "since": "2026-01-01"}
    lock_path(path).write_text(json.dumps({**data, **fields}), encoding="utf-8")


def test_a_lock_left_by_a_dead_process_on_this_host_is_recovered(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    pid = dead_pid()
    write_lock(path, pid=pid)
    db = open_database(path)
    try:
        assert db.unclean_shutdown and db.lock is not None and db.lock.stale is not None and db.lock.stale.pid == pid
    finally:
        db.dispose()


def test_a_reused_pid_does_not_keep_a_stale_lock(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    write_lock(path, pid=os.getppid(), started="1")  # a live process, but not the one that wrote the lock
    db = open_database(path)
    assert db.unclean_shutdown
    db.dispose()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"host": "office-pc-7", "pid": 4242}, "in use by TAC Desk pid 4242 on host office-pc-7"),
        ({"pid": 1, "app": "TAC Desk (old)"}, "in use by TAC Desk (old) pid 1 on host"),
    ],
)
def test_a_lock_that_cannot_be_shown_stale_is_respected(
    tmp_path: Path, fields: dict[str, object], message: str
) -> None:
    path, _ = built_record(tmp_path)
    write_lock(path, **fields)
    with pytest.raises(RecordError, match=re.escape(message)) as caught:
        open_database(path)
    assert "tac.tacdb.lock" in str(caught.value)  # the way out, if that program is really gone
    assert lock_path(path).exists()
