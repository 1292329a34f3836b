"""``motion``, ``ballot`` and ``tally`` on a real record, and the calculator on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import Prepared, dump, ok, ok_json, refused, run

OUTCOME_KEYS = {"quorum_met", "passed", "required_yes", "yes", "no", "abstain", "explanation"}


def test_motion_add_at_a_meeting_and_electronically(record: Path, ids: Prepared) -> None:
    at_meeting = int(ok(run("motion", "add", "--meeting", ids.held, "Accept «Fabric» into incubation", db=record)))
    electronic = ok_json(
        run("motion", "add", "--electronic", "--closes", "2031-01-31", "--decision", "two-thirds",
            "Graduate the Fabric project", "--json", db=record)
    )  # fmt: skip
    assert (at_meeting, electronic) == (5, {"id": 6})
    listed = ok_json(run("motion", "list", "--json", db=record))
    assert [m["id"] for m in listed] == [6, 5, 4, 3, 2, 1]
    by_id = {m["id"]: m for m in listed}
    assert (by_id[5]["decision_type"], by_id[5]["meeting_id"], by_id[5]["status"]) == ("meeting", ids.held, "open")
    assert (by_id[6]["decision_type"], by_id[6]["electronic"], by_id[6]["closes_on"]) == (
        "two-thirds",
        True,
        "2031-01-31",
    )
    assert by_id[6]["rule"] == "at least two-thirds of all voting seats"
    assert by_id[4]["decision_type"] == "electronic"
    assert by_id[ids.closed_motion]["passed"] is True
    only_held = ok_json(run("motion", "list", "--meeting", ids.held, "--json", db=record))
    assert [m["id"] for m in only_held] == [5, 2, 1]
    text = ok(run("motion", "list", db=record))
    assert "   5  [open]  Accept «Fabric» into incubation  (meeting; meeting 1)" in text
    assert "[adopted]" in text and "(two-thirds; no meeting, closes 2031-01-31)" in text


def test_ballots_then_close_at_a_meeting(record: Path, ids: Prepared) -> None:
    motion = ids.open_motion
    vote = ok(run("ballot", motion, ids.eve, "no", db=record))
    assert vote.startswith("Eve Ålund (Acme): no on motion 1.")
    recusal = ok_json(run("ballot", motion, ids.dmitri, "recuse", "--json", db=record))
    assert (recusal["choice"], recusal["seat_id"], recusal["not_voted"]) == ("recused", 4, 1)
    assert recusal["tally"] == {"yes": 1, "no": 1, "abstain": 0, "recused": 1}
    shown = ok(run("motion", "show", motion, db=record))
    assert "Huawei: 王伟 — yes" in shown and "Not voted: Fabric" in shown and "So far: Not adopted" in shown
    outcome = ok_json(run("motion", "close", motion, "--json", db=record))
    assert set(outcome) >= OUTCOME_KEYS
    expected = {"id": motion, "quorum_met": True, "passed": False, "required_yes": 2, "yes": 1, "no": 1, "present": 3}
    assert {k: outcome[k] for k in expected} == expected
    assert outcome["explanation"].endswith("a tie fails.")
    frozen = ok_json(run("motion", "show", motion, "--json", db=record))
    assert frozen["status"] == "closed" and frozen["outcome"]["final"] is True
    assert [(b["name"], b["choice"]) for b in frozen["ballots"]] == [
        ("王伟", "yes"),
        ("Eve Ålund", "no"),
        ("Dmitri Ivanov", "recused"),
    ]
    assert frozen["not_voted"] == [{"seat_id": 3, "organization": "Fabric"}]


def test_close_without_quorum_is_refused_unless_recorded_as_not_decided(record: Path, ids: Prepared) -> None:
    before = dump(record)
    line = refused(run("motion", "close", ids.no_quorum_motion, db=record), "no quorum")
    assert "1 of 4 voting seats present; 2 needed" in line and "--record-no-quorum" in line
    assert dump(record) == before
    outcome = ok_json(run("motion", "close", ids.no_quorum_motion, "--record-no-quorum", "--json", db=record))
    assert (outcome["quorum_met"], outcome["passed"], outcome["decided"]) == (False, False, False)
    assert outcome["explanation"].startswith("Not decided: no quorum")
    listed = {m["id"]: m for m in ok_json(run("motion", "list", "--json", db=record))}
    assert listed[ids.no_quorum_motion]["status"] == "closed"


def test_electronic_vote_counts_all_seats(record: Path, ids: Prepared) -> None:
    motion = ids.electronic_motion
    ok(run("ballot", motion, ids.ana, "yes", db=record))
    text = ok(run("motion", "close", motion, db=record))
    assert text.strip() == (
        "Not adopted: 2 of 4 voting seats voted yes; more than half of all voting seats requires 3 yes."
    )


def test_tally_text_and_json() -> None:
    text = ok(run("tally", "--threshold", "two-thirds", "--base", "all", "--seats", "15", "--yes", "9", "--no", "2"))
    assert (
        text.strip()
        == "Not adopted: 9 of 15 voting seats voted yes; at least two-thirds of all voting seats requires 10 yes."
    )
    data = ok_json(
        run("tally", "--threshold", "majority", "--base", "cast", "--seats", "12", "--present", "7",
            "--yes", "3", "--no", "2", "--abstain", "2", "--json")
    )  # fmt: skip
    assert set(data) >= OUTCOME_KEYS
    assert (data["quorum_met"], data["passed"], data["required_yes"], data["present"]) == (True, True, 3, 7)
    assert data["explanation"] == (
        "Adopted: 3 yes to 2 no (2 abstentions not counted); more than half of the votes cast requires 3 yes to 2 no."
    )


@pytest.mark.parametrize(
    ("threshold", "required", "passed"),
    [("majority", 6, False), ("1/2", 5, True), ("3/5", 6, False), ("three-quarters", 8, False)],
)
def test_tally_majority_means_more_than_and_fractions_at_least(threshold: str, required: int, passed: bool) -> None:
    data = ok_json(
        run("tally", "--threshold", threshold, "--base", "present", "--quorum", "none", "--seats", "10",
            "--present", "10", "--yes", "5", "--no", "1", "--json")
    )  # fmt: skip
    assert (data["required_yes"], data["passed"], data["quorum_met"]) == (required, passed, True)


def test_tally_defaults_present_to_the_ballots_and_quorum_to_half() -> None:
    data = ok_json(run("tally", "--threshold", "majority", "--base", "present", "--seats", "15",
                       "--yes", "4", "--no", "2", "--abstain", "1", "--json"))  # fmt: skip
    assert (data["present"], data["quorum_required"], data["quorum_met"], data["passed"]) == (7, 8, False, False)
    assert data["explanation"].startswith("Not decided: no quorum — 7 of 15 voting seats present; 8 needed")


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--seats", "10", "--present", "4", "--yes", "3", "--no", "2"], "more than the 4 seats present"),
        (["--seats", "5", "--present", "6", "--yes", "3", "--no", "2"], "more than the 5 voting seats"),
        (["--seats", "10", "--yes", "6", "--no", "-1"], "no cannot be negative"),
        (["--seats", "-3", "--yes", "0", "--no", "0"], "seats cannot be negative"),
        (["--threshold", "3/2", "--seats", "10", "--yes", "6", "--no", "1"], "at most 1"),
        (["--threshold", "two thirds", "--seats", "10", "--yes", "6", "--no", "1"], "not a fraction"),
        (["--threshold", "2/0", "--seats", "10", "--yes", "6", "--no", "1"], "divides by zero"),
        (["--quorum", "5/4", "--seats", "10", "--yes", "6", "--no", "1"], "at most 1"),
        (["--seats", "ten", "--yes", "6", "--no", "1"], "invalid int value"),
    ],
)
def test_tally_refuses_impossible_counts(tmp_path: Path, options: list[str], fragment: str) -> None:
    arguments = ["tally", "--base", "all", *options]
    if "--threshold" not in options:
        arguments += ["--threshold", "majority"]
    code = 2 if "invalid int" in fragment else 1
    refused(run(*arguments, db=tmp_path / "unused.tacdb"), fragment, code=code)
    assert list(tmp_path.iterdir()) == []
