"""Who may vote, and counting ballots into a tally: seats not people, alternates, chair modes, electronic votes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tac_desk.domain.enums import ChairVoting, Choice, Presence, SeatKind
from tac_desk.domain.errors import Refused
from tac_desk.domain.model import Ballot, Person, RosterEntry, Seat
from tac_desk.domain.rules import Tally
from tac_desk.domain.voting import VotingError, check_ballot, count, freeze_roster, seat_for_person

CAST_AT = datetime(2024, 5, 2, 16, 0, tzinfo=UTC)

# seat id -> (organization, kind, primary person, alternate person)
ROSTER = (
    RosterEntry(1, "Acme", SeatKind.PREMIER, 101, "Ada Lovelace", 201, "Zhang Wei 张伟"),
    RosterEntry(2, "Brightline", SeatKind.PREMIER, 102, "José Álvarez"),
    RosterEntry(3, "Chair", SeatKind.CHAIR, 103, "Ingrid Søgaard"),
    RosterEntry(4, "Delta Project", SeatKind.PROJECT, 104, "Priya Raman", 204, "Kenji 健二"),
    RosterEntry(5, "Echo Project", SeatKind.PROJECT, 105, "Олена Коваль"),
)


def ballot(seat_id: int, choice: Choice, person_id: int | None = None, ballot_id: int = 0) -> Ballot:
    return Ballot(
        id=ballot_id or seat_id,
        motion_id=7,
        seat_id=seat_id,
        person_id=person_id if person_id is not None else 100 + seat_id,
        choice=choice,
        cast_at=CAST_AT,
    )


ALL_PRESENT = {entry.seat_id: (Presence.PRIMARY, entry.primary_id) for entry in ROSTER}


# ---- check_ballot ----


def test_primary_present_may_vote() -> None:
    entry = check_ballot(roster=ROSTER, person_id=102, presence=ALL_PRESENT, ballots=[])
    assert entry.seat_id == 2


def test_alternate_attending_votes_for_the_seat() -> None:
    presence = dict(ALL_PRESENT) | {1: (Presence.ALTERNATE, 201)}
    entry = check_ballot(roster=ROSTER, person_id=201, presence=presence, ballots=[])
    assert entry.seat_id == 1
    assert entry.alternate_name == "Zhang Wei 张伟"


@pytest.mark.parametrize(
    ("person_id", "presence", "ballots", "message"),
    [
        pytest.param(
            999,
            ALL_PRESENT,
            [],
            "person 999 holds no voting seat for this vote (observers do not vote)",
            id="no-seat",
        ),
        pytest.param(
            102,
            {1: (Presence.PRIMARY, 101)},
            [],
            "seat Brightline is marked absent; record attendance before its ballot",
            id="absent-no-entry",
        ),
        pytest.param(
            102,
            dict(ALL_PRESENT) | {2: (Presence.ABSENT, None)},
            [],
            "seat Brightline is marked absent; record attendance before its ballot",
            id="absent-marked",
        ),
        pytest.param(
            201,
            ALL_PRESENT,
            [],
            "person 201 is not the one attending for seat Acme at this meeting",
            id="alternate-while-primary-attends",
        ),
        pytest.param(
            101,
            dict(ALL_PRESENT) | {1: (Presence.ALTERNATE, 201)},
            [],
            "person 101 is not the one attending for seat Acme at this meeting",
            id="primary-while-alternate-attends",
        ),
        pytest.param(
            104,
            ALL_PRESENT,
            [ballot(4, Choice.YES)],
            "seat Delta Project has already voted on this motion",
            id="already-voted",
        ),
        pytest.param(
            204,
            None,
            [ballot(4, Choice.NO, person_id=104)],
            "seat Delta Project has already voted on this motion",
            id="electronic-alternate-after-primary",
        ),
    ],
)
def test_check_ballot_refuses(
    person_id: int,
    presence: dict[int, tuple[Presence, int | None]] | None,
    ballots: list[Ballot],
    message: str,
) -> None:
    with pytest.raises(VotingError) as caught:
        check_ballot(roster=ROSTER, person_id=person_id, presence=presence, ballots=ballots)
    assert str(caught.value) == message


def test_voting_error_is_a_refusal() -> None:
    assert issubclass(VotingError, Refused)


def test_electronic_vote_takes_primary_or_alternate() -> None:
    assert check_ballot(roster=ROSTER, person_id=204, presence=None, ballots=[ballot(1, Choice.YES)]).seat_id == 4
    assert check_ballot(roster=ROSTER, person_id=104, presence=None, ballots=[]).seat_id == 4


def test_seat_for_person_finds_primary_and_alternate() -> None:
    assert seat_for_person(ROSTER, 105).seat_id == 5
    assert seat_for_person(ROSTER, 204).seat_id == 4
    with pytest.raises(VotingError, match="holds no voting seat"):
        seat_for_person(ROSTER, 305)


# ---- count ----


def test_count_at_a_meeting() -> None:
    ballots = [ballot(1, Choice.YES), ballot(2, Choice.NO), ballot(3, Choice.ABSTAIN), ballot(4, Choice.RECUSED)]
    tally = count(roster=ROSTER, ballots=ballots, present_seat_ids=[1, 2, 3, 4, 5])
    assert tally == Tally(seats=5, present=5, yes=1, no=1, abstain=1, recused=1)


def test_a_seat_that_voted_then_left_counts_as_present() -> None:
    ballots = [ballot(1, Choice.YES), ballot(2, Choice.YES), ballot(5, Choice.NO)]
    # seat 5 voted, then left: it is no longer in the attendance
    tally = count(roster=ROSTER, ballots=ballots, present_seat_ids=[1, 2, 3])
    assert tally == Tally(seats=5, present=4, yes=2, no=1)


def test_electronic_present_is_the_seats_that_returned_a_ballot() -> None:
    ballots = [ballot(1, Choice.YES), ballot(4, Choice.ABSTAIN, person_id=204)]
    tally = count(roster=ROSTER, ballots=ballots, present_seat_ids=None)
    assert tally == Tally(seats=5, present=2, yes=1, no=0, abstain=1)


def test_electronic_with_no_ballots() -> None:
    assert count(roster=ROSTER, ballots=[], present_seat_ids=None) == Tally(seats=5, present=0, yes=0, no=0)


def test_ballots_and_attendance_outside_the_roster_are_ignored() -> None:
    ballots = [ballot(1, Choice.YES), ballot(42, Choice.NO)]
    tally = count(roster=ROSTER, ballots=ballots, present_seat_ids=[1, 2, 42, 43])
    assert tally == Tally(seats=5, present=2, yes=1, no=0)


def test_empty_roster() -> None:
    assert count(roster=(), ballots=[ballot(1, Choice.YES)], present_seat_ids=[1]) == Tally(0, 0, 0, 0)


@pytest.mark.parametrize(
    ("choices", "mode", "expected"),
    [
        pytest.param(
            {1: Choice.YES, 2: Choice.NO, 3: Choice.YES},
            ChairVoting.TIE_ONLY,
            Tally(seats=5, present=5, yes=2, no=1),
            id="tie-only-chair-breaks-a-tie",
        ),
        pytest.param(
            {1: Choice.YES, 2: Choice.YES, 4: Choice.NO, 3: Choice.NO},
            ChairVoting.TIE_ONLY,
            Tally(seats=5, present=5, yes=2, no=1),
            id="tie-only-chair-ignored-without-a-tie",
        ),
        pytest.param(
            {1: Choice.YES, 2: Choice.NO, 3: Choice.ABSTAIN},
            ChairVoting.TIE_ONLY,
            Tally(seats=5, present=5, yes=1, no=1, abstain=1),
            id="tie-only-chair-abstains-on-a-tie",
        ),
        pytest.param(
            {3: Choice.YES},
            ChairVoting.TIE_ONLY,
            Tally(seats=5, present=5, yes=1, no=0),
            id="tie-only-zero-zero-is-a-tie",
        ),
        pytest.param(
            {1: Choice.YES, 2: Choice.YES, 4: Choice.NO, 3: Choice.NO},
            ChairVoting.ALWAYS,
            Tally(seats=5, present=5, yes=2, no=2),
            id="always-chair-counts",
        ),
    ],
)
def test_chair_voting_modes(choices: dict[int, Choice], mode: ChairVoting, expected: Tally) -> None:
    ballots = [ballot(seat_id, choice) for seat_id, choice in choices.items()]
    tally = count(roster=ROSTER, ballots=ballots, present_seat_ids=[1, 2, 3, 4, 5], chair_voting=mode)
    assert tally == expected


def test_tie_only_without_a_chair_seat_counts_everyone() -> None:
    roster = tuple(entry for entry in ROSTER if entry.kind is not SeatKind.CHAIR)
    ballots = [ballot(1, Choice.YES), ballot(2, Choice.YES), ballot(4, Choice.NO)]
    tally = count(roster=roster, ballots=ballots, present_seat_ids=None, chair_voting=ChairVoting.TIE_ONLY)
    assert tally == Tally(seats=4, present=3, yes=2, no=1)


# ---- freeze_roster ----


def test_freeze_roster_skips_vacant_seats_and_sorts_by_organisation() -> None:
    people = {
        1: Person(1, "Ada Lovelace"),
        2: Person(2, "Zhang Wei 张伟"),
        3: Person(3, "Émilie du Châtelet"),
    }
    seats = [
        Seat(10, SeatKind.PROJECT, "zeta project", 1, alternate_id=2),
        Seat(11, SeatKind.PREMIER, "Vacant Corp", None),
        Seat(12, SeatKind.PREMIER, "Alpha", 3),
        Seat(13, SeatKind.OTHER, "alpha", 99),  # primary not among the people given
    ]
    roster = freeze_roster(seats, people)
    assert [entry.seat_id for entry in roster] == [12, 13, 10]
    assert roster[0] == RosterEntry(12, "Alpha", SeatKind.PREMIER, 3, "Émilie du Châtelet")
    assert roster[1].primary_name == ""
    assert roster[2].alternate_id == 2
    assert roster[2].alternate_name == "Zhang Wei 张伟"
    assert all(RosterEntry.from_dict(entry.to_dict()) == entry for entry in roster)
