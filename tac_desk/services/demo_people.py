"""The demo committee's people, seats and projects (fictional names in many scripts) and how they are added."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from tac_desk.domain.enums import ProjectStage, SeatKind
from tac_desk.services import lifecycle, projects, roster


@dataclass(frozen=True)
class PersonSpec:
    """A demo person, known in the script by ``key``."""

    key: str
    name: str
    organization: str
    email: str
    timezone: str


@dataclass(frozen=True)
class SeatSpec:
    """A demo voting seat; ``project`` names the project a TAC-project seat represents."""

    key: str
    kind: SeatKind
    organization: str
    primary: str
    alternate: str | None = None
    starts_on: date | None = None
    project: str | None = None


@dataclass(frozen=True)
class ProjectSpec:
    """A demo project with its current stage."""

    key: str
    name: str
    stage: ProjectStage
    since: date
    lead: str | None
    sponsor: str | None = None


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(
        "sarah", "Sarah Thompson", "Northwind Analytics", "sarah.thompson@northwind.example", "America/New_York"
    ),
    PersonSpec(
        "michael", "Michael O'Brien", "Northwind Analytics", "michael.obrien@northwind.example", "America/Chicago"
    ),
    PersonSpec("wang", "王伟", "Huaxin Cloud", "wang.wei@huaxin.example", "Asia/Shanghai"),
    PersonSpec("li", "李娜", "Huaxin Cloud", "li.na@huaxin.example", "Asia/Shanghai"),
    PersonSpec("lukasz", "Łukasz Wróbel", "Vistula Software", "lukasz.wrobel@vistula.example", "Europe/Warsaw"),
    PersonSpec("zoe", "Zoë Dvořák", "Bohemia Data Works", "zoe.dvorak@bohemia.example", "Europe/Prague"),
    PersonSpec("ha", "Đặng Thu Hà", "Mekong Digital", "dang.thu.ha@mekong.example", "Asia/Ho_Chi_Minh"),
    PersonSpec("jose", "José Muñoz", "Iberia Intelligence", "jose.munoz@iberia.example", "Europe/Madrid"),
    PersonSpec("emily", "Emily Carter", "Iberia Intelligence", "emily.carter@iberia.example", "America/Los_Angeles"),
    PersonSpec("giorgos", "Γιώργος Παπαδόπουλος", "Aegean Labs", "g.papadopoulos@aegean.example", "Europe/Athens"),
    PersonSpec("eleni", "Ελένη Κωνσταντίνου", "Aegean Labs", "e.konstantinou@aegean.example", "Europe/Athens"),
    PersonSpec("hanako", "佐藤 花子", "Sakura Compute", "hanako.sato@sakura.example", "Asia/Tokyo"),
    PersonSpec("minjun", "김민준", "Hanbit Semiconductor", "minjun.kim@hanbit.example", "Asia/Seoul"),
    PersonSpec("seoyeon", "이서연", "Hanbit Semiconductor", "seoyeon.lee@hanbit.example", "Asia/Seoul"),
    PersonSpec("olena", "Олена Коваленко", "Dnipro Systems", "olena.kovalenko@dnipro.example", "Europe/Kyiv"),
    PersonSpec("priya", "Priya Raghunathan", "Orchid ML", "priya@orchid-ml.example.org", "Asia/Kolkata"),
    PersonSpec("arjun", "Arjun Mehta", "Orchid ML", "arjun@orchid-ml.example.org", "Asia/Kolkata"),
    PersonSpec("dmitri", "Дмитрий Волков", "Ferrofluid", "dmitri@ferrofluid.example.org", "Europe/Berlin"),
    PersonSpec("min", "张敏", "Tessellate", "zhang.min@tessellate.example.org", "Asia/Shanghai"),
    PersonSpec("jing", "陈静", "Tessellate", "chen.jing@tessellate.example.org", "Asia/Shanghai"),
    PersonSpec("kenji", "渡辺 健二", "Lanternfish", "kenji@lanternfish.example.org", "Asia/Tokyo"),
    PersonSpec("ingrid", "Ingrid Ødegård", "Driftwood", "ingrid@driftwood.example.org", "Europe/Oslo"),
    PersonSpec("ana", "Ana Lúcia Ferreira", "Quillmap", "ana@quillmap.example.org", "America/Sao_Paulo"),
    PersonSpec("ahmed", "أحمد حسن", "Hearthstone", "ahmed@hearthstone.example.org", "Africa/Cairo"),
    PersonSpec(
        "david", "David Nguyen", "Open AI & Data Foundation", "dnguyen@foundation.example.net", "America/Los_Angeles"
    ),
    PersonSpec("rachel", "Rachel Goldberg", "Governing Board", "rachel.goldberg@example.com", "America/New_York"),
    PersonSpec("amara", "Amara Okafor", "", "amara.okafor@example.com", "Europe/London"),
)

SEATS: tuple[SeatSpec, ...] = (
    SeatSpec("northwind", SeatKind.CHAIR, "Northwind Analytics", "sarah", "michael"),
    SeatSpec("huaxin", SeatKind.PREMIER, "Huaxin Cloud", "wang", "li"),
    SeatSpec("vistula", SeatKind.PREMIER, "Vistula Software", "lukasz"),
    SeatSpec("bohemia", SeatKind.PREMIER, "Bohemia Data Works", "zoe"),
    SeatSpec("mekong", SeatKind.PREMIER, "Mekong Digital", "ha"),
    SeatSpec("iberia", SeatKind.PREMIER, "Iberia Intelligence", "jose", "emily"),
    SeatSpec("aegean", SeatKind.PREMIER, "Aegean Labs", "giorgos", "eleni"),
    SeatSpec("sakura", SeatKind.PREMIER, "Sakura Compute", "hanako"),
    SeatSpec("hanbit", SeatKind.PREMIER, "Hanbit Semiconductor", "minjun", "seoyeon"),
    SeatSpec("orchid", SeatKind.PROJECT, "Orchid ML", "priya", "arjun", project="orchid"),
    SeatSpec("ferrofluid", SeatKind.PROJECT, "Ferrofluid", "dmitri", project="ferrofluid"),
)
GRADUATE = ("tessellate", "jing")  # the project graduating during the year (its seat comes from it) and its alternate

# Each project's stage when the record starts; the year's votes move Tessellate, Quillmap, Lanternfish and Driftwood.
PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec("orchid", "Orchid ML", ProjectStage.GRADUATED, date(2024, 3, 14), "priya", "bohemia"),
    ProjectSpec("ferrofluid", "Ferrofluid", ProjectStage.GRADUATED, date(2025, 2, 20), "dmitri", "aegean"),
    ProjectSpec("tessellate", "Tessellate", ProjectStage.INCUBATION, date(2025, 4, 10), "min", "huaxin"),
    ProjectSpec("quillmap", "Quillmap", ProjectStage.SANDBOX, date(2025, 6, 12), "ana", "iberia"),
    ProjectSpec("hearthstone", "Hearthstone", ProjectStage.INCUBATION, date(2024, 5, 2), "ahmed", "aegean"),
    ProjectSpec("lanternfish", "Lanternfish", ProjectStage.PROPOSED, date(2025, 11, 20), "kenji", "sakura"),
    ProjectSpec("driftwood", "Driftwood", ProjectStage.PROPOSED, date(2025, 11, 6), "ingrid", "vistula"),
    ProjectSpec("paperkite", "Paperkite", ProjectStage.EMERITUS, date(2025, 9, 18), None, "mekong"),
    ProjectSpec("marigold", "Marigold", ProjectStage.PROPOSED, date(2026, 11, 5), "amara", "hanbit"),
)
# Yearly reviews held before the record starts (project key, day).
EARLIER_REVIEWS: tuple[tuple[str, date], ...] = (("orchid", date(2025, 3, 13)), ("ferrofluid", date(2025, 2, 20)))

OBSERVERS: tuple[str, ...] = ("david", "rachel", "amara", "olena")


@dataclass(frozen=True)
class Cast:
    """Database ids of the demo's people, seats and projects, by script key."""

    people: dict[str, int]
    seats: dict[str, int]
    projects: dict[str, int]

    def seat_key(self, seat_id: int) -> str:
        """The script key of a seat id."""
        return next(key for key, value in self.seats.items() if value == seat_id)


