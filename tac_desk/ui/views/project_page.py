"""The project page: stage and flags, pending Board approvals, the checklist, history, presentations and votes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from tac_desk.domain.lifecycle import Flag, Urgency, request_label
from tac_desk.domain.lifecycle_records import HistoryEntry, StageRequest
from tac_desk.domain.requirements import Check, CheckStatus
from tac_desk.services.project_pages import Presentation, ProjectPage
from tac_desk.ui import style
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.views.view_parts import make_button, make_table, section_title

CHECK_TONE = {CheckStatus.MET: "ok", CheckStatus.UNMET: "bad", CheckStatus.UNKNOWN: "muted"}
URGENCY_TONE = {Urgency.OVERDUE: "bad", Urgency.WAITING: "warn", Urgency.SOON: "accent"}


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "—"


def check_color(check: Check) -> QColor:
    """The colour of a requirement's status."""
    return style.color(CHECK_TONE[check.status])


CHECK_COLUMNS: tuple[Column[Check], ...] = (
    Column("Requirement", lambda c: c.requirement.text),
    Column("Status", lambda c: c.status.value.capitalize(), color=check_color),
    Column("Recorded", lambda c: c.words, tooltip=lambda c: c.words),
)
PRESENTATION_COLUMNS: tuple[Column[Presentation], ...] = (
    Column("Date", lambda p: p.day.isoformat()),
    Column("Agenda item", lambda p: p.title, tooltip=lambda p: p.title),
    Column("Stage requested", lambda p: request_label(p.stage) if p.stage else "—"),
)
VOTE_COLUMNS: tuple[Column[StageRequest], ...] = (
    Column("Date", lambda r: r.requested_on.isoformat()),
    Column("Request", lambda r: f"{request_label(r.stage)} (motion {r.motion_id})"),
    Column("Status", lambda r: r.status.value.capitalize()),
    Column("Result", lambda r: r.result_words or "—", tooltip=lambda r: r.result_words),
)


def fit_height(table: QTableView, *, at_most: int = 0) -> None:
    """Make a table exactly as tall as its rows (at most ``at_most`` rows, then it scrolls), so pages do not nest
    scroll bars."""
    table.resizeRowsToContents()
    model = table.model()
    rows = model.rowCount() if model is not None else 0
    shown = rows if not at_most else min(rows, at_most)
    height = sum(table.rowHeight(row) for row in range(shown)) or table.verticalHeader().defaultSectionSize()
    frame = table.frameWidth() * 2
    table.setFixedHeight(height + table.horizontalHeader().height() + frame + 2)


