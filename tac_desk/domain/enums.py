"""Enumerations shared by every layer: seat kinds, statuses, ballot choices."""

from __future__ import annotations

from enum import StrEnum


class SeatKind(StrEnum):
    """What a voting seat represents."""

    PREMIER = "premier"
    PROJECT = "project"
    CHAIR = "chair"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label for the kind."""
        return {"premier": "Premier member", "project": "TAC project", "chair": "Chair", "other": "Other"}[self.value]


class MeetingStatus(StrEnum):
    """Where a meeting stands."""

    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class AgendaKind(StrEnum):
    """The kind of an agenda item."""

    PRESENTATION = "presentation"
    DECISION = "decision"
    DISCUSSION = "discussion"
    UPDATE = "update"
    MINUTES_APPROVAL = "minutes_approval"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label for the kind."""
        return self.value.replace("_", " ").capitalize()


class Presence(StrEnum):
    """How a voting seat is represented at a meeting."""

    PRIMARY = "primary"
    ALTERNATE = "alternate"
    ABSENT = "absent"

    @property
    def is_present(self) -> bool:
        """True when somebody attends for the seat."""
        return self is not Presence.ABSENT


class Choice(StrEnum):
    """A seat's ballot."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    RECUSED = "recused"


class MotionStatus(StrEnum):
    """Where a motion stands."""

    OPEN = "open"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ProjectStage(StrEnum):
    """A project's lifecycle stage (``proposed``: registered, not yet accepted into a stage by the TAC)."""

    PROPOSED = "proposed"
    SANDBOX = "sandbox"
    INCUBATION = "incubation"
    GRADUATED = "graduated"
    EMERITUS = "emeritus"

    @property
    def label(self) -> str:
        """Human label for the stage."""
        return self.value.capitalize()


class ChairVoting(StrEnum):
    """When the chair's ballot counts."""

    ALWAYS = "always"
    TIE_ONLY = "tie_only"
