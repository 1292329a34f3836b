"""``tac-desk motion add|close|list|show``: motions put to a vote, and their outcome."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tac_desk.cli.common import command, day_text, emit, group, parse_day, reading, writing
from tac_desk.domain.errors import Refused

if TYPE_CHECKING:
    from tac_desk.domain.model import Motion
    from tac_desk.domain.rules import Outcome
    from tac_desk.services.votes import VoteState


def register(commands: Any) -> None:
    """Register the ``motion`` group."""
    actions = group(commands, "motion", "motions: put one to a vote, close the vote, see the result")
    add = command(actions, "add", "put a motion to a vote at a meeting or electronically", run_add, json_output=True)
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--meeting", type=int, metavar="ID", help="vote at this meeting")
    where.add_argument("--electronic", action="store_true", help="vote without a meeting")
    add.add_argument("--closes", metavar="YYYY-MM-DD", help="last day of an electronic vote")
    add.add_argument(
        "--decision",
        metavar="TYPE",
        help="decision type, e.g. meeting, two-thirds, electronic (default: meeting at a meeting, else electronic)",
    )
    add.add_argument("--project", type=int, metavar="PROJECT_ID", help="the project whose stage the motion requests")
    add.add_argument("--stage", metavar="STAGE", help="the stage requested: sandbox, incubation, graduated, emeritus")
    add.add_argument("--override-reason", default="", metavar="TEXT", help="the chair's reason to override a cool-down")
    add.add_argument("text", metavar="TEXT", help="the motion's text")
    close = command(actions, "close", "close a vote and record its outcome", run_close, json_output=True)
    close.add_argument("motion_id", type=int, metavar="MOTION_ID")
    close.add_argument(
        "--record-no-quorum",
        action="store_true",
        help='close a vote lacking quorum as "not decided" (without this, it is refused)',
    )
    listing = command(actions, "list", "list motions, newest first", run_list, json_output=True)
    listing.add_argument("--meeting", type=int, metavar="ID", help="only the motions of this meeting")
    show = command(
        actions, "show", "show a motion: rule, ballots, who has not voted, outcome", run_show, json_output=True
    )
    show.add_argument("motion_id", type=int, metavar="ID")


def run_add(args: argparse.Namespace) -> int:
    """Open the vote; prints the motion's id."""
    from tac_desk.domain.errors import InvalidInput

    closes = parse_day(args.closes)
    if closes is not None and not args.electronic:
        raise InvalidInput("--closes is for electronic votes; a vote at a meeting closes at the meeting")
    if args.project is not None or args.stage is not None:
        return _run_stage_request(args, closes)
    from tac_desk.services import votes  # after the checks: bad input fails fast

    with writing(args) as session:
        motion = votes.open_motion(
            session=session, text=args.text, decision_type=args.decision, meeting_id=args.meeting, closes_on=closes
        )
    emit(args, {"id": motion.id}, str(motion.id))
    return 0


def _run_stage_request(args: argparse.Namespace, closes: Any) -> int:
    """Open a stage request's vote under the decision type its stage needs (the lifecycle's checks apply)."""
    from tac_desk.domain.enums import ProjectStage
    from tac_desk.domain.errors import InvalidInput
    from tac_desk.services import lifecycle

    if args.project is None or args.stage is None:
        raise InvalidInput("a stage request needs both --project PROJECT_ID and --stage STAGE")
    if args.decision is not None:
        raise InvalidInput("a stage request's decision type follows its stage; leave out --decision")
    try:
        stage = ProjectStage(args.stage.strip().casefold())
    except ValueError as error:
        raise InvalidInput(f"unknown stage '{args.stage}' (sandbox, incubation, graduated, emeritus)") from error
    with writing(args) as session:
        request = lifecycle.request_stage(
            session=session,
            project_id=args.project,
            stage=stage,
            text=args.text,
            meeting_id=args.meeting,
            closes_on=closes,
            override_reason=args.override_reason,
        )
    emit(args, {"id": request.motion_id, "request_id": request.id, "stage": stage.value}, str(request.motion_id))
    return 0


def run_close(args: argparse.Namespace) -> int:
    """Close the vote under the rule frozen when it opened; a vote without quorum is refused unless asked."""
    from tac_desk.domain.enums import MotionStatus
    from tac_desk.services import votes

    with writing(args) as session:
        state = votes.vote_state(session=session, motion_id=args.motion_id)
        if state.motion.status is MotionStatus.CLOSED:
            raise Refused(f"the vote on motion {args.motion_id} is already closed: {state.outcome.explanation}")
        if not state.outcome.quorum_met and not args.record_no_quorum:
            raise Refused(
                f"The vote cannot be closed. {state.outcome.explanation} "
                'Add --record-no-quorum to record it as "not decided".'
            )
        outcome = votes.close_vote(session=session, motion_id=args.motion_id, allow_no_quorum=args.record_no_quorum)
    emit(args, outcome_data(args.motion_id, outcome, final=True), outcome.explanation)
    return 0


