#!/usr/bin/env python3
"""Verify a TAC Desk record without TAC Desk: Python's standard library only.

Usage: python3 verify_record.py RECORD [--anchor SEQ:HASH] [--json]

Checks, all read-only: SQLite's integrity_check and foreign_key_check; the journal's entry numbers
run 1, 2, 3, ... without a gap; each entry's SHA-256 over
"<seq>\\n<recorded_at>\\n<kind>\\n<prev_hash>\\n" + payload bytes equals its stored hash, and each
prev_hash equals the hash of the entry before (64 zeros for the first); optionally that the entry
named by an outside digest (printed in the minutes) still has that hash; and that the attendance,
ballot, motion and ballot_correction tables hold exactly what the journal entries say.

Exit status: 0 sound, 3 not sound (the first bad entry is named), 2 the file cannot be read.
A local chain is tamper-evident against an outside copy of its head, not tamper-proof: whoever can
rewrite the whole file can rebuild a consistent chain; only a digest kept elsewhere shows it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

ZERO = "0" * 64
GUARDS = [
    f"guard_{table}_{event}"
    for table, events in (
        ("journal", ("insert", "update", "delete")),
        ("ballot", ("update", "delete", "insert_closed")),
        ("motion", ("update_closed", "delete")),
        ("attendance", ("update", "delete")),
        ("correction", ("insert_open", "update", "delete")),
    )
    for event in events
]


def entry_digest(seq: int, recorded_at: bytes, kind: bytes, prev_hash: bytes, payload: bytes) -> str:
    """SHA-256 of one journal entry as TAC Desk chains it."""
    head = str(seq).encode() + b"\n" + recorded_at + b"\n" + kind + b"\n" + prev_hash + b"\n"
    return hashlib.sha256(head + payload).hexdigest()


class Findings:
    """Problems found, each with the journal entry it concerns (or None)."""

    def __init__(self) -> None:
        self.items: list[dict[str, object]] = []

    def add(self, check: str, message: str, seq: int | None = None) -> None:
        """Record one problem."""
        self.items.append({"check": check, "seq": seq, "message": message})


def check_journal(db: sqlite3.Connection, found: Findings) -> list[dict[str, object]]:
    """The chain; returns the entries whose content could be read, payloads parsed."""
    rows = db.execute(
        "SELECT seq, CAST(recorded_at AS BLOB), CAST(kind AS BLOB), CAST(payload AS BLOB),"
        " CAST(prev_hash AS BLOB), CAST(hash AS BLOB) FROM journal ORDER BY seq"
    ).fetchall()
    good = []
    want, last = 1, ZERO.encode()
    for seq, recorded_at, kind, payload, prev_hash, digest in rows:
        if type(seq) is not int:
            found.add("sequence", f"damaged entry number {seq!r}", want)
            want += 1
            continue
        if seq != want:
            found.add("sequence", f"entries #{want}..#{seq - 1} missing", want)
        parts = (recorded_at, kind, payload, prev_hash, digest)
        if not all(isinstance(p, bytes) for p in parts):
            found.add("chain", f"entry #{seq} has an empty field", seq)
            want, last = seq + 1, b""
            continue
        try:
            texts = [p.decode("utf-8") for p in parts]
        except UnicodeDecodeError:
            found.add("chain", f"entry #{seq} is not valid UTF-8", seq)
            want, last = seq + 1, b""
            continue
        if prev_hash != last:
            found.add("chain", f"entry #{seq}: previous-hash link broken", seq)
        if entry_digest(seq, recorded_at, kind, prev_hash, payload) != texts[4]:
            found.add("chain", f"entry #{seq}: hash does not match content", seq)
        try:
            data = json.loads(texts[2])
        except ValueError:
            found.add("chain", f"entry #{seq}: payload is not JSON", seq)
            data = None
        if isinstance(data, dict):
            good.append({"seq": seq, "at": texts[0], "kind": texts[1], "data": data})
        want, last = seq + 1, digest
    return good


def match(found: Findings, name: str, wanted: dict[int, tuple], rows: list[tuple], kinds: dict[int, str]) -> None:
    """rows are (row id, entry seq, values...): one row per entry, equal values."""
    have: dict[int, object] = {}
    for row in rows:
        rid, seq, values = row[0], row[1], tuple(row[2:])
        if seq in have:
            found.add("replay", f"{name} {rid}: second row for #{seq}", seq)
            continue
        have[seq] = rid
        if seq not in wanted:
            found.add("replay", f"{name} {rid}: #{seq} is {kinds.get(seq, 'not a valid entry')}", seq)
        elif values != wanted[seq]:
            found.add("replay", f"{name} {rid}: differs from #{seq}", seq)
    for seq in wanted:
        if seq not in have:
            found.add("replay", f"#{seq}: no {name} row", seq)


def loads(text: object) -> object:
    """Parse stored JSON text; unparsable text stays visibly different from any payload."""
    if text is None:
        return None
    try:
        return json.loads(str(text))
    except ValueError:
        return ["unparsable", text]


def check_tables(db: sqlite3.Connection, entries: list[dict[str, object]], found: Findings) -> None:
    """The derived tables against the journal."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    kinds = {int(str(e["seq"])): str(e["kind"]) for e in entries}

    def of(kind: str) -> list[dict]:
        return [e for e in entries if e["kind"] == kind]

    if "attendance" in tables:
        wanted = {
            e["seq"]: (
                e["data"].get("meeting_id"),
                e["data"].get("seat_id"),
                e["data"].get("person_id"),
                e["data"].get("presence"),
            )
            for e in of("attendance")
        }
        rows = db.execute("SELECT id, entry_seq, meeting_id, seat_id, person_id, presence FROM attendance").fetchall()
        match(found, "attendance", wanted, rows, kinds)
    if "ballot" in tables:
        wanted = {
            e["seq"]: (
                e["data"].get("motion_id"),
                e["data"].get("seat_id"),
                e["data"].get("person_id"),
                e["data"].get("choice"),
                e["at"],
            )
            for e in of("ballot")
        }
        rows = db.execute("SELECT id, entry_seq, motion_id, seat_id, person_id, choice, cast_at FROM ballot").fetchall()
        match(found, "ballot", wanted, rows, kinds)
    if "ballot_correction" in tables:
        keys = ("motion_id", "ballot_id", "original_seq", "previous_choice", "choice", "reason")
        wanted = {
            e["seq"]: (*(e["data"].get(k) for k in keys), e["at"], e["data"].get("outcome")) for e in of("correction")
        }
        rows = [
            (*r[:-1], loads(r[-1]))
            for r in db.execute(
                "SELECT id, entry_seq, motion_id, ballot_id, original_entry_seq, previous_choice, choice, reason,"
                " recorded_at, outcome_json FROM ballot_correction"
            )
        ]
        match(found, "correction", wanted, rows, kinds)
    if "motion" in tables:
        check_motions(db, of("vote_opened"), of("vote_closed"), found)
    closed: dict[object, int] = {}
    for e in entries:
        if e["kind"] == "vote_closed":
            closed.setdefault(e["data"].get("motion_id"), e["seq"])
        elif e["kind"] == "ballot" and e["data"].get("motion_id") in closed:
            found.add("replay", f"#{e['seq']}: ballot after its vote closed", e["seq"])


