"""The decisions of the generated record, written as the services write them: journal entries and their rows.

Every attendance entry, vote opened, ballot and vote closed becomes a hash-chained journal entry with the
same payload the services write (tac_desk/services/attendance.py and votes.py), plus the row that
``tac-desk verify`` replays it against. Rosters, tallies and outcomes come from the domain's own functions.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from benchmarks.roster_plan import RosterPlan
from tac_desk.domain.chain import GENESIS, canonical_bytes, entry_hash
from tac_desk.domain.enums import ChairVoting, Choice, Presence
from tac_desk.domain.model import Ballot, Body, Meeting, RosterEntry
from tac_desk.domain.rules import evaluate
from tac_desk.domain.voting import count, freeze_roster

CHOICES = (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.RECUSED)
CHOICE_WEIGHTS = (80, 8, 10, 2)
TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class VoteSpec:
    """A vote to hold: its text, decision type and the agenda item it belongs to."""

    text: str
    decision_type: str
    agenda_item_id: int | None = None
    project_id: int | None = None
    requested_stage: str | None = None


@dataclass
class JournalPlan:
    """Rows to insert, in order: journal entries first, then the rows that point at them."""

    body: Body
    roster: RosterPlan
    rng: random.Random
    journal: list[dict[str, Any]] = field(default_factory=list)
    attendance: list[dict[str, Any]] = field(default_factory=list)
    motions: list[dict[str, Any]] = field(default_factory=list)
    ballots: list[dict[str, Any]] = field(default_factory=list)
    closes: list[dict[str, Any]] = field(default_factory=list)
    held: set[int] = field(default_factory=set)
    _prev: str = GENESIS
    _moment: datetime = datetime(1970, 1, 1, tzinfo=UTC)

    def append(self, kind: str, payload: dict[str, Any], at: datetime) -> tuple[int, str]:
        """Add a journal entry at (or just after) ``at``; returns its number and recorded time."""
        self._moment = max(self._moment + TICK, at.astimezone(UTC))
        recorded_at = self._moment.isoformat(timespec="microseconds")
        seq = len(self.journal) + 1
        data = canonical_bytes(payload)
        digest = entry_hash(seq=seq, recorded_at=recorded_at, kind=kind, payload=data, prev_hash=self._prev)
        self.journal.append(
            {
                "seq": seq,
                "recorded_at": recorded_at,
                "kind": kind,
                "payload": data.decode("utf-8"),
                "prev_hash": self._prev,
                "hash": digest,
            }
        )
        self._prev = digest
        return seq, recorded_at

    def hold_meeting(self, meeting: Meeting, votes: list[VoteSpec]) -> None:
        """Take the roll (seats and a few observers) and hold ``votes`` at the meeting."""
        day = meeting.starts_at.date()
        moment = meeting.starts_at + timedelta(minutes=2)
        present: dict[int, int] = {}
        for seat in sorted(self.roster.voting_seats_on(day), key=lambda s: s.id):
            roll = self.rng.random()
            if roll < 0.12:
                presence, person = Presence.ABSENT, None
            elif roll < 0.24 and seat.alternate_id is not None:
                presence, person = Presence.ALTERNATE, seat.alternate_id
            else:
                presence, person = Presence.PRIMARY, seat.primary_id
            self._attend(meeting.id, seat.id, person, presence.value, moment)
            if person is not None:
                present[seat.id] = person
        for observer in self.rng.sample(self.roster.observers, k=self.rng.randint(0, 2)):
            self._attend(meeting.id, None, observer, "observer", moment)
        self.held.add(meeting.id)
        moment += timedelta(minutes=10)
        for spec in votes:
            self._vote_at_meeting(meeting, spec, present, moment)
            moment += timedelta(minutes=4)

    def _attend(self, meeting_id: int, seat_id: int | None, person_id: int | None, presence: str, at: datetime) -> None:
        payload = {"meeting_id": meeting_id, "seat_id": seat_id, "person_id": person_id, "presence": presence}
        seq, _ = self.append("attendance", payload, at)
        self.attendance.append({**payload, "entry_seq": seq})

    def _open(self, spec: VoteSpec, *, meeting_id: int | None, day: date, at: datetime, closes_on: date | None) -> int:
        roster = freeze_roster(self.roster.voting_seats_on(day), {p.id: p for p in self.roster.people})
        kind = self.body.decision_type(spec.decision_type)
        rule_data = {**kind.rule.to_dict(), "chair_voting": self.body.chair_voting.value}
        motion_id = len(self.motions) + 1
        seq, recorded_at = self.append(
            "vote_opened",
            {
                "motion_id": motion_id,
                "meeting_id": meeting_id,
                "text": spec.text,
                "decision_type": kind.key,
                "rule": rule_data,
                "roster": [e.to_dict() for e in roster],
                "closes_on": None if closes_on is None else closes_on.isoformat(),
            },
            at,
        )
        opened_at = (datetime.fromisoformat(recorded_at) - TICK).isoformat(timespec="microseconds")
        self.motions.append(
            {
                "id": motion_id,
                "meeting_id": meeting_id,
                "agenda_item_id": spec.agenda_item_id,
                "text": spec.text,
                "decision_type": kind.key,
                "rule_json": json.dumps(rule_data, sort_keys=True),
                "status": "open",
                "closes_on": closes_on,
                "opened_at": opened_at,
                "closed_at": None,
                "roster_json": json.dumps([e.to_dict() for e in roster], sort_keys=True, ensure_ascii=False),
                "outcome_json": None,
                "project_id": spec.project_id,
                "requested_stage": spec.requested_stage,
                "open_entry_seq": seq,
                "close_entry_seq": None,
                "_roster": roster,
                "_ballots": [],
            }
        )
        return motion_id

    def _ballot(self, motion_id: int, entry: RosterEntry, person_id: int, at: datetime) -> None:
        choice = self.rng.choices(CHOICES, CHOICE_WEIGHTS)[0]
        payload = {"motion_id": motion_id, "seat_id": entry.seat_id, "person_id": person_id, "choice": choice.value}
        seq, recorded_at = self.append("ballot", payload, at)
        ballot_id = len(self.ballots) + 1
        self.ballots.append({"id": ballot_id, **payload, "cast_at": recorded_at, "entry_seq": seq})
        cast = datetime.fromisoformat(recorded_at)
        self.motions[motion_id - 1]["_ballots"].append(
            Ballot(ballot_id, motion_id, entry.seat_id, person_id, choice, cast, seq)
        )

    def _close(self, motion_id: int, present: set[int] | None, at: datetime) -> None:
        motion = self.motions[motion_id - 1]
        roster: tuple[RosterEntry, ...] = motion["_roster"]
        rule = self.body.decision_type(motion["decision_type"]).rule
        chair = ChairVoting(json.loads(motion["rule_json"]).get("chair_voting", "always"))
        tally = count(roster=roster, ballots=motion["_ballots"], present_seat_ids=present, chair_voting=chair)
        data = evaluate(rule, tally).to_dict()
        seq, recorded_at = self.append("vote_closed", {"motion_id": motion_id, "outcome": data}, at)
        self.closes.append(
            {
                "b_id": motion_id,
                "status": "closed",
                "closed_at": recorded_at,
                "outcome_json": json.dumps(data, sort_keys=True, ensure_ascii=False),
                "close_entry_seq": seq,
            }
        )

    def _vote_at_meeting(self, meeting: Meeting, spec: VoteSpec, present: dict[int, int], at: datetime) -> None:
        motion_id = self._open(spec, meeting_id=meeting.id, day=meeting.starts_at.date(), at=at, closes_on=None)
        roster: tuple[RosterEntry, ...] = self.motions[motion_id - 1]["_roster"]
        for entry in roster:
            person = present.get(entry.seat_id)
            if person is not None and self.rng.random() < 0.97:
                self._ballot(motion_id, entry, person, at + timedelta(seconds=30))
        here = {entry.seat_id for entry in roster if entry.seat_id in present}
        self._close(motion_id, here, at + timedelta(minutes=2))

    def electronic_vote(self, spec: VoteSpec, opened: datetime, *, close: bool) -> None:
        """An electronic vote open for a week: most seats answer by their primary; closed unless ``close`` is False."""
        day = opened.astimezone(UTC).date()
        closes_on = day + timedelta(days=7)
        motion_id = self._open(spec, meeting_id=None, day=day, at=opened, closes_on=closes_on)
        roster: tuple[RosterEntry, ...] = self.motions[motion_id - 1]["_roster"]
        for number, entry in enumerate(roster):
            if entry.primary_id is not None and self.rng.random() < 0.85:
                self._ballot(motion_id, entry, entry.primary_id, opened + timedelta(hours=3 + 7 * number))
        if close:
            self._close(motion_id, None, datetime.combine(closes_on, datetime.min.time(), UTC) + timedelta(hours=18))

    def motion_rows(self) -> list[dict[str, Any]]:
        """Motion rows as opened (the closing is an update, after the ballots)."""
        return [{k: v for k, v in m.items() if not k.startswith("_")} for m in self.motions]
