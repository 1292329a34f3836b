"""Action items: recorded with owner and due date, listed open first and by due date."""

from __future__ import annotations

from datetime import date

import pytest
from services_kit import Committee

from tac_desk.domain.enums import ActionStatus
from tac_desk.domain.errors import InvalidInput, NotFound
from tac_desk.domain.model import ActionItem
from tac_desk.services import actions
from tac_desk.storage import repositories as repo

# task, due date, final status
ITEMS = [
    ("Draft the charter update", date(2026, 5, 1), ActionStatus.OPEN),
    ("Send the survey 调查", None, ActionStatus.OPEN),
    ("Review Project X", date(2026, 3, 20), ActionStatus.OPEN),
    ("Book the room", date(2026, 3, 1), ActionStatus.DONE),
    ("Old idea", None, ActionStatus.DROPPED),
    ("Publish minutes", date(2026, 4, 2), ActionStatus.OPEN),
    ("Archive the wiki", date(2026, 2, 1), ActionStatus.DROPPED),
]


def test_action_items_are_listed_open_first_then_by_due_date(committee: Committee) -> None:
    for task, due, status in ITEMS:
        item = committee.write(
            actions.add_action,
            task=task,
            owner_id=committee.primaries[0].id,
            due_on=due,
            meeting_id=committee.meeting.id,
        )
        if status is not ActionStatus.OPEN:
            committee.write(actions.set_action_status, action_id=item.id, status=status)
    listed = committee.read(repo.action_items)
    assert [(a.task, a.status) for a in listed] == [
        ("Review Project X", ActionStatus.OPEN),
        ("Publish minutes", ActionStatus.OPEN),
        ("Draft the charter update", ActionStatus.OPEN),
        ("Send the survey 调查", ActionStatus.OPEN),
        ("Archive the wiki", ActionStatus.DROPPED),
        ("Book the room", ActionStatus.DONE),
        ("Old idea", ActionStatus.DROPPED),
    ]
    assert committee.read(repo.action_items, meeting_id=committee.meeting.id) == listed
    assert committee.read(repo.action_items, meeting_id=999) == []


def test_add_and_update_an_action_item(committee: Committee) -> None:
    item = committee.write(actions.add_action, task="  Write the report  ")
    assert item == ActionItem(item.id, "Write the report", None, None, ActionStatus.OPEN, None)
    updated = committee.write(
        actions.update_action, action_id=item.id, owner_id=committee.alternates[1].id, due_on=date(2026, 6, 30)
    )
    assert (updated.task, updated.owner_id, updated.due_on) == (
        "Write the report",
        committee.alternates[1].id,
        date(2026, 6, 30),
    )
    renamed = committee.write(actions.update_action, action_id=item.id, task="Write the annual report")
    assert (renamed.task, renamed.owner_id) == ("Write the annual report", committee.alternates[1].id)
    done = committee.write(actions.set_action_status, action_id=item.id, status=ActionStatus.DONE)
    assert done.status is ActionStatus.DONE
    reopened = committee.write(actions.set_action_status, action_id=item.id, status=ActionStatus.OPEN)
    assert committee.read(repo.action_items) == [reopened]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"task": ""}, InvalidInput),
        ({"task": "t" * 2001}, InvalidInput),
        ({"owner_id": 999}, NotFound),
        ({"meeting_id": 999}, NotFound),
    ],
)
def test_add_action_refusals(committee: Committee, fields: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        committee.write(actions.add_action, **{"task": "Valid", **fields})
    assert committee.read(repo.action_items) == []


def test_update_action_refusals(committee: Committee) -> None:
    item = committee.write(actions.add_action, task="Keep me")
    with pytest.raises(InvalidInput):
        committee.write(actions.update_action, action_id=item.id, task=" ")
    with pytest.raises(NotFound):
        committee.write(actions.update_action, action_id=item.id, owner_id=999)
    with pytest.raises(NotFound, match="no action item with id 999"):
        committee.write(actions.set_action_status, action_id=999, status=ActionStatus.DONE)
    assert committee.read(repo.action_items) == [item]