def add_cast(session: Session) -> Cast:
    """Add every demo person, seat and project through the roster and project services."""
    people = {
        spec.key: roster.add_person(
            session=session, name=spec.name, organization=spec.organization, email=spec.email, timezone=spec.timezone
        ).id
        for spec in PEOPLE
    }
    specs = {spec.key: spec for spec in SEATS}
    seats: dict[str, int] = {}
    for spec in SEATS:
        if spec.project is None:
            seats[spec.key] = _add_seat(session, spec, people, None)
    found: dict[str, int] = {}
    for project in PROJECTS:
        found[project.key] = projects.add_project(
            session=session,
            name=project.name,
            stage=project.stage,
            sponsor_seat_id=seats[project.sponsor] if project.sponsor else None,
            lead_id=people[project.lead] if project.lead else None,
            since=project.since,
            repository_url=f"https://git.example.org/{project.name.lower().replace(' ', '-')}",
        ).id
    for spec in specs.values():
        if spec.project is not None:
            seats[spec.key] = _add_seat(session, spec, people, found[spec.project])
    for key, day in EARLIER_REVIEWS:
        lifecycle.record_review(session=session, project_id=found[key], on=day, notes="Reviewed before this record.")
    return Cast(people=people, seats=seats, projects=found)


def _add_seat(session: Session, spec: SeatSpec, people: dict[str, int], project_id: int | None) -> int:
    return roster.add_seat(
        session=session,
        kind=spec.kind,
        organization=spec.organization,
        primary_id=people[spec.primary],
        alternate_id=people[spec.alternate] if spec.alternate else None,
        starts_on=spec.starts_on,
        project_id=project_id,
    ).id
