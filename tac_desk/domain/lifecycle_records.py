"""Plain records of a project's lifecycle: stage requests, stage changes, reviews, and one line of its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.lifecycle import RequestStatus, cool_down_end


@dataclass(frozen=True)
class StageRequest:
    """A vote requesting a stage for a project, and where it stands."""

    id: int
    project_id: int
    motion_id: int
    stage: ProjectStage
    from_stage: ProjectStage
    requested_on: date
    version_key: str
    board_approval: bool
    status: RequestStatus
    motion_text: str = ""
    meeting_id: int | None = None
    decided_on: date | None = None
    result_words: str = ""
    board_decided_on: date | None = None
    board_note: str = ""
    override_reason: str = ""
    overridden_until: date | None = None

    @property
    def failed_on(self) -> date | None:
        """The day the request failed (the TAC's vote, or the Board's refusal), if it failed."""
        if self.status.failed:
            return self.board_decided_on if self.board_decided_on is not None else self.decided_on
        return None

    @property
    def cool_down_until(self) -> date | None:
        """The first day the same stage may be requested again, when this request failed."""
        failed = self.failed_on
        return None if failed is None else cool_down_end(failed)


@dataclass(frozen=True)
class StageChange:
    """A move from one stage to another (``from_stage`` None: the stage the project was registered in)."""

    id: int
    project_id: int
    from_stage: ProjectStage | None
    to_stage: ProjectStage
    changed_on: date
    request_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Review:
    """A yearly review of a project."""

    id: int
    project_id: int
    held_on: date
    meeting_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a project's history, for the project page and ``project show``."""

    day: date
    kind: str
    words: str
    motion_id: int | None = None
