"""The sections of the PDF minutes as flowables: title block, tables with repeated headers, votes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from tac_desk.exports import minutes_text as words
from tac_desk.exports.fonts import SANS
from tac_desk.exports.pdf_styles import (
    ACCENT,
    BAD,
    DRAFT,
    GOOD,
    HEADER_FILL,
    PANEL,
    RULE,
    ZEBRA,
    Para,
    Styles,
    joined,
    labelled,
    para,
    text_blocks,
    two_lines,
)
from tac_desk.services.minutes import MinutesRecord, MinutesStatus, SeatLine, VoteRecord

Cell: TypeAlias = str | Paragraph | list[Paragraph]
SECTION_ROOM = 2.0 * inch  # a section heading starts a new page when less room than this is left
VOTE_ROOM = 5.0 * inch  # at most this much room is asked for a vote's opening (its heading, motion and first rows)


def grid(
    header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float], st: Styles, *, keep: int = 2
) -> Table:
    """A table whose header repeats on every page and whose rows may split across pages.

    When the table breaks across pages, at least ``keep`` rows stay under the header and at least
    ``keep`` rows go over to the next page (no lone rows).
    """
    data: list[list[Cell]] = [[para(h, st.header) for h in header]]
    data += [[para(c, st.cell) if isinstance(c, str) else c for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    edges: list[tuple[object, ...]] = []
    if keep and len(rows) > 2 * keep:
        edges = [("NOSPLIT", (0, 0), (-1, keep)), ("NOSPLIT", (0, -keep), (-1, -1))]
    table.setStyle(
        TableStyle(
            [
                *edges,
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def section(number: int, title: str, st: Styles) -> list[Flowable]:
    """A numbered section heading with a rule under it."""
    return [
        CondPageBreak(SECTION_ROOM),
        Para(f"{number}&nbsp;&nbsp;{title}", st.h1),
        HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=2, spaceAfter=8),
    ]


def coloured(style: ParagraphStyle, colour: colors.Color, name: str) -> ParagraphStyle:
    """A copy of ``style`` in another colour."""
    return ParagraphStyle(name, parent=style, textColor=colour)


def title_block(record: MinutesRecord, st: Styles, width: float) -> list[Flowable]:
    """Body, "Minutes of Meeting N", when, chair and status."""
    status_style = coloured(st.cell_bold, GOOD if record.status is MinutesStatus.APPROVED else DRAFT, "status")
    facts = [
        ("Date", para(words.long_date(record.starts_at.date()), st.cell)),
        ("Time", para(words.time_with_utc(record), st.cell)),
        ("Chair", para(record.chair or words.DASH, st.cell)),
        ("Meeting", para(record.title, st.cell)),
        ("Status", para(record.status.value, status_style)),
    ]
    rows = [[para(label, st.header), value] for label, value in facts]
    panel = Table(rows, colWidths=[0.95 * inch, width - 0.95 * inch], hAlign="LEFT")
    panel.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return [
        para(record.body, st.kicker),
        para(words.document_title(record), st.title),
        Spacer(1, 8),
        panel,
        Spacer(1, 6),
    ]


def _seat_cell(line: SeatLine, st: Styles) -> list[Paragraph]:
    return two_lines(line.organization, line.kind, st.cell, st.cell_note)


def attendance(record: MinutesRecord, st: Styles, width: float, number: int) -> list[Flowable]:
    """Quorum statement, seats present, seats absent, observers."""
    roll = record.attendance
    good = roll.quorum_met or not roll.quorum_rule
    flow: list[Flowable] = section(number, "Attendance", st)
    flow.append(para(roll.quorum_statement, coloured(st.statement, GOOD if good else BAD, "quorum")))
    flow.append(Para(f"Voting seats present ({len(roll.present)})", st.h2))
    if roll.present:
        rows = [[_seat_cell(line, st), line.person, line.role] for line in roll.present]
        flow.append(grid(["Seat", "Represented by", "As"], rows, [width * 0.46, width * 0.36, width * 0.18], st))
    else:
        flow.append(para("None.", st.body))
    flow.append(Para(f"Absent ({len(roll.absent)})", st.h2))
    if roll.absent:
        rows = [
            [_seat_cell(line, st), line.primary or words.DASH, line.alternate or words.DASH] for line in roll.absent
        ]
        flow.append(grid(["Seat", "Representative", "Alternate"], rows, [width * 0.46, width * 0.27, width * 0.27], st))
    else:
        flow.append(para("None: every voting seat was represented.", st.body))
    flow.append(Para(f"Observers ({len(roll.observers)})", st.h2))
    if roll.observers:
        rows = [[o.name, o.organization or words.DASH] for o in roll.observers]
        flow.append(grid(["Name", "Organization"], rows, [width * 0.5, width * 0.5], st))
    else:
        flow.append(para("None.", st.body))
    return flow


def agenda(record: MinutesRecord, st: Styles, width: float, number: int) -> list[Flowable]:
    """The agenda in order, as a table."""
    flow: list[Flowable] = section(number, "Agenda", st)
    if not record.agenda:
        return [*flow, para("No agenda was recorded.", st.body)]
    rows = [
        [
            para(str(item.number), st.cell_right),
            para(item.title, st.cell_bold),
            item.kind,
            item.presenter or words.DASH,
            para(str(item.planned_minutes) if item.planned_minutes else words.DASH, st.cell_right),
        ]
        for item in record.agenda
    ]
    fixed = [0.4 * inch, 1.05 * inch, 1.35 * inch, 0.5 * inch]
    widths = [fixed[0], width - sum(fixed), fixed[1], fixed[2], fixed[3]]
    flow.append(grid(["#", "Item", "Kind", "Presenter", "Min"], rows, widths, st))
    return flow


def proceedings(record: MinutesRecord, st: Styles, number: int) -> list[Flowable]:
    """Each agenda item with its notes and the votes taken on it."""
    flow: list[Flowable] = section(number, "Proceedings", st)
    if not record.agenda:
        return [*flow, para("Nothing was recorded.", st.body)]
    for item in record.agenda:
        flow.append(para(f"{item.number}. {item.title}", st.h2))
        votes = ", ".join(f"Vote {n}" for n in item.vote_numbers)
        flow.append(para(joined([words.agenda_meta(item.kind, item.presenter, item.planned_minutes), votes]), st.meta))
        flow.extend(text_blocks(item.notes, st.body) if item.notes.strip() else [para("No notes.", st.meta)])
    return flow


def _result_colour(vote: VoteRecord) -> colors.Color:
    if vote.result == "Adopted":
        return GOOD
    return DRAFT if vote.is_open else BAD


def vote_block(vote: VoteRecord, st: Styles, width: float) -> list[Flowable]:
    """One vote: motion, rule, tally, roll call seat by seat, result and its closing entry."""
    heading = coloured(st.h2, _result_colour(vote), f"vote{vote.number}")
    origin = f"Agenda item {vote.agenda_number}: {vote.agenda_title}" if vote.agenda_number else "Not on the agenda"
    flow: list[Flowable] = [
        para(words.vote_heading(vote), heading),
        para(joined([origin, vote.decision_type, f"motion {vote.motion_id}"]), st.meta),
    ]
    flow.extend(text_blocks(vote.text, st.quote))
    flow.append(labelled("Rule:", words.rule_text(vote), st.body))
    flow.append(labelled("Tally:", f"{words.tally_text(vote)}; {words.required_text(vote)}.", st.body))
    flow.append(labelled("Result:", vote.explanation, st.body))
    if vote.corrections:
        flow.append(labelled("As closed:", vote.closed_explanation, st.body))
        flow += [labelled("Correction:", words.correction_text(line), st.body) for line in vote.corrections]
    flow.append(para(f"Closing record entry: {words.closing_entry_text(vote)}", st.digest))
    flow.append(Para("Roll call", st.h3))
    rows = [
        [line.organization, line.person or words.DASH, para(line.choice, st.cell_bold if line.voted else st.muted_cell)]
        for line in vote.roll
    ]
    table = grid(["Seat", "Voter", "Vote"], rows, [width * 0.42, width * 0.34, width * 0.24], st, keep=3)
    return [CondPageBreak(min(opening_height(flow, table, width, rows=4), VOTE_ROOM)), *flow, table]


def opening_height(flow: Sequence[Flowable], table: Table, width: float, *, rows: int) -> float:
    """The height of ``flow`` plus the first ``rows`` rows of ``table``: the room a vote needs to start on a page."""
    total = 0.0
    for flowable in flow:
        total += flowable.wrap(width, 10_000)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    table.wrap(width, 10_000)
    return total + float(sum(table._rowHeights[:rows])) + 6


def votes(record: MinutesRecord, st: Styles, width: float, number: int) -> list[Flowable]:
    """Every vote taken at the meeting."""
    flow: list[Flowable] = section(number, "Votes", st)
    if not record.votes:
        return [*flow, para("No votes were taken.", st.body)]
    for vote in record.votes:
        flow.extend(vote_block(vote, st, width))
    return flow


def actions(record: MinutesRecord, st: Styles, width: float, number: int) -> list[Flowable]:
    """Action items: owner, task, due date, status."""
    flow: list[Flowable] = section(number, "Action items", st)
    if not record.actions:
        return [*flow, para("No action items were recorded.", st.body)]
    rows = [
        [para(str(i), st.cell_right), a.owner or words.DASH, a.task, words.due_text(a.due_on), a.status]
        for i, a in enumerate(record.actions, 1)
    ]
    fixed = [0.35 * inch, 1.45 * inch, 0.95 * inch, 0.7 * inch]
    widths = [fixed[0], fixed[1], width - sum(fixed), fixed[2], fixed[3]]
    flow.append(grid(["#", "Owner", "Task", "Due", "Status"], rows, widths, st))
    return flow


def closing(record: MinutesRecord, st: Styles, width: float, number: int) -> list[Flowable]:
    """Next meeting, then the record digest."""
    flow: list[Flowable] = section(number, "Next meeting", st)
    flow.append(para(words.next_meeting_text(record.next_meeting), st.body))
    flow += section(number + 1, "Record digest", st)
    flow.append(para(words.DIGEST_NOTE, st.digest))
    flow.append(Spacer(1, 6))
    entries = [("Journal head", record.head_seq if record.head_hash else None, record.head_hash)]
    entries += [(f"Vote {v.number} closed", v.close_entry_seq, v.close_entry_hash) for v in record.votes]
    rows: list[list[Cell]] = [
        [label, para(words.DASH if seq is None else str(seq), st.cell_right), para(digest or words.DASH, st.hash)]
        for label, seq, digest in entries
    ]
    fixed = [1.1 * inch, 0.6 * inch]
    flow.append(grid(["Entry", "No.", "SHA-256"], rows, [fixed[0], fixed[1], width - sum(fixed)], st))
    return flow
