"""``tac-desk minutes approve`` and the export entry written by ``tac-desk export minutes``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .helpers import ok, run


def test_approve_then_export_records_both(tmp_path: Path) -> None:
    record = tmp_path / "demo.tacdb"
    ok(run("demo", db=record))
    meetings = json.loads(ok(run("meeting", "list", "--json", db=record)))
    held = [m for m in meetings if m["status"] == "held"][-1]
    approved = json.loads(ok(run("minutes", "approve", held["id"], "--json", db=record)))
    assert approved["meeting_id"] == held["id"] and approved["id"] > 0
    again = run("minutes", "approve", held["id"], db=record)
    assert again.returncode == 1 and "already approved" in again.stderr and len(again.stderr.splitlines()) == 1
    target = tmp_path / "minutes.md"
    info = json.loads(ok(run("export", "minutes", held["id"], "-o", target, "--json", db=record)))
    data = target.read_bytes()
    assert b"**Status:** Approved" in data
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
    assert info["export_entry"] == approved["id"] + 1
    assert info["head_hash"].encode() in data  # the digest printed is the head at export
    verdict = run("verify", "--json", db=record)
    assert verdict.returncode == 0, verdict.stdout + verdict.stderr
