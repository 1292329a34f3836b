"""Electronic votes between meetings: open one, record ballots as they arrive, see who has not voted, close it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from tac_desk.domain.enums import Choice, MotionStatus
from tac_desk.domain.model import Motion
from tac_desk.services import votes
from tac_desk.services.votes import VoteState
from tac_desk.storage import repositories as repo
from tac_desk.ui import messages, style
from tac_desk.ui.context import AppContext
from tac_desk.ui.dialogs.vote_dialog import OpenVoteDialog
from tac_desk.ui.models.rows_model import Column, RowsModel
from tac_desk.ui.models.votes_model import (
    CHOICE_LABEL,
    OPEN,
    RESULT_TONE,
    RESULTS,
    BallotLine,
    result_label,
    tally_text,
    tally_words,
)
from tac_desk.ui.views.base import View
from tac_desk.ui.views.view_parts import (
    ViewHeader,
    add_shortcut,
    make_button,
    make_table,
    plural,
    run_dialog,
    select_where,
    selected,
    side_by_side,
    view_layout,
)
from tac_desk.ui.views.vote_panel import VotePanel

KEY_CHOICES = {
    Qt.Key.Key_Y: Choice.YES,
    Qt.Key.Key_N: Choice.NO,
    Qt.Key.Key_A: Choice.ABSTAIN,
    Qt.Key.Key_R: Choice.RECUSED,
}
_MNEMONIC = {Choice.YES: "&Yes", Choice.NO: "&No", Choice.ABSTAIN: "&Abstain", Choice.RECUSED: "&Recused"}


@dataclass(frozen=True)
class ElectronicLine:
    """An electronic vote with its live (or frozen) state."""

    state: VoteState
    result: str
    overdue: bool

    @property
    def motion(self) -> Motion:
        """The motion voted on."""
        return self.state.motion


def electronic_lines(session: Any) -> list[ElectronicLine]:
    """Every electronic vote, open ones first, newest first."""
    today = votes.today()
    lines = []
    for motion in repo.motions(session, electronic=True):
        state = votes.vote_state(session=session, motion_id=motion.id)
        late = motion.status is MotionStatus.OPEN and motion.closes_on is not None and motion.closes_on < today
        lines.append(ElectronicLine(state, result_label(motion, state.outcome), late))
    return sorted(lines, key=lambda line: line.result != OPEN)


def _opened(line: ElectronicLine) -> str:
    opened = line.motion.opened_at
    return opened.date().isoformat() if opened else ""


def _closes(line: ElectronicLine) -> str:
    motion = line.motion
    if motion.closed_at is not None:
        return f"closed {motion.closed_at.date().isoformat()}"
    return motion.closes_on.isoformat() if motion.closes_on else "no date"


COLUMNS: tuple[Column[ElectronicLine], ...] = (
    Column("Opened", _opened, lambda r: f"{_opened(r)}#{r.motion.id:08d}"),
    Column("Motion", lambda r: " ".join(r.motion.text.split()), lambda r: r.motion.text.casefold()),
    Column("Closes", _closes, color=lambda r: style.color("warn") if r.overdue else None),
    Column(
        "Tally",
        lambda r: tally_text(r.state.outcome),
        lambda r: r.state.outcome.tally.yes,
        tooltip=lambda r: tally_words(r.state.outcome),
    ),
    Column(
        "Status",
        lambda r: r.result,
        lambda r: RESULTS.index(r.result),
        color=lambda r: style.color(RESULT_TONE[r.result]),
    ),
)


class ElectronicVotesView(View):
    """Electronic votes: open, record ballots with Y/N/A/R, watch the live tally, close."""

    title = "Electronic votes"
    icon_name = "electronic"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[ElectronicLine] = []
        layout = view_layout(self)
        self.header = ViewHeader(self.title)
        self.open_button = self.header.add_button(
            "&Open a vote…", self.open_vote, tip="Put a motion to an electronic vote (Insert)", primary=True
        )
        layout.addWidget(self.header)

        self.model: RowsModel[ElectronicLine] = RowsModel(COLUMNS, self)
        self.table, self.proxy = make_table(
            self.model, name="Electronic votes", widths={0: 92, 2: 124, 3: 64, 4: 96}, stretch=1
        )
        self.panel = VotePanel(roll_keys=tuple(KEY_CHOICES))
        self.panel.setMinimumWidth(420)
        self.ballot_buttons: dict[Choice, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(style.muted("Record ballot:"))
        for key, choice in KEY_CHOICES.items():
            letter = chr(key)
            button = make_button(
                _MNEMONIC[choice], partial(self.record, choice), tip=f"{CHOICE_LABEL[choice]} ({letter})"
            )
            self.ballot_buttons[choice] = button
            row.addWidget(button)
        row.addStretch(1)
        self.panel.extra.addLayout(row)
        self.not_voted = style.muted("")
        self.not_voted.setWordWrap(True)
        self.not_voted.setAccessibleName("Seats that have not voted")
        self.panel.extra.addWidget(self.not_voted)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = make_button("&Close vote…", self.close_vote, tip="Close the vote and record its outcome")
        close_row.addWidget(self.close_button)
        self.panel.extra.addLayout(close_row)

        layout.addWidget(side_by_side(self.table, self.panel, sizes=(640, 520)), 1)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.panel.roll_table.sig_key.connect(lambda key: self.record(KEY_CHOICES[Qt.Key(key)]))
        self.panel.roll_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        add_shortcut(self, "Ins", self.open_vote)
        self.setTabOrder(self.open_button, self.table)
        self.setTabOrder(self.table, self.panel.roll_table)
        self._update_buttons()

    # ----- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read every electronic vote; keep the chosen vote and seat."""
        motion, seat = self.selected_motion(), self.selected_seat()
        self.lines = self.context.read(electronic_lines)
        self.model.set_rows(self.lines)
        open_count = sum(line.result == OPEN for line in self.lines)
        self.header.set_subtitle(
            f"{open_count} open · {len(self.lines) - open_count} closed"
            if self.lines
            else "No electronic votes yet — open one to decide between meetings"
        )
        wanted = motion.id if motion is not None else None
        if not select_where(self.table, self.proxy, self.model, lambda r: wanted in (None, r.motion.id)):
            self.show_selected()
        if seat is not None:
            select_where(
                self.panel.roll_table, self.panel.roll_proxy, self.panel.roll_model, lambda r: r.seat_id == seat
            )
        self._update_buttons()

    def selected_motion(self) -> Motion | None:
        """The vote on screen, if any."""
        line = selected(self.table, self.proxy, self.model)
        return line.motion if line else None

    def selected_seat(self) -> int | None:
        """The seat selected in the roll call, if any."""
        line = selected(self.panel.roll_table, self.panel.roll_proxy, self.panel.roll_model)
        return line.seat_id if line else None

    def show_selected(self) -> None:
        """Show the selected vote: live tally, what it still needs, and who has not voted."""
        line = selected(self.table, self.proxy, self.model)
        if line is None:
            self.panel.clear(
                "Select a vote, or open one with “Open a vote…”." if self.lines else "No electronic votes."
            )
            self._update_buttons()
            return
        motion = line.motion
        meta = f"Opened {_opened(line)}"
        if motion.closed_at is not None:
            meta += f" · closed {motion.closed_at.date().isoformat()}"
        elif motion.closes_on is not None:
            meta += f" · closes {motion.closes_on.isoformat()}"
            if line.overdue:
                meta += " — voting has ended; close the vote to record its outcome"
        self.panel.show_state(line.state, meta=meta)
        missing = line.state.not_voted
        if motion.status is MotionStatus.OPEN and missing:
            names = "; ".join(f"{e.organization} ({e.primary_name})" for e in missing)
            self.not_voted.setText(f"Not voted yet — {plural(len(missing), 'seat')}: {names}")
        elif motion.status is MotionStatus.OPEN:
            self.not_voted.setText("Every seat has voted.")
        else:
            self.not_voted.setText("")
        self.not_voted.setVisible(bool(self.not_voted.text()))
        if motion.status is MotionStatus.OPEN:
            self._select_next_seat(None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.panel.state
        can_vote = (
            state is not None
            and state.motion.status is MotionStatus.OPEN
            and not self.context.read_only
            and not any(line.overdue and line.motion.id == state.motion.id for line in self.lines)
        )
        seat = selected(self.panel.roll_table, self.panel.roll_proxy, self.panel.roll_model)
        for button in self.ballot_buttons.values():
            button.setEnabled(can_vote and seat is not None and seat.choice is None)
        is_open = state is not None and state.motion.status is MotionStatus.OPEN
        self.close_button.setEnabled(is_open and not self.context.read_only)
        for button in (*self.ballot_buttons.values(), self.close_button):
            button.setVisible(is_open)
        self.open_button.setEnabled(not self.context.read_only)

    def _select_next_seat(self, after: int | None) -> None:
        """Select the first seat without a ballot (after seat ``after`` in table order, wrapping)."""
        rows: list[BallotLine] = []
        proxy, model = self.panel.roll_proxy, self.panel.roll_model
        for index in range(proxy.rowCount()):
            line = model.row_at(proxy.mapToSource(proxy.index(index, 0)).row())
            if line is not None:
                rows.append(line)
        start = next((i + 1 for i, line in enumerate(rows) if line.seat_id == after), 0)
        for line in rows[start:] + rows[:start]:
            if line.choice is None:
                self._select_seat(line.seat_id)
                return

    def _select_seat(self, seat_id: int) -> None:
        panel = self.panel
        select_where(panel.roll_table, panel.roll_proxy, panel.roll_model, lambda r: r.seat_id == seat_id)

    # ----- actions ------------------------------------------------------------------------------------------
    def vote_dialog(self) -> OpenVoteDialog:
        """The open-a-vote dialog, not yet shown."""
        return OpenVoteDialog(self.context, self)

    def open_vote(self) -> None:
        """Open a new electronic vote and show it."""
        dialog = self.vote_dialog()
        if run_dialog(dialog) and dialog.result_id is not None:
            self.reload()
            motion_id = dialog.result_id
            select_where(self.table, self.proxy, self.model, lambda r: r.motion.id == motion_id)
            self.panel.roll_table.setFocus()

    def record(self, choice: Choice) -> None:
        """Record the selected seat's ballot, then move to the next seat that has not voted."""
        state, seat = self.panel.state, self.selected_seat()
        if state is None or seat is None or state.motion.status is not MotionStatus.OPEN:
            return
        motion_id = state.motion.id
        saved = self.context.write(
            lambda s: votes.cast_ballot(session=s, motion_id=motion_id, choice=choice, seat_id=seat), parent=self
        )
        self.reload()
        if saved is not None:
            self._select_next_seat(seat)
            self.panel.roll_table.setFocus()

    def close_vote(self) -> None:
        """Close the vote after confirming; the outcome sentence is then shown in the banner."""
        state = self.panel.state
        if state is None or state.motion.status is not MotionStatus.OPEN:
            return
        missing = len(state.not_voted)
        question = f"Close the vote on “{state.motion.text}”? No more ballots can be recorded."
        if missing:
            question += f" {plural(missing, 'seat has', 'seats have')} not voted."
        question += f"\n\nIf closed now: {state.outcome.explanation}"
        if not messages.confirm(self, "Close the vote", question, action="Close vote"):
            return
        motion_id = state.motion.id
        self.context.write(lambda s: votes.close_vote(session=s, motion_id=motion_id), parent=self)
        self.reload()