def outcome_data(motion_id: int, outcome: Outcome, *, final: bool) -> dict[str, Any]:
    """An outcome as JSON-ready data (the rules engine's keys, plus the motion and the rule's parts)."""
    data: dict[str, Any] = {"id": motion_id, **outcome.to_dict()}
    data["rule_parts"] = outcome.rule.to_dict()
    data["final"] = final
    data["decided"] = outcome.quorum_met
    return data


def motion_data(motion: Motion) -> dict[str, Any]:
    """A motion's summary as JSON-ready data."""
    outcome = motion.outcome
    return {
        "id": motion.id,
        "text": motion.text,
        "decision_type": motion.decision_type,
        "rule": motion.rule.words(),
        "quorum": motion.rule.quorum_words(),
        "status": motion.status.value,
        "meeting_id": motion.meeting_id,
        "electronic": motion.is_electronic,
        "closes_on": None if motion.closes_on is None else motion.closes_on.isoformat(),
        "passed": None if outcome is None else outcome.passed,
        "explanation": None if outcome is None else outcome.explanation,
    }


def _where(motion: Motion) -> str:
    if motion.meeting_id is not None:
        return f"meeting {motion.meeting_id}"
    return f"no meeting, closes {day_text(motion.closes_on)}" if motion.closes_on else "no meeting"


def motion_line(motion: Motion) -> str:
    """One motion on one line."""
    if motion.outcome is None:
        verdict = "open"
    elif not motion.outcome.quorum_met:
        verdict = "not decided (no quorum)"
    else:
        verdict = "adopted" if motion.outcome.passed else "not adopted"
    return f"{motion.id:>4}  [{verdict}]  {motion.text}  ({motion.decision_type}; {_where(motion)})"


def run_list(args: argparse.Namespace) -> int:
    """Print the motions, newest first."""
    from tac_desk.storage import repositories as repo

    with reading(args) as session:
        if args.meeting is not None:
            repo.meeting(session, args.meeting)
        found = repo.motions(session, meeting_id=args.meeting)
    lines = [motion_line(m) for m in found] or ["(no motions yet: 'tac-desk motion add' puts one to a vote)"]
    emit(args, [motion_data(m) for m in found], "\n".join(lines))
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one motion in full: live tally while open, frozen outcome once closed."""
    from tac_desk.services import votes

    with reading(args) as session:
        state = votes.vote_state(session=session, motion_id=args.motion_id)
    emit(args, show_data(state), "\n".join(show_lines(state)))
    return 0


def show_data(state: VoteState) -> dict[str, Any]:
    """The full motion as JSON-ready data."""
    motion = state.motion
    names = {e.primary_id: e.primary_name for e in motion.roster} | {
        e.alternate_id: e.alternate_name for e in motion.roster if e.alternate_id is not None
    }
    seats = {e.seat_id: e.organization for e in motion.roster}
    data = motion_data(motion)
    data["rule_parts"] = motion.rule.to_dict()
    data["opened_at"] = None if motion.opened_at is None else motion.opened_at.isoformat()
    data["closed_at"] = None if motion.closed_at is None else motion.closed_at.isoformat()
    data["roster"] = [entry.to_dict() for entry in motion.roster]
    data["ballots"] = [
        {
            "id": b.id,
            "seat_id": b.seat_id,
            "organization": seats.get(b.seat_id, ""),
            "person_id": b.person_id,
            "name": names.get(b.person_id, ""),
            "choice": b.choice.value,
            "cast_at": b.cast_at.isoformat(),
        }
        for b in state.ballots
    ]
    data["not_voted"] = [{"seat_id": e.seat_id, "organization": e.organization} for e in state.not_voted]
    data["outcome"] = outcome_data(motion.id, state.outcome, final=motion.outcome is not None)
    return data


def show_lines(state: VoteState) -> list[str]:
    """The full motion as text lines."""
    data = show_data(state)
    lines = [
        f"Motion {data['id']}: {data['text']}",
        f"Where: {_where(state.motion)}; status: {data['status']}",
        f"Rule ({data['decision_type']}): {data['rule']}; {data['quorum']}",
    ]
    lines += [f"  {b['organization']}: {b['name']} — {b['choice']}" for b in data["ballots"]]
    if data["not_voted"]:
        lines.append("Not voted: " + ", ".join(e["organization"] for e in data["not_voted"]))
    prefix = "Result" if data["outcome"]["final"] else "So far"
    lines.append(f"{prefix}: {state.outcome.explanation}")
    return lines
