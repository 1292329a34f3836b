"""``tac-desk meeting schedule|list|cancel|move|attend``: the meeting calendar and the roll."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tac_desk.cli.common import command, emit, group, minutes_text, parse_day, parse_local, reading, writing

if TYPE_CHECKING:
    from tac_desk.domain.model import Meeting
    from tac_desk.domain.roll import RollCall

WEEKS_PER_YEAR = 52


def register(commands: Any) -> None:
    """Register the ``meeting`` group."""
    actions = group(commands, "meeting", "meetings: schedule a series, cancel or move one, take the roll")
    schedule = command(actions, "schedule", "schedule a recurring series of meetings", run_schedule, json_output=True)
    schedule.add_argument("--first", required=True, metavar="YYYY-MM-DDTHH:MM", help="the first meeting, local time")
    schedule.add_argument("--tz", required=True, metavar="ZONE", help="the zone the meetings are held in")
    schedule.add_argument("--every", type=int, default=2, metavar="WEEKS", help="weeks between meetings (default 2)")
    end = schedule.add_mutually_exclusive_group()
    end.add_argument("--count", type=int, metavar="N", help="number of meetings (default: a year of them)")
    end.add_argument("--until", metavar="YYYY-MM-DD", help="last day a meeting may fall on")
    schedule.add_argument("--minutes", type=int, default=60, help="length of each meeting (default 60)")
    schedule.add_argument("--title", default="TAC meeting", help="the meetings' title (default: TAC meeting)")
    command(actions, "list", "list every meeting in time order", run_list, json_output=True)
    cancel = command(actions, "cancel", "cancel one meeting (the series goes on)", run_cancel, json_output=True)
    cancel.add_argument("meeting_id", type=int, metavar="ID")
    move = command(actions, "move", "move one meeting to another local time in its zone", run_move, json_output=True)
    move.add_argument("meeting_id", type=int, metavar="ID")
    move.add_argument("--to", required=True, metavar="YYYY-MM-DDTHH:MM", help="the new local start")
    attend = command(
        actions,
        "attend",
        "record a person at a meeting (an alternate who attends stands in for their seat)",
        run_attend,
        json_output=True,
    )
    attend.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    attend.add_argument("person_id", type=int, metavar="PERSON_ID")
    attend.add_argument("--absent", action="store_true", help="record them as absent instead")


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    """A meeting as JSON-ready data."""
    return {
        "id": meeting.id,
        "number": meeting.number,
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "start_local": meeting.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "timezone": meeting.timezone,
        "minutes": meeting.duration_minutes,
        "status": meeting.status.value,
        "series_id": meeting.series_id,
        "moved": meeting.is_moved,
    }


def meeting_line(meeting: Meeting) -> str:
    """One meeting on one line."""
    number = f"#{meeting.number}" if meeting.number is not None else "—"
    moved = " (moved)" if meeting.is_moved else ""
    return (
        f"{meeting.id:>4}  {number:>4}  {minutes_text(meeting.starts_at)} {meeting.timezone}  "
        f"{meeting.duration_minutes} min  {meeting.status.value}{moved}  {meeting.title}"
    )


def run_schedule(args: argparse.Namespace) -> int:
    """Schedule the series; prints the series id (the meetings are in ``meeting list``)."""
    from tac_desk.domain.schedule import zone

    first = parse_local(args.first)
    until = parse_day(args.until)
    zone(args.tz)
    count = args.count
    if count is None and until is None:
        count = max(1, -(-WEEKS_PER_YEAR // max(1, args.every)))
    from tac_desk.services import meetings  # after the checks: bad input fails fast

    with writing(args) as session:
        series, scheduled = meetings.schedule_series(
            session=session,
            first=first,
            timezone=args.tz,
            interval_weeks=args.every,
            until=until,
            count=count,
            duration_minutes=args.minutes,
            title=args.title,
        )
    emit(args, {"id": series.id, "meetings": [meeting_data(m) for m in scheduled]}, str(series.id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print every meeting."""
    from tac_desk.storage import repositories as repo

    with reading(args) as session:
        found = repo.meetings(session)
    lines = [meeting_line(m) for m in found] or ["(no meetings yet: 'tac-desk meeting schedule' adds a series)"]
    emit(args, [meeting_data(m) for m in found], "\n".join(lines))
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    """Cancel one meeting."""
    from tac_desk.services import meetings

    with writing(args) as session:
        meeting = meetings.cancel_meeting(session=session, meeting_id=args.meeting_id)
    emit(args, meeting_data(meeting), f"Cancelled: {meeting_line(meeting).strip()}")
    return 0


def run_move(args: argparse.Namespace) -> int:
    """Move one meeting."""
    to = parse_local(args.to)
    from tac_desk.services import meetings  # after the checks: bad input fails fast

    with writing(args) as session:
        meeting = meetings.move_meeting(session=session, meeting_id=args.meeting_id, to=to)
    emit(args, meeting_data(meeting), f"Moved: {meeting_line(meeting).strip()}")
    return 0


def run_attend(args: argparse.Namespace) -> int:
    """Record one person's attendance and print the roll's quorum sentence."""
    from tac_desk.services import attendance

    with writing(args) as session:
        roll = attendance.record_attendance(
            session=session, meeting_id=args.meeting_id, person_id=args.person_id, present=not args.absent
        )
    emit(args, roll_data(args.meeting_id, roll), roll.sentence)
    return 0


def roll_data(meeting_id: int, roll: RollCall) -> dict[str, Any]:
    """The roll of a meeting as JSON-ready data."""
    return {
        "id": meeting_id,
        "seats": roll.seats,
        "present": roll.present,
        "needed": roll.needed,
        "quorum_met": roll.quorum_met,
        "sentence": roll.sentence,
        "roll": [
            {
                "seat_id": entry.seat.id,
                "organization": entry.seat.organization,
                "presence": entry.presence.value,
                "person_id": None if entry.attendee is None else entry.attendee.id,
                "name": None if entry.attendee is None else entry.attendee.name,
            }
            for entry in roll.entries
        ],
        "observers": [{"id": person.id, "name": person.name} for person in roll.observers],
    }
