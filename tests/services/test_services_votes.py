"""Votes: the roster frozen at opening, ballots by person or seat, every refusal, the live state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from services_kit import MEETING_DAY, Committee, add_seat_holder

from tac_desk.domain.enums import Choice, MotionStatus, Presence
from tac_desk.domain.errors import InvalidInput, NotFound, Refused
from tac_desk.domain.model import Motion
from tac_desk.services import agenda, attendance, meetings, roster, votes
from tac_desk.storage import repositories as repo


def open_at_meeting(committee: Committee, **fields: object) -> Motion:
    return committee.write(votes.open_motion, text="Adopt the proposal", meeting_id=committee.meeting.id, **fields)


def vote(committee: Committee, motion: Motion, index: int, choice: Choice = Choice.YES) -> None:
    committee.write(votes.cast_ballot, motion_id=motion.id, person_id=committee.primaries[index].id, choice=choice)


def test_open_motion_freezes_rule_and_roster(committee: Committee) -> None:
    item = committee.write(agenda.add_item, meeting_id=committee.meeting.id, title="Decision")
    motion = open_at_meeting(committee, agenda_item_id=item.id)
    assert motion.status is MotionStatus.OPEN
    assert (motion.decision_type, motion.meeting_id, motion.agenda_item_id) == (
        "meeting",
        committee.meeting.id,
        item.id,
    )
    assert motion.rule == committee.read(repo.body).decision_type("meeting").rule
    assert [e.seat_id for e in motion.roster] == [s.id for s in committee.seats]
    first = motion.roster[0]
    assert (first.primary_name, first.alternate_name) == ("Zoë Durand", "Jürgen Groß")
    assert motion.roster[1].primary_name == "王伟"
    assert motion.open_entry_seq is not None and motion.opened_at is not None


def test_electronic_motion_defaults_to_the_electronic_type(committee: Committee) -> None:
    motion = committee.write(votes.open_motion, text="By e-mail", closes_on=date(2099, 1, 1))
    assert (motion.decision_type, motion.is_electronic, motion.closes_on) == ("electronic", True, date(2099, 1, 1))
    two_thirds = committee.write(votes.open_motion, text="Graduate", decision_type="two-thirds")
    assert two_thirds.rule == committee.read(repo.body).decision_type("two-thirds").rule


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"text": " "}, InvalidInput, "text cannot be empty"),
        ({"decision_type": "supermajority"}, InvalidInput, "unknown decision type 'supermajority'"),
        ({"meeting_id": 999}, NotFound, "no meeting"),
        ({"closes_on": date(2026, 3, 1), "opened_on": date(2026, 3, 2)}, InvalidInput, "before the vote opens"),
        ({"meeting": True, "closes_on": date(2026, 4, 1)}, InvalidInput, "closes at the meeting"),
        ({"meeting": True, "agenda_item_id": 999}, NotFound, "no agenda item"),
        ({"project_id": 999}, NotFound, "no project"),
        ({"opened_on": date(1999, 1, 1), "ended_seats": True}, Refused, "no voting seats"),
    ],
)
def test_open_motion_refusals(
    committee: Committee, fields: dict[str, object], error: type[Exception], message: str
) -> None:
    if fields.pop("meeting", False):
        fields["meeting_id"] = committee.meeting.id
    if fields.pop("ended_seats", False):
        for seat in committee.seats:
            committee.write(roster.update_seat, seat_id=seat.id, starts_on=date(2000, 1, 1))
    with pytest.raises(error, match=message):
        committee.write(votes.open_motion, **{"text": "Valid", **fields})
    assert committee.read(repo.motions) == []


def test_agenda_item_of_another_meeting_is_refused(committee: Committee) -> None:
    other = committee.write(
        meetings.add_meeting,
        start=committee.meeting.starts_at.replace(tzinfo=None) + timedelta(weeks=2),
        timezone="UTC",
    )
    item = committee.write(agenda.add_item, meeting_id=other.id, title="Elsewhere")
    with pytest.raises(Refused, match=f"belongs to meeting {other.id}"):
        open_at_meeting(committee, agenda_item_id=item.id)


def test_ballots_by_person_and_by_seat(committee: Committee) -> None:
    committee.attend(0, 2)
    committee.write(attendance.record_attendance, meeting_id=committee.meeting.id, person_id=committee.alternates[1].id)
    motion = open_at_meeting(committee)
    by_person = committee.write(
        votes.cast_ballot, motion_id=motion.id, person_id=committee.primaries[0].id, choice=Choice.YES
    )
    by_seat_alternate = committee.write(
        votes.cast_ballot, motion_id=motion.id, seat_id=committee.seats[1].id, choice=Choice.NO
    )
    by_seat_primary = committee.write(
        votes.cast_ballot, motion_id=motion.id, seat_id=committee.seats[2].id, choice=Choice.ABSTAIN
    )
    assert (by_person.seat_id, by_person.person_id, by_person.choice) == (
        committee.seats[0].id,
        committee.primaries[0].id,
        Choice.YES,
    )
    assert (by_seat_alternate.seat_id, by_seat_alternate.person_id) == (
        committee.seats[1].id,
        committee.alternates[1].id,
    )
    assert by_seat_primary.person_id == committee.primaries[2].id
    assert [b.id for b in committee.read(repo.ballots, motion_id=motion.id)] == [
        by_person.id,
        by_seat_alternate.id,
        by_seat_primary.id,
    ]
    assert all(b.entry_seq is not None for b in (by_person, by_seat_alternate, by_seat_primary))


def test_electronic_ballots_by_primary_alternate_or_seat(committee: Committee) -> None:
    motion = committee.write(votes.open_motion, text="Electronic")
    committee.write(votes.cast_ballot, motion_id=motion.id, person_id=committee.alternates[0].id, choice=Choice.YES)
    seat_ballot = committee.write(
        votes.cast_ballot, motion_id=motion.id, seat_id=committee.seats[1].id, choice=Choice.NO
    )
    assert seat_ballot.person_id == committee.primaries[1].id  # the seat's primary answers for it
    with pytest.raises(Refused, match="already voted"):
        committee.write(votes.cast_ballot, motion_id=motion.id, person_id=committee.primaries[0].id, choice=Choice.NO)


REFUSALS = {
    "person without a seat": ("outsider", None, "holds no voting seat"),
    "observer at the meeting": ("observer", None, "observers do not vote"),
    "absent seat": ("primary 3", None, "marked absent"),
    "absent seat, by seat": (None, 3, "marked absent"),
    "not the one attending": ("primary 1", None, "is not the one attending"),
    "seat already voted": ("primary 0", None, "already voted"),
    "seat already voted, by seat": (None, 0, "already voted"),
    "seat not on the roster, by seat": (None, 999, "does not vote on motion"),
}


@pytest.mark.parametrize(("voter", "seat", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_ballot_refusals_at_a_meeting(committee: Committee, voter: str | None, seat: int | None, message: str) -> None:
    meeting_id = committee.meeting.id
    committee.attend(0)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.alternates[1].id)
    committee.write(attendance.record_attendance, meeting_id=meeting_id, person_id=committee.observer.id)
    motion = open_at_meeting(committee)
    vote(committee, motion, 0)
    people = {
        "outsider": committee.outsider,
        "observer": committee.observer,
        "primary 1": committee.primaries[1],
        "primary 3": committee.primaries[3],
        "primary 0": committee.primaries[0],
    }
    fields: dict[str, object] = {"motion_id": motion.id, "choice": Choice.NO}
    if voter is not None:
        fields["person_id"] = people[voter].id
    if seat is not None:
        fields["seat_id"] = 999 if seat == 999 else committee.seats[seat].id
    with pytest.raises(Refused, match=message):
        committee.write(votes.cast_ballot, **fields)
    assert len(committee.read(repo.ballots, motion_id=motion.id)) == 1


def test_a_ballot_names_a_person_or_a_seat(committee: Committee) -> None:
    motion = open_at_meeting(committee)
    with pytest.raises(InvalidInput, match="a person or a seat"):
        committee.write(votes.cast_ballot, motion_id=motion.id, choice=Choice.YES)


def test_no_ballot_on_a_closed_vote(committee: Committee) -> None:
    committee.attend(0, 1, 2)
    motion = open_at_meeting(committee)
    vote(committee, motion, 0)
    committee.write(votes.close_vote, motion_id=motion.id)
    with pytest.raises(Refused, match="closed; record a correction"):
        vote(committee, motion, 1)
    with pytest.raises(Refused, match="closed"):
        committee.write(votes.close_vote, motion_id=motion.id)
    assert len(committee.read(repo.ballots, motion_id=motion.id)) == 1


def test_no_ballot_on_an_electronic_vote_past_its_closing_date(committee: Committee) -> None:
    motion = committee.write(
        votes.open_motion, text="Old e-mail vote", opened_on=date(2020, 1, 1), closes_on=date(2020, 1, 15)
    )
    with pytest.raises(Refused, match="ended on 2020-01-15"):
        vote(committee, motion, 0)
    assert committee.read(repo.ballots, motion_id=motion.id) == []
    outcome = committee.write(votes.close_vote, motion_id=motion.id)  # the chair can still close it
    assert (outcome.passed, outcome.tally.yes) == (False, 0)


def test_an_electronic_vote_closing_today_still_takes_ballots(committee: Committee) -> None:
    today = votes.today()
    motion = committee.write(
        votes.open_motion, text="Closes today", opened_on=today - timedelta(days=3), closes_on=today
    )
    vote(committee, motion, 0)
    assert len(committee.read(repo.ballots, motion_id=motion.id)) == 1


def test_live_state_and_not_voted(committee: Committee) -> None:
    committee.attend(0, 1, 2, 3)
    motion = open_at_meeting(committee)
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert [e.seat_id for e in state.not_voted] == [s.id for s in committee.seats]
    assert (state.outcome.tally.seats, state.outcome.tally.present, state.outcome.passed) == (5, 4, False)
    vote(committee, motion, 0)
    vote(committee, motion, 1, Choice.NO)
    vote(committee, motion, 2)
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert [e.seat_id for e in state.not_voted] == [committee.seats[3].id, committee.seats[4].id]
    assert committee.read(votes.not_voted, motion_id=motion.id) == state.not_voted
    tally = state.outcome.tally
    assert (tally.yes, tally.no, tally.abstain, tally.present) == (2, 1, 0, 4)
    assert state.outcome.passed and state.outcome.quorum_met
    assert state.outcome.explanation == (
        "Adopted: 2 yes to 1 no; more than half of the votes cast requires 2 yes to 1 no."
    )
    assert committee.read(repo.motion, motion_id=motion.id).status is MotionStatus.OPEN


def test_a_seat_added_after_opening_does_not_change_the_vote(committee: Committee) -> None:
    committee.attend(0, 1, 2)
    motion = open_at_meeting(committee)
    with committee.db.write() as session:
        newcomer = add_seat_holder(session, organization="Foxtrot", name="New Member")
    committee.write(attendance.record_attendance, meeting_id=committee.meeting.id, person_id=newcomer.primary_id or 0)
    assert committee.read(attendance.roll_call, meeting_id=committee.meeting.id).seats == 6  # the meeting's roll grew
    with pytest.raises(Refused, match="holds no voting seat for this vote"):
        committee.write(votes.cast_ballot, motion_id=motion.id, person_id=newcomer.primary_id, choice=Choice.YES)
    with pytest.raises(Refused, match="does not vote on motion"):
        committee.write(votes.cast_ballot, motion_id=motion.id, seat_id=newcomer.id, choice=Choice.YES)
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert (state.outcome.tally.seats, state.outcome.tally.present) == (5, 3)
    assert committee.read(repo.motion, motion_id=motion.id).roster == motion.roster


@pytest.mark.parametrize("ends_on", [MEETING_DAY, MEETING_DAY - timedelta(days=30)])
def test_a_seat_ended_after_opening_still_votes_on_it(committee: Committee, ends_on: date) -> None:
    committee.attend(0, 1, 2, 3)
    motion = open_at_meeting(committee)
    committee.write(roster.end_seat, seat_id=committee.seats[3].id, on=ends_on)
    assert committee.read(attendance.roll_call, meeting_id=committee.meeting.id).seats == 4  # the roll shrank
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert (state.outcome.tally.seats, state.outcome.tally.present) == (5, 4)
    vote(committee, motion, 3, Choice.NO)
    vote(committee, motion, 0)
    vote(committee, motion, 1)
    outcome = committee.write(votes.close_vote, motion_id=motion.id)
    assert (outcome.tally.seats, outcome.tally.present, outcome.tally.yes, outcome.tally.no) == (5, 4, 2, 1)


def test_a_seat_that_leaves_after_voting_still_counts_as_present(committee: Committee) -> None:
    committee.attend(0, 1, 2)
    motion = open_at_meeting(committee)
    vote(committee, motion, 2)
    committee.write(
        attendance.set_seat_presence,
        meeting_id=committee.meeting.id,
        seat_id=committee.seats[2].id,
        presence=Presence.ABSENT,
    )
    state = committee.read(votes.vote_state, motion_id=motion.id)
    assert (state.outcome.tally.present, state.outcome.quorum_met) == (3, True)
