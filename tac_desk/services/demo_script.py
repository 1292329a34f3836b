"""The demo year's script: what each meeting discussed and decided, the electronic votes, the task pool."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tac_desk.domain.enums import AgendaKind, Choice
from tac_desk.domain.enums import ProjectStage as Stage


@dataclass(frozen=True)
class VoteSpec:
    """A vote at a meeting: present seats vote yes except the ``no``/``abstain`` counts and the recused seats."""

    text: str
    decision_type: str = "meeting"
    no: int = 0
    abstain: int = 0
    recused: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """An agenda item (presenter and project by script key), with the vote taken on it if any."""

    title: str
    kind: AgendaKind
    minutes: int
    presenter: str | None = None
    notes: str = ""
    project: str | None = None
    stage: Stage | None = None
    vote: VoteSpec | None = None


@dataclass(frozen=True)
class Plan:
    """One meeting: its topics, action items (owner key, task, days until due) and how well attended."""

    topics: tuple[Topic, ...] = ()
    actions: tuple[tuple[str, str, int], ...] = ()
    attendance: str = "usual"  # "usual", "full" (every seat) or "thin" (no quorum)


@dataclass(frozen=True)
class ElectronicSpec:
    """A vote without a meeting; ballots are (seat key, choice, cast by the alternate)."""

    text: str
    opened_on: date
    closes_on: date
    ballots: tuple[tuple[str, Choice, bool], ...]
    close: bool = True
    project: str | None = None
    stage: Stage | None = None


P, D, U, C = AgendaKind.PRESENTATION, AgendaKind.DECISION, AgendaKind.UPDATE, AgendaKind.DISCUSSION
YES, NO, ABSTAIN = Choice.YES, Choice.NO, Choice.ABSTAIN
TEMPLATE = "Approve the updated Sandbox application template"

MEETINGS: dict[date, Plan] = {
    date(2025, 12, 11): Plan(
        (
            Topic(
                "TAC chair election for 2026",
                D,
                10,
                "david",
                "Nominations closed on 4 December; one candidate.",
                vote=VoteSpec("Elect Sarah Thompson (Northwind Analytics) TAC chair for 2026", recused=("northwind",)),
            ),
            Topic(
                "2026 meeting calendar", C, 10, "david", "Alternate Thursdays, 09:00 New York time; 25 December off."
            ),
        ),
        (("david", "Publish the 2026 TAC calendar on the wiki", 14),),
    ),
    date(2026, 1, 8): Plan(
        (
            Topic(
                "Project presentation: Driftwood (Sandbox proposal)",
                P,
                20,
                "ingrid",
                "Dataset versioning for training pipelines; Apache-2.0; sponsor Vistula Software. Vote by e-mail.",
                "driftwood",
                Stage.SANDBOX,
            ),
        ),
        (("lukasz", "Send the Driftwood Sandbox vote to the TAC list", 14),),
    ),
    date(2026, 1, 22): Plan(
        (
            Topic(
                "2026 TAC priorities",
                D,
                15,
                "sarah",
                "Supply-chain security, model openness, collaboration.",
                vote=VoteSpec("Adopt the 2026 TAC priorities", no=1, abstain=1),
            ),
        ),
    ),
    date(2026, 2, 5): Plan(
        (
            Topic(
                "Annual review: Ferrofluid",
                P,
                20,
                "dmitri",
                "Healthy: three releases, audit under way, new maintainers from two member companies.",
                "ferrofluid",
            ),
        ),
    ),
    date(2026, 2, 19): Plan(
        (
            Topic(
                "Project presentation: Lanternfish (Sandbox proposal)",
                P,
                20,
                "kenji",
                "Edge inference runtime; sponsor Sakura Compute. Trademark questions; vote at the next meeting.",
                "lanternfish",
                Stage.SANDBOX,
            ),
        ),
        (("hanako", "Confirm the Lanternfish trademark review", 10),),
    ),
    date(2026, 3, 5): Plan(
        (
            Topic(
                "Sandbox acceptance: Lanternfish",
                D,
                10,
                "hanako",
                "Trademark review completed on 2 March.",
                "lanternfish",
                Stage.SANDBOX,
                VoteSpec("Accept Lanternfish into the Sandbox", no=1, recused=("sakura",)),
            ),
        ),
    ),
    date(2026, 4, 2): Plan(
        (
            Topic(
                "Project presentation: Quillmap (Incubation request)",
                P,
                25,
                "ana",
                "Geospatial feature store; 2 contributing organizations, 640 stars, OpenSSF Silver in progress.",
                "quillmap",
                Stage.INCUBATION,
            ),
        ),
    ),
    date(2026, 4, 16): Plan(
        (
            Topic(
                "Incubation request: Quillmap",
                D,
                15,
                "jose",
                "Members asked for a third contributing organization first; Quillmap may re-apply in six months.",
                "quillmap",
                Stage.INCUBATION,
                VoteSpec("Promote Quillmap to Incubation", no=6, recused=("iberia",)),
            ),
        ),
        (("jose", "Tell Quillmap what the TAC expects before a second request", 14),),
    ),
    date(2026, 5, 14): Plan(
        (
            Topic(
                "Project presentation: Tessellate (Graduation request)",
                P,
                30,
                "min",
                "Five contributing organizations, 2,300 stars, OpenSSF Gold; shared model cards with Orchid ML.",
                "tessellate",
                Stage.GRADUATED,
            ),
        ),
    ),
    date(2026, 6, 11): Plan(
        (
            Topic(
                "Graduation: Tessellate",
                D,
                15,
                "wang",
                "Governing Board to vote on 24 June; the TAC seat starts once the Board approves.",
                "tessellate",
                Stage.GRADUATED,
                VoteSpec(
                    "Graduate Tessellate as a TAC project, subject to Governing Board approval",
                    "two-thirds",
                    no=1,
                    recused=("huaxin",),
                ),
            ),
        ),
        (("rachel", "Bring the Tessellate graduation to the Governing Board", 13),),
        "full",
    ),
    date(2026, 6, 25): Plan(
        (Topic("Welcome to the Tessellate seat", U, 5, "sarah", "张敏 takes the seat; 陈静 is the alternate."),),
    ),
    date(2026, 7, 9): Plan(
        (Topic("Model openness guidance v1.0 (draft)", C, 25, "giorgos", "Draft circulated; e-mail vote to follow."),),
        (("giorgos", "Put the model openness guidance to an electronic vote", 4),),
    ),
    date(2026, 8, 6): Plan(
        (
            Topic(
                "Sandbox application template",
                D,
                15,
                "david",
                "Summer holidays: no quorum, so nothing could be decided; back on 20 August.",
                vote=VoteSpec(TEMPLATE, abstain=1),
            ),
        ),
        attendance="thin",
    ),
    date(2026, 8, 20): Plan(
        (
            Topic(
                "Sandbox application template (from 6 August)",
                D,
                10,
                "david",
                "Re-tabled after the 6 August meeting.",
                vote=VoteSpec(TEMPLATE, abstain=1),
            ),
        ),
    ),
    date(2026, 9, 3): Plan(
        (
            Topic(
                "Annual review: Hearthstone",
                P,
                20,
                "ahmed",
                "Commits down 70% in 12 months; the project asks for six months to rebuild its maintainer team.",
                "hearthstone",
                Stage.EMERITUS,
            ),
        ),
    ),
    date(2026, 9, 17): Plan(
        (
            Topic(
                "Move Hearthstone to Emeritus",
                D,
                15,
                "sarah",
                "Two weeks of discussion since 3 September; most members prefer to wait until March 2027.",
                "hearthstone",
                Stage.EMERITUS,
                VoteSpec("Move Hearthstone to Emeritus", "two-thirds", no=3, abstain=1, recused=("aegean",)),
            ),
        ),
        (("giorgos", "Agree Hearthstone's maintainer recovery plan with its lead", 42),),
    ),
    date(2026, 10, 1): Plan(
        (
            Topic(
                "Project presentation: Quillmap (second Incubation request)",
                P,
                20,
                "ana",
                "Now four contributing organizations and OpenSSF Silver.",
                "quillmap",
                Stage.INCUBATION,
            ),
        ),
    ),
    date(2026, 10, 14): Plan(
        (
            Topic(
                "Open Source Summit debrief",
                U,
                10,
                "david",
                "Moved to Wednesday: the usual Thursday clashed with the Open Source Summit keynotes.",
            ),
        ),
    ),
    date(2026, 10, 29): Plan(
        (
            Topic(
                "Incubation request: Quillmap (second request)",
                D,
                15,
                "jose",
                "Six months since the first request.",
                "quillmap",
                Stage.INCUBATION,
                VoteSpec("Promote Quillmap to Incubation", no=1, abstain=1, recused=("iberia",)),
            ),
        ),
    ),
    date(2026, 11, 12): Plan(
        (Topic("2027 meeting calendar", C, 10, "david", "Alternate Thursdays from 7 January 2027; e-mail vote next."),),
        (
            ("sarah", "Open the electronic vote on the 2027 calendar", 4),
            ("david", "Draft the 2026 TAC annual report", 35),
        ),
    ),
}

ELECTRONIC: tuple[ElectronicSpec, ...] = (
    ElectronicSpec(
        "Accept Driftwood into the Sandbox (vote by e-mail)",
        date(2026, 1, 29),
        date(2026, 2, 5),
        (
            ("vistula", YES, False),
            ("northwind", YES, False),
            ("huaxin", YES, True),
            ("bohemia", YES, False),
            ("aegean", YES, False),
            ("hanbit", YES, True),
            ("orchid", YES, False),
            ("ferrofluid", ABSTAIN, False),
            ("sakura", YES, False),
        ),
        project="driftwood",
        stage=Stage.SANDBOX,
    ),
    ElectronicSpec(
        "Adopt the model openness guidance v1.0",
        date(2026, 7, 13),
        date(2026, 7, 24),
        (
            ("aegean", YES, False),
            ("bohemia", YES, False),
            ("northwind", YES, False),
            ("orchid", YES, True),
            ("tessellate", YES, False),
            ("huaxin", NO, False),
            ("sakura", NO, False),
            ("hanbit", ABSTAIN, False),
        ),
    ),
    ElectronicSpec(
        "Approve the 2027 TAC meeting calendar",
        date(2026, 11, 16),
        date(2026, 12, 3),
        (
            ("northwind", YES, False),
            ("vistula", YES, False),
            ("bohemia", YES, False),
            ("tessellate", YES, True),
            ("orchid", YES, False),
            ("mekong", NO, False),
        ),
        close=False,
    ),
)

UPDATES: tuple[tuple[str, str], ...] = (
    ("orchid", "Release 3.2 shipped; two new maintainers from member companies."),
    ("ferrofluid", "Security audit finished; both medium findings fixed."),
    ("lanternfish", "First release candidate; CI moved to foundation runners."),
    ("driftwood", "Contributor guide and code of conduct published."),
    ("quillmap", "Third contributing organization joined in August."),
    ("tessellate", "Integration with Orchid ML model cards merged."),
)

DISCUSSIONS: tuple[tuple[str, str, str], ...] = (
    ("SBOMs for every TAC project release", "lukasz", "Projects asked for shared tooling before it is required."),
    ("OpenSSF Best Practices badges", "zoe", "Four projects at Silver, two at Gold; a badge clinic is planned."),
    ("CI resources and cloud credits", "minjun", "Requests exceed the 2026 budget by a fifth."),
    ("Mentorship programme", "ha", "Twelve mentees across five projects."),
    ("AI incident response for TAC projects", "wang", "Draft process to be shared with project leads."),
    ("Documentation sprint", "hanako", "Two-day sprint proposed for the spring."),
    ("Licences for model weights", "jose", "Questions collected for the legal committee."),
    ("Contributor diversity metrics", "giorgos", "Dashboard prototype shown; feedback welcome."),
)

TASKS: tuple[tuple[str, str], ...] = (
    ("lukasz", "Draft the SBOM requirement for TAC projects"),
    ("zoe", "Collect the badge status of every project"),
    ("priya", "Share the model card template with project leads"),
    ("minjun", "List CI credit requests by project"),
    ("ha", "Propose mentorship projects for the autumn round"),
    ("wang", "Circulate the AI incident response draft"),
    ("hanako", "Book a venue for the documentation sprint"),
    ("jose", "Summarise licence questions for the legal committee"),
    ("giorgos", "Publish the contributor diversity dashboard"),
    ("dmitri", "Write up the Ferrofluid audit lessons for other projects"),
    ("david", "Update the project lifecycle page on the wiki"),
    ("sarah", "Prepare the TAC report for the Governing Board"),
)

_SANDBOX_FACTS = (("mission", "yes"), ("licence", "yes"), ("sponsor", "yes"), ("governance", "yes"), ("charter", "yes"))

# Facts the chair recorded at the meeting of each day: (project key, fact key, value, note).
FACTS: dict[date, tuple[tuple[str, str, str, str], ...]] = {
    date(2026, 1, 8): tuple(("driftwood", key, value, "") for key, value in _SANDBOX_FACTS),
    date(2026, 2, 19): (
        *(("lanternfish", key, value, "") for key, value in _SANDBOX_FACTS[:4]),
        ("lanternfish", "charter", "no", "Contribution agreement waits for the trademark review."),
        ("lanternfish", "stars", "180", ""),
    ),
    date(2026, 3, 5): (("lanternfish", "charter", "yes", "Signed on 2 March."),),
    date(2026, 4, 2): (
        *(("quillmap", key, value, "") for key, value in _SANDBOX_FACTS),
        ("quillmap", "organizations", "2", "Quillmap Labs and Iberia Intelligence."),
        ("quillmap", "stars", "640", ""),
        ("quillmap", "badge", "passing", "Silver in progress."),
        ("quillmap", "tsc", "yes", ""),
    ),
    date(2026, 5, 14): (
        *(("tessellate", key, value, "") for key, value in _SANDBOX_FACTS),
        ("tessellate", "organizations", "5", ""),
        ("tessellate", "stars", "2300", ""),
        ("tessellate", "badge", "gold", ""),
        ("tessellate", "tsc", "yes", ""),
        ("tessellate", "commit_flow", "yes", "About 90 merged pull requests a month."),
        ("tessellate", "collaboration", "yes", "Model cards shared with Orchid ML."),
        ("tessellate", "lead", "yes", "张敏"),
    ),
    date(2026, 9, 3): (("hearthstone", "commit_flow", "no", "Commits down 70% in 12 months."),),
    date(2026, 10, 1): (
        ("quillmap", "organizations", "4", "Two more member companies contribute."),
        ("quillmap", "badge", "silver", ""),
    ),
}

# Yearly reviews held at the meeting of each day (the project key); the agenda item's notes are the review's.
REVIEWS: dict[date, str] = {date(2026, 2, 5): "ferrofluid", date(2026, 9, 3): "hearthstone"}

# The Governing Board's approvals: (project key, day, note).
BOARD: tuple[tuple[str, date, str], ...] = (("tessellate", date(2026, 6, 24), "Governing Board resolution 2026-14"),)
