"""An iMIP message (RFC 6047) for one invite: text/plain plus text/calendar with the matching method, as .eml bytes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from tac_desk.domain.errors import InvalidInput
from tac_desk.exports.calendar_ics import Invite, Participant, invite_ics, plain

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def invite_message(invite: Invite, *, stamp: datetime) -> bytes:
    """The .eml of an invitation or cancellation; TAC Desk writes it, a mail client sends it.

    Args:
        invite: the plain data assembled from the record.
        stamp: the export instant (the message's Date and the calendar's DTSTAMP).

    Raises:
        InvalidInput: when an e-mail address cannot be written in a message header.
    """
    calendar = invite_ics(invite, stamp=stamp)
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = _subject(invite)
    message["From"] = _address(invite.organizer)
    recipients = [person for person in invite.attendees if person.email.casefold() != invite.organizer.email.casefold()]
    if recipients:
        message["To"] = [_address(person) for person in recipients]
    message["Date"] = format_datetime(stamp.astimezone(UTC).replace(microsecond=0))
    message["Message-ID"] = _message_id(invite, stamp)
    message.set_content(_text(invite), charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        calendar,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": invite.method, "charset": "utf-8"},
    )
    for part in message.iter_parts():
        del part["MIME-Version"]
    message.set_boundary(f"tac-desk-{_digest(invite, stamp)[:24]}")
    return message.as_bytes(policy=policy.SMTP)


def when_text(start: datetime, end: datetime) -> str:
    """A meeting's time in its own zone and in UTC, e.g. ``Thursday 2030-01-10, 16:00–17:00 Europe/Berlin``."""
    zone = getattr(start.tzinfo, "key", "UTC")
    utc_start, utc_end = start.astimezone(UTC), end.astimezone(UTC)
    return (
        f"{DAY_NAMES[start.weekday()]} {start:%Y-%m-%d}, {start:%H:%M}–{end:%H:%M} {zone} "
        f"({utc_start:%Y-%m-%d %H:%M}–{utc_end:%H:%M} UTC)"
    )


def _subject(invite: Invite) -> str:
    occurrence = invite.occurrence
    prefix = "Cancelled" if invite.cancelled else "Invitation"
    zone = getattr(occurrence.start.tzinfo, "key", "UTC")
    title = " ".join(plain(occurrence.title).split())
    return f"{prefix}: {title} — {occurrence.start:%Y-%m-%d %H:%M} {zone}"


def _text(invite: Invite) -> str:
    occurrence = invite.occurrence
    lines = [plain(occurrence.heading or invite.body_name), plain(occurrence.title), ""]
    if invite.cancelled:
        lines += ["This meeting is cancelled.", ""]
    lines.append(f"When: {when_text(occurrence.start, occurrence.end)}")
    lines.append(f"Chair: {plain(invite.organizer.name)}")
    if occurrence.agenda and not invite.cancelled:
        lines += ["", "Agenda:"]
        lines += [f"{number}. {plain(title)}" for number, title in enumerate(occurrence.agenda, start=1)]
    lines += ["", "The calendar part of this message adds the meeting to your calendar (or removes it)."]
    return "\n".join(lines) + "\n"


def _address(person: Participant) -> Address:
    name = " ".join(plain(person.name).split())
    try:
        return Address(display_name=name, addr_spec=person.email.strip())
    except (HeaderParseError, IndexError, ValueError) as error:
        raise InvalidInput(f"the e-mail of {name} ('{person.email}') cannot be used in a message header") from error


def _digest(invite: Invite, stamp: datetime) -> str:
    occurrence = invite.occurrence
    seed = f"{occurrence.uid}|{occurrence.recurrence_id}|{occurrence.sequence}|{invite.method}|{stamp.isoformat()}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def _message_id(invite: Invite, stamp: datetime) -> str:
    return f"<{_digest(invite, stamp)[:32]}.{invite.method.lower()}@tac-desk.invalid>"
