"""The minutes of one meeting as Markdown (CommonMark with GitHub tables), user text printed literally."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tac_desk.exports import minutes_text as words
from tac_desk.services.minutes import MinutesRecord, VoteRecord

# Punctuation Markdown (CommonMark, GitHub) reads as syntax anywhere in a line: emphasis, code, links,
# HTML, entities, table pipes, strikethrough, math, headings, mentions; a backslash prints it as is.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$@#])")
_SHORTCODE = re.compile(r":(?=[A-Za-z0-9_+\-]+:)")  # GitHub turns :name: into an emoji
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")  # list items, setext underlines, ordered lists


def inline(text: str) -> str:
    """User text inside a line of Markdown: special characters escaped, line breaks and tabs made spaces."""
    flat = " ".join(text.replace("\t", " ").splitlines()).strip()
    escaped = _SHORTCODE.sub(r"\\:", _SPECIAL.sub(r"\\\1", flat))
    return escaped


def line_start(text: str) -> str:
    """User text that begins a line: also escape what would start a list or underline a heading."""
    escaped = inline(text)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        end = match.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return "\\" + escaped


def block(text: str) -> str:
    """Free user text as Markdown paragraphs: blank lines separate paragraphs, line breaks are kept."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line_start(raw))
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def cell(text: str) -> str:
    """User text for a table cell (a dash when empty)."""
    return inline(text) or words.DASH


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    """A GitHub table; cells are already escaped. ``align`` gives "l" or "r" per column."""
    marks = [("---:" if align[i : i + 1] == "r" else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _title(record: MinutesRecord) -> list[str]:
    facts = [
        ("Date", words.long_date(record.starts_at.date())),
        ("Time", words.time_with_utc(record)),
        ("Chair", cell(record.chair)),
        ("Meeting", cell(record.title)),
        ("Status", record.status.value),
    ]
    lines = [f"# {inline(record.body)}: {words.document_title(record)}", ""]
    return [*lines, *(f"- **{label}:** {value}" for label, value in facts), ""]


def _attendance(record: MinutesRecord) -> list[str]:
    roll = record.attendance
    lines = ["## 1. Attendance", "", f"**{roll.quorum_statement}**", ""]
    lines += [f"### Voting seats present ({len(roll.present)})", ""]
    rows = [[cell(s.organization), cell(s.kind), cell(s.person), s.role] for s in roll.present]
    lines += table(["Seat", "Kind", "Represented by", "As"], rows) if rows else ["None.", ""]
    lines += [f"### Absent ({len(roll.absent)})", ""]
    rows = [[cell(s.organization), cell(s.kind), cell(s.primary), cell(s.alternate)] for s in roll.absent]
    lines += table(["Seat", "Kind", "Representative", "Alternate"], rows) if rows else ["None.", ""]
    lines += [f"### Observers ({len(roll.observers)})", ""]
    rows = [[cell(o.name), cell(o.organization)] for o in roll.observers]
    lines += table(["Name", "Organization"], rows) if rows else ["None.", ""]
    return lines


def _agenda(record: MinutesRecord) -> list[str]:
    lines = ["## 2. Agenda", ""]
    if not record.agenda:
        return [*lines, "No agenda was recorded.", ""]
    rows = [
        [str(i.number), cell(i.title), cell(i.kind), cell(i.presenter), str(i.planned_minutes or words.DASH)]
        for i in record.agenda
    ]
    lines += table(["#", "Item", "Kind", "Presenter", "Min"], rows, align="r   r")
    lines += ["## 3. Proceedings", ""]
    for item in record.agenda:
        votes = ", ".join(f"Vote {n}" for n in item.vote_numbers)
        meta = words.agenda_meta(item.kind, item.presenter, item.planned_minutes)
        lines += [
            f"### {item.number}. {inline(item.title)}",
            "",
            f"*{inline(meta)}{' · ' + votes if votes else ''}*",
            "",
        ]
        lines += [block(item.notes) if item.notes.strip() else "No notes.", ""]
    return lines


def _vote(vote: VoteRecord) -> list[str]:
    origin = f"Agenda item {vote.agenda_number}: {vote.agenda_title}" if vote.agenda_number else "Not on the agenda"
    lines = [
        f"### {words.vote_heading(vote)}",
        "",
        f"*{inline(origin)} · {inline(vote.decision_type)} · motion {vote.motion_id}*",
        "",
    ]
    lines += ["> " + line if line else ">" for line in block(vote.text).split("\n")]
    lines += [
        "",
        f"**Rule:** {words.rule_text(vote)}",
        "",
        f"**Tally:** {words.tally_text(vote)}; {words.required_text(vote)}.",
        "",
    ]
    lines += [f"**Result:** {vote.explanation}", ""]
    if vote.corrections:
        lines += [f"**As closed:** {vote.closed_explanation}", ""]
        lines += [f"- **Correction:** {inline(words.correction_text(line))}" for line in vote.corrections] + [""]
    lines += [f"Closing record entry: {words.closing_entry_text(vote)}", "", "**Roll call**", ""]
    rows = [[cell(line.organization), cell(line.person), line.choice] for line in vote.roll]
    return lines + table(["Seat", "Voter", "Vote"], rows)


def render_minutes_markdown(record: MinutesRecord) -> bytes:
    """Render the minutes as UTF-8 Markdown; every user string is escaped so it prints literally.

    Args:
        record: the minutes, from :func:`tac_desk.services.minutes.minutes_record`.
    """
    lines = _title(record) + _attendance(record) + _agenda(record)
    lines += ["## 4. Votes", ""]
    for vote in record.votes:
        lines += _vote(vote)
    if not record.votes:
        lines += ["No votes were taken.", ""]
    lines += ["## 5. Action items", ""]
    rows = [
        [str(i), cell(a.owner), cell(a.task), words.due_text(a.due_on), a.status]
        for i, a in enumerate(record.actions, 1)
    ]
    lines += table(["#", "Owner", "Task", "Due", "Status"], rows, align="r") if rows else ["None recorded.", ""]
    lines += ["## 6. Next meeting", "", words.next_meeting_text(record.next_meeting), ""]
    lines += ["## 7. Record digest", "", words.DIGEST_NOTE, ""]
    digest = [("Journal head", record.head_seq if record.head_hash else None, record.head_hash)]
    digest += [(f"Vote {v.number} closed", v.close_entry_seq, v.close_entry_hash) for v in record.votes]
    rows = [[label, words.DASH if seq is None else str(seq), f"`{h}`" if h else words.DASH] for label, seq, h in digest]
    lines += table(["Entry", "No.", "SHA-256"], rows, align=" r")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
