"""Project lifecycle rules: stage moves, the vote each stage needs, cool-downs, the Emeritus wait, attention flags."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.errors import Refused

Stage = ProjectStage
HOSTED: tuple[ProjectStage, ...] = (Stage.SANDBOX, Stage.INCUBATION, Stage.GRADUATED)
REQUESTABLE: tuple[ProjectStage, ...] = (*HOSTED, Stage.EMERITUS)
COOL_DOWN_MONTHS = 6
EMERITUS_DISCUSSION_DAYS = 14
REVIEW_MONTHS = 12
STAGE_LIMIT_MONTHS: dict[ProjectStage, int] = {Stage.SANDBOX: 12, Stage.INCUBATION: 18}
NEXT_STAGE: dict[ProjectStage, ProjectStage] = {Stage.SANDBOX: Stage.INCUBATION, Stage.INCUBATION: Stage.GRADUATED}
SOON_DAYS = 30
REQUEST_LABEL: dict[ProjectStage, str] = {
    Stage.SANDBOX: "Sandbox",
    Stage.INCUBATION: "Incubation",
    Stage.GRADUATED: "Graduation",
    Stage.EMERITUS: "Emeritus",
}


def request_label(stage: ProjectStage) -> str:
    """The name of a request for ``stage`` ("Graduation" for Graduated)."""
    return REQUEST_LABEL.get(stage, stage.label)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def allowed_requests(current: ProjectStage) -> tuple[ProjectStage, ...]:
    """The stages a project in ``current`` may request, in lifecycle order."""
    if current is Stage.PROPOSED:
        return HOSTED
    if current is Stage.EMERITUS:
        return ()
    return (*([NEXT_STAGE[current]] if current in NEXT_STAGE else []), Stage.EMERITUS)


def check_move(current: ProjectStage, requested: ProjectStage) -> None:
    """Refuse a stage request the lifecycle does not allow.

    A proposed project may ask to enter any hosted stage; a hosted project moves one step up
    (Sandbox to Incubation, Incubation to Graduated) or to Emeritus; Emeritus is final.

    Raises:
        Refused: naming the allowed requests.
    """
    if requested not in REQUESTABLE:
        raise Refused(f"'{requested.label}' is not a stage a vote can move a project to")
    if current is Stage.EMERITUS:
        raise Refused("the project is already Emeritus; an archived project is not moved again")
    if requested is Stage.EMERITUS:
        if current is Stage.PROPOSED:
            raise Refused("a proposed project is not hosted yet, so it cannot move to Emeritus")
        return
    if current is Stage.PROPOSED or NEXT_STAGE.get(current) is requested:
        return
    allowed = [NEXT_STAGE[current].label] if current in NEXT_STAGE else []
    raise Refused(f"a {current.label} project may request {' or '.join([*allowed, 'Emeritus'])}, not {requested.label}")


_VOTE_WORDS = {
    "meeting": "a majority vote at a meeting",
    "electronic": "an electronic majority vote",
    "two-thirds": "two-thirds of the TAC",
}


@dataclass(frozen=True)
class StageVote:
    """How a stage request is decided: the TAC's decision type, then whether the Governing Board must approve."""

    stage: ProjectStage
    decision_type: str
    board_approval: bool
    discussion_days: int = 0

    @property
    def words(self) -> str:
        """E.g. "two-thirds of the TAC, then the Governing Board's approval"."""
        tac = _VOTE_WORDS.get(self.decision_type, f"a '{self.decision_type}' vote")
        board = ", then the Governing Board's approval" if self.board_approval else ""
        wait = f", at least {self.discussion_days} days after it was first presented" if self.discussion_days else ""
        return f"{tac}{board}{wait}"


def stage_vote(stage: ProjectStage, *, electronic: bool = False) -> StageVote:
    """The vote a request for ``stage`` needs (a Sandbox or Incubation vote without a meeting is ``electronic``).

    Raises:
        Refused: for a stage no vote moves a project to.
    """
    if stage in (Stage.SANDBOX, Stage.INCUBATION):
        return StageVote(stage, "electronic" if electronic else "meeting", False)
    if stage is Stage.GRADUATED:
        return StageVote(stage, "two-thirds", True)
    if stage is Stage.EMERITUS:
        return StageVote(stage, "two-thirds", True, EMERITUS_DISCUSSION_DAYS)
    raise Refused(f"'{stage.label}' is not a stage a vote can move a project to")


def check_emeritus_wait(first_presented: date | None, on: date) -> None:
    """Refuse an Emeritus vote before two weeks of discussion since the proposal was first presented.

    Raises:
        Refused: with the date the vote becomes possible.
    """
    if first_presented is None:
        raise Refused(
            "the Emeritus proposal has not been presented yet: add it to a meeting's agenda "
            f"(project and stage Emeritus); the vote is possible {EMERITUS_DISCUSSION_DAYS} days later"
        )
    possible = first_presented + timedelta(days=EMERITUS_DISCUSSION_DAYS)
    if on < possible:
        raise Refused(
            f"an Emeritus vote needs at least two weeks of discussion: first presented on {first_presented}, "
            f"the vote is possible from {possible}"
        )


def cool_down_end(failed_on: date) -> date:
    """The first day a stage may be requested again after a failed request."""
    return add_months(failed_on, COOL_DOWN_MONTHS)


