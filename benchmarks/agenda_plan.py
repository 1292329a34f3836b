"""Plan every meeting's agenda, its votes and action items, and the electronic votes between meetings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from benchmarks.journal_plan import JournalPlan, VoteSpec
from benchmarks.names import MOTIONS, TOPICS
from benchmarks.roster_plan import RosterPlan
from tac_desk.domain.enums import ActionStatus, AgendaKind, ProjectStage
from tac_desk.domain.model import Meeting

if TYPE_CHECKING:
    from benchmarks.record import Size

KINDS = (AgendaKind.PRESENTATION, AgendaKind.DISCUSSION, AgendaKind.UPDATE, AgendaKind.OTHER)
NOTES = (
    "Discussed at length; the presenter will share the slides on the mailing list.\n"
    "Questions: licence compatibility, CI costs, and the timeline for the next release. "
    "Follow-up with the working group (see action items)."
)


@dataclass
class AgendaPlan:
    """Agenda and action item rows, and the votes each held meeting takes."""

    size: Size
    rng: random.Random
    roster: RosterPlan
    items: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    votes: dict[int, list[VoteSpec]] = field(default_factory=dict)

    def _project(self) -> dict[str, Any]:
        return self.rng.choice(self.roster.projects)

    def add_meeting(self, meeting: Meeting, *, held: bool, full: bool) -> None:
        """Plan one meeting: minutes approval, topics, and a decision item per vote."""
        low, high = self.size.items
        count = self.size.full_items if full else self.rng.randint(low, high)
        vote_count = self.size.full_votes if full else (self.rng.randint(*self.size.votes) if held else 0)
        people = [p.id for p in self.roster.people]
        specs: list[VoteSpec] = []
        for number in range(count):
            project = self._project()
            deciding = number >= count - vote_count
            if number == 0:
                kind, title = AgendaKind.MINUTES_APPROVAL, "Approval of the previous minutes"
            elif deciding:
                kind = AgendaKind.DECISION
                title = self.rng.choice(MOTIONS).format(project=project["name"])
            else:
                kind = self.rng.choice(KINDS)
                title = self.rng.choice(TOPICS).format(project=project["name"])
            item_id = len(self.items) + 1
            stage = ProjectStage.GRADUATED.value if deciding and title.startswith("Graduate") else None
            self.items.append(
                {
                    "id": item_id,
                    "meeting_id": meeting.id,
                    "position": number,
                    "kind": kind.value,
                    "title": title,
                    "presenter_id": self.rng.choice(people),
                    "planned_minutes": self.rng.choice((5, 10, 15, 20)),
                    "notes": NOTES if held else "",
                    "project_id": project["id"] if kind is not AgendaKind.MINUTES_APPROVAL else None,
                    "requested_stage": stage,
                }
            )
            if deciding:
                decision = "two-thirds" if stage else "meeting"
                specs.append(VoteSpec(title, decision, item_id, project["id"], stage))
        if held:
            self.votes[meeting.id] = specs
            self._actions(meeting)

    def _actions(self, meeting: Meeting) -> None:
        now = datetime.now(UTC).date()
        for _ in range(self.rng.randint(1, 3)):
            due = meeting.starts_at.date() + timedelta(days=14)
            status = ActionStatus.DONE if due < now - timedelta(days=60) else ActionStatus.OPEN
            if status is ActionStatus.DONE and self.rng.random() < 0.05:
                status = ActionStatus.DROPPED
            self.actions.append(
                {
                    "id": len(self.actions) + 1,
                    "meeting_id": meeting.id,
                    "owner_id": self.rng.choice(self.roster.people).id,
                    "task": f"Follow up on {self.rng.choice(TOPICS).format(project=self._project()['name'])}",
                    "due_on": due,
                    "status": status.value,
                }
            )

    def events(
        self, journal: JournalPlan, held: list[Meeting], now: datetime
    ) -> list[tuple[datetime, Callable[[], None]]]:
        """Every held meeting and electronic vote as (time, action), to be run in time order."""
        events: list[tuple[datetime, Callable[[], None]]] = []
        for meeting in held:
            events.append((meeting.starts_at.astimezone(UTC), _bind_meeting(journal, meeting, self.votes[meeting.id])))
        every = max(1, round(26 / self.size.electronic_per_year))
        for number, meeting in enumerate(held):
            if number % every != every - 1:
                continue
            opened = datetime.combine(meeting.starts_at.date() + timedelta(days=1), datetime.min.time(), UTC)
            opened += timedelta(hours=17)
            spec = VoteSpec(self.rng.choice(MOTIONS).format(project=self._project()["name"]), "electronic")
            closes = opened + timedelta(days=8)
            events.append((opened, _bind_electronic(journal, spec, opened, close=closes < now)))
        return events


def _bind_meeting(journal: JournalPlan, meeting: Meeting, votes: list[VoteSpec]) -> Callable[[], None]:
    return lambda: journal.hold_meeting(meeting, votes)


def _bind_electronic(journal: JournalPlan, spec: VoteSpec, opened: datetime, *, close: bool) -> Callable[[], None]:
    return lambda: journal.electronic_vote(spec, opened, close=close)


def plan_agendas(
    rng: random.Random, *, meetings: list[Meeting], held: set[int], full_id: int, size: Size, roster: RosterPlan
) -> AgendaPlan:
    """Agendas for every meeting (upcoming ones too), votes and action items for the held ones."""
    plan = AgendaPlan(size=size, rng=rng, roster=roster)
    for meeting in meetings:
        plan.add_meeting(meeting, held=meeting.id in held, full=meeting.id == full_id)
    return plan
