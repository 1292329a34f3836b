"""iCalendar files (RFC 5545/5546) from plain calendar data: the whole series, one meeting's invite or cancellation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from icalendar import Calendar, Event, vCalAddress

from tac_desk import __version__
from tac_desk.domain.errors import InvalidInput

PRODID = f"-//TAC Desk//TAC Desk {__version__}//EN"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
REQUEST = "REQUEST"
CANCEL = "CANCEL"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MAILTO_SAFE = "@!$&'*+-./=^_`{|}~"


@dataclass(frozen=True)
class Participant:
    """Somebody on an invitation: ``role`` is CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT."""

    name: str
    email: str
    role: str = "REQ-PARTICIPANT"
    seat: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One meeting as a calendar shows it; ``recurrence_id`` is its original start when it belongs to a series."""

    uid: str
    title: str
    start: datetime
    end: datetime
    sequence: int
    recurrence_id: datetime | None = None
    heading: str = ""
    agenda: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeriesEvent:
    """A recurring series: the rule, the meetings it no longer has, and the meetings that moved."""

    uid: str
    title: str
    first_start: datetime
    duration_minutes: int
    interval_weeks: int
    last_start: datetime
    sequence: int
    heading: str = ""
    cancelled: tuple[datetime, ...] = ()
    extra: tuple[datetime, ...] = ()
    overrides: tuple[Occurrence, ...] = ()


@dataclass(frozen=True)
class CalendarFeed:
    """Everything the committee's calendar holds: its series and its single meetings."""

    name: str
    series: tuple[SeriesEvent, ...] = ()
    singles: tuple[Occurrence, ...] = ()


@dataclass(frozen=True)
class Invite:
    """One meeting's invitation (or, when ``cancelled``, its cancellation)."""

    occurrence: Occurrence
    organizer: Participant
    attendees: tuple[Participant, ...]
    cancelled: bool = False
    body_name: str = ""
    left_out: tuple[str, ...] = ()

    @property
    def method(self) -> str:
        """The iTIP method: REQUEST or CANCEL."""
        return CANCEL if self.cancelled else REQUEST


def plain(text: str) -> str:
    """User text made safe for iCalendar: one kind of newline, no control characters, valid UTF-8."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.encode("utf-8", "replace").decode("utf-8")


def description(heading: str, agenda: Iterable[str]) -> str:
    """The DESCRIPTION text: a heading, then the agenda titles numbered in order."""
    lines = [plain(heading)] if heading else []
    items = [plain(title) for title in agenda]
    if items:
        if lines:
            lines.append("")
        lines.append("Agenda:")
        lines.extend(f"{number}. {title}" for number, title in enumerate(items, start=1))
    return "\n".join(lines)


def mailto(email: str) -> str:
    """A ``mailto:`` URI for an address (characters a URI cannot hold are percent-encoded)."""
    return "mailto:" + quote(email.strip(), safe=_MAILTO_SAFE)


def series_ics(feed: CalendarFeed, *, stamp: datetime) -> bytes:
    """The committee's whole calendar: each series as one recurring VEVENT plus overrides, and single meetings.

    Args:
        feed: the plain data assembled from the record.
        stamp: the export instant (DTSTAMP, written in UTC).
    """
    calendar = _calendar(method=None, name=feed.name)
    moments: list[datetime] = []
    for series in feed.series:
        calendar.add_component(_series_event(series, stamp))
        moments += [series.first_start, series.last_start, *series.cancelled, *series.extra]
        for override in series.overrides:
            calendar.add_component(_occurrence_event(override, stamp))
            moments += _moments(override)
    for single in feed.singles:
        calendar.add_component(_occurrence_event(single, stamp))
        moments += _moments(single)
    return _finish(calendar, moments)


def invite_ics(invite: Invite, *, stamp: datetime) -> bytes:
    """One meeting's invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL, STATUS:CANCELLED).

    Args:
        invite: the plain data assembled from the record.
        stamp: the export instant (DTSTAMP, written in UTC).
    """
    calendar = _calendar(method=invite.method, name="")
    event = _occurrence_event(invite.occurrence, stamp, status="CANCELLED" if invite.cancelled else "CONFIRMED")
    event.add("organizer", _address(invite.organizer, None, rsvp=False))
    for person in invite.attendees:
        event.add("attendee", _address(person, person.role, rsvp=not invite.cancelled))
    calendar.add_component(event)
    return _finish(calendar, _moments(invite.occurrence))


def _calendar(*, method: str | None, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    if name:
        calendar.add("name", plain(name))
        calendar.add("x-wr-calname", plain(name))
    return calendar


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _base_event(uid: str, title: str, sequence: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(stamp))
    event.add("sequence", max(0, sequence))
    event.add("summary", plain(title))
    return event


def _series_event(series: SeriesEvent, stamp: datetime) -> Event:
    event = _base_event(series.uid, series.title, series.sequence, stamp)
    event.add("dtstart", series.first_start)
    event.add("dtend", series.first_start + timedelta(minutes=series.duration_minutes))
    rule = {
        "freq": "WEEKLY",
        "until": _utc(series.last_start),
        "interval": series.interval_weeks,
        "byday": WEEKDAYS[series.first_start.weekday()],
        "wkst": "MO",
    }
    event.add("rrule", rule)
    for moment in sorted(series.extra):
        event.add("rdate", moment)
    for moment in sorted(series.cancelled):
        event.add("exdate", moment)
    if series.heading:
        event.add("description", description(series.heading, ()))
    event.add("status", "CONFIRMED")
    return event


def _occurrence_event(occurrence: Occurrence, stamp: datetime, *, status: str = "CONFIRMED") -> Event:
    event = _base_event(occurrence.uid, occurrence.title, occurrence.sequence, stamp)
    if occurrence.recurrence_id is not None:
        event.add("recurrence-id", occurrence.recurrence_id)
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)
    text = description(occurrence.heading, occurrence.agenda)
    if text:
        event.add("description", text)
    event.add("status", status)
    return event


def _address(person: Participant, role: str | None, *, rsvp: bool) -> vCalAddress:
    address = vCalAddress(mailto(person.email))
    name = plain(person.name).strip()  # a parameter value keeps no surrounding whitespace
    if name:
        address.params["CN"] = name
    if role is None:
        return address
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = role
    chair = role == "CHAIR"
    address.params["PARTSTAT"] = "ACCEPTED" if chair else "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE" if rsvp and not chair else "FALSE"
    return address


def _moments(occurrence: Occurrence) -> list[datetime]:
    found = [occurrence.start, occurrence.end]
    if occurrence.recurrence_id is not None:
        found.append(occurrence.recurrence_id)
    return found


def _finish(calendar: Calendar, moments: list[datetime]) -> bytes:
    """Add a VTIMEZONE for every zone used, bounded to the dates the calendar spans, and serialise."""
    if moments:
        days = [moment.date() for moment in moments]
        first: date = min(days) - timedelta(days=1)
        last: date = max(days) + timedelta(days=2)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    missing = calendar.get_missing_tzids()
    if missing:
        raise InvalidInput(f"no time zone definition for {', '.join(sorted(missing))}")
    data: bytes = calendar.to_ical()
    return data