def check_cool_down(failures: Iterable[date], stage: ProjectStage, on: date, override_reason: str = "") -> date | None:
    """Refuse a request within six months of a failed request for the same stage, unless the chair overrides.

    Args:
        failures: the days earlier requests for ``stage`` failed.
        stage: the stage requested.
        on: the day of the new request.
        override_reason: the chair's recorded reason for requesting sooner (empty: no override).

    Returns:
        The end of the cool-down that the override set aside, or None when no cool-down applied.

    Raises:
        Refused: with the date the request becomes possible.
    """
    last = max((day for day in failures if day <= on), default=None)
    if last is None or on >= cool_down_end(last):
        return None
    if override_reason.strip():
        return cool_down_end(last)
    raise Refused(
        f"a request for {stage.label} failed on {last}: a new request is possible from {cool_down_end(last)} "
        "(the chair may override with a recorded reason)"
    )


class RequestStatus(StrEnum):
    """Where a stage request stands."""

    VOTING = "voting"
    NOT_DECIDED = "not decided"
    REJECTED = "rejected"
    AWAITING_BOARD = "awaiting board"
    BOARD_DECLINED = "declined by board"
    APPROVED = "approved"

    @property
    def failed(self) -> bool:
        """True when the request failed (a cool-down follows)."""
        return self in (RequestStatus.REJECTED, RequestStatus.BOARD_DECLINED)


def request_status(
    *, closed: bool, quorum_met: bool, passed: bool, board_approval: bool, board: bool | None
) -> RequestStatus:
    """A request's status from its vote and, where needed, the Governing Board's decision (None: none yet)."""
    if not closed:
        return RequestStatus.VOTING
    if not quorum_met:
        return RequestStatus.NOT_DECIDED
    if not passed:
        return RequestStatus.REJECTED
    if not board_approval:
        return RequestStatus.APPROVED
    if board is None:
        return RequestStatus.AWAITING_BOARD
    return RequestStatus.APPROVED if board else RequestStatus.BOARD_DECLINED


def next_review(stage: ProjectStage, since: date | None, last_review: date | None) -> date | None:
    """The yearly review's due date: a year after the last review or stage change; None outside hosted stages."""
    if stage not in HOSTED:
        return None
    start = max((d for d in (since, last_review) if d is not None), default=None)
    return None if start is None else add_months(start, REVIEW_MONTHS)


class FlagKind(StrEnum):
    """Why a project needs the TAC's attention."""

    REVIEW_OVERDUE = "review overdue"
    STAGE_TOO_LONG = "stage too long"
    AWAITING_BOARD = "awaiting board"
    REVIEW_SOON = "review soon"


class Urgency(StrEnum):
    """How urgent a flag is, most urgent first."""

    OVERDUE = "overdue"
    WAITING = "waiting"
    SOON = "soon"


_URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.WAITING: 1, Urgency.SOON: 2}


@dataclass(frozen=True)
class Flag:
    """One thing needing attention: the project, why, since (or from) when, and the sentence to show."""

    project_id: int
    project: str
    kind: FlagKind
    urgency: Urgency
    due: date
    words: str

    def sort_key(self) -> tuple[int, date, str, int]:
        """Most urgent first: overdue before waiting before soon, then the oldest date first."""
        return (_URGENCY_ORDER[self.urgency], self.due, self.project.casefold(), self.project_id)


@dataclass(frozen=True)
class Standing:
    """What the flags need to know about one project."""

    project_id: int
    name: str
    stage: ProjectStage
    since: date | None
    last_review: date | None = None
    awaiting_board_since: date | None = None


def _months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def flags_for(standing: Standing, on: date) -> list[Flag]:
    """The attention flags of one project on ``on``."""
    found: list[Flag] = []
    pid, name = standing.project_id, standing.name
    due = next_review(standing.stage, standing.since, standing.last_review)
    if due is not None and due < on:
        late = (on - due).days
        found.append(
            Flag(
                pid,
                name,
                FlagKind.REVIEW_OVERDUE,
                Urgency.OVERDUE,
                due,
                f"Annual review overdue since {due} ({late} days)",
            )
        )
    elif due is not None and (due - on).days <= SOON_DAYS:
        found.append(Flag(pid, name, FlagKind.REVIEW_SOON, Urgency.SOON, due, f"Annual review due on {due}"))
    limit = STAGE_LIMIT_MONTHS.get(standing.stage)
    if limit is not None and standing.since is not None and add_months(standing.since, limit) <= on:
        months, target = _months(standing.since, on), NEXT_STAGE[standing.stage].label
        words = f"{standing.stage.label} for {months} months (expected to move to {target} within {limit})"
        found.append(
            Flag(pid, name, FlagKind.STAGE_TOO_LONG, Urgency.OVERDUE, add_months(standing.since, limit), words)
        )
    if standing.awaiting_board_since is not None:
        words = f"TAC approved on {standing.awaiting_board_since}; awaiting the Governing Board's approval"
        found.append(Flag(pid, name, FlagKind.AWAITING_BOARD, Urgency.WAITING, standing.awaiting_board_since, words))
    return found


def attention(standings: Iterable[Standing], on: date) -> list[Flag]:
    """Every project's flags on ``on``, most urgent first."""
    return sorted((flag for s in standings for flag in flags_for(s, on)), key=Flag.sort_key)
