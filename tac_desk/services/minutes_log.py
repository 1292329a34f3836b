"""Minutes approved and minutes exported: journal entries, so the record shows which minutes stand."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tac_desk.domain.enums import MeetingStatus
from tac_desk.domain.errors import Refused
from tac_desk.storage import journal
from tac_desk.storage import repositories as repo
from tac_desk.storage.tables import JournalRow

APPROVED = "minutes_approved"
EXPORTED = "minutes_exported"


@dataclass(frozen=True)
class Approval:
    """Minutes approved: which meeting's, when, and at which meeting (if any)."""

    meeting_id: int
    approved_at_meeting_id: int | None
    entry_seq: int
    recorded_at: str


def approve_minutes(*, session: Session, meeting_id: int, at_meeting_id: int | None = None) -> Approval:
    """Record that a meeting's minutes were approved (usually at a later meeting).

    Raises:
        Refused: for a cancelled or not yet held meeting, or minutes already approved.
    """
    meeting = repo.meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.HELD:
        raise Refused(f"meeting {meeting_id} has not been held; there are no minutes to approve")
    if at_meeting_id is not None:
        repo.meeting(session, at_meeting_id)
    if approval(session=session, meeting_id=meeting_id) is not None:
        raise Refused(f"the minutes of meeting {meeting_id} are already approved")
    entry = journal.append(session, APPROVED, {"meeting_id": meeting_id, "at_meeting_id": at_meeting_id})
    assert entry.seq is not None
    return Approval(meeting_id, at_meeting_id, entry.seq, entry.recorded_at)


def approval(*, session: Session, meeting_id: int) -> Approval | None:
    """The approval of a meeting's minutes, if they were approved."""
    rows = session.exec(select(JournalRow).where(JournalRow.kind == APPROVED).order_by(col(JournalRow.seq))).all()
    for row in rows:
        data = json.loads(row.payload)
        if data.get("meeting_id") == meeting_id and row.seq is not None:
            return Approval(meeting_id, data.get("at_meeting_id"), row.seq, row.recorded_at)
    return None


def record_export(
    *, session: Session, meeting_id: int, file_format: str, sha256: str, head_seq: int, head_hash: str
) -> int:
    """Record that minutes were exported: the file's SHA-256 and the record digest printed in it.

    Returns:
        The journal entry number.
    """
    repo.meeting(session, meeting_id)
    entry = journal.append(
        session,
        EXPORTED,
        {
            "meeting_id": meeting_id,
            "format": file_format,
            "sha256": sha256,
            "printed_head_seq": head_seq,
            "printed_head_hash": head_hash,
        },
    )
    assert entry.seq is not None
    return entry.seq
