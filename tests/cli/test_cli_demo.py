"""``tac-desk demo``: a realistic record, written once for this module and read through the other commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import dump, ok, ok_json, refused, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo record, written by the real command once."""
    record = tmp_path_factory.mktemp("demo") / "demo.tacdb"
    assert ok_json(run("demo", "--json", db=record)) == {"path": str(record)}
    return record


def test_the_demo_has_seats_alternates_observers_and_many_scripts(demo: Path) -> None:
    people = ok_json(run("member", "list", "--json", db=demo))
    roles = [person["role"] for person in people]
    assert 10 <= roles.count("primary") <= 14
    assert roles.count("alternate") >= 3 and roles.count("observer") >= 1
    names = "".join(person["name"] for person in people)
    assert any("\u4e00" <= c <= "\u9fff" for c in names)  # Chinese
    assert any(c in "éèêëáàâäóòôöúùûüçñøåæœłşžčšěřý" for c in names.casefold())  # accented Latin


def test_the_demo_has_a_year_of_meetings_and_votes_of_each_kind(demo: Path) -> None:
    meetings = ok_json(run("meeting", "list", "--json", db=demo))
    statuses = {m["status"] for m in meetings}
    assert statuses == {"held", "scheduled", "cancelled"} and len(meetings) >= 26
    motions = ok_json(run("motion", "list", "--json", db=demo))
    closed = [m for m in motions if m["status"] == "closed"]
    assert {m["decision_type"] for m in closed} >= {"meeting", "two-thirds", "electronic"}
    assert {m["passed"] for m in closed} == {True, False}
    assert any(m["explanation"].startswith("Not decided: no quorum") for m in closed)
    assert ok_json(run("action", "list", "--json", db=demo))


def test_demo_refuses_to_overwrite_a_record(demo: Path) -> None:
    before = dump(demo)
    refused(run("demo", db=demo), "already exists")
    assert dump(demo) == before


def test_the_same_command_gives_the_same_record(demo: Path, tmp_path: Path) -> None:
    record = tmp_path / "another folder" / "demo.tacdb"
    assert ok(run("demo", db=record)).strip() == f"Demo record written to {record}"
    assert dump(record) == dump(demo)
