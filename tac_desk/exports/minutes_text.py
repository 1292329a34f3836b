"""Wording shared by every minutes format: dates, times with zones, tallies, the digest note."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tac_desk.services.minutes import CorrectionLine, MinutesRecord, NextMeetingLine, VoteRecord

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

DASH = "—"
DIGEST_NOTE = (
    "The record keeps a hash-chained journal of attendance and votes. The journal head and each vote's closing "
    "entry below let anyone holding a copy of these minutes check that the record has not been altered since: the "
    "chain is tamper-evident against an outside copy of its head, not tamper-proof."
)


def long_date(day: date) -> str:
    """A date in words, independent of the system locale: "Thursday, 9 January 2031"."""
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


def utc_offset(moment: datetime) -> str:
    """The offset from UTC of an aware time: "UTC", "UTC+01:00", "UTC-04:00", "UTC+05:30"."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def time_span(start: datetime, end: datetime, timezone: str) -> str:
    """The meeting's local time with its zone: "16:00–17:00 Europe/Paris (UTC+01:00)"."""
    zone_text = timezone if timezone == "UTC" else f"{timezone} ({utc_offset(start)})"
    return f"{start:%H:%M}–{end:%H:%M} {zone_text}"


def time_with_utc(record: MinutesRecord) -> str:
    """Local time with its zone, then the same span in UTC for members elsewhere."""
    local = time_span(record.starts_at, record.ends_at, record.timezone)
    if record.timezone == "UTC":
        return local
    start, end = (moment.astimezone(UTC) for moment in (record.starts_at, record.ends_at))
    return f"{local} · {start:%H:%M}–{end:%H:%M} UTC"


def meeting_name(number: int | None) -> str:
    """ "Meeting 12" (or just "Meeting" when it has no number)."""
    return "Meeting" if number is None else f"Meeting {number}"


def document_title(record: MinutesRecord) -> str:
    """The document's title: "Minutes of Meeting 12"."""
    return f"Minutes of {meeting_name(record.meeting_number)}"


def footer_text(record: MinutesRecord) -> str:
    """The running footer's left part: "<body> · Minutes of Meeting 12 · Draft"."""
    return f"{record.body} · {document_title(record)} · {record.status.value}"


def when(record: MinutesRecord) -> str:
    """Date and time on one line."""
    return f"{long_date(record.starts_at.date())}, {time_span(record.starts_at, record.ends_at, record.timezone)}"


def next_meeting_text(line: NextMeetingLine | None) -> str:
    """ "Meeting 13: Thursday, 23 January 2031, 16:00 Europe/Paris (UTC+01:00)", or that none is scheduled."""
    if line is None:
        return "No further meeting is scheduled."
    zone_text = line.timezone if line.timezone == "UTC" else f"{line.timezone} ({utc_offset(line.starts_at)})"
    return f"{meeting_name(line.number)}: {long_date(line.starts_at.date())}, {line.starts_at:%H:%M} {zone_text}"


def tally_text(vote: VoteRecord) -> str:
    """ "Yes 7 · No 2 · Abstain 1 · Recused 0 — 10 of 12 voting seats present"."""
    counts = f"Yes {vote.yes} · No {vote.no} · Abstain {vote.abstain} · Recused {vote.recused}"
    return f"{counts} — {vote.present} of {vote.seats} voting seats present"


def rule_text(vote: VoteRecord) -> str:
    """The rule applied, in words: "more than half of the votes cast; quorum: at least half of ..."."""
    return f"{vote.rule_words}; {vote.quorum_words}"


def required_text(vote: VoteRecord) -> str:
    """How many yes votes the rule required, in words."""
    if vote.required_yes is None:
        return "no number of yes votes could meet the rule"
    return f"{vote.required_yes} yes needed"


def due_text(day: date | None) -> str:
    """A due date, or a dash."""
    return DASH if day is None else day.isoformat()


def closing_entry_text(vote: VoteRecord) -> str:
    """ "entry 57, SHA-256 ab12…" for a closed vote; a note for an open one."""
    if vote.close_entry_seq is None:
        return "not closed yet"
    return f"entry {vote.close_entry_seq}, SHA-256 {vote.close_entry_hash}"


def head_text(record: MinutesRecord) -> str:
    """ "entry 812, SHA-256 …" for the journal head, or that the journal is empty."""
    if not record.head_hash:
        return "the journal is empty"
    return f"entry {record.head_seq}, SHA-256 {record.head_hash}"


def agenda_meta(kind: str, presenter: str, planned_minutes: int) -> str:
    """ "Decision · presented by Ana · 15 min"."""
    parts = [kind]
    if presenter:
        parts.append(f"presented by {presenter}")
    if planned_minutes:
        parts.append(f"{planned_minutes} min")
    return " · ".join(parts)


def vote_heading(vote: VoteRecord) -> str:
    """ "Vote 2: Adopted", with "(corrected)" when a ballot was corrected after closing."""
    return f"Vote {vote.number}: {vote.result}" + (" (corrected)" if vote.corrections else "")


def correction_text(line: CorrectionLine) -> str:
    """One correction in words, with its journal entry and the entry it corrects."""
    return (
        f"{line.organization}: {line.previous} → {line.choice} (entry {line.entry_seq}, correcting entry "
        f"{line.original_entry_seq}). Reason: {line.reason}"
    )
