"""``tac-desk action add|list``: action items with owner and due date."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command, day_text, emit, group, parse_day, reading, writing


def register(commands: Any) -> None:
    """Register the ``action`` group."""
    actions = group(commands, "action", "action items: who does what by when")
    add = command(actions, "add", "add an action item", run_add, json_output=True)
    add.add_argument("task", metavar="TASK", help="what is to be done")
    add.add_argument("--owner", type=int, metavar="PERSON_ID", help="who does it")
    add.add_argument("--due", metavar="YYYY-MM-DD", help="by when")
    add.add_argument("--meeting", type=int, metavar="ID", help="the meeting it was taken at")
    command(actions, "list", "list action items: open first, then by due date", run_list, json_output=True)


def run_add(args: argparse.Namespace) -> int:
    """Record the action item; prints its id."""
    due = parse_day(args.due)
    from tac_desk.services import actions  # after the checks: bad input fails fast

    with writing(args) as session:
        item = actions.add_action(
            session=session, task=args.task, owner_id=args.owner, due_on=due, meeting_id=args.meeting
        )
    emit(args, {"id": item.id}, str(item.id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the action items."""
    from tac_desk.storage import repositories as repo

    with reading(args) as session:
        items = repo.action_items(session)
        people = repo.people_by_id(session)
    rows = [
        {
            "id": item.id,
            "task": item.task,
            "owner_id": item.owner_id,
            "owner": None if item.owner_id is None else people[item.owner_id].name,
            "due_on": None if item.due_on is None else item.due_on.isoformat(),
            "status": item.status.value,
            "meeting_id": item.meeting_id,
        }
        for item in items
    ]
    lines = [
        f"{row['id']:>4}  [{row['status']}]  due {day_text(item.due_on)}  {row['owner'] or 'unassigned'}: {row['task']}"
        for row, item in zip(rows, items, strict=True)
    ] or ["(no action items yet)"]
    emit(args, rows, "\n".join(lines))
    return 0
