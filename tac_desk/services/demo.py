"""Fill an empty record with a year of a fictional TAC, through the services, the same way every time."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from tac_desk.domain.enums import ActionStatus, AgendaKind, Choice, MeetingStatus, Presence, ProjectStage, SeatKind
from tac_desk.domain.model import Meeting
from tac_desk.domain.roll import RollCall
from tac_desk.services import actions, agenda, attendance, lifecycle, meetings, roster, setup, votes
from tac_desk.services.demo_people import GRADUATE, OBSERVERS, Cast, add_cast
from tac_desk.services.demo_script import (
    BOARD,
    DISCUSSIONS,
    ELECTRONIC,
    FACTS,
    MEETINGS,
    REVIEWS,
    TASKS,
    UPDATES,
    ElectronicSpec,
    Plan,
    Topic,
)
from tac_desk.storage import journal
from tac_desk.storage import repositories as repo

BODY_NAME = "Open AI & Data Foundation TAC"
ZONE = "America/New_York"
REFERENCE_DATE = date(2026, 11, 26)
SEED = 20261126
SERIES_UID = "tac-biweekly-2025@open-ai-data.example"
FIRST_MEETING = datetime(2025, 12, 11, 9, 0)
SERIES_UNTIL = date(2027, 2, 25)
CANCELLED = (date(2025, 12, 25), date(2026, 11, 26), date(2026, 12, 24))
MOVED = (date(2026, 10, 15), datetime(2026, 10, 14, 10, 0))
SETUP_AT = datetime(2025, 12, 1, 15, 0, tzinfo=UTC)
REFERENCE_AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
THIN = 5  # seats present at the meeting without quorum
PRESENT = 0.72  # chance a primary attends
GUESTS = 0.3  # chance an observer attends
ABSENT = Presence.ABSENT
UPCOMING = {
    date(2026, 12, 10): (
        Topic("Annual review: Orchid ML", AgendaKind.PRESENTATION, 20, "priya", project="orchid"),
        Topic(
            "Project presentation: Marigold (Sandbox proposal)",
            AgendaKind.PRESENTATION,
            20,
            "amara",
            project="marigold",
            stage=ProjectStage.SANDBOX,
        ),
        Topic("TAC chair election for 2027: nominations", AgendaKind.DISCUSSION, 10, "david"),
    ),
    date(2027, 1, 7): (Topic("TAC chair election for 2027", AgendaKind.DECISION, 15, "david"),),
}


@dataclass
class _Demo:
    """What the build carries from step to step."""

    session: Session
    cast: Cast
    rng: random.Random
    unapproved: list[date] = field(default_factory=list)
    routine: list[int] = field(default_factory=list)
    rotation: int = 0


def build_demo(*, session: Session) -> None:
    """Create the committee and a year of its work in an empty record, identically on every run.

    The reference date is fixed (2026-11-26): meetings before it were held, later ones are
    scheduled; every timestamp comes from a fixed clock, so two builds hold the same rows.

    Raises:
        Refused: when the record already has a committee.
    """
    with journal.fixed_clock(SETUP_AT):
        setup.create_body(session=session, name=BODY_NAME, timezone=ZONE)
        demo = _Demo(session, add_cast(session), random.Random(SEED))
        series = _schedule(session)
    events: list[tuple[datetime, Callable[[], None]]] = []
    for meeting in series:
        if meeting.status is MeetingStatus.SCHEDULED and meeting.starts_at.date() < REFERENCE_DATE:
            events.append((meeting.starts_at, _bind_meeting(demo, meeting)))
    for spec in ELECTRONIC:
        events.extend(_electronic_events(demo, spec))
    for key, day, note in BOARD:
        events.append((datetime.combine(day, time(15, 0), tzinfo=UTC), _bind_board(demo, key, day, note)))
    for moment, step in sorted(events, key=lambda event: event[0]):
        with journal.fixed_clock(moment):
            step()
    with journal.fixed_clock(REFERENCE_AT):
        _draft_upcoming(demo, series)
        _settle_actions(demo)


def _schedule(session: Session) -> list[Meeting]:
    _, found = meetings.schedule_series(
        session=session, first=FIRST_MEETING, timezone=ZONE, until=SERIES_UNTIL, uid=SERIES_UID
    )
    for meeting in found:
        day = meeting.starts_at.date()
        if day in CANCELLED:
            meetings.cancel_meeting(session=session, meeting_id=meeting.id)
        elif day == MOVED[0]:
            meetings.move_meeting(session=session, meeting_id=meeting.id, to=MOVED[1])
    return [m for m in repo.meetings(session) if m.series_id is not None]


def _bind_meeting(demo: _Demo, meeting: Meeting) -> Callable[[], None]:
    return lambda: _hold_meeting(demo, meeting)


def _bind_board(demo: _Demo, key: str, day: date, note: str) -> Callable[[], None]:
    def approve() -> None:
        project_id = demo.cast.projects[key]
        lifecycle.approve_board(session=demo.session, project_id=project_id, on=day, note=note)
        if key == GRADUATE[0]:
            seat = next(s for s in repo.seats(demo.session) if s.project_id == project_id)
            roster.update_seat(session=demo.session, seat_id=seat.id, alternate_id=demo.cast.people[GRADUATE[1]])
            demo.cast.seats[key] = seat.id

    return approve


def _record_facts(demo: _Demo, day: date) -> None:
    for key, fact, value, note in FACTS.get(day, ()):
        lifecycle.record_fact(
            session=demo.session, project_id=demo.cast.projects[key], key=fact, value=value, as_of=day, note=note
        )


def _hold_meeting(demo: _Demo, meeting: Meeting) -> None:
    """Roll call, agenda with notes, votes and action items of one past meeting."""
    day = meeting.starts_at.date()
    plan = MEETINGS.get(day, Plan())
    _record_facts(demo, day)
    topics = (*plan.topics, _filler(demo))
    roll = _take_roll(demo, meeting, _plan_roll(demo, meeting, plan, topics), topics)
    chair = next((e.attendee.id for e in roll.entries if e.seat.kind is SeatKind.CHAIR and e.attendee), None)
    notes = f"Antitrust policy notice read. {roll.sentence}."
    _item(demo, meeting.id, Topic("Roll call and antitrust notice", AgendaKind.OTHER, 5, None, notes), chair)
    if demo.unapproved:
        earlier = " and ".join(f"{d.day} {d:%B}" for d in demo.unapproved)
        notes = f"Minutes of {earlier} approved without objection." if roll.quorum_met else "Deferred: no quorum."
        _item(
            demo, meeting.id, Topic("Approval of previous minutes", AgendaKind.MINUTES_APPROVAL, 5, None, notes), chair
        )
        if roll.quorum_met:
            demo.unapproved.clear()
    for topic in topics:
        item_id = _item(demo, meeting.id, topic)
        if topic.vote is not None:
            _vote_at_meeting(demo, meeting, roll, topic, item_id)
        if topic.project is not None and REVIEWS.get(day) == topic.project:
            project_id = demo.cast.projects[topic.project]
            lifecycle.record_review(
                session=demo.session, project_id=project_id, meeting_id=meeting.id, notes=topic.notes
            )
    demo.unapproved.append(day)
    _take_actions(demo, meeting, plan)


def _filler(demo: _Demo) -> Topic:
    """A project update or a discussion, taking turns through the pools."""
    demo.rotation += 1
    if demo.rotation % 2:
        key, notes = UPDATES[(demo.rotation // 2) % len(UPDATES)]
        project = repo.project(demo.session, demo.cast.projects[key])
        lead = next(k for k, v in demo.cast.people.items() if v == project.lead_id)
        return Topic(f"Project update: {project.name}", AgendaKind.UPDATE, 10, lead, notes, key)
    title, presenter, notes = DISCUSSIONS[(demo.rotation // 2) % len(DISCUSSIONS)]
    return Topic(title, AgendaKind.DISCUSSION, 15, presenter, notes)


def _plan_roll(demo: _Demo, meeting: Meeting, plan: Plan, topics: tuple[Topic, ...]) -> dict[int, Presence]:
    """Decide who attends (seeded), keeping the chair, the presenters and the recused seats present."""
    rng = demo.rng
    seats = sorted(repo.voting_seats_on(demo.session, meeting.starts_at.date()), key=lambda s: s.id)
    needed = {demo.cast.seats[key] for topic in topics if topic.vote for key in topic.vote.recused}
    presenters = {demo.cast.people[t.presenter] for t in topics if t.presenter}
    needed |= {s.id for s in seats if s.kind is SeatKind.CHAIR or s.primary_id in presenters}
    roll: dict[int, Presence] = {}
    for seat in seats:
        draw = rng.random()
        if plan.attendance == "full" or draw < PRESENT or seat.id in needed:
            roll[seat.id] = Presence.PRIMARY
        elif seat.alternate_id is not None and draw < PRESENT + (1 - PRESENT) * 0.6:
            roll[seat.id] = Presence.ALTERNATE
        else:
            roll[seat.id] = ABSENT
    if plan.attendance == "thin":
        keep = sorted(needed) + rng.sample([s.id for s in seats if s.id not in needed], THIN - len(needed))
        for seat_id, presence in roll.items():
            roll[seat_id] = (presence if presence.is_present else Presence.PRIMARY) if seat_id in keep else ABSENT
        return roll
    votes_needed = max((t.vote.no + t.vote.abstain + len(t.vote.recused) + 2 for t in topics if t.vote), default=0)
    minimum = max(len(seats) // 2 + 1, votes_needed)
    for seat in seats:
        if sum(p.is_present for p in roll.values()) >= minimum:
            break
        if not roll[seat.id].is_present:
            roll[seat.id] = Presence.ALTERNATE if seat.alternate_id is not None else Presence.PRIMARY
    return roll


def _take_roll(demo: _Demo, meeting: Meeting, seats: dict[int, Presence], topics: tuple[Topic, ...]) -> RollCall:
    """Record the seats present (absent is the default), then the observers and guest presenters."""
    roll = attendance.roll_call(session=demo.session, meeting_id=meeting.id)
    for seat_id, presence in seats.items():
        if presence.is_present:
            roll = attendance.set_seat_presence(
                session=demo.session, meeting_id=meeting.id, seat_id=seat_id, presence=presence
            )
    holders = {p.id for e in roll.entries for p in (e.primary, e.alternate) if p is not None}
    guests = [demo.cast.people[key] for key in OBSERVERS if demo.rng.random() < GUESTS]
    guests += [demo.cast.people[t.presenter] for t in topics if t.presenter]
    for person_id in dict.fromkeys(guests):
        if person_id not in holders:
            roll = attendance.record_attendance(session=demo.session, meeting_id=meeting.id, person_id=person_id)
    return roll


def _item(demo: _Demo, meeting_id: int, topic: Topic, presenter_id: int | None = None) -> int:
    if topic.presenter is not None:
        presenter_id = demo.cast.people[topic.presenter]
    return agenda.add_item(
        session=demo.session,
        meeting_id=meeting_id,
        title=topic.title,
        kind=topic.kind,
        presenter_id=presenter_id,
        planned_minutes=topic.minutes,
        notes=topic.notes,
        project_id=demo.cast.projects[topic.project] if topic.project else None,
        requested_stage=topic.stage,
    ).id


def _vote_at_meeting(demo: _Demo, meeting: Meeting, roll: RollCall, topic: Topic, item_id: int) -> None:
    """Open the topic's motion, let every present seat vote as scripted, close it and note the outcome."""
    assert topic.vote is not None
    spec, session = topic.vote, demo.session
    if topic.project is not None and topic.stage is not None:  # a stage request: its stage sets the decision type
        motion_id = lifecycle.request_stage(
            session=session,
            project_id=demo.cast.projects[topic.project],
            stage=topic.stage,
            text=spec.text,
            meeting_id=meeting.id,
            agenda_item_id=item_id,
        ).motion_id
    else:
        motion_id = votes.open_motion(
            session=session,
            text=spec.text,
            decision_type=spec.decision_type,
            meeting_id=meeting.id,
            agenda_item_id=item_id,
        ).id
    recused = {demo.cast.seats[key] for key in spec.recused}
    voters = [e.seat.id for e in roll.entries if e.presence.is_present and e.seat.id not in recused]
    demo.rng.shuffle(voters)
    choices = {seat_id: Choice.RECUSED for seat_id in recused}
    for position, seat_id in enumerate(voters):
        no_or_abstain = Choice.NO if position < spec.no else Choice.ABSTAIN
        choices[seat_id] = no_or_abstain if position < spec.no + spec.abstain else Choice.YES
    for entry in roll.entries:
        if entry.seat.id in choices:
            votes.cast_ballot(
                session=session, motion_id=motion_id, seat_id=entry.seat.id, choice=choices[entry.seat.id]
            )
    outcome = votes.close_vote(session=session, motion_id=motion_id, allow_no_quorum=True)
    agenda.set_notes(session=session, item_id=item_id, notes=f"{topic.notes}\n{outcome.explanation}".strip())


