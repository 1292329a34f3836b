"""User text in SUMMARY, DESCRIPTION and CN survives: escaping per RFC 5545/6868, CRLF, 75-octet folds."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from tac_desk.exports.calendar_ics import Invite, Occurrence, Participant, description, invite_ics, plain

from .calendar_support import STAMP, TRICKY, assert_well_formed, physical_lines

ZONE = ZoneInfo("Asia/Shanghai")
SAMPLES = [
    TRICKY,
    "a,b;c\\d:e\"f'g",
    "CRLF\r\nLF\nCR\rend\ttab",
    "王伟 山田太郎 김민준 Đặng Łukasz Ζωή Юлия שלום مرحبا",
    "emoji 📅🎉👩‍💻 and combining e\u0301",
    "x" * 300,
    "长" * 120,
    "🎉" * 80,
    "trailing backslash \\",
    "^caret^ and ^n literally",
]
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=120)


def make_invite(title: str, agenda: tuple[str, ...], name: str) -> Invite:
    start = datetime(2025, 3, 6, 21, 30, tzinfo=ZONE)
    occurrence = Occurrence(
        uid="u-1@tac-desk",
        title=title,
        start=start,
        end=datetime(2025, 3, 6, 22, 30, tzinfo=ZONE),
        sequence=1,
        recurrence_id=start,
        heading="Heading, with; specials\\",
        agenda=agenda,
    )
    chair = Participant(name=name, email="chair@example.org", role="CHAIR")
    return Invite(occurrence=occurrence, organizer=chair, attendees=(chair, Participant(name=name, email="x@y.org")))


def unfold_and_read(data: bytes) -> dict[str, list[tuple[str, str]]]:
    """A second, minimal reader of content lines (RFC 5545 §3.1, §3.3.11), independent of icalendar."""
    logical: list[str] = []
    for raw in physical_lines(data):
        line = raw.decode("utf-8")
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    found: dict[str, list[tuple[str, str]]] = {}
    for line in logical:
        head, value = _split_value(line)
        name, _, params = head.partition(";")
        found.setdefault(name, []).append((params, value))
    return found


def _split_value(line: str) -> tuple[str, str]:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    raise AssertionError(f"no value in {line!r}")


def unescape_text(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def cn_of(params: str) -> str:
    match = re.search(r'(?:^|;)CN=("[^"]*"|[^;:]*)', params)
    if match is None:
        return ""
    raw = match.group(1).strip('"')
    return re.sub(r"\^([n^'])", lambda m: {"n": "\n", "^": "^", "'": '"'}[m.group(1)], raw)


def check_round_trip(title: str, agenda: tuple[str, ...], name: str) -> None:
    data = invite_ics(make_invite(title, agenda, name), stamp=STAMP)
    assert_well_formed(data)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    expected_description = description("Heading, with; specials\\", agenda)
    assert str(event["SUMMARY"]) == plain(title)
    assert str(event["DESCRIPTION"]) == expected_description
    assert event["ORGANIZER"].params.get("CN", "") == plain(name).strip()
    second = unfold_and_read(data)
    assert unescape_text(second["SUMMARY"][0][1]) == plain(title)
    assert unescape_text(second["DESCRIPTION"][0][1]) == expected_description
    assert [cn_of(params) for params, _ in second["ATTENDEE"]] == [plain(name).strip()] * 2
    assert second["ORGANIZER"][0][1] == "mailto:chair@example.org"


def test_samples_round_trip_through_two_readers() -> None:
    for sample in SAMPLES:
        check_round_trip(sample, (sample, "second item"), sample)


def test_newlines_are_normalised_and_control_characters_dropped() -> None:
    assert plain("a\r\nb\rc\nd\x00e\x07f\x7fg\th") == "a\nb\nc\nde" + "fg\th"
    data = invite_ics(make_invite("CR\rLF\nCRLF\r\n", (), "N"), stamp=STAMP)
    assert b"SUMMARY:CR\\nLF\\nCRLF\\n\r\n" in data


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    data = invite_ics(make_invite("é" * 100 + "王" * 60 + "📅" * 50, ("长" * 400,), "名" * 90), stamp=STAMP)
    lines = physical_lines(data)
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) > 20
    for line in lines:
        line.decode("utf-8")


@given(title=text, item=text, name=text)
def test_any_text_round_trips(title: str, item: str, name: str) -> None:
    check_round_trip(title, (item,), name)
