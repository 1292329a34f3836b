"""``tac-desk minutes approve MEETING_ID [--at MEETING_ID]``: record that a meeting's minutes were approved."""

from __future__ import annotations

import argparse
from typing import Any

from tac_desk.cli.common import command, emit, group, writing


def register(commands: Any) -> None:
    """Register the ``minutes`` group."""
    minutes = group(commands, "minutes", "minutes: record their approval")
    parser = command(minutes, "approve", "record that a meeting's minutes were approved", approve, json_output=True)
    parser.add_argument("meeting_id", type=int, metavar="MEETING_ID", help="the meeting whose minutes were approved")
    parser.add_argument("--at", type=int, metavar="MEETING_ID", help="the meeting at which they were approved")


def approve(args: argparse.Namespace) -> int:
    """Append the approval to the journal; the minutes then print "Approved"."""
    from tac_desk.services.minutes_log import approve_minutes

    with writing(args) as session:
        approval = approve_minutes(session=session, meeting_id=args.meeting_id, at_meeting_id=args.at)
    emit(
        args,
        {"id": approval.entry_seq, "meeting_id": approval.meeting_id, "at_meeting_id": approval.approved_at_meeting_id},
        f"Minutes of meeting {approval.meeting_id} approved (journal entry {approval.entry_seq}).",
    )
    return 0
