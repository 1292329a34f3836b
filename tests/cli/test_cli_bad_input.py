"""Bad input: exit 1, exactly one line on stderr, no traceback, and the record exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import Prepared, dump, refused, run

P = Prepared()

CASES = [
    # unknown ids
    (["meeting", "cancel", 999], "no meeting with id 999"),
    (["meeting", "attend", P.scheduled, 999], "no person with id 999"),
    (["ballot", P.open_motion, 999, "yes"], "no person with id 999"),
    (["ballot", 999, P.ana, "yes"], "no motion with id 999"),
    (["motion", "close", 999], "no motion with id 999"),
    (["motion", "add", "--meeting", 999, "A motion"], "no meeting with id 999"),
    (["action", "add", "A task", "--owner", 999], "no person with id 999"),
    (["member", "add", "Nobody", "--org", "X", "--alternate-for", 999], "no person with id 999"),
    # ballots the rules do not allow
    (["ballot", P.open_motion, P.femi, "yes"], "holds no voting seat"),
    (["ballot", P.open_motion, P.chloe, "yes"], "marked absent"),
    (["ballot", P.open_motion, P.ana, "yes"], "not the one attending"),
    (["ballot", P.open_motion, P.wang, "no"], "already voted"),
    (["ballot", P.electronic_motion, P.wang, "no"], "already voted"),
    (["ballot", P.closed_motion, P.chloe, "yes"], "closed"),
    (["motion", "close", P.closed_motion], "already closed"),
    # malformed dates and times, unknown zones (refused before the record is opened)
    (["meeting", "schedule", "--first", "2030-13-01T10:00", "--tz", "UTC"], "not a date and time"),
    (["meeting", "schedule", "--first", "next thursday", "--tz", "UTC"], "not a date and time"),
    (["meeting", "schedule", "--first", "2030-01-01T10:00", "--tz", "UTC", "--until", "2030-02-30"], "not a date"),
    (["meeting", "schedule", "--first", "2030-01-01T10:00", "--tz", "Mars/Olympus"], "unknown time zone"),
    (["meeting", "move", P.scheduled, "--to", "2030-02-07"], "not a date and time"),
    (["meeting", "move", P.scheduled, "--to", "2030-02-07T25:00"], "not a date and time"),
    (["action", "add", "A task", "--due", "2030-02-30"], "not a date"),
    (["motion", "add", "--electronic", "--closes", "31/12/2030", "A motion"], "not a date"),
    (["motion", "add", "--meeting", P.scheduled, "--closes", "2030-12-31", "A motion"], "electronic votes"),
    (["member", "add", "Nobody", "--org", "X", "--tz", "Europe/Atlantis"], "unknown time zone"),
    (["member", "add", "  ", "--org", "X"], "cannot be empty"),
    # other refusals
    (["meeting", "schedule", "--first", "2030-03-31T02:30", "--tz", "Europe/Paris"], "does not exist"),
    (["meeting", "schedule", "--first", "2030-01-01T10:00", "--tz", "UTC", "--count", "0"], "1 to 1000"),
    (["meeting", "cancel", P.held], "was held"),
    (["meeting", "move", P.held, "--to", "2030-01-11T16:00"], "only a scheduled meeting"),
    (["meeting", "attend", P.cancelled, P.ana], "cancelled"),
    (["motion", "add", "--meeting", P.scheduled, "--decision", "unanimous", "A motion"], "unknown decision type"),
    (["motion", "add", "--electronic", "--closes", "2001-01-01", "A motion"], "before the vote opens"),
    (["member", "add", "Nobody", "--org", "X", "--alternate-for", P.femi], "holds no voting seat"),
    (["member", "add", "Nobody", "--org", "X", "--alternate-for", P.ana], "already has an alternate"),
    (["member", "add", "Nobody", "--org", "X", "--email", "nobody at example"], "not an e-mail address"),
]


def _case_id(value: object) -> str | None:
    return " ".join(map(str, value)) if isinstance(value, list) else None


@pytest.mark.parametrize(("command", "fragment"), CASES, ids=_case_id)
def test_bad_input_changes_nothing(record: Path, command: list[object], fragment: str) -> None:
    before = dump(record)
    refused(run(*command, db=record), fragment)
    assert dump(record) == before
