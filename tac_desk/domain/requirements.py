"""Stage requirements as data with effective dates, and a project's checklist of facts evaluated against them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tac_desk.domain.enums import ProjectStage
from tac_desk.domain.errors import InvalidInput


class FactKind(StrEnum):
    """How a recorded fact is written: yes/no, a count, or a best-practices badge level."""

    FLAG = "flag"
    COUNT = "count"
    BADGE = "badge"


BADGE_LEVELS: tuple[str, ...] = ("none", "passing", "silver", "gold")
YES, NO = "yes", "no"


@dataclass(frozen=True)
class FactSpec:
    """A fact the chair records about a project (``key`` is stored; ``label`` is shown)."""

    key: str
    label: str
    kind: FactKind


FACTS: tuple[FactSpec, ...] = (
    FactSpec("mission", "Fits the foundation's mission", FactKind.FLAG),
    FactSpec("licence", "OSI-approved licence", FactKind.FLAG),
    FactSpec("sponsor", "Sponsor who is a foundation member", FactKind.FLAG),
    FactSpec("governance", "Open, documented technical governance", FactKind.FLAG),
    FactSpec("charter", "Technical charter and contribution agreement", FactKind.FLAG),
    FactSpec("organizations", "Organizations contributing code", FactKind.COUNT),
    FactSpec("stars", "GitHub stars", FactKind.COUNT),
    FactSpec("badge", "Best Practices badge (CII, now OpenSSF)", FactKind.BADGE),
    FactSpec("tsc", "TSC with a chair", FactKind.FLAG),
    FactSpec("commit_flow", "Substantial commit flow over the past 12 months", FactKind.FLAG),
    FactSpec("collaboration", "Collaboration with another foundation project", FactKind.FLAG),
    FactSpec("lead", "Technical lead for the TAC", FactKind.FLAG),
)
FACT_BY_KEY: dict[str, FactSpec] = {spec.key: spec for spec in FACTS}


@dataclass(frozen=True)
class Fact:
    """A recorded fact: its value as text (``yes``, ``640``, ``silver``), the day it was true, a note."""

    key: str
    value: str
    as_of: date
    note: str = ""


@dataclass(frozen=True)
class Requirement:
    """One requirement: a fact and the least value that meets it (``yes`` for a flag)."""

    fact: str
    text: str
    least: str = YES


@dataclass(frozen=True)
class RequirementSet:
    """A version of the requirements, in force from ``effective`` until the next version."""

    key: str
    label: str
    effective: date
    source: str
    stages: tuple[tuple[ProjectStage, tuple[Requirement, ...]], ...]

    def for_stage(self, stage: ProjectStage) -> tuple[Requirement, ...]:
        """The requirements of ``stage`` (none for Emeritus or a proposal)."""
        return next((reqs for found, reqs in self.stages if found is stage), ())


def _cumulative(*levels: tuple[Requirement, ...]) -> list[tuple[Requirement, ...]]:
    """Each stage holds the previous stage's requirements, a stricter one on the same fact replacing it."""
    result: list[tuple[Requirement, ...]] = []
    current: dict[str, Requirement] = {}
    for extra in levels:
        current = {**current, **{req.fact: req for req in extra}}
        result.append(tuple(current.values()))
    return result


_SANDBOX = (
    Requirement("mission", "Fits the foundation's mission"),
    Requirement("licence", "Uses an OSI-approved licence"),
    Requirement("sponsor", "Has a sponsor who is a foundation member"),
    Requirement("governance", "Has open, documented technical governance"),
    Requirement("charter", "Has a technical charter and contribution agreement"),
)
_EARLY = _cumulative(
    _SANDBOX,
    (
        Requirement("organizations", "At least 2 organizations contributing", "2"),
        Requirement("stars", "At least 300 GitHub stars", "300"),
        Requirement("badge", "CII Best Practices Silver badge", "silver"),
    ),
    (
        Requirement("stars", "At least 1000 GitHub stars", "1000"),
        Requirement("badge", "CII Best Practices Gold badge", "gold"),
    ),
)
_LATER = _cumulative(
    _SANDBOX,
    (
        Requirement("organizations", "At least 3 organizations actively contributing", "3"),
        Requirement("tsc", "Has a TSC with a chair"),
        Requirement("stars", "At least 500 GitHub stars", "500"),
        Requirement("badge", "OpenSSF Best Practices Silver badge", "silver"),
    ),
    (
        Requirement("organizations", "Code contributions from at least 5 organizations", "5"),
        Requirement("stars", "At least 1000 GitHub stars", "1000"),
        Requirement("badge", "OpenSSF Best Practices Gold badge", "gold"),
        Requirement("commit_flow", "Substantial commit flow over the past 12 months"),
        Requirement("collaboration", "At least one collaboration with another foundation project"),
        Requirement("lead", "Names a technical lead for the TAC seat"),
    ),
)
_HOSTED = (ProjectStage.SANDBOX, ProjectStage.INCUBATION, ProjectStage.GRADUATED)

# The effective date of the later version is a choice: the deck gives none. The later version names
# OpenSSF badges, which replaced the CII badge programme in 2022, so it is taken to apply from 1 June 2022.
VERSIONS: tuple[RequirementSet, ...] = (
    RequirementSet(
        "2018",
        "Earlier version (CII badges)",
        date(2018, 3, 26),
        "seed deck, earlier version",
        tuple(zip(_HOSTED, _EARLY, strict=True)),
    ),
    RequirementSet(
        "2022",
        "Later version (OpenSSF badges)",
        date(2022, 6, 1),
        "seed deck, 'Incubation Requirements' (later version)",
        tuple(zip(_HOSTED, _LATER, strict=True)),
    ),
)


