"""Rebuild attendance, ballots, votes and corrections from the journal and compare them with the stored rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Connection(Protocol):
    """The one method replay needs from a database connection."""

    def execute(self, sql: str, /) -> Any:
        """Run one statement and return a cursor."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, and the journal entry it concerns when there is one."""

    check: str
    message: str
    seq: int | None = None

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {"check": self.check, "seq": self.seq, "message": self.message}


@dataclass(frozen=True)
class Entry:
    """A journal entry whose hash was recomputed, with its payload parsed."""

    seq: int
    recorded_at: str
    kind: str
    payload: dict[str, Any]


def _rows(connection: Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(sql).fetchall()]


def _compare(
    what: str, expected: dict[int, tuple[Any, ...]], stored: Iterable[tuple[Any, ...]], kinds: dict[int, str]
) -> list[Problem]:
    """Rows keyed by their entry number: each entry has exactly its row, each row exactly its entry."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for row_id, seq, *values in stored:
        if seq in seen:
            problems.append(Problem("replay", f"{what} row {row_id} repeats entry #{seq}", seq))
            continue
        seen.add(seq)
        if seq not in expected:
            kind = kinds.get(seq)
            where = f"a {kind} entry" if kind else "no valid entry"
            problems.append(Problem("replay", f"{what} row {row_id} points at #{seq}, which is {where}", seq))
        elif tuple(values) != expected[seq]:
            problems.append(Problem("replay", f"{what} row {row_id} differs from journal entry #{seq}", seq))
    for seq in sorted(set(expected) - seen):
        problems.append(Problem("replay", f"journal entry #{seq} has no {what} row", seq))
    return problems


def _json(text: Any) -> Any:
    try:
        return None if text is None else json.loads(text)
    except (TypeError, ValueError):
        return ("not json", text)


def replay_problems(connection: Connection, entries: Sequence[Entry], tables: set[str]) -> list[Problem]:
    """Everything in which the derived tables differ from a replay of the (hash-checked) journal."""
    kinds = {e.seq: e.kind for e in entries}
    problems: list[Problem] = []
    attendance = {
        e.seq: tuple(e.payload.get(k) for k in ("meeting_id", "seat_id", "person_id", "presence"))
        for e in entries
        if e.kind == "attendance"
    }
    if "attendance" in tables:
        stored = _rows(
            connection, "SELECT id, entry_seq, meeting_id, seat_id, person_id, presence FROM attendance ORDER BY id"
        )
        problems += _compare("attendance", attendance, stored, kinds)
    ballots = {
        e.seq: (*(e.payload.get(k) for k in ("motion_id", "seat_id", "person_id", "choice")), e.recorded_at)
        for e in entries
        if e.kind == "ballot"
    }
    if "ballot" in tables:
        stored = _rows(
            connection, "SELECT id, entry_seq, motion_id, seat_id, person_id, choice, cast_at FROM ballot ORDER BY id"
        )
        problems += _compare("ballot", ballots, stored, kinds)
    if "motion" in tables:
        problems += _motions(connection, entries)
    problems += _late_ballots(entries)
    if "ballot_correction" in tables:
        corrections = {
            e.seq: (
                *(e.payload.get(k) for k in ("motion_id", "ballot_id", "original_seq", "previous_choice", "choice")),
                e.payload.get("reason"),
                e.recorded_at,
                e.payload.get("outcome"),
            )
            for e in entries
            if e.kind == "correction"
        }
        stored = [
            (*row[:-1], _json(row[-1]))
            for row in _rows(
                connection,
                "SELECT id, entry_seq, motion_id, ballot_id, original_entry_seq, previous_choice, choice, reason,"
                " recorded_at, outcome_json FROM ballot_correction ORDER BY id",
            )
        ]
        problems += _compare("correction", corrections, stored, kinds)
    return problems


def _motions(connection: Connection, entries: Sequence[Entry]) -> list[Problem]:
    """Each motion put to a vote equals its vote_opened entry, and its vote_closed entry once closed."""
    opened = {e.payload.get("motion_id"): e for e in entries if e.kind == "vote_opened"}
    closed = {e.payload.get("motion_id"): e for e in entries if e.kind == "vote_closed"}
    problems: list[Problem] = []
    rows = _rows(
        connection,
        "SELECT id, meeting_id, text, decision_type, rule_json, roster_json, closes_on, status, closed_at,"
        " outcome_json, open_entry_seq, close_entry_seq FROM motion ORDER BY id",
    )
    seen: set[Any] = set()
    for row in rows:
        motion_id, meeting, text, kind, rule, roster, closes_on = row[:7]
        status, closed_at, outcome, open_seq, close_seq = row[7:]
        seen.add(motion_id)
        entry = opened.get(motion_id)
        if entry is None:
            problems.append(Problem("replay", f"motion {motion_id} has no vote_opened entry", open_seq))
            continue
        payload = entry.payload
        frozen = (
            meeting,
            text,
            kind,
            _json(rule),
            _json(roster),
            None if closes_on is None else str(closes_on),
            open_seq,
        )
        replayed = tuple(payload.get(k) for k in ("meeting_id", "text", "decision_type", "rule", "roster", "closes_on"))
        if frozen != (*replayed, entry.seq):
            problems.append(Problem("replay", f"motion {motion_id} differs from journal entry #{entry.seq}", entry.seq))
        close = closed.get(motion_id)
        state = (status, closed_at, _json(outcome), close_seq)
        if close is None:
            if state != ("open", None, None, None):
                message = f"motion {motion_id} is marked closed without a vote_closed entry"
                problems.append(Problem("replay", message, close_seq))
        elif state != ("closed", close.recorded_at, close.payload.get("outcome"), close.seq):
            problems.append(Problem("replay", f"motion {motion_id} differs from journal entry #{close.seq}", close.seq))
    for motion_id, entry in sorted(opened.items(), key=lambda item: item[1].seq):
        if motion_id not in seen:
            problems.append(Problem("replay", f"journal entry #{entry.seq} opened a motion that is missing", entry.seq))
    return problems


def _late_ballots(entries: Sequence[Entry]) -> list[Problem]:
    """No ballot entry may follow the entry that closed its vote."""
    closed_at: dict[Any, int] = {}
    problems: list[Problem] = []
    for entry in entries:
        motion_id = entry.payload.get("motion_id")
        if entry.kind == "vote_closed":
            closed_at.setdefault(motion_id, entry.seq)
        elif entry.kind == "ballot" and motion_id in closed_at:
            message = f"ballot entry #{entry.seq} comes after the vote closed at #{closed_at[motion_id]}"
            problems.append(Problem("replay", message, entry.seq))
    return problems
