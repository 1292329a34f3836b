"""The meeting console: the chair's live view of one meeting; every click calls one service."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tac_desk.domain.enums import MeetingStatus, Presence
from tac_desk.domain.errors import Refused, TacError
from tac_desk.ui import messages, style
from tac_desk.ui.console.actions_panel import MeetingActionsPanel
from tac_desk.ui.console.agenda_panel import AgendaPanel
from tac_desk.ui.console.data import ConsoleData, load_console
from tac_desk.ui.console.header import MeetingHeader
from tac_desk.ui.console.quorum_banner import QuorumBanner
from tac_desk.ui.console.roll_panel import RollPanel
from tac_desk.ui.console.votes_panel import VotesPanel
from tac_desk.ui.context import AppContext
from tac_desk.ui.views.view_parts import side_by_side


class MeetingConsole(QWidget):
    """Header, quorum banner, roll call; agenda with notes, votes and action items in tabs."""

    sig_quorum_changed = Signal(bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id: int | None = None
        self.motion_id: int | None = None
        self.data: ConsoleData | None = None
        self.header = MeetingHeader()
        self.banner = QuorumBanner()
        self.roll = RollPanel()
        self.agenda = AgendaPanel()
        self.votes = VotesPanel()
        self.actions = MeetingActionsPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Meeting sections")
        self.tabs.addTab(self.agenda, "A&genda and notes")
        self.tabs.addTab(self.votes, "&Votes")
        self.tabs.addTab(self.actions, "Action i&tems")
        splitter = side_by_side(self.roll, self.tabs, sizes=(520, 520), stretch=(1, 1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._wire()
        self.show_meeting(None)

    def _wire(self) -> None:
        self.header.sig_move.connect(self.move_meeting)
        self.header.sig_cancel.connect(self.cancel_meeting)
        self.header.sig_restore.connect(self.restore_meeting)
        self.header.sig_approve.connect(self.approve_minutes)
        self.roll.sig_presence.connect(self.set_presence)
        self.roll.sig_add_observer.connect(self.add_observer)
        self.roll.sig_remove_observer.connect(self.remove_observer)
        self.agenda.sig_add.connect(self.add_item)
        self.agenda.sig_edit.connect(self.edit_item)
        self.agenda.sig_remove.connect(self.remove_item)
        self.agenda.sig_move.connect(self.move_item)
        self.agenda.sig_reorder.connect(self.reorder_items)
        self.agenda.sig_notes.connect(self.save_notes)
        self.votes.sig_new_motion.connect(self.new_motion)
        self.votes.sig_ballot.connect(self.cast_ballot)
        self.votes.sig_close.connect(self.close_vote)
        self.votes.sig_correct.connect(self.correct_ballot)
        self.votes.sig_selected.connect(self.select_motion)
        self.actions.sig_add.connect(self.add_action)
        self.actions.sig_done.connect(self.action_done)

    # ----- showing ------------------------------------------------------------------------------------------
    def show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting (None: nothing selected)."""
        if meeting_id != self.meeting_id:
            self.agenda.flush_notes()
            self.motion_id = None
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the meeting from the record and update every panel."""
        self.agenda.flush_notes()
        if self.meeting_id is None or not self.context.is_open:
            self.data = None
            self.header.show_meeting(None, datetime.now(UTC))
            self.banner.show_roll(None)
            self.roll.show_roll(None, editable=False)
            self.agenda.show_agenda([], {}, 0)
            self.votes.show_motions([], None)
            self.actions.show_actions([], {})
            self.setEnabled(False)
            return
        self.setEnabled(True)
        meeting_id, motion_id = self.meeting_id, self.motion_id
        try:
            data = self.context.read(lambda s: load_console(s, meeting_id, motion_id))
        except TacError as error:
            messages.warn(self, "Cannot show the meeting", str(error))
            self.meeting_id = None
            self.refresh()
            return
        previous = self.banner.quorum_met
        self.data = data
        self.motion_id = data.vote.motion.id if data.vote else None
        cancelled = data.meeting.status is MeetingStatus.CANCELLED
        editable = not cancelled and not self.context.read_only
        self.header.show_meeting(data.meeting, datetime.now(UTC), minutes_approved=data.minutes_approved)
        not_taken = data.meeting.status is MeetingStatus.SCHEDULED and data.roll.present == 0
        self.banner.show_roll(data.roll, cancelled=cancelled, not_taken=not_taken)
        self.roll.show_roll(data.roll, editable=editable)
        self.agenda.show_agenda(data.agenda, data.people, data.meeting.duration_minutes)
        self.votes.show_motions(data.motions, self.motion_id)
        labels = {kind.key: kind.label for kind in data.body.decision_types}
        type_label = labels.get(data.vote.motion.decision_type, "") if data.vote else ""
        self.votes.show_state(data.vote, data.ballot_lines, type_label, data.corrections)
        self.votes.new_button.setEnabled(editable)
        self.actions.show_actions(data.actions, data.people)
        if self.banner.quorum_met is not None and self.banner.quorum_met != previous:
            self.sig_quorum_changed.emit(self.banner.quorum_met)

    def _write(self, action: object) -> object:
        return self.context.write(action, parent=self)  # type: ignore[arg-type]

    # ----- meeting ------------------------------------------------------------------------------------------
    def move_meeting(self) -> None:
        """Move this meeting (the series goes on)."""
        from tac_desk.services import meetings
        from tac_desk.ui.dialogs.meeting_dialogs import MoveMeetingDialog

        if self.data is None:
            return
        dialog = MoveMeetingDialog(self.data.meeting, self)
        if dialog.exec():
            meeting_id, start, minutes = self.data.meeting.id, dialog.new_start(), dialog.minutes.value()
            self._write(
                lambda s: meetings.move_meeting(session=s, meeting_id=meeting_id, to=start, duration_minutes=minutes)
            )

    def cancel_meeting(self) -> None:
        """Cancel this meeting after confirmation."""
        from tac_desk.services import meetings

        if self.data is None:
            return
        if messages.confirm(
            self,
            "Cancel meeting",
            f"Cancel the meeting of {self.data.meeting.starts_at:%-d %B %Y}? The series goes on.",
            action="Cancel meeting",
        ):
            meeting_id = self.data.meeting.id
            self._write(lambda s: meetings.cancel_meeting(session=s, meeting_id=meeting_id))

    def restore_meeting(self) -> None:
        """Undo a cancellation."""
        from tac_desk.services import meetings

        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            self._write(lambda s: meetings.restore_meeting(session=s, meeting_id=meeting_id))

    def approve_minutes(self) -> None:
        """Record that this meeting's minutes were approved."""
        from tac_desk.services.minutes_log import approve_minutes

        if self.meeting_id is not None and messages.confirm(
            self,
            "Approve minutes",
            "Record that the committee approved these minutes? The minutes then print "
            "“Approved”; the approval is part of the record.",
            action="Approve",
        ):
            meeting_id = self.meeting_id
            self._write(lambda s: approve_minutes(session=s, meeting_id=meeting_id))

    # ----- roll call ----------------------------------------------------------------------------------------
    def set_presence(self, seat_id: int, presence: Presence) -> None:
        """Record one seat's presence."""
        from tac_desk.services import attendance

        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            self._write(
                lambda s: attendance.set_seat_presence(
                    session=s, meeting_id=meeting_id, seat_id=seat_id, presence=presence
                )
            )

    def add_observer(self) -> None:
        """Add an observer (anyone without a voting seat)."""
        from tac_desk.services import attendance
        from tac_desk.ui.dialogs.meeting_dialogs import ObserverDialog

        if self.data is None:
            return
        voting = {p.id for e in self.data.roll.entries for p in (e.primary, e.alternate) if p is not None}
        present = {p.id for p in self.data.roll.observers}
        candidates = sorted(
            (p for p in self.data.people.values() if p.id not in voting and p.id not in present),
            key=lambda p: p.name.casefold(),
        )
        if not candidates:
            messages.info(self, "Add observer", "Everyone without a seat is already here; add people in the Roster.")
            return
        dialog = ObserverDialog(candidates, self)
        if dialog.exec() and dialog.person.person_id() is not None:
            meeting_id, person_id = self.data.meeting.id, dialog.person.person_id()
            assert person_id is not None
            self._write(lambda s: attendance.record_attendance(session=s, meeting_id=meeting_id, person_id=person_id))

    def remove_observer(self, person_id: int) -> None:
        """Record that an observer left."""
        from tac_desk.services import attendance

        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            self._write(
                lambda s: attendance.record_attendance(
                    session=s, meeting_id=meeting_id, person_id=person_id, present=False
                )
            )

    # ----- agenda -------------------------------------------------------------------------------------------
    def add_item(self) -> None:
        """Add an agenda item."""
        from tac_desk.services import agenda
        from tac_desk.ui.dialogs.meeting_dialogs import AgendaItemDialog

        if self.data is None:
            return
        dialog = AgendaItemDialog(
            sorted(self.data.people.values(), key=lambda p: p.name.casefold()), self.data.projects, parent=self
        )
        if dialog.exec():
            meeting_id, values = self.data.meeting.id, dialog.values()
            self._write(lambda s: agenda.add_item(session=s, meeting_id=meeting_id, **values))  # type: ignore[arg-type]

    def edit_item(self, item_id: int) -> None:
        """Edit an agenda item."""
        from tac_desk.services import agenda
        from tac_desk.ui.dialogs.meeting_dialogs import AgendaItemDialog

        if self.data is None:
            return
        item = next((i for i in self.data.agenda if i.id == item_id), None)
        people = sorted(self.data.people.values(), key=lambda p: p.name.casefold())
        dialog = AgendaItemDialog(people, self.data.projects, item, parent=self)
        if item is not None and dialog.exec():
            values = dialog.values()
            presenter = values.pop("presenter_id")
            values.pop("project_id")
            values.pop("requested_stage")
            self._write(
                lambda s: agenda.update_item(
                    session=s,
                    item_id=item_id,
                    presenter_id=presenter,
                    clear_presenter=presenter is None,
                    **values,  # type: ignore[arg-type]
                )
            )

    def remove_item(self, item_id: int) -> None:
        """Remove an agenda item after confirmation."""
        from tac_desk.services import agenda

        if messages.confirm(self, "Remove agenda item", "Remove this item and its notes?", action="Remove"):
            self._write(lambda s: agenda.remove_item(session=s, item_id=item_id))

    def move_item(self, item_id: int, position: int) -> None:
        """Move an agenda item to a position."""
        from tac_desk.services import agenda

        self._write(lambda s: agenda.move_item(session=s, item_id=item_id, to_position=position))
        if self.data is not None:
            self.agenda.table.selectRow(min(position, len(self.data.agenda) - 1))

    def reorder_items(self, item_ids: list[int]) -> None:
        """Apply a dragged order."""
        from tac_desk.services import agenda

        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            self._write(lambda s: agenda.reorder(session=s, meeting_id=meeting_id, item_ids=item_ids))

    def save_notes(self, item_id: int, notes: str) -> None:
        """Save an item's notes (called as the chair types)."""
        from tac_desk.services import agenda

        self._write(lambda s: agenda.set_notes(session=s, item_id=item_id, notes=notes))

    # ----- votes --------------------------------------------------------------------------------------------
    def new_motion(self) -> None:
        """Open a vote on a motion at this meeting (on an item requesting a project's stage: that stage's vote)."""
        from tac_desk.services import lifecycle
        from tac_desk.ui.dialogs.meeting_dialogs import MotionDialog

        if self.data is None:
            return
        selected = self.agenda.selected_item()
        dialog = MotionDialog(
            self.data.body.decision_types,
            self.data.agenda,
            selected_item=selected.id if selected else None,
            parent=self,
        )
        if dialog.exec():
            meeting_id, values = self.data.meeting.id, dialog.values()
            motion = self._write(lambda s: lifecycle.open_meeting_motion(session=s, meeting_id=meeting_id, **values))  # type: ignore[arg-type]
            if motion is not None:
                self.motion_id = motion.id  # type: ignore[attr-defined]
                self.tabs.setCurrentWidget(self.votes)
                self.refresh()
                self.votes.grid.setFocus()

    def select_motion(self, motion_id: int) -> None:
        """Show another motion of the meeting."""
        if motion_id != self.motion_id:
            self.motion_id = motion_id
            self.refresh()

    def cast_ballot(self, motion_id: int, seat_id: int, choice: object) -> None:
        """Record a seat's ballot."""
        from tac_desk.services import votes

        self._write(
            lambda s: votes.cast_ballot(session=s, motion_id=motion_id, seat_id=seat_id, choice=choice)  # type: ignore[arg-type]
        )

    def close_vote(self, motion_id: int) -> None:
        """Close the vote; without quorum it is refused with the rules engine's sentence."""
        from tac_desk.services import votes

        if self.context.database is None:
            return
        try:
            with self.context.database.write() as session:
                votes.close_vote(session=session, motion_id=motion_id)
        except Refused as refusal:
            if self._record_without_quorum(str(refusal)):
                self._write(lambda s: votes.close_vote(session=s, motion_id=motion_id, allow_no_quorum=True))
            return
        except TacError as error:
            messages.warn(self, "Vote not closed", str(error))
            return
        finally:
            self.context.sig_record_changed.emit()

    def correct_ballot(self, motion_id: int, seat_id: int) -> None:
        """Correct a seat's ballot on a closed vote: a new entry that points at the original; the tally is recounted."""
        from tac_desk.services import corrections
        from tac_desk.ui.dialogs.meeting_dialogs import CorrectionDialog

        vote = self.data.vote if self.data is not None else None
        ballot = next((b for b in vote.ballots if b.seat_id == seat_id), None) if vote else None
        line = next((entry for entry in vote.motion.roster if entry.seat_id == seat_id), None) if vote else None
        if ballot is None or line is None:
            messages.info(
                self, "Correct a ballot", "This seat cast no ballot on this vote; there is nothing to correct."
            )
            return
        dialog = CorrectionDialog(line.organization, ballot.choice.value, self)
        if dialog.exec():
            values = dialog.values()
            self._write(lambda s: corrections.correct_ballot(session=s, ballot_id=ballot.id, **values))  # type: ignore[arg-type]

    def _record_without_quorum(self, sentence: str) -> bool:
        if "no quorum" not in sentence:
            messages.warn(self, "Vote not closed", sentence)
            return False
        return messages.confirm(
            self,
            "No quorum",
            f"{sentence}\n\nYou may keep the vote open until quorum returns, or record it as not decided.",
            action="Record as not decided",
        )

    # ----- action items -------------------------------------------------------------------------------------
    def add_action(self) -> None:
        """Record an action item taken at this meeting (the dialog saves through the actions service)."""
        from tac_desk.ui.dialogs.action_dialog import ActionDialog

        if self.data is not None:
            ActionDialog(self.context, parent=self, meeting_id=self.data.meeting.id).exec()

    def action_done(self, action_id: int) -> None:
        """Mark an action item done."""
        from tac_desk.domain.enums import ActionStatus
        from tac_desk.services import actions

        self._write(lambda s: actions.set_action_status(session=s, action_id=action_id, status=ActionStatus.DONE))
