"""``tac-desk`` start-up, help, ``init``, the default record, missing records and unexpected errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tac_desk.cli import build_parser

from .helpers import dump, ok, ok_json, refused, run


def _leaf_commands() -> list[list[str]]:
    """Every command path of the parser, e.g. ["meeting", "schedule"]."""
    import argparse

    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append(prefix)
        for action in subs:
            for name, child in action.choices.items():
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return found


EXPECTED_COMMANDS = [
    ["gui"],
    ["init"],
    ["demo"],
    ["member", "add"],
    ["member", "list"],
    ["meeting", "schedule"],
    ["meeting", "list"],
    ["meeting", "cancel"],
    ["meeting", "move"],
    ["meeting", "attend"],
    ["motion", "add"],
    ["motion", "close"],
    ["motion", "list"],
    ["motion", "show"],
    ["ballot"],
    ["tally"],
    ["action", "add"],
    ["action", "list"],
]


def test_every_command_of_the_issue_is_registered() -> None:
    commands = _leaf_commands()
    for expected in EXPECTED_COMMANDS:
        assert expected in commands


@pytest.mark.parametrize("path", [c for c in EXPECTED_COMMANDS], ids=" ".join)
def test_help_everywhere_names_db_and_json(path: list[str]) -> None:
    out = ok(run(*path, "--help"))
    assert out.startswith(f"usage: tac-desk {' '.join(path)}")
    assert "--db PATH" in out
    reporting = path not in (["gui"],)
    assert ("--json" in out) is reporting


def test_top_level_help_and_version() -> None:
    out = ok(run("--help"))
    for group in ("init", "demo", "member", "meeting", "motion", "ballot", "tally", "action"):
        assert f"    {group} " in out
    assert ok(run("--version")).startswith("tac-desk ")


def test_start_up_stays_light_and_the_cli_never_loads_qt(tmp_path: Path) -> None:
    record = tmp_path / "light.tacdb"
    code = (
        "import sys\n"
        "from tac_desk.cli import build_parser, main\n"
        "build_parser().format_help()\n"
        "assert main(['tally', '--threshold', 'majority', '--base', 'cast', '--seats', '5', '--yes', '3', '--no', '1'])"
        " == 0\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'alembic', 'PySide6'})\n"
        "print('light:', heavy)\n"
        f"assert main(['init', '--db', {str(record)!r}]) == 0\n"
        f"assert main(['member', 'list', '--db', {str(record)!r}]) == 0\n"
        "print('qt:', sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'tac_desk.ui'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "light: []" in result.stdout
    assert "qt: []" in result.stdout


def test_init_makes_an_empty_record_with_the_default_decision_types(tmp_path: Path) -> None:
    record = tmp_path / "new folder" / "tac.tacdb"
    data = ok_json(run("init", "--name", "Comité technique 技术委员会", "--tz", "Asia/Shanghai", "--json", db=record))
    assert data["id"] == 1
    assert data["name"] == "Comité technique 技术委员会"
    assert data["timezone"] == "Asia/Shanghai"
    assert [kind["key"] for kind in data["decision_types"]] == ["meeting", "two-thirds", "electronic"]
    assert data["decision_types"][1]["rule"] == "at least two-thirds of all voting seats"
    assert record.exists()
    assert ok_json(run("member", "list", "--json", db=record)) == []
    assert "no meetings yet" in ok(run("meeting", "list", db=record))


def test_init_without_db_uses_the_user_data_folder(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    out = ok(run("init", env={"XDG_DATA_HOME": str(data_home)}))
    expected = data_home / "tac-desk" / "tac.tacdb"
    assert expected.exists()
    assert str(expected) in out
    elsewhere = tmp_path / "chosen.tacdb"
    ok(run("init", env={"TAC_DESK_DB": str(elsewhere), "XDG_DATA_HOME": str(data_home)}))
    assert elsewhere.exists()


def test_init_refuses_an_existing_record(record: Path) -> None:
    before = dump(record)
    refused(run("init", db=record), "already exists")
    assert dump(record) == before


@pytest.mark.parametrize(
    ("options", "fragment"),
    [(["--tz", "Mars/Olympus_Mons"], "unknown time zone"), (["--name", "   "], "cannot be empty")],
)
def test_init_with_bad_input_leaves_no_file(tmp_path: Path, options: list[str], fragment: str) -> None:
    record = tmp_path / "never.tacdb"
    refused(run("init", *options, db=record), fragment)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command", [["member", "list"], ["ballot", "1", "1", "yes"], ["motion", "close", "1", "--json"]]
)
def test_a_missing_record_is_refused_with_the_way_forward(tmp_path: Path, command: list[str]) -> None:
    record = tmp_path / "missing.tacdb"
    line = refused(run(*command, db=record), "tac-desk init")
    assert "tac-desk demo" in line
    assert not record.exists()


def test_a_file_that_is_not_a_record_is_refused_untouched(tmp_path: Path) -> None:
    record = tmp_path / "notes.tacdb"
    record.write_text("shopping list\n" * 20, encoding="utf-8")
    refused(run("member", "list", db=record), "not a TAC Desk record")
    assert record.read_text(encoding="utf-8") == "shopping list\n" * 20


def test_an_unexpected_error_is_one_line_and_exit_1(record: Path) -> None:
    connection = sqlite3.connect(record)
    with connection:
        connection.execute("UPDATE meeting SET status = 'postponed' WHERE id = 1")
    connection.close()
    line = refused(run("meeting", "list", db=record), "unexpected error")
    assert "TAC_DESK_DEBUG" in line
    debug = run("meeting", "list", db=record, env={"TAC_DESK_DEBUG": "1"})
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        (["ballot", "1", "1", "maybe"], "invalid choice"),
        (["meeting", "cancel", "first"], "invalid int value"),
        (["member", "add", "Ana"], "--org"),
        (["motion", "add", "A motion without a place"], "--meeting"),
        (
            [
                "meeting",
                "schedule",
                "--first",
                "2030-01-01T10:00",
                "--tz",
                "UTC",
                "--count",
                "3",
                "--until",
                "2030-06-01",
            ],
            "not allowed with",
        ),
        (["member"], "required"),
        (["no-such-command"], "invalid choice"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(record: Path, command: list[str], fragment: str) -> None:
    before = dump(record)
    line = refused(run(*command, db=record), fragment, code=2)
    assert "--help" in line
    assert dump(record) == before
