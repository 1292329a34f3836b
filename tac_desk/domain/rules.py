"""The rules engine: quorum and voting thresholds in exact integer arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from tac_desk.domain.errors import InvalidInput


class RuleError(InvalidInput):
    """A rule or a tally that cannot exist (a threshold above 1, more votes than seats, ...)."""


class Comparison(StrEnum):
    """How the yes count is compared with the threshold."""

    MORE_THAN = "more_than"
    AT_LEAST = "at_least"


class Base(StrEnum):
    """What the threshold is a fraction of."""

    CAST = "cast"
    PRESENT = "present"
    ALL = "all"


_FRACTION_WORDS = {
    Fraction(1, 2): "half",
    Fraction(2, 3): "two-thirds",
    Fraction(3, 4): "three-quarters",
    Fraction(1, 3): "one-third",
    Fraction(1, 4): "one-quarter",
    Fraction(3, 5): "three-fifths",
    Fraction(1, 1): "all",
}

_BASE_WORDS = {
    Base.CAST: "the votes cast",
    Base.PRESENT: "the seats present",
    Base.ALL: "all voting seats",
}


def fraction_words(value: Fraction) -> str:
    """Name a fraction in words where it has a common name ("two-thirds"), else "P/Q"."""
    return _FRACTION_WORDS.get(value, f"{value.numerator}/{value.denominator}")


def ceil_fraction(value: Fraction) -> int:
    """Round a non-negative fraction up to the next integer."""
    return -((-value.numerator) // value.denominator)


def parse_fraction(text: str) -> Fraction:
    """Parse "P/Q", "majority", "two-thirds" or "three-quarters" into a fraction in (0, 1].

    Raises:
        RuleError: when the text is not a fraction in (0, 1].
    """
    named = {
        "majority": Fraction(1, 2),
        "half": Fraction(1, 2),
        "two-thirds": Fraction(2, 3),
        "three-quarters": Fraction(3, 4),
    }
    cleaned = text.strip().lower()
    if cleaned in named:
        return named[cleaned]
    parts = cleaned.split("/")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise RuleError(f"'{text}' is not a fraction: write it as P/Q, for example 2/3")
    try:
        numerator, denominator = (int(p) for p in parts)
    except ValueError as error:  # digits int() does not read ("²"), or too many of them
        raise RuleError(f"'{text}' is not a fraction: write it as P/Q, for example 2/3") from error
    if denominator == 0:
        raise RuleError(f"'{text}' divides by zero")
    value = Fraction(numerator, denominator)
    if not 0 < value <= 1:
        raise RuleError(f"'{text}' must be above 0 and at most 1")
    return value


@dataclass(frozen=True)
class Threshold:
    """A share of the base the yes votes must exceed or reach."""

    share: Fraction
    comparison: Comparison

    def __post_init__(self) -> None:
        if not 0 < self.share <= 1:
            raise RuleError(f"a threshold must be above 0 and at most 1, not {self.share}")
        if self.share == 1 and self.comparison is Comparison.MORE_THAN:
            raise RuleError("'more than all' can never be reached; use 'at least 1/1' for unanimity")

    def words(self) -> str:
        """Describe the threshold, e.g. "more than half" or "at least two-thirds"."""
        prefix = "more than" if self.comparison is Comparison.MORE_THAN else "at least"
        return f"{prefix} {fraction_words(self.share)}"


MAJORITY = Threshold(Fraction(1, 2), Comparison.MORE_THAN)
TWO_THIRDS = Threshold(Fraction(2, 3), Comparison.AT_LEAST)
THREE_QUARTERS = Threshold(Fraction(3, 4), Comparison.AT_LEAST)


@dataclass(frozen=True)
class Rule:
    """A decision rule: threshold, base and quorum (None means no quorum is needed)."""

    threshold: Threshold
    base: Base
    quorum: Fraction | None = Fraction(1, 2)

    def __post_init__(self) -> None:
        if self.quorum is not None and not 0 < self.quorum <= 1:
            raise RuleError(f"a quorum must be above 0 and at most 1, not {self.quorum}")

    def words(self) -> str:
        """Describe the rule in one phrase, e.g. "at least two-thirds of all voting seats"."""
        return f"{self.threshold.words()} of {_BASE_WORDS[self.base]}"

    def quorum_words(self) -> str:
        """Describe the quorum, e.g. "quorum: at least half of the voting seats present"."""
        if self.quorum is None:
            return "no quorum needed"
        return f"quorum: at least {fraction_words(self.quorum)} of the voting seats present"

    def to_dict(self) -> dict[str, object]:
        """Serialise to plain JSON-ready data (fractions as "P/Q" strings)."""
        share = self.threshold.share
        quorum = None if self.quorum is None else f"{self.quorum.numerator}/{self.quorum.denominator}"
        return {
            "threshold": f"{share.numerator}/{share.denominator}",
            "comparison": self.threshold.comparison.value,
            "base": self.base.value,
            "quorum": quorum,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Rule:
        """Rebuild a rule written by :meth:`to_dict`."""
        quorum = data.get("quorum")
        return cls(
            threshold=Threshold(Fraction(str(data["threshold"])), Comparison(str(data["comparison"]))),
            base=Base(str(data["base"])),
            quorum=None if quorum is None else Fraction(str(quorum)),
        )


@dataclass(frozen=True)
class Tally:
    """The counts a decision is made on.

    ``seats`` is the number of voting seats, ``present`` the seats represented. Recused seats
    count as present and as abstaining.
    """

    seats: int
    present: int
    yes: int
    no: int
    abstain: int = 0
    recused: int = 0

    def __post_init__(self) -> None:
        for name in ("seats", "present", "yes", "no", "abstain", "recused"):
            if getattr(self, name) < 0:
                raise RuleError(f"{name} cannot be negative")
        if self.present > self.seats:
            raise RuleError(f"{self.present} seats present is more than the {self.seats} voting seats")
        if self.voted > self.present:
            raise RuleError(
                f"{self.voted} ballots (yes, no, abstain, recused) is more than the {self.present} seats present"
            )

    @property
    def cast(self) -> int:
        """Votes cast: yes plus no."""
        return self.yes + self.no

    @property
    def voted(self) -> int:
        """Seats that returned any ballot, recusals included."""
        return self.yes + self.no + self.abstain + self.recused


@dataclass(frozen=True)
class Outcome:
    """The rules engine's verdict on one tally."""

    rule: Rule
    tally: Tally
    quorum_required: int
    quorum_met: bool
    required_yes: int | None
    passed: bool
    explanation: str

    @property
    def more_yes_needed(self) -> int | None:
        """How many more yes votes would reach the threshold (0 when reached, None if it cannot be)."""
        if self.required_yes is None:
            return None
        return max(0, self.required_yes - self.tally.yes)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data for the command line and exports."""
        return {
            "quorum_met": self.quorum_met,
            "quorum_required": self.quorum_required,
            "passed": self.passed,
            "required_yes": self.required_yes,
            "yes": self.tally.yes,
            "no": self.tally.no,
            "abstain": self.tally.abstain,
            "recused": self.tally.recused,
            "present": self.tally.present,
            "seats": self.tally.seats,
            "rule": self.rule.words(),
            "explanation": self.explanation,
        }


def quorum_required(quorum: Fraction | None, seats: int) -> int:
    """Seats that must be present for a quorum (fractions round up); 0 without a quorum rule."""
    if quorum is None:
        return 0
    return ceil_fraction(quorum * seats)


def _threshold_yes(threshold: Threshold, base_count: int) -> int:
    """Smallest yes count that meets the threshold of a fixed base."""
    target = threshold.share * base_count
    if threshold.comparison is Comparison.AT_LEAST:
        return ceil_fraction(target)
    return target.numerator // target.denominator + 1


def _threshold_yes_of_cast(threshold: Threshold, no: int) -> int | None:
    """Smallest yes count that meets the threshold when the base is yes + no (None: unreachable).

    yes >= p/q * (yes + no)  <=>  yes * (q - p) >= p * no  (and ">" for "more than").
    """
    share = threshold.share
    if share == 1:  # unanimity ("at least all"): any no vote blocks it
        return 1 if no == 0 else None
    bound = share * no / (1 - share)
    if threshold.comparison is Comparison.AT_LEAST:
        return ceil_fraction(bound)
    return bound.numerator // bound.denominator + 1


def required_yes(rule: Rule, tally: Tally) -> int | None:
    """Yes votes needed to pass, given the rest of the tally (None when no yes count can pass it).

    Besides the threshold, a motion passes only with more yes than no votes: a motion with no
    yes never passes and a tie fails, whatever the fraction.
    """
    if rule.base is Base.CAST:
        needed = _threshold_yes_of_cast(rule.threshold, tally.no)
        if needed is None:
            return None
    else:
        base_count = tally.present if rule.base is Base.PRESENT else tally.seats
        needed = _threshold_yes(rule.threshold, base_count)
    return max(needed, tally.no + 1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _count_phrase(rule: Rule, tally: Tally) -> str:
    if rule.base is Base.CAST:
        phrase = f"{tally.yes} yes to {tally.no} no"
        ignored = [
            _plural(count, word) for count, word in ((tally.abstain, "abstention"), (tally.recused, "recusal")) if count
        ]
        if ignored:
            phrase += f" ({' and '.join(ignored)} not counted)"
        return phrase
    of = tally.present if rule.base is Base.PRESENT else tally.seats
    noun = "seats present" if rule.base is Base.PRESENT else "voting seats"
    return f"{tally.yes} of {of} {noun} voted yes"


def evaluate(rule: Rule, tally: Tally) -> Outcome:
    """Apply a rule to a tally and explain the result in one sentence with the numbers.

    Args:
        rule: the decision rule in force for this vote.
        tally: the counts, from the roster and attendance as they stood.

    Returns:
        The outcome: quorum, yes votes required, passed, and a plain-English explanation.
    """
    needed_present = quorum_required(rule.quorum, tally.seats)
    quorum_met = tally.present >= needed_present
    needed_yes = required_yes(rule, tally)
    passed = quorum_met and needed_yes is not None and tally.yes >= needed_yes
    if needed_yes is None:
        requirement = f"{rule.words()} cannot be met once a seat has voted no"
    elif rule.base is Base.CAST:  # the yes votes needed depend on the no votes: say both
        requirement = f"{rule.words()} requires {needed_yes} yes to {tally.no} no"
    else:
        requirement = f"{rule.words()} requires {needed_yes} yes"
    if not quorum_met:
        sentence = (
            f"Not decided: no quorum — {tally.present} of {tally.seats} voting seats present; "
            f"{needed_present} needed, so no decision can be made."
        )
    elif passed:
        sentence = f"Adopted: {_count_phrase(rule, tally)}; {requirement}."
    else:
        sentence = f"Not adopted: {_count_phrase(rule, tally)}; {requirement}."
        if tally.yes == tally.no and tally.yes > 0:
            sentence = sentence[:-1] + "; a tie fails."
    return Outcome(
        rule=rule,
        tally=tally,
        quorum_required=needed_present,
        quorum_met=quorum_met,
        required_yes=needed_yes,
        passed=passed,
        explanation=sentence,
    )


def quorum_sentence(rule_quorum: Fraction | None, seats: int, present: int) -> tuple[bool, str]:
    """Say whether a meeting has quorum, e.g. "Quorum: 7 of 12 voting seats present — 6 needed".

    Returns:
        (quorum met, sentence for a banner or the minutes).
    """
    needed = quorum_required(rule_quorum, seats)
    if rule_quorum is None:
        return True, f"{present} of {seats} voting seats present; no quorum needed"
    if present >= needed:
        return True, f"Quorum: {present} of {seats} voting seats present — {needed} needed ✓"
    return False, f"No quorum: {present} of {seats} voting seats present — {needed} needed; no decisions can be made"