def _electronic_events(demo: _Demo, spec: ElectronicSpec) -> list[tuple[datetime, Callable[[], None]]]:
    """Opening, one ballot at a time over the following days, and (unless still open) closing."""
    opened = datetime.combine(spec.opened_on, time(15, 0), tzinfo=UTC)
    state: dict[str, int] = {}

    def open_vote() -> None:
        if spec.project is not None and spec.stage is not None:
            state["motion"] = lifecycle.request_stage(
                session=demo.session,
                project_id=demo.cast.projects[spec.project],
                stage=spec.stage,
                text=spec.text,
                closes_on=spec.closes_on,
                opened_on=spec.opened_on,
            ).motion_id
            return
        state["motion"] = votes.open_motion(
            session=demo.session,
            text=spec.text,
            decision_type="electronic",
            closes_on=spec.closes_on,
            opened_on=spec.opened_on,
        ).id

    def ballot(seat_key: str, choice: Choice, by_alternate: bool) -> Callable[[], None]:
        def cast() -> None:
            seat = repo.seat(demo.session, demo.cast.seats[seat_key])
            person = seat.alternate_id if by_alternate else seat.primary_id
            votes.cast_ballot(session=demo.session, motion_id=state["motion"], person_id=person, choice=choice)

        return cast

    def close() -> None:
        votes.close_vote(session=demo.session, motion_id=state["motion"])

    events: list[tuple[datetime, Callable[[], None]]] = [(opened, open_vote)]
    for index, (seat_key, choice, by_alternate) in enumerate(spec.ballots):
        events.append((opened + timedelta(hours=5 + 11 * index), ballot(seat_key, choice, by_alternate)))
    if spec.close:
        events.append((datetime.combine(spec.closes_on + timedelta(days=1), time(15, 0), tzinfo=UTC), close))
    return events


