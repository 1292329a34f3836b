"""The .eml of an invite is an RFC 6047 iMIP message the stdlib parser reads back, method matching METHOD."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from icalendar import Calendar

from tac_desk.exports.calendar_ics import Invite, invite_ics
from tac_desk.exports.eml import invite_message
from tac_desk.services import calendar
from tac_desk.storage.database import Database

from .calendar_support import STAMP, add_agenda, build_record, cancel


def invite(db: Database, meeting_id: int, *, cancelled: bool = False) -> Invite:
    with db.write() as session:
        return calendar.meeting_invite(session=session, meeting_id=meeting_id, cancel=cancelled)


def read(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def parts(message: EmailMessage) -> tuple[EmailMessage, EmailMessage]:
    assert message.get_content_type() == "multipart/alternative"
    plain, calendar_part = message.iter_parts()
    assert isinstance(plain, EmailMessage) and isinstance(calendar_part, EmailMessage)
    return plain, calendar_part


def test_request_message_carries_the_invite_as_text_calendar_method_request(memory_db: Database) -> None:
    built = build_record(memory_db)
    meeting = built.meetings[1]
    add_agenda(memory_db, meeting.id, ["Roll call", "Budget, 2025; 王伟 📅"])
    data = invite_message(invite(memory_db, meeting.id), stamp=STAMP)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    message = read(data)
    plain, calendar_part = parts(message)

    assert plain.get_content_type() == "text/plain" and plain.get_content_charset() == "utf-8"
    assert calendar_part.get_content_type() == "text/calendar"
    assert calendar_part.get_content_charset() == "utf-8"
    ics = calendar_part.get_payload(decode=True)
    assert ics == invite_ics(invite(memory_db, meeting.id), stamp=STAMP)
    assert calendar_part.get_param("method") == Calendar.from_ical(ics)["METHOD"] == "REQUEST"

    assert message["From"].addresses[0].addr_spec == "chair@example.org"
    assert message["From"].addresses[0].display_name == "Chair Person, Jr."
    recipients = {a.addr_spec: a.display_name for a in message["To"].addresses}
    assert recipients == {
        "ana@example.org": "Ana; Ñúñez",
        "bob@example.com": 'Bob "Co" \\ Ltd',
        "wang@example.cn": "王伟",
    }
    assert message["Subject"] == "Invitation: TAC meeting — 2025-01-23 16:00 Europe/Berlin"
    assert message["Message-ID"].startswith("<") and message["Date"].datetime == STAMP
    text = plain.get_content()
    assert "Thursday 2025-01-23, 16:00–17:00 Europe/Berlin (2025-01-23 15:00–16:00 UTC)" in text
    assert "2. Budget, 2025; 王伟 📅" in text


def test_cancel_message_uses_method_cancel_everywhere(memory_db: Database) -> None:
    built = build_record(memory_db)
    target = built.meetings[2]
    cancel(memory_db, target.id)
    message = read(invite_message(invite(memory_db, target.id, cancelled=True), stamp=STAMP))
    plain, calendar_part = parts(message)
    parsed = Calendar.from_ical(calendar_part.get_payload(decode=True))
    assert calendar_part.get_param("method") == parsed["METHOD"] == "CANCEL"
    (event,) = parsed.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert message["Subject"].startswith("Cancelled: TAC meeting")
    assert "This meeting is cancelled." in plain.get_content()


def test_the_same_invite_gives_the_same_message(memory_db: Database) -> None:
    built = build_record(memory_db)
    first = invite_message(invite(memory_db, built.meetings[0].id), stamp=STAMP)
    second = invite_message(invite(memory_db, built.meetings[0].id), stamp=STAMP)
    later = invite_message(invite(memory_db, built.meetings[0].id), stamp=datetime(2025, 1, 3, tzinfo=STAMP.tzinfo))
    assert first == second != later
