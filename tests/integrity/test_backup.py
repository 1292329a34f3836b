"""Verified backups: during writes, failures leaving nothing behind, thinning, migration, restore (A9-11, B13)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from integrity_kit import HELPERS, build, built_record, journal_rows, run_cli, run_unprivileged

from tac_desk.domain.enums import Choice
from tac_desk.domain.errors import RecordError
from tac_desk.services import agenda, integrity, votes
from tac_desk.storage import backup
from tac_desk.storage.database import Database, make_engine, open_database
from tac_desk.storage.integrity import read_only
from tac_desk.storage.migrate import upgrade
from tac_desk.storage.restore import RestorePlan
from tac_desk.storage.verdict import Anchor


def hashes(path: Path) -> dict[int, str]:
    return {int(str(row[0])): str(row[5]) for row in journal_rows(path)}


def test_a_backup_is_a_verified_private_single_file_with_the_live_head(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    info = integrity.backup_now(record=path)
    assert info.path.parent == path.parent / "backups" and info.kind == "manual"
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert integrity.verify_record(path=info.path).ok
    with read_only(info.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    live = hashes(path)
    assert (info.head_seq, info.head_hash) == (max(live), live[max(live)])
    assert [b.path for b in integrity.backups(record=path)] == [info.path]
    listed = run_cli("--db", str(path), "backup", "--list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout)[0]["head"]["seq"] == info.head_seq
    made = run_cli("--db", str(path), "backup", "--to", str(tmp_path / "elsewhere"))
    assert made.returncode == 0 and "verified backup written" in made.stdout
    assert len(list((tmp_path / "elsewhere").glob("*.tacdb"))) == 1


def test_backups_taken_while_another_process_writes_verify_and_are_prefixes(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path, seats=12)
    writer = subprocess.Popen(
        [sys.executable, str(HELPERS / "ballot_writer.py"), str(path), "loop"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    made = []
    try:
        assert writer.stdout.readline().startswith("ready")
        for _ in range(5):
            writer.stdout.readline()  # at least one more ballot between backups
            made.append(backup.create_backup(path, kind="manual"))
        while int(writer.stdout.readline().split()[-1]) <= (made[-1].head_seq or 0):
            pass  # the live chain goes on after the last backup
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
    live = hashes(path)
    heads = [info.head_seq or 0 for info in made]
    assert heads == sorted(heads) and heads[-1] < max(live)
    for info in made:
        assert integrity.verify_record(path=info.path).ok
        copy = hashes(info.path)
        assert copy == {seq: live[seq] for seq in copy} and max(copy) == info.head_seq
    assert integrity.verify_record(path=path).ok


def test_a_backup_that_cannot_be_made_leaves_no_file_and_keeps_the_earlier_ones(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    earlier = backup.create_backup(path, kind="manual")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(RecordError, match=r"the backup could not be made .* the record is untouched"):
        integrity.backup_now(record=path, folder=blocker / "backups")
    small = tmp_path / "small disk"
    small.mkdir()
    done = subprocess.run(
        [sys.executable, str(HELPERS / "backup_small_disk.py"), str(path), str(small), "65536"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.startswith("refused: the backup could not be made"), done.stdout + done.stderr
    assert list(small.iterdir()) == []  # no partial file, under any name
    locked = tmp_path / "read-only folder"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code = (
            "from pathlib import Path; from tac_desk.services import integrity; "
            f"integrity.backup_now(record=Path({str(path)!r}), folder=Path({str(locked)!r}))"
        )
        denied = run_unprivileged([sys.executable, "-c", code])
    finally:
        locked.chmod(0o755)
    assert denied.returncode != 0 and "RecordError: the backup could not be made" in denied.stderr
    assert list(locked.iterdir()) == []
    assert [b.path for b in integrity.backups(record=path)] == [earlier.path]
    assert integrity.verify_record(path=earlier.path).ok and integrity.verify_record(path=path).ok


def test_a_backup_killed_midway_leaves_only_verified_backups_listed(tmp_path: Path) -> None:
    path = tmp_path / "big" / "tac.tacdb"
    db = open_database(path)
    try:
        built = build(db)
        noise = random.Random(3)
        with db.write() as s:
            for index in range(25):
                notes = "".join(noise.choice("abcdefghij klmnopqrstuvwxyzÉ王") for _ in range(90_000))
                agenda.add_item(session=s, meeting_id=built.meeting, title=f"Item {index}", notes=notes)
    finally:
        db.dispose()
    rng = random.Random(11)
    folder = path.parent / "backups"
    complete = partial = 0
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, str(HELPERS / "backup_loop.py"), str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready")
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        for info in integrity.backups(record=path):  # only whole, verified backups are listed
            assert not info.path.name.endswith(".partial")
            assert integrity.verify_record(path=info.path).ok
            info.path.unlink()
            complete += 1
        partial = len([p for p in folder.iterdir() if p.name.endswith(".partial")])
    fresh = integrity.backup_now(record=path)
    assert [p.name for p in folder.iterdir()] == [fresh.path.name]  # interrupted copies were swept
    assert integrity.verify_record(path=fresh.path).ok and integrity.verify_record(path=path).ok
    print(f"\nbackup kills: 6, complete backups verified: {complete}, partial files left before the sweep: {partial}")


def test_thinning_keeps_days_then_weeks_then_months_then_years() -> None:
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    infos = [backup.BackupInfo(Path(f"b{i}.tacdb"), now - timedelta(hours=6 * i), "daily") for i in range(4 * 800)]
    infos.append(backup.BackupInfo(Path("m.tacdb"), now - timedelta(days=700), "pre-migration"))
    doomed = {info.path for info in backup.thin_plan(infos, now)}
    kept = [info for info in infos if info.path not in doomed]
    assert Path("m.tacdb") not in doomed
    recent = [k for k in kept if now - k.made < timedelta(days=1)]
    assert len(recent) == 4  # everything from the last day
    daily = [k for k in kept if timedelta(days=1) <= now - k.made < timedelta(days=14)]
    assert len({k.made.date() for k in daily}) == len(daily) and 12 <= len(daily) <= 14
    weekly = [k for k in kept if timedelta(days=14) <= now - k.made < timedelta(days=70)]
    assert len({k.made.isocalendar()[:2] for k in weekly}) == len(weekly) and 7 <= len(weekly) <= 9
    assert len(kept) < 60


def test_thinning_and_the_daily_backup_on_real_files(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    folder = path.parent / "backups"
    assert not folder.exists() or not list(folder.iterdir())
    db = open_database(path)  # an existing record, no backup yet: the day's backup is made
    db.dispose()
    first = integrity.backups(record=path)
    assert [b.kind for b in first] == ["daily"]
    db = open_database(path)
    db.dispose()
    assert integrity.backups(record=path) == first  # one a day
    assert integrity.daily_backup(record=path) is None
    old = datetime.now(UTC) - timedelta(days=40)
    for day in range(10):
        stamp = (old - timedelta(hours=day)).strftime("%Y%m%dT%H%M%S%fZ")
        (folder / f"tac-{stamp}-daily.tacdb").write_bytes(first[0].path.read_bytes())
    (folder / "notes.txt").write_text("not a backup")
    deleted = backup.thin(path)
    assert len(deleted) == 9  # ten on one day, weeks old: the newest of that week stays
    assert (folder / "notes.txt").exists()


def test_a_pre_migration_backup_is_made_and_the_chain_survives_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old" / "tac.tacdb"
    path.parent.mkdir()
    engine = make_engine(path)
    upgrade(engine, "0001")  # a record as the first release wrote it

    old = Database(engine, path)
    with old.write() as s:
        from tac_desk.domain.enums import SeatKind
        from tac_desk.services import roster, setup

        setup.create_body(session=s, name="TAC", timezone="UTC")
        person = roster.add_person(session=s, name="Zoë").id
        roster.add_seat(session=s, kind=SeatKind.PREMIER, organization="Org", primary_id=person)
        motion = votes.open_motion(session=s, text="Adopt").id
        votes.cast_ballot(session=s, motion_id=motion, person_id=person, choice=Choice.YES)
    old.dispose()
    before = journal_rows(path)
    db = open_database(path)
    db.dispose()
    (made,) = integrity.backups(record=path)
    assert made.kind == "pre-migration" and integrity.verify_record(path=made.path).ok
    with read_only(made.path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert journal_rows(made.path) == before
    assert journal_rows(path) == before  # every payload byte-identical, the head unchanged
    report = integrity.verify_record(path=path)
    assert report.ok and "guards" in report.checks


def test_restoring_an_older_backup_warns_keeps_the_files_and_records_itself(tmp_path: Path) -> None:
    path, built = built_record(tmp_path)
    older = backup.create_backup(path, kind="manual")
    db = open_database(path)
    try:
        for person in built.people[1:4]:
            with db.write() as s:
                votes.cast_ballot(session=s, motion_id=built.open_motion, person_id=person, choice=Choice.NO)
        with pytest.raises(RecordError, match="close the record"):
            integrity.restore(record=path, backup=older.path)
    finally:
        db.dispose()
    live = hashes(path)
    head = max(live)
    plan = integrity.plan_restore(record=path, backup=older.path)
    assert isinstance(plan, RestorePlan) and plan.goes_back and plan.missing == (older.head_seq + 1, head)
    warning = plan.warning()
    assert warning is not None and f"#{older.head_seq + 1}-#{head}" in warning
    refused = run_cli("--db", str(path), "restore", str(older.path))
    assert refused.returncode == 1 and f"#{older.head_seq + 1}-#{head}" in refused.stderr
    assert hashes(path) == live  # nothing changed without --yes
    done = run_cli("--db", str(path), "restore", str(older.path), "--yes", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "goes back in time" in done.stderr and result["missing"] == [older.head_seq + 1, head]
    kept = Path(result["kept"][0])
    assert kept.name.startswith("tac.tacdb.pre-restore-") and hashes(kept) == live  # the replaced files are kept
    restored = journal_rows(path)
    assert len(restored) == older.head_seq + 1 and restored[-1][2] == "restored_from_backup"
    payload = json.loads(str(restored[-1][3]))
    assert payload["missing"] == {"first": older.head_seq + 1, "last": head}
    assert payload["replaced_head"] == {"seq": head, "hash": live[head]}
    assert integrity.verify_record(path=path).ok
    assert not integrity.verify_record(path=path, anchor=Anchor(head, live[head])).ok  # the outside digest disagrees


def test_restore_refuses_a_tampered_backup_and_rescues_a_damaged_record(tmp_path: Path) -> None:
    path, _ = built_record(tmp_path)
    good = backup.create_backup(path, kind="manual")
    bad = tmp_path / "tampered.tacdb"
    bad.write_bytes(good.path.read_bytes())
    connection = sqlite3.connect(bad)
    connection.execute("DROP TRIGGER guard_journal_update")
    connection.execute("UPDATE journal SET payload = replace(payload, 'yes', 'no') WHERE kind = 'ballot'")
    connection.commit()
    connection.close()
    with pytest.raises(RecordError, match="cannot be restored: The record is NOT sound"):
        integrity.plan_restore(record=path, backup=bad)
    path.write_bytes(b"")  # the record was lost
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    anchor = Anchor(good.head_seq or 0, good.head_hash or "")
    plan = integrity.plan_restore(record=path, backup=good.path, anchor=anchor)
    assert not plan.goes_back
    result = integrity.restore(record=path, backup=good.path, anchor=anchor)
    assert result.kept[0].read_bytes() == b""  # even the empty file is kept, never deleted
    assert integrity.verify_record(path=path, anchor=anchor).ok
    db = open_database(path)
    try:
        with db.write() as s:
            votes.not_voted(session=s, motion_id=1)
    finally:
        db.dispose()
    assert os.path.exists(path)