def _take_actions(demo: _Demo, meeting: Meeting, plan: Plan) -> None:
    day = meeting.starts_at.date()
    tasks = [(owner, task, days, False) for owner, task, days in plan.actions]
    if demo.rng.random() < 0.6:
        owner, task = TASKS[len(demo.routine) % len(TASKS)]
        tasks.append((owner, task, demo.rng.choice((14, 28)), True))
    for owner, task, days, routine in tasks:
        item = actions.add_action(
            session=demo.session,
            task=task,
            owner_id=demo.cast.people[owner],
            due_on=day + timedelta(days=days),
            meeting_id=meeting.id,
        )
        if routine:
            demo.routine.append(item.id)


def _draft_upcoming(demo: _Demo, series: list[Meeting]) -> None:
    """Agendas drafted for the next meetings (no notes yet)."""
    for meeting in series:
        topics = UPCOMING.get(meeting.starts_at.date())
        if topics is None:
            continue
        chair = demo.cast.people["sarah"]
        _item(demo, meeting.id, Topic("Roll call and antitrust notice", AgendaKind.OTHER, 5), chair)
        _item(demo, meeting.id, Topic("Approval of previous minutes", AgendaKind.MINUTES_APPROVAL, 5), chair)
        for topic in topics:
            _item(demo, meeting.id, topic)


def _settle_actions(demo: _Demo) -> None:
    """Past-due items done, except every third routine one (still open, so overdue) and one dropped."""
    items = sorted(repo.action_items(demo.session), key=lambda a: a.id)
    past_routine = [
        item.id for item in items if item.id in demo.routine and item.due_on and item.due_on < REFERENCE_DATE
    ]
    for item in items:
        if item.due_on is None or item.due_on >= REFERENCE_DATE:
            continue
        turn = past_routine.index(item.id) if item.id in past_routine else -1
        if turn % 3 == 1:
            continue
        status = ActionStatus.DROPPED if turn == 3 else ActionStatus.DONE
        actions.set_action_status(session=demo.session, action_id=item.id, status=status)