def version_on(day: date, versions: tuple[RequirementSet, ...] = VERSIONS) -> RequirementSet:
    """The version in force on ``day`` (the earliest one for a day before every version)."""
    ordered = sorted(versions, key=lambda v: v.effective)
    chosen = ordered[0]
    for version in ordered:
        if version.effective <= day:
            chosen = version
    return chosen


def version_by_key(key: str, versions: tuple[RequirementSet, ...] = VERSIONS) -> RequirementSet:
    """A version by its key (the version a request was evaluated under).

    Raises:
        InvalidInput: for an unknown key.
    """
    for version in versions:
        if version.key == key:
            return version
    raise InvalidInput(f"unknown requirements version '{key}'")


def clean_fact(key: str, value: str) -> str:
    """Check a fact's value and return it written the stored way (``Yes`` → ``yes``, `` 640`` → ``640``).

    Raises:
        InvalidInput: for an unknown fact or a value of the wrong kind.
    """
    spec = FACT_BY_KEY.get(key.strip())
    if spec is None:
        raise InvalidInput(f"unknown fact '{key}' (known: {', '.join(FACT_BY_KEY)})")
    text = value.strip().casefold()
    if spec.kind is FactKind.FLAG:
        if text in ("yes", "y", "true", "1"):
            return YES
        if text in ("no", "n", "false", "0"):
            return NO
        raise InvalidInput(f"{spec.label}: write yes or no, not '{value}'")
    if spec.kind is FactKind.COUNT:
        digits = text.replace(",", "").replace("_", "")
        if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
            raise InvalidInput(f"{spec.label}: write a whole number, not '{value}'")
        return str(int(digits))
    if text not in BADGE_LEVELS:
        raise InvalidInput(f"{spec.label}: write one of {', '.join(BADGE_LEVELS)}, not '{value}'")
    return text


class CheckStatus(StrEnum):
    """Whether a requirement is met by the recorded facts."""

    MET = "met"
    UNMET = "not met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Check:
    """One requirement, its status and the sentence saying why."""

    requirement: Requirement
    status: CheckStatus
    words: str


@dataclass(frozen=True)
class Checklist:
    """A requested stage's requirements under one version, each checked against the recorded facts."""

    stage: ProjectStage
    version: RequirementSet
    on: date
    checks: tuple[Check, ...]

    def count(self, status: CheckStatus) -> int:
        """How many requirements have ``status``."""
        return sum(check.status is status for check in self.checks)

    @property
    def all_met(self) -> bool:
        """True when every requirement is met (also when there are none)."""
        return all(check.status is CheckStatus.MET for check in self.checks)

    @property
    def summary(self) -> str:
        """E.g. "6 of 9 met, 2 not met, 1 unknown under the later version (OpenSSF badges)"."""
        if not self.checks:
            return f"No requirements for {self.stage.label}"
        parts = [f"{self.count(CheckStatus.MET)} of {len(self.checks)} met"]
        parts += [f"{self.count(s)} {s.value}" for s in (CheckStatus.UNMET, CheckStatus.UNKNOWN) if self.count(s)]
        label = self.version.label
        return f"{', '.join(parts)} under the {label[:1].lower()}{label[1:]}"


def _shown(spec: FactSpec, fact: Fact, requirement: Requirement, met: bool) -> str:
    day = fact.as_of.isoformat()
    if spec.kind is FactKind.COUNT:
        text = f"{int(fact.value):,} recorded on {day}"
        return text if met else f"{text} (at least {int(requirement.least):,} needed)"
    if spec.kind is FactKind.BADGE:
        text = f"{fact.value} badge recorded on {day}"
        return text if met else f"{text} ({requirement.least} needed)"
    return f"{fact.value}, recorded on {day}"


def check(requirement: Requirement, fact: Fact | None) -> Check:
    """Check one requirement against the latest fact recorded for it (None: not recorded)."""
    spec = FACT_BY_KEY[requirement.fact]
    if fact is None:
        return Check(requirement, CheckStatus.UNKNOWN, "not recorded yet")
    if spec.kind is FactKind.COUNT:
        met = int(fact.value) >= int(requirement.least)
    elif spec.kind is FactKind.BADGE:
        met = BADGE_LEVELS.index(fact.value) >= BADGE_LEVELS.index(requirement.least)
    else:
        met = fact.value == YES
    note = f"; {fact.note}" if fact.note else ""
    return Check(
        requirement, CheckStatus.MET if met else CheckStatus.UNMET, _shown(spec, fact, requirement, met) + note
    )


def latest_facts(facts: Iterable[Fact], on: date) -> dict[str, Fact]:
    """The latest fact per key known on ``on`` (facts dated later are not known yet; ties: the later in order)."""
    found: dict[str, Fact] = {}
    for fact in facts:
        if fact.as_of <= on and (fact.key not in found or found[fact.key].as_of <= fact.as_of):
            found[fact.key] = fact
    return found


def evaluate(
    stage: ProjectStage,
    facts: Iterable[Fact],
    on: date,
    versions: tuple[RequirementSet, ...] = VERSIONS,
) -> Checklist:
    """Check the requirements of ``stage`` in force on ``on`` against the facts known that day.

    ``facts`` is the project's whole fact history, in recording order.
    """
    version = version_on(on, versions)
    known = latest_facts(facts, on)
    checks = tuple(check(requirement, known.get(requirement.fact)) for requirement in version.for_stage(stage))
    return Checklist(stage, version, on, checks)
