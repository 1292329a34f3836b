"""Rebuild attendance, ballots, votes and corrections from the journal and compare them with the stored rows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol


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


class Entry(NamedTuple):
    """A journal entry whose hash was recomputed, with its payload parsed."""

    seq: int
    recorded_at: str
    kind: str
    payload: dict[str, Any]


def _rows(connection: Connection, sql: str) -> list[tuple[Any, ...]]:
    return list(map(tuple, connection.execute(sql).fetchall()))


def _compare(
    what: str, expected: dict[int, tuple[Any, ...]], stored: list[tuple[Any, ...]], kinds: dict[int, str]
) -> list[Problem]:
    """Rows keyed by their entry number: each entry has exactly its row, each row exactly its entry."""
    by_seq = {row[1]: row[2:] for row in stored}
    if len(by_seq) == len(stored) and by_seq == expected:
        return []  # the usual case, found without a loop in Python; the loop below names what differs
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


@dataclass
class _Replayed:
    """What the journal says the derived tables hold, gathered in one pass over the entries."""

    kinds: dict[int, str] = field(default_factory=dict)
    attendance: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    ballots: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    corrections: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    opened: dict[Any, Entry] = field(default_factory=dict)
    closed: dict[Any, Entry] = field(default_factory=dict)
    late: list[Problem] = field(default_factory=list)


def _replay(entries: Sequence[Entry], *, motions: bool) -> _Replayed:
    """Rebuild the rows from the entries; ``late`` lists each ballot entry that follows the close of its vote."""
    found = _Replayed()
    kinds, ballots, attendance = found.kinds, found.ballots, found.attendance
    closed_at: dict[Any, int] = {}
    for entry in entries:
        seq, _, kind, payload = entry
        kinds[seq] = kind
        get = payload.get
        motion_id = get("motion_id")
        if kind == "ballot":
            ballots[seq] = (motion_id, get("seat_id"), get("person_id"), get("choice"), entry.recorded_at)
            if motion_id in closed_at:
                message = f"ballot entry #{seq} comes after the vote closed at #{closed_at[motion_id]}"
                found.late.append(Problem("replay", message, seq))
        elif kind == "attendance":
            attendance[seq] = (get("meeting_id"), get("seat_id"), get("person_id"), get("presence"))
        elif kind == "vote_closed":
            closed_at.setdefault(motion_id, seq)
            if motions:
                found.closed[motion_id] = entry
        elif kind == "vote_opened":
            if motions:
                found.opened[motion_id] = entry
        elif kind == "correction":
            found.corrections[seq] = (
                motion_id,
                *(get(k) for k in ("ballot_id", "original_seq", "previous_choice", "choice", "reason")),
                entry.recorded_at,
                get("outcome"),
            )
    return found


def replay_problems(connection: Connection, entries: Sequence[Entry], tables: set[str]) -> list[Problem]:
    """Everything in which the derived tables differ from a replay of the (hash-checked) journal."""
    replayed = _replay(entries, motions="motion" in tables)
    kinds = replayed.kinds
    problems: list[Problem] = []
    if "attendance" in tables:
        stored = _rows(
            connection, "SELECT id, entry_seq, meeting_id, seat_id, person_id, presence FROM attendance ORDER BY id"
        )
        problems += _compare("attendance", replayed.attendance, stored, kinds)
    if "ballot" in tables:
        stored = _rows(
            connection, "SELECT id, entry_seq, motion_id, seat_id, person_id, choice, cast_at FROM ballot ORDER BY id"
        )
        problems += _compare("ballot", replayed.ballots, stored, kinds)
    if "motion" in tables:
        problems += _motions(connection, replayed.opened, replayed.closed)
    problems += replayed.late
    if "ballot_correction" in tables:
        stored = [
            (*row[:-1], _json(row[-1]))
            for row in _rows(
                connection,
                "SELECT id, entry_seq, motion_id, ballot_id, original_entry_seq, previous_choice, choice, reason,"
                " recorded_at, outcome_json FROM ballot_correction ORDER BY id",
            )
        ]
        problems += _compare("correction", replayed.corrections, stored, kinds)
    return problems


def _motions(connection: Connection, opened: dict[Any, Entry], closed: dict[Any, Entry]) -> list[Problem]:
    """Each motion put to a vote equals its vote_opened entry, and its vote_closed entry once closed."""
    problems: list[Problem] = []
    rows = _rows(
        connection,
        "SELECT id, meeting_id, text, decision_type, rule_json, roster_json, closes_on, status, closed_at,"
        " outcome_json, open_entry_seq, close_entry_seq FROM motion ORDER BY id",
    )
    seen: set[Any] = set()
    parsed: dict[Any, Any] = {}  # rules and rosters repeat from motion to motion: each text is read once
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
            parsed[rule] if rule in parsed else parsed.setdefault(rule, _json(rule)),
            parsed[roster] if roster in parsed else parsed.setdefault(roster, _json(roster)),
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
