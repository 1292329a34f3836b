"""The Decisions view: every vote ever taken, searchable by text and filterable by result and decision type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from tac_desk.domain.enums import MotionStatus
from tac_desk.domain.model import Meeting, Motion
from tac_desk.domain.rules import Outcome
from tac_desk.services import votes
from tac_desk.storage import repositories as repo
from tac_desk.ui import style
from tac_desk.ui.context import AppContext
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.models.votes_model import RESULT_TONE, RESULTS, result_label, tally_text, tally_words
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_table,
    plural,
    select_where,
    selected,
    side_by_side,
    view_layout,
)
from tac_desk.ui.views.vote_panel import VotePanel

ANY = ""


@dataclass(frozen=True)
class DecisionLine:
    """One vote as the decisions table shows it."""

    motion: Motion
    day: date | None
    where: str
    type_label: str
    outcome: Outcome
    result: str


def where_text(motion: Motion, meeting: Meeting | None) -> str:
    """ "Meeting 12" (or the meeting's title when unnumbered) or "Electronic"."""
    if motion.meeting_id is None:
        return "Electronic"
    if meeting is None:
        return f"Meeting {motion.meeting_id}"
    return f"Meeting {meeting.number}" if meeting.number is not None else meeting.title


def decision_day(motion: Motion, meeting: Meeting | None) -> date | None:
    """The meeting's date, or for an electronic vote the day it closed (or opened, while open)."""
    if meeting is not None:
        return meeting.starts_at.date()
    moment = motion.closed_at or motion.opened_at
    return moment.date() if moment else None


LineMemo = dict[int, tuple[Motion, Meeting | None, str, DecisionLine]]


def decision_lines(session: Any, memo: LineMemo | None = None) -> tuple[list[DecisionLine], list[tuple[str, str]]]:
    """Every motion, newest first, with its outcome (live while open); and the decision types (key, label).

    ``memo`` keeps the lines of closed votes between calls: a line is reused while its motion, meeting and type
    label are the very records it was made from (the repositories hand out the same record for unchanged rows).
    """
    body = repo.body(session)
    labels = {kind.key: kind.label for kind in body.decision_types}
    meetings = {m.id: m for m in repo.meetings(session)}
    memo = {} if memo is None else memo
    lines = []
    for motion in repo.motions(session, with_roster=False):
        meeting = meetings.get(motion.meeting_id) if motion.meeting_id is not None else None
        label = labels.get(motion.decision_type, motion.decision_type)
        kept = memo.get(motion.id)
        if kept is not None and kept[0] is motion and kept[1] is meeting and kept[2] == label:
            lines.append(kept[3])
            continue
        if motion.status is MotionStatus.CLOSED and motion.outcome is not None:
            outcome = motion.outcome
        else:
            outcome = votes.vote_state(session=session, motion_id=motion.id).outcome
        line = DecisionLine(
            motion,
            decision_day(motion, meeting),
            where_text(motion, meeting),
            label,
            outcome,
            result_label(motion, outcome),
        )
        if motion.status is MotionStatus.CLOSED:
            memo[motion.id] = (motion, meeting, label, line)
        lines.append(line)
    kinds = list(labels.items())
    kinds += sorted({(m.motion.decision_type, m.type_label) for m in lines} - set(kinds))
    return lines, kinds


def _day_text(line: DecisionLine) -> str:
    return line.day.isoformat() if line.day else ""


COLUMNS: tuple[Column[DecisionLine], ...] = (
    Column("Date", _day_text, lambda r: f"{_day_text(r)}#{r.motion.id:08d}"),
    Column("Meeting", lambda r: r.where, lambda r: (r.day.isoformat() if r.day else "") + r.where),
    Column("Motion", lambda r: " ".join(r.motion.text.split()), lambda r: r.motion.text.casefold()),
    Column("Decision type", lambda r: r.type_label),
    Column(
        "Tally",
        lambda r: tally_text(r.outcome),
        lambda r: r.outcome.tally.yes,
        tooltip=lambda r: tally_words(r.outcome),
    ),
    Column(
        "Result",
        lambda r: r.result,
        lambda r: RESULTS.index(r.result),
        color=lambda r: style.color(RESULT_TONE[r.result]),
    ),
)


class DecisionsView(View):
    """Every vote ever taken, with its roll call."""

    title = "Decisions"
    icon_name = "decisions"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[DecisionLine] = []
        self._line_memo: LineMemo = {}
        self._kinds: list[tuple[str, str]] = []
        self._replacing = False
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        layout.addWidget(self.header)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search motions  (Ctrl+F)")
        self.search.setAccessibleName("Search motions")
        self.search.setClearButtonEnabled(True)
        self.result_filter = QComboBox()
        self.result_filter.setAccessibleName("Filter by result")
        self.result_filter.addItem("All results", ANY)
        for result in RESULTS:
            self.result_filter.addItem(result, result)
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName("Filter by decision type")
        self.type_filter.addItem("All decision types", ANY)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.result_filter)
        filters.addWidget(self.type_filter)
        layout.addLayout(filters)

        self.model: RowsModel[DecisionLine] = RowsModel(COLUMNS, self)
        self.table, self.proxy = make_table(
            self.model, name="Decisions", widths={0: 92, 1: 96, 3: 156, 4: 64, 5: 96}, stretch=2
        )
        self.panel = VotePanel()
        self.panel.setMinimumWidth(380)
        layout.addWidget(side_by_side(self.table, self.panel, sizes=(760, 400), stretch=(3, 2)), 1)

        self.search.textChanged.connect(lambda _text: self.apply_filters())
        self.result_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.proxy.modelReset.connect(self.show_selected)
        add_shortcut(self, "Ctrl+F", self._focus_search)
        self.setTabOrder(self.search, self.result_filter)
        self.setTabOrder(self.result_filter, self.type_filter)
        self.setTabOrder(self.type_filter, self.table)
        self.setTabOrder(self.table, self.panel.roll_table)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Re-read every vote; keep the filters and the selection."""
        chosen = self.selected_motion()
        self.lines, kinds = self.context.read(lambda s: decision_lines(s, self._line_memo))
        if kinds != self._kinds:
            self._kinds = kinds
            current_kind = self.type_filter.currentData()
            self.type_filter.blockSignals(True)
            self.type_filter.clear()
            self.type_filter.addItem("All decision types", ANY)
            for key, label in kinds:
                self.type_filter.addItem(label, key)
            self.type_filter.setCurrentIndex(max(self.type_filter.findData(current_kind), 0))
            self.type_filter.blockSignals(False)
        self._replacing = True  # the detail pane shows the selection once, at the end, not cleared in between
        try:
            self.model.set_rows(self.lines)
            self.apply_filters()
            wanted = chosen.id if chosen is not None else None
            select_where(self.table, self.proxy, self.model, lambda r: wanted in (None, r.motion.id))
        finally:
            self._replacing = False
        self.show_selected()

    def apply_filters(self) -> None:
        """Show the votes matching the search text, the result and the decision type."""
        words = self.search.text().casefold().split()
        result, kind = self.result_filter.currentData(), self.type_filter.currentData()

        def accept(line: DecisionLine) -> bool:
            text = line.motion.text.casefold()
            return (
                all(word in text for word in words)
                and (not result or line.result == result)
                and (not kind or line.motion.decision_type == kind)
            )

        filtering = bool(words or result or kind)
        self.proxy.set_predicate(accept if filtering else None)
        counts = {name: sum(line.result == name for line in self.lines) for name in RESULTS}
        parts = [plural(len(self.lines), "vote")] + [f"{n} {name.lower()}" for name, n in counts.items() if n]
        summary = " · ".join(parts)
        if filtering:
            summary += f" — showing {self.proxy.rowCount()}"
        self.header.set_subtitle(summary)
        if self.selected_motion() is None:
            self.show_selected()

    def visible_lines(self) -> list[DecisionLine]:
        """The rows the table shows, in table order."""
        found = []
        for row in range(self.proxy.rowCount()):
            line = self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if line is not None:
                found.append(line)
        return found

    def selected_motion(self) -> Motion | None:
        """The selected vote's motion, if any."""
        line = selected(self.table, self.proxy, self.model)
        return line.motion if line else None

    def show_selected(self) -> None:
        """Show the selected vote in the detail pane."""
        if self._replacing:
            return
        line = selected(self.table, self.proxy, self.model)
        if line is None:
            if not self.lines:
                self.panel.clear("No votes yet: votes taken at meetings and electronically are listed here.")
            else:
                self.panel.clear("Select a vote to see its roll call." if self.proxy.rowCount() else "No votes match.")
            return
        state = self.context.read(lambda s: votes.vote_state(session=s, motion_id=line.motion.id))
        meta = f"{line.where} · {_day_text(line)} · {line.type_label}"
        if line.motion.is_electronic and line.motion.closes_on is not None:
            meta += f" · closes {line.motion.closes_on.isoformat()}"
        self.panel.show_state(state, meta=meta)