def _table(model: RowsModel[object], name: str, widths: dict[int, int], stretch: int) -> QTableView:
    table, _proxy = make_table(model, name=name, widths=widths, stretch=stretch)
    table.setSortingEnabled(False)
    table.setWordWrap(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().sectionResized.connect(lambda *_: fit_height(table))
    model.modelReset.connect(lambda: fit_height(table))
    return table


def history_line(entry: HistoryEntry) -> QWidget:
    """One line of the history: its date, then the wrapped sentence."""
    line = QWidget()
    row = QHBoxLayout(line)
    row.setContentsMargins(0, 0, 0, 0)
    day = style.muted(entry.day.isoformat())
    day.setFixedWidth(day.fontMetrics().horizontalAdvance("0000-00-00") + 12)
    day.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    words = style.plain_label(entry.words)
    words.setWordWrap(True)
    words.setAccessibleName(f"{entry.day.isoformat()}: {entry.words}")
    row.addWidget(day)
    row.addWidget(words, 1)
    return line


def flag_label(flag: Flag) -> QLabel:
    """One attention flag as a coloured line."""
    label = style.plain_label(f"⚑ {flag.words}")
    label.setStyleSheet(f"color: {style.color(URGENCY_TONE[flag.urgency]).name()};")
    label.setWordWrap(True)
    return label


class ProjectPageWidget(QScrollArea):
    """Shows one project's page; asks for Board approvals through ``sig_board``."""

    sig_board = Signal(int, bool)  # project id, approved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.page: ProjectPage | None = None
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(4, 0, 4, 4)
        self.layout_.setSpacing(8)
        self.title = style.heading("", size=1.25)
        self.title.setAccessibleName("Project name")
        self.meta = style.muted("")
        self.meta.setWordWrap(True)
        self.meta.setAccessibleName("Project stage and dates")
        self.flags = QVBoxLayout()
        self.flags.setSpacing(2)
        self.pending = QVBoxLayout()
        self.pending.setSpacing(6)
        self.checklist_title = section_title("Checklist")
        self.checklist_summary = style.muted("")
        self.checklist_summary.setWordWrap(True)
        self.checks: RowsModel[Check] = RowsModel(CHECK_COLUMNS, self)
        self.presentations: RowsModel[Presentation] = RowsModel(PRESENTATION_COLUMNS, self)
        self.votes: RowsModel[StageRequest] = RowsModel(VOTE_COLUMNS, self)
        self.check_table = _table(self.checks, "Checklist", {0: 250, 1: 76}, 2)  # type: ignore[arg-type]
        self.history_box = QWidget()
        self.history_box.setAccessibleName("Project history")
        self.history_lines = QVBoxLayout(self.history_box)
        self.history_lines.setContentsMargins(0, 0, 0, 0)
        self.history_lines.setSpacing(4)
        self.presentation_table = _table(self.presentations, "Presentations", {0: 92, 2: 120}, 1)  # type: ignore[arg-type]
        self.vote_table = _table(self.votes, "Stage votes", {0: 92, 1: 170, 2: 120}, 3)  # type: ignore[arg-type]
        self.empty = style.muted("Select a project to see its page.")
        for widget in (self.empty, self.title, self.meta):
            self.layout_.addWidget(widget)
        self.layout_.addLayout(self.flags)
        self.layout_.addLayout(self.pending)
        self.sections: list[QWidget] = [self.checklist_title, self.checklist_summary, self.check_table]
        self.layout_.addWidget(self.checklist_title)
        self.layout_.addWidget(self.checklist_summary)
        self.layout_.addWidget(self.check_table)
        self.no_presentations = style.muted("No agenda item about this project yet.")
        self.no_votes = style.muted("No stage vote yet.")
        for title, table in (
            ("History", self.history_box),
            ("Presentations and agenda items", self.presentation_table),
            ("Stage votes", self.vote_table),
        ):
            heading = section_title(title)
            self.sections += [heading, table]
            self.layout_.addWidget(heading)
            self.layout_.addWidget(table)
            if table is self.presentation_table:
                self.layout_.addWidget(self.no_presentations)
            if table is self.vote_table:
                self.layout_.addWidget(self.no_votes)
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.clear("Select a project to see its page.")

    def clear(self, message: str) -> None:
        """Show only ``message``."""
        self.page = None
        self.empty.setText(message)
        self.empty.show()
        for widget in (self.title, self.meta, self.no_presentations, self.no_votes, *self.sections):
            widget.hide()
        _empty_layout(self.flags)
        _empty_layout(self.pending)

    def show_page(self, page: ProjectPage, *, read_only: bool) -> None:
        """Show a project's page."""
        self.page = page
        line, project = page.line, page.line.project
        self.empty.hide()
        for widget in (self.title, self.meta, *self.sections):
            widget.show()
        self.title.setText(project.name)
        parts = [f"{project.stage.label} since {_day(project.stage_since)}"]
        if line.next_review is not None:
            parts.append(f"next review {line.next_review.isoformat()}")
        parts += [f"sponsor: {line.sponsor or '—'}", f"technical lead: {line.lead or '—'}"]
        self.meta.setText(" · ".join(parts))
        _empty_layout(self.flags)
        for flag in line.flags:
            self.flags.addWidget(flag_label(flag))
        for stage, until in line.cool_downs:
            label = style.muted(f"Cool-down: {request_label(stage)} may be requested again from {until.isoformat()}")
            self.flags.addWidget(label)
        _empty_layout(self.pending)
        for request in page.awaiting_board:
            self.pending.addWidget(self._pending_box(request, project.id, read_only))
        checklist = page.checklist
        if checklist is None:
            self.checklist_title.setText("Checklist")
            self.checklist_summary.setText(f"Nothing to check: {project.stage.label} is not followed by another stage.")
            self.checks.set_rows([])
        else:
            self.checklist_title.setText(f"Checklist for {request_label(checklist.stage)}")
            vote = f" Vote needed: {page.target_vote.words}." if page.target_vote else ""
            self.checklist_summary.setText(f"{checklist.summary}, as of {checklist.on.isoformat()}.{vote}")
            self.checks.set_rows(list(checklist.checks))
        self.check_table.setVisible(checklist is not None and bool(checklist.checks))
        QTimer.singleShot(0, self.fit_tables)  # once the layout has given the tables their widths
        _empty_layout(self.history_lines)
        for entry in reversed(page.history):
            self.history_lines.addWidget(history_line(entry))
        self.presentations.set_rows(list(page.presentations))
        self.votes.set_rows(list(page.requests))
        self.presentation_table.setVisible(bool(page.presentations))
        self.no_presentations.setVisible(not page.presentations)
        self.vote_table.setVisible(bool(page.requests))
        self.no_votes.setVisible(not page.requests)

    def fit_tables(self) -> None:
        """Make each table as tall as its rows at its current width."""
        for table in (self.check_table, self.presentation_table, self.vote_table):
            fit_height(table)

    def _pending_box(self, request: StageRequest, project_id: int, read_only: bool) -> QFrame:
        box = QFrame()
        box.setObjectName("banner")
        box.setStyleSheet(style.banner_css("warn"))
        row = QHBoxLayout(box)
        row.setContentsMargins(10, 6, 10, 6)
        text = style.plain_label(
            f"{request_label(request.stage)} passed the TAC on {_day(request.decided_on)} "
            f"(motion {request.motion_id}); awaiting the Governing Board's approval."
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        buttons: list[tuple[str, Callable[[], None]]] = [
            ("Ap&prove (Board)…", lambda: self.sig_board.emit(project_id, True)),
            ("&Decline (Board)…", lambda: self.sig_board.emit(project_id, False)),
        ]
        for label, slot in buttons:
            button = make_button(label, slot, tip="Record the Governing Board's decision with its date")
            button.setEnabled(not read_only)
            row.addWidget(button)
        return box


def _empty_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
