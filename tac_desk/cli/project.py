"""``tac-desk project add|list|show|approve|decline|fact|review|attention``: the register and the lifecycle."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tac_desk.cli.common import command, day_text, emit, group, parse_day, reading, writing

if TYPE_CHECKING:
    from tac_desk.domain.lifecycle import Flag
    from tac_desk.domain.lifecycle_records import StageRequest
    from tac_desk.services.project_pages import ProjectPage, RegisterLine

STAGES = ("proposed", "sandbox", "incubation", "graduated", "emeritus")


def register(commands: Any) -> None:
    """Register the ``project`` group."""
    actions = group(commands, "project", "projects: the register, stage requests' approvals, facts and reviews")
    add = command(actions, "add", "register a project", run_add, json_output=True)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--stage", choices=STAGES, default="sandbox", help="its stage now (default: sandbox)")
    add.add_argument("--since", metavar="YYYY-MM-DD", help="in that stage since (default: today)")
    add.add_argument("--sponsor", type=int, metavar="SEAT_ID", help="the TAC seat sponsoring it")
    add.add_argument("--lead", type=int, metavar="PERSON_ID", help="its technical lead")
    add.add_argument("--repository", default="", metavar="URL", help="its repository link")
    add.add_argument("--proposal", default="", metavar="URL", help="its proposal link")
    command(actions, "list", "list projects: stage, since, next review, flags", run_list, json_output=True)
    show = command(actions, "show", "show a project: history, checklist, pending approvals", run_show, json_output=True)
    show.add_argument("project_id", type=int, metavar="ID")
    for name, verb in (("approve", "approval"), ("decline", "refusal")):
        board = command(actions, name, f"record the Governing Board's {verb} of a request", run_board, json_output=True)
        board.add_argument("project_id", type=int, metavar="PROJECT_ID")
        board.add_argument("--board", action="store_true", required=True, help="the Governing Board decided")
        board.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day the Board decided")
        board.add_argument("--note", default="", metavar="TEXT", help="e.g. the Board's resolution number")
        board.set_defaults(approved=name == "approve")
    fact = command(actions, "fact", "record a fact about a project (see 'project show' for the keys)", run_fact)
    fact.add_argument("project_id", type=int, metavar="PROJECT_ID")
    fact.add_argument("key", metavar="KEY", help="e.g. stars, organizations, badge, tsc, licence")
    fact.add_argument("value", metavar="VALUE", help="yes/no, a number, or a badge level (none, passing, silver, gold)")
    fact.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day it was true (default: today)")
    fact.add_argument("--note", default="", metavar="TEXT")
    review = command(actions, "review", "record the TAC's yearly review of a project", run_review)
    review.add_argument("project_id", type=int, metavar="PROJECT_ID")
    review.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: the meeting's, or today)")
    review.add_argument("--meeting", type=int, metavar="ID", help="the meeting that held it")
    review.add_argument("--notes", default="", metavar="TEXT")
    command(actions, "attention", "what needs the TAC's attention, most urgent first", run_attention, json_output=True)


def run_add(args: argparse.Namespace) -> int:
    """Register the project; prints its id."""
    from tac_desk.domain.enums import ProjectStage
    from tac_desk.services import projects

    since = parse_day(args.since)
    with writing(args) as session:
        project = projects.add_project(
            session=session,
            name=args.name,
            stage=ProjectStage(args.stage),
            sponsor_seat_id=args.sponsor,
            lead_id=args.lead,
            since=since,
            repository_url=args.repository,
            proposal_url=args.proposal,
        )
    emit(args, {"id": project.id, "stage": project.stage.value}, str(project.id))
    return 0


def flag_data(flag: Flag) -> dict[str, Any]:
    """A flag as JSON-ready data."""
    return {
        "project_id": flag.project_id,
        "project": flag.project,
        "kind": flag.kind.value,
        "urgency": flag.urgency.value,
        "due": flag.due.isoformat(),
        "words": flag.words,
    }


def request_data(request: StageRequest) -> dict[str, Any]:
    """A stage request as JSON-ready data."""
    return {
        "id": request.id,
        "motion_id": request.motion_id,
        "stage": request.stage.value,
        "from_stage": request.from_stage.value,
        "requested_on": request.requested_on.isoformat(),
        "status": request.status.value,
        "decided_on": None if request.decided_on is None else request.decided_on.isoformat(),
        "board_approval": request.board_approval,
        "board_decided_on": None if request.board_decided_on is None else request.board_decided_on.isoformat(),
        "requirements": request.version_key,
        "override_reason": request.override_reason,
        "cool_down_until": None if request.cool_down_until is None else request.cool_down_until.isoformat(),
        "result": request.result_words,
    }


def line_data(line: RegisterLine) -> dict[str, Any]:
    """A register line as JSON-ready data."""
    project = line.project
    return {
        "id": project.id,
        "name": project.name,
        "stage": project.stage.value,
        "since": None if project.stage_since is None else project.stage_since.isoformat(),
        "next_review": None if line.next_review is None else line.next_review.isoformat(),
        "sponsor": line.sponsor,
        "lead": line.lead,
        "flags": [flag_data(flag) for flag in line.flags],
        "pending": None if line.pending is None else request_data(line.pending),
        "cool_downs": {stage.value: until.isoformat() for stage, until in line.cool_downs},
    }


def _notes(line: RegisterLine) -> list[str]:
    from tac_desk.domain.lifecycle import request_label

    notes = [f"cool-down: {request_label(s)} may be requested again from {d}" for s, d in line.cool_downs]
    if line.pending is not None:
        notes.append(
            f"pending: {request_label(line.pending.stage)} (motion {line.pending.motion_id}, "
            f"{line.pending.status.value})"
        )
    return notes


def run_list(args: argparse.Namespace) -> int:
    """Print the register."""
    from tac_desk.services import project_pages

    with reading(args) as session:
        lines = project_pages.register(session=session)
    rows = [
        f"{line.project.id:>4}  {line.project.name}  [{line.project.stage.label}]  since "
        f"{day_text(line.project.stage_since)}  next review {day_text(line.next_review)}"
        + "".join(f"\n        ! {flag.words}" for flag in line.flags)
        + "".join(f"\n        {words}" for words in _notes(line))
        for line in lines
    ]
    emit(args, [line_data(line) for line in lines], "\n".join(rows) or "(no projects yet: 'tac-desk project add')")
    return 0


def page_data(page: ProjectPage) -> dict[str, Any]:
    """A project page as JSON-ready data."""
    data = line_data(page.line)
    project = page.line.project
    data |= {"repository": project.repository_url, "proposal": project.proposal_url, "notes": project.notes}
    data["history"] = [
        {"day": e.day.isoformat(), "kind": e.kind, "words": e.words, "motion_id": e.motion_id} for e in page.history
    ]
    checklist = page.checklist
    data["checklist"] = None
    if checklist is not None:
        data["checklist"] = {
            "stage": checklist.stage.value,
            "requirements": checklist.version.key,
            "on": checklist.on.isoformat(),
            "summary": checklist.summary,
            "checks": [
                {"fact": c.requirement.fact, "text": c.requirement.text, "status": c.status.value, "words": c.words}
                for c in checklist.checks
            ],
        }
    data["requests"] = [request_data(r) for r in page.requests]
    data["pending_approvals"] = [request_data(r) for r in page.awaiting_board]
    data["presentations"] = [
        {"day": p.day.isoformat(), "meeting_id": p.meeting_id, "title": p.title, "stage": p.stage and p.stage.value}
        for p in page.presentations
    ]
    return data


def page_lines(page: ProjectPage) -> list[str]:
    """A project page as text lines."""
    from tac_desk.domain.lifecycle import request_label

    data = page_data(page)
    project = page.line.project
    lines = [
        f"Project {project.id}: {project.name}",
        f"Stage: {project.stage.label} since {day_text(project.stage_since)}; next review {data['next_review'] or '—'}",
        f"Sponsor seat: {page.line.sponsor or '—'}; technical lead: {page.line.lead or '—'}",
    ]
    lines += [f"! {flag.words}" for flag in page.line.flags]
    lines += [f"Cool-down: {request_label(s)} may be requested again from {d}" for s, d in page.line.cool_downs]
    lines += [
        f"Pending approval: {request_label(r.stage)} (motion {r.motion_id}, TAC vote {r.decided_on}) "
        "awaits the Governing Board"
        for r in page.awaiting_board
    ]
    lines.append("History:")
    lines += [f"  {e.day}  {e.words}" for e in page.history]
    if page.checklist is not None:
        lines.append(f"Checklist for {page.checklist.stage.label}: {page.checklist.summary}")
        lines += [f"  [{c.status.value}] {c.requirement.text} — {c.words}" for c in page.checklist.checks]
    return lines


def run_show(args: argparse.Namespace) -> int:
    """Print one project's page."""
    from tac_desk.services import project_pages

    with reading(args) as session:
        page = project_pages.project_page(session=session, project_id=args.project_id)
    emit(args, page_data(page), "\n".join(page_lines(page)))
    return 0


