"""Build real meetings with the services (multi-script names, alternates, observers, votes) for export tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from tac_desk.domain.enums import AgendaKind, Choice, SeatKind
from tac_desk.services import actions, agenda, attendance, meetings, roster, setup, votes
from tac_desk.storage.database import Database

SEATS_FROM = date(2020, 1, 1)

# name, organization: one per seat (the first holds the chair); every script the minutes must carry.
SEAT_HOLDERS: tuple[tuple[str, str], ...] = (
    ("Ana Pérez", "Chair"),
    ("Łukasz Żółkiewski", "Żabka Łódź sp. z o.o."),
    ("Đặng Thị Hương", "Viettel AI"),
    ("Ελένη Παπαδοπούλου", "Αθηνά Research"),
    ("Дмитрий Иванов", "Яндекс"),
    ("王伟", "华为技术"),
    ("山田太郎", "株式会社サンプル"),
    ("김민준", "삼성전자"),
    ('<b>Bob & "Co"</b>', "<i>Acme & Sons</i>"),
    ("Zoë Dvořák", "Škoda Labs"),
    ("Priya Raghunathan 📅", "Infosys ✓"),
    ("Jörg Müller-Lüdenscheidt", "Deutsche Börse"),
)
ALTERNATES: tuple[tuple[str, str], ...] = (
    ("Marek Nowak", "Żabka Łódź sp. z o.o."),
    ("李娜", "华为技术"),
    ("Sørina Ærø", "Deutsche Börse"),
)
OBSERVERS: tuple[tuple[str, str], ...] = (
    ("Ζωή Αλεξίου", "Guest"),
    ("佐藤花子", "Observer & guest"),
    ("Émile 🎉 Brontë", ""),
)

INJECTIONS: tuple[str, ...] = (
    "<",
    "&",
    "<b>x</b>",
    "&alpha;",
    "<br/>",
    '<img src="file:///etc/passwd"/>',
    '<img src="http://127.0.0.1:9/x"/>',
    "<font color=\"[[[getattr(pow,'x')]]]\">boom</font>",
    '<a href="javascript:alert(1)">click</a>',
)


@dataclass
class Built:
    """Ids of what the builder made."""

    meeting_id: int
    next_meeting_id: int
    people: dict[str, int] = field(default_factory=dict)
    motion_ids: list[int] = field(default_factory=list)


def _notes(index: int) -> str:
    return (
        f"Discussion of item {index + 1}. The committee reviewed the proposal, the roadmap and the "
        "contributor statistics; questions about licensing & governance were answered.\n"
        "Follow-up: the presenters will share the slides on the mailing list."
    )


def build_meeting(
    session: Session,
    *,
    agenda_items: int = 5,
    vote_count: int = 3,
    notes: tuple[str, ...] = (),
    body_name: str = "LF AI & Data <TAC>",
) -> Built:
    """12 seats (3 alternates), a biweekly series, 9 seats and 3 observers attending, an agenda, votes, actions."""
    setup.create_body(session=session, name=body_name, timezone="Europe/Paris")
    people: dict[str, int] = {}
    for name, organization in SEAT_HOLDERS + ALTERNATES + OBSERVERS:
        people[name] = roster.add_person(session=session, name=name, organization=organization).id
    alternates = {
        "Żabka Łódź sp. z o.o.": "Marek Nowak",
        "华为技术": "李娜",
        "Deutsche Börse": "Sørina Ærø",
    }
    for index, (name, organization) in enumerate(SEAT_HOLDERS):
        kind = SeatKind.CHAIR if index == 0 else (SeatKind.PROJECT if index % 3 == 0 else SeatKind.PREMIER)
        alternate = alternates.get(organization)
        roster.add_seat(
            session=session,
            kind=kind,
            organization=organization,
            primary_id=people[name],
            alternate_id=None if alternate is None else people[alternate],
            starts_on=SEATS_FROM,
        )
    _series, planned = meetings.schedule_series(
        session=session, first=datetime(2031, 1, 9, 16, 0), timezone="Europe/Paris", count=4, duration_minutes=90
    )
    meeting_id = planned[0].id
    attending = [name for name, _ in SEAT_HOLDERS[:9]] + ["Marek Nowak", "李娜"]
    attending = [n for n in attending if n not in ("Łukasz Żółkiewski", "王伟")]
    for name in attending + [name for name, _ in OBSERVERS]:
        attendance.record_attendance(session=session, meeting_id=meeting_id, person_id=people[name])
    presenters = list(people.values())
    items = []
    for index in range(agenda_items):
        kind = AgendaKind.DECISION if index < vote_count else AgendaKind.DISCUSSION
        title = (
            f"{INJECTIONS[index % len(INJECTIONS)]} — item {index + 1}"
            if index < len(INJECTIONS)
            else f"Item {index + 1}"
        )
        items.append(
            agenda.add_item(
                session=session,
                meeting_id=meeting_id,
                title=title,
                kind=kind,
                presenter_id=presenters[index % len(presenters)],
                planned_minutes=5 + index % 4 * 5,
                notes=notes[index] if index < len(notes) else _notes(index),
            )
        )
    built = Built(meeting_id=meeting_id, next_meeting_id=planned[1].id, people=people)
    choices = (Choice.YES, Choice.YES, Choice.NO, Choice.YES, Choice.ABSTAIN, Choice.YES, Choice.RECUSED)
    roll = attendance.roll_call(session=session, meeting_id=meeting_id)
    present = [entry.seat.id for entry in roll.entries if entry.presence.is_present]
    for index in range(vote_count):
        item = items[index] if index < len(items) else None
        motion = votes.open_motion(
            session=session,
            text=f"Resolved: the TAC approves proposal {index + 1} & its <charter>.",
            decision_type="two-thirds" if index % 3 == 2 else "meeting",
            meeting_id=meeting_id,
            agenda_item_id=None if item is None else item.id,
        )
        for position, seat_id in enumerate(present[: len(present) - index % 2]):
            choice = choices[(position + index) % len(choices)]
            votes.cast_ballot(session=session, motion_id=motion.id, choice=choice, seat_id=seat_id)
        votes.close_vote(session=session, motion_id=motion.id)
        built.motion_ids.append(motion.id)
    for index, name in enumerate(("Ελένη Παπαδοπούλου", "王伟", '<b>Bob & "Co"</b>')):
        actions.add_action(
            session=session,
            task=f"Circulate the draft charter & gather comments ({index + 1})",
            owner_id=people[name],
            due_on=date(2031, 1, 23 + index),
            meeting_id=meeting_id,
        )
    return built


def build(database: Database, **options: object) -> Built:
    """Build the meeting in one write transaction."""
    with database.write() as session:
        return build_meeting(session, **options)  # type: ignore[arg-type]
