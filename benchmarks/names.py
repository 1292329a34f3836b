"""Names for the generated record: people, organizations, projects and topics in many scripts."""

from __future__ import annotations

import random

GIVEN = (
    "Ana",
    "Wei",
    "Łukasz",
    "Priya",
    "José",
    "Ingrid",
    "Kwame",
    "Yuki",
    "Fatima",
    "Søren",
    "Olga",
    "Mateo",
    "Aisha",
    "Chen",
    "Zoë",
    "Rahul",
    "Émilie",
    "Dmitri",
    "Noa",
    "Björn",
    "Amara",
    "Hiroshi",
    "Lucía",
    "Tomás",
    "Mei",
    "Jürgen",
    "Oluwaseun",
    "Sofía",
    "Nikolai",
    "Aroha",
)
FAMILY = (
    "García",
    "Zhang 张",
    "Kowalczyk",
    "Patel",
    "Núñez",
    "Johansson",
    "Mensah",
    "Tanaka 田中",
    "Haddad",
    "Ødegård",
    "Иванова",
    "Rossi",
    "O'Brien",
    "Li 李",
    "Dubois",
    "Sharma",
    "Müller",
    "Nakamura",
    "Kim 김",
    "Nguyễn",
    "Okafor",
    "Żółć",
    "Fernández",
    "Schmidt",
    "Ramírez",
)
ORGANIZATIONS = (
    "Acme Data",
    "Beijing Zhiyuan 北京智源",
    "Łódź Open Labs",
    "Müller & Söhne AI",
    "Société Numérique",
    "Nordlys Analytics",
    "Tokyo Robotics 東京ロボ",
    "Sahara Compute",
    "Andes Cloud",
    "Bharat Open Systems",
    "Kiwi Learning",
    "Volga Research",
    "Lagos Data Works",
    "Seoul Vision 서울",
    "Catalunya IA",
    "Maple Foundation",
    "Fjord Systems",
    "Saigon Models",
    "Atlas Semiconductors",
    "Helix Bio-AI",
    "Pampas Labs",
    "Danube Networks",
    "Sakura Compute",
    "Table Mountain AI",
    "Orion Silicon",
    "Baltic Data",
    "Aurora Edge",
    "Ganges Analytics",
    "Patagonia Open",
    "Rhine Robotics",
)
PROJECT_STEMS = (
    "Horovod",
    "Lantern",
    "Quill",
    "Tessera",
    "Marmot",
    "Kestrel",
    "Orchard",
    "Beacon",
    "Pylon",
    "Nimbus",
    "Sextant",
    "Loom",
    "Harbor",
    "Ember",
    "Trellis",
    "Juniper",
    "Anvil",
    "Cobalt",
    "Delta",
    "Fathom",
    "Gantry",
    "Hearth",
    "Isotope",
    "Jetty",
    "Keel",
)
TOPICS = (
    "Project update: {project}",
    "Incubation proposal: {project}",
    "Graduation review: {project}",
    "Security audit report for {project}",
    "Working group report: trusted AI",
    "Working group report: MLOps",
    "Budget for the annual summit",
    "Mentorship programme",
    "Release process and signing keys",
    "Community health metrics",
    "License scan results",
    "Roadmap discussion",
    "Outreach: university partnerships",
    "Infrastructure costs and CI credits",
    "Code of conduct committee report",
    "Landscape refresh",
)
MOTIONS = (
    "Approve the minutes of the previous meeting",
    "Accept {project} into incubation",
    "Graduate {project}",
    "Move {project} to emeritus",
    "Adopt the updated release policy",
    "Approve the summit budget",
    "Charter the working group on data governance",
    "Endorse the security response process",
    "Approve the mentorship programme for the year",
    "Elect the vice chair",
)


def person_name(rng: random.Random, used: set[str]) -> str:
    """A new person's name, unique in ``used``."""
    while True:
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        if name not in used:
            used.add(name)
            return name
        name = f"{name} {rng.randint(2, 99)}"
        if name not in used:
            used.add(name)
            return name


def email(name: str, number: int) -> str:
    """A plain e-mail address for a person (ASCII, unique by number)."""
    local = "".join(c for c in name.lower() if c.isascii() and c.isalnum()) or "member"
    return f"{local}.{number}@example.org"
