"""A meeting's agenda: add, edit, notes, remove, move and reorder; an item carrying a vote stays."""

from __future__ import annotations

import pytest
from services_kit import Committee

from tac_desk.domain.enums import AgendaKind
from tac_desk.domain.errors import InvalidInput, NotFound
from tac_desk.domain.model import AgendaItem
from tac_desk.services import agenda, votes
from tac_desk.storage import repositories as repo

TITLES = ["Call to order and antitrust notice", "Approval of minutes", "Project X: 孵化 review", "Any other business"]


@pytest.fixture
def items(committee: Committee) -> list[AgendaItem]:
    return [committee.write(agenda.add_item, meeting_id=committee.meeting.id, title=t) for t in TITLES]


def titles(committee: Committee) -> list[str]:
    return [i.title for i in committee.read(repo.agenda, meeting_id=committee.meeting.id)]


def positions(committee: Committee) -> list[int]:
    return [i.position for i in committee.read(repo.agenda, meeting_id=committee.meeting.id)]


def test_items_are_added_at_the_end(committee: Committee, items: list[AgendaItem]) -> None:
    assert titles(committee) == TITLES
    assert positions(committee) == [0, 1, 2, 3]
    assert all(i.kind is AgendaKind.DISCUSSION and i.notes == "" for i in items)


def test_add_item_with_every_field(committee: Committee) -> None:
    item = committee.write(
        agenda.add_item,
        meeting_id=committee.meeting.id,
        title=" Presentation: <Graph> & 图 ",
        kind=AgendaKind.PRESENTATION,
        presenter_id=committee.observer.id,
        planned_minutes=20,
        notes="line one\nline two\n",
    )
    assert item == AgendaItem(
        id=item.id,
        meeting_id=committee.meeting.id,
        position=0,
        kind=AgendaKind.PRESENTATION,
        title="Presentation: <Graph> & 图",
        presenter_id=committee.observer.id,
        planned_minutes=20,
        notes="line one\nline two",
    )


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": " "}, InvalidInput),
        ({"title": "t" * 501}, InvalidInput),
        ({"planned_minutes": -5}, InvalidInput),
        ({"presenter_id": 999}, NotFound),
        ({"project_id": 999}, NotFound),
        ({"meeting_id": 999}, NotFound),
    ],
)
def test_add_item_refusals(committee: Committee, fields: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        committee.write(agenda.add_item, **{"meeting_id": committee.meeting.id, "title": "Valid", **fields})
    assert titles(committee) == []


def test_update_item_changes_only_what_is_given(committee: Committee, items: list[AgendaItem]) -> None:
    item = items[2]
    updated = committee.write(
        agenda.update_item,
        item_id=item.id,
        kind=AgendaKind.DECISION,
        presenter_id=committee.primaries[1].id,
        planned_minutes=15,
    )
    assert (updated.title, updated.kind, updated.presenter_id, updated.planned_minutes) == (
        TITLES[2],
        AgendaKind.DECISION,
        committee.primaries[1].id,
        15,
    )
    renamed = committee.write(agenda.update_item, item_id=item.id, title="Renamed", clear_presenter=True)
    assert (renamed.title, renamed.presenter_id, renamed.kind) == ("Renamed", None, AgendaKind.DECISION)
    with pytest.raises(InvalidInput):
        committee.write(agenda.update_item, item_id=item.id, title="")
    with pytest.raises(NotFound):
        committee.write(agenda.update_item, item_id=item.id, presenter_id=999)
    assert committee.read(repo.agenda_item, item_id=item.id) == renamed


def test_set_notes_keeps_plain_text(committee: Committee, items: list[AgendaItem]) -> None:
    notes = "Decided: <b>not bold</b> & 决定\n- point one\n- point two"
    assert committee.write(agenda.set_notes, item_id=items[1].id, notes=notes).notes == notes
    assert committee.write(agenda.set_notes, item_id=items[1].id, notes="").notes == ""
    with pytest.raises(InvalidInput, match="NUL"):
        committee.write(agenda.set_notes, item_id=items[1].id, notes="a\x00b")


def test_remove_item_renumbers_the_rest(committee: Committee, items: list[AgendaItem]) -> None:
    committee.write(agenda.remove_item, item_id=items[1].id)
    assert titles(committee) == [TITLES[0], TITLES[2], TITLES[3]]
    assert positions(committee) == [0, 1, 2]
    with pytest.raises(NotFound, match="no agenda item"):
        committee.write(agenda.remove_item, item_id=items[1].id)
    added = committee.write(agenda.add_item, meeting_id=committee.meeting.id, title="Late item")
    assert added.position == 3


def test_removing_an_item_that_carries_a_vote_is_refused(committee: Committee, items: list[AgendaItem]) -> None:
    committee.write(votes.open_motion, text="Accept", meeting_id=committee.meeting.id, agenda_item_id=items[2].id)
    with pytest.raises(InvalidInput, match="carries a vote"):
        committee.write(agenda.remove_item, item_id=items[2].id)
    assert titles(committee) == TITLES


@pytest.mark.parametrize(
    ("index", "to", "order"),
    [(3, 0, [3, 0, 1, 2]), (0, 3, [1, 2, 3, 0]), (1, 2, [0, 2, 1, 3]), (2, 99, [0, 1, 3, 2]), (2, -4, [2, 0, 1, 3])],
)
def test_move_item(committee: Committee, items: list[AgendaItem], index: int, to: int, order: list[int]) -> None:
    moved = committee.write(agenda.move_item, item_id=items[index].id, to_position=to)
    assert [i.title for i in moved] == [TITLES[n] for n in order]
    assert [i.position for i in moved] == [0, 1, 2, 3]


def test_reorder(committee: Committee, items: list[AgendaItem]) -> None:
    order = [items[n].id for n in (2, 0, 3, 1)]
    result = committee.write(agenda.reorder, meeting_id=committee.meeting.id, item_ids=order)
    assert [i.id for i in result] == order
    assert titles(committee) == [TITLES[n] for n in (2, 0, 3, 1)]


@pytest.mark.parametrize("pick", [[0, 1, 2], [0, 1, 2, 3, 3], [0, 1, 2, 2], [0, 1, 2, 3, 999]])
def test_reorder_must_name_every_item_once(committee: Committee, items: list[AgendaItem], pick: list[int]) -> None:
    ids = [items[n].id if n < len(items) else n for n in pick]
    with pytest.raises(InvalidInput, match="exactly once"):
        committee.write(agenda.reorder, meeting_id=committee.meeting.id, item_ids=ids)
    assert titles(committee) == TITLES