def run_board(args: argparse.Namespace) -> int:
    """Record the Governing Board's decision on the request awaiting it."""
    from tac_desk.services import lifecycle

    day = parse_day(args.date)
    assert day is not None
    with writing(args) as session:
        request = lifecycle.decide_board(
            session=session, project_id=args.project_id, on=day, approved=args.approved, note=args.note
        )
    from tac_desk.domain.lifecycle import request_label

    verdict = "approved" if args.approved else "declined"
    emit(args, request_data(request), f"Governing Board {verdict} {request_label(request.stage)} on {day}")
    return 0


def run_fact(args: argparse.Namespace) -> int:
    """Record one fact."""
    from tac_desk.services import lifecycle

    as_of = parse_day(args.as_of)
    with writing(args) as session:
        fact = lifecycle.record_fact(
            session=session, project_id=args.project_id, key=args.key, value=args.value, as_of=as_of, note=args.note
        )
    print(f"{fact.key} = {fact.value} as of {fact.as_of}")
    return 0


def run_review(args: argparse.Namespace) -> int:
    """Record a yearly review."""
    from tac_desk.services import lifecycle

    day = parse_day(args.date)
    with writing(args) as session:
        review = lifecycle.record_review(
            session=session, project_id=args.project_id, on=day, meeting_id=args.meeting, notes=args.notes
        )
    print(f"review recorded on {review.held_on}")
    return 0


def run_attention(args: argparse.Namespace) -> int:
    """Print what needs attention, most urgent first."""
    from tac_desk.services import project_pages

    with reading(args) as session:
        flags = project_pages.attention(session=session)
    rows = [f"[{flag.urgency.value}] {flag.project}: {flag.words}" for flag in flags]
    emit(args, [flag_data(flag) for flag in flags], "\n".join(rows) or "Nothing needs attention.")
    return 0