def check_motions(db: sqlite3.Connection, opened: list[dict], closed: list[dict], found: Findings) -> None:
    """Motions against their vote_opened and vote_closed entries."""
    opens = {e["data"].get("motion_id"): e for e in opened}
    closes = {e["data"].get("motion_id"): e for e in closed}
    seen = set()
    for row in db.execute(
        "SELECT id, meeting_id, text, decision_type, rule_json, roster_json, closes_on, status, closed_at,"
        " outcome_json, open_entry_seq, close_entry_seq FROM motion"
    ):
        mid = row[0]
        seen.add(mid)
        e = opens.get(mid)
        if e is None:
            found.add("replay", f"motion {mid}: no vote_opened entry", row[10])
            continue
        d = e["data"]
        mine = (row[1], row[2], row[3], loads(row[4]), loads(row[5]), None if row[6] is None else str(row[6]), row[10])
        theirs = (
            d.get("meeting_id"),
            d.get("text"),
            d.get("decision_type"),
            d.get("rule"),
            d.get("roster"),
            d.get("closes_on"),
            e["seq"],
        )
        if mine != theirs:
            found.add("replay", f"motion {mid}: differs from #{e['seq']}", e["seq"])
        c = closes.get(mid)
        state = (row[7], row[8], loads(row[9]), row[11])
        if c is None:
            if state != ("open", None, None, None):
                found.add("replay", f"motion {mid}: closed without a vote_closed entry", row[11])
        elif state != ("closed", c["at"], c["data"].get("outcome"), c["seq"]):
            found.add("replay", f"motion {mid}: differs from #{c['seq']}", c["seq"])
    for mid, e in opens.items():
        if mid not in seen:
            found.add("replay", f"#{e['seq']}: its motion is missing", e["seq"])


