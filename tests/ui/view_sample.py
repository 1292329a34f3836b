"""A temporary record for the view tests: a context on a real file, and a small demo-like committee."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from tac_desk.domain.enums import ActionStatus, Choice, Presence, ProjectStage, SeatKind
from tac_desk.services import actions, attendance, meetings, projects, roster, setup, votes
from tac_desk.storage.database import open_database
from tac_desk.ui.context import AppContext
from tac_desk.ui.views.base import View

ORGANIZATIONS = [
    ("Acme AI", "Ada Lovelace", "Grace Hopper"),
    ("Huawei", "王伟", "李娜"),
    ("Orange", "Zoë Lefèvre", ""),
    ("IBM", "Ravi Shankar", "Priya Nair"),
    ("Ericsson", "<b>Bob</b>", ""),
    ("Tencent", "张敏", ""),
    ("Intel", "Olu Adeyemi", "Sam Carter"),
    ("Amdocs", "Noa Levi", ""),
    ("Angel (project)", "Jo Park", ""),
]


@dataclass
class Sample:
    """Ids of what the sample record holds."""

    people: dict[str, int] = field(default_factory=dict)
    seats: dict[str, int] = field(default_factory=dict)
    meetings: list[int] = field(default_factory=list)
    motions: dict[str, int] = field(default_factory=dict)


def make_context(tmp_path: Path, *, name: str = "LF AI & Data TAC") -> AppContext:
    """An AppContext whose record is a real temporary file with a committee."""
    path = tmp_path / "r.tacdb"
    database = open_database(path)
    with database.write() as session:
        setup.create_body(session=session, name=name, timezone="UTC")
    database.dispose()
    context = AppContext(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    context.open_record(path)
    return context


def show_view(qtbot: Any, view: View) -> View:
    """Show a view the way the main window does (it reloads whenever the record changes)."""
    qtbot.addWidget(view)
    view.context.sig_record_changed.connect(view.mark_stale)
    view.resize(1360, 860)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def populate(context: AppContext, *, today: date | None = None) -> Sample:
    """Seats with alternates, an ended seat, past meetings with votes, electronic votes, actions, projects."""
    day = today or date.today()
    sample = Sample()
    start = day - timedelta(days=120)

    def build(session: Any) -> None:
        for organization, primary, alternate in ORGANIZATIONS:
            ids = []
            for name in (primary, alternate):
                if name:
                    person = roster.add_person(
                        session=session,
                        name=name,
                        organization=organization,
                        email=f"user{len(sample.people)}@example.org",
                        timezone="Asia/Shanghai" if organization in ("Huawei", "Tencent") else "Europe/Paris",
                    )
                    sample.people[name] = person.id
                    ids.append(person.id)
            kind = SeatKind.PROJECT if "project" in organization else SeatKind.PREMIER
            seat = roster.add_seat(
                session=session,
                kind=kind,
                organization=organization,
                primary_id=ids[0],
                alternate_id=ids[1] if len(ids) > 1 else None,
                starts_on=start,
            )
            sample.seats[organization] = seat.id
        old = roster.add_person(session=session, name="Kim Old", organization="Gone Corp")
        ended = roster.add_seat(
            session=session, kind=SeatKind.PREMIER, organization="Gone Corp", primary_id=old.id, starts_on=start
        )
        roster.end_seat(session=session, seat_id=ended.id, on=day - timedelta(days=30))
        roster.add_person(session=session, name="Ola Observer", organization="Guest")
        _, held = meetings.schedule_series(
            session=session,
            first=datetime.combine(start + timedelta(days=7), datetime.min.time()).replace(hour=14),
            timezone="UTC",
            count=6,
        )
        sample.meetings = [m.id for m in held]
        seat_ids = list(sample.seats.values())
        _vote_at(
            session,
            sample,
            held[0].id,
            seat_ids,
            "Approve the minutes of the previous meeting",
            "meeting",
            present=9,
            yes=7,
            no=1,
            abstain=1,
            key="minutes",
        )
        _vote_at(
            session,
            sample,
            held[1].id,
            seat_ids,
            "Accept Angel as an Incubation project",
            "two-thirds",
            present=8,
            yes=5,
            no=2,
            abstain=1,
            key="angel",
        )
        _vote_at(
            session,
            sample,
            held[2].id,
            seat_ids,
            "Adopt the new release policy",
            "meeting",
            present=3,
            yes=3,
            no=0,
            abstain=0,
            key="no-quorum",
        )
        closed = votes.open_motion(
            session=session, text="Publish the 2024 annual report", opened_on=day - timedelta(days=20)
        )
        for seat_id in seat_ids[:6]:
            votes.cast_ballot(session=session, motion_id=closed.id, choice=Choice.YES, seat_id=seat_id)
        votes.close_vote(session=session, motion_id=closed.id)
        sample.motions["report"] = closed.id
        running = votes.open_motion(
            session=session,
            text="Fund the CI cluster for 2025",
            opened_on=day - timedelta(days=2),
            closes_on=day + timedelta(days=7),
        )
        for seat_id, choice in zip(seat_ids[:3], (Choice.YES, Choice.YES, Choice.NO), strict=True):
            votes.cast_ballot(session=session, motion_id=running.id, choice=choice, seat_id=seat_id)
        sample.motions["cluster"] = running.id
        ada, wang = sample.people["Ada Lovelace"], sample.people["王伟"]
        actions.add_action(
            session=session,
            task="Send the release policy draft",
            owner_id=ada,
            due_on=day - timedelta(days=5),
            meeting_id=held[2].id,
        )
        actions.add_action(
            session=session, task="Invite the Angel maintainers", owner_id=wang, due_on=day + timedelta(days=10)
        )
        done = actions.add_action(
            session=session, task="Book the summit room", owner_id=ada, due_on=day - timedelta(days=40)
        )
        actions.set_action_status(session=session, action_id=done.id, status=ActionStatus.DONE)
        projects.add_project(
            session=session,
            name="Angel",
            stage=ProjectStage.INCUBATION,
            sponsor_seat_id=sample.seats["Huawei"],
            lead_id=sample.people["Jo Park"],
            since=start,
        )
        projects.add_project(session=session, name="Milvus", stage=ProjectStage.GRADUATED, since=start)

    with context.database.write() as session:
        build(session)
    return sample


def _vote_at(
    session: Any,
    sample: Sample,
    meeting_id: int,
    seat_ids: list[int],
    text: str,
    kind: str,
    *,
    present: int,
    yes: int,
    no: int,
    abstain: int,
    key: str,
) -> None:
    for seat_id in seat_ids[:present]:
        attendance.set_seat_presence(session=session, meeting_id=meeting_id, seat_id=seat_id, presence=Presence.PRIMARY)
    motion = votes.open_motion(session=session, text=text, decision_type=kind, meeting_id=meeting_id)
    choices = [Choice.YES] * yes + [Choice.NO] * no + [Choice.ABSTAIN] * abstain
    for seat_id, choice in zip(seat_ids, choices, strict=False):
        votes.cast_ballot(session=session, motion_id=motion.id, choice=choice, seat_id=seat_id)
    votes.close_vote(session=session, motion_id=motion.id, allow_no_quorum=True)
    meetings.set_held(session=session, meeting_id=meeting_id)
    sample.motions[key] = motion.id


def quiet_messages(monkeypatch: Any, *, confirm: bool = True) -> list[str]:
    """Replace the message boxes so nothing blocks; returns the texts the user would have been told."""
    from tac_desk.ui import messages

    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action="OK": said.append(text) or confirm)
    return said


def table_texts(model: Any, column: int) -> list[str]:
    """The display texts of one column of a (proxy) model, top to bottom."""
    return [model.index(row, column).data() for row in range(model.rowCount())]


def plain_labels_only(widget: Any) -> bool:
    """True when every label of ``widget``'s own window (dialogs aside) shows its text as plain text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    labels = [label for label in widget.findChildren(QLabel) if label.window() is widget.window()]
    assert labels
    return all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