def verify(path: Path, anchor: tuple[int, str] | None) -> dict[str, object]:
    """Every check; the verdict as a dictionary."""
    found = Findings()
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    db.text_factory = lambda value: value.decode("utf-8", "replace")
    try:
        db.execute("BEGIN")
        result = [r[0] for r in db.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            found.add("integrity", "SQLite integrity_check: " + "; ".join(map(str, result[:3])))
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
            found.add("foreign_keys", f"{table} row {rowid} -> missing {parent}")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = (
            db.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        )
        if version is not None and str(version[0]) >= "0002":
            triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            for name in GUARDS:
                if name not in triggers:
                    found.add("guards", f"trigger {name} missing: the record can be edited")
        entries = check_journal(db, found)
        last = db.execute("SELECT seq, CAST(hash AS BLOB) FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        head = (0, ZERO) if last is None else (last[0], (last[1] or b"").decode("utf-8", "replace"))
        if anchor is not None:
            row = db.execute("SELECT CAST(hash AS BLOB) FROM journal WHERE seq = ?", (anchor[0],)).fetchone()
            if anchor[0] > head[0]:
                found.add("anchor", f"journal ends at #{head[0]}, anchor names #{anchor[0]}", head[0] + 1)
            elif row is None or row[0] != anchor[1].encode():
                found.add("anchor", f"#{anchor[0]} differs from the anchor", anchor[0])
        check_tables(db, entries, found)
        count = db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    finally:
        db.close()
    seqs = [i["seq"] for i in found.items if i["seq"] is not None]
    return {
        "ok": not found.items,
        "entries": count,
        "head": {"seq": head[0], "hash": head[1]},
        "first_bad_seq": min(seqs) if seqs else None,
        "problems": found.items,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Verify a TAC Desk record (standard library only).")
    parser.add_argument("record", type=Path)
    parser.add_argument("--anchor", metavar="SEQ:HASH")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    anchor = None
    if args.anchor:
        seq, _, digest = args.anchor.partition(":")
        anchor = (int(seq), digest.strip().lower())
    try:
        if not args.record.is_file():
            raise sqlite3.DatabaseError(f"no file at {args.record}")
        verdict = verify(args.record, anchor)
    except sqlite3.Error as error:
        print(f"verify_record: cannot read {args.record}: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(verdict, ensure_ascii=False, indent=2))
    elif verdict["ok"]:
        print(f"sound: {verdict['entries']} entries, head {verdict['head']['seq']}:{verdict['head']['hash']}")
    else:
        print(f"NOT sound: first bad entry #{verdict['first_bad_seq']}")
        for item in verdict["problems"]:
            print(f"  [{item['check']}] {item['message']}")
    return 0 if verdict["ok"] else 3


if __name__ == "__main__":
    sys.exit(main())
