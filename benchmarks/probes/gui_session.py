"""In one fresh process: the main window on the ten-year record, then switch meetings, open Decisions, close votes.

Usage: ``python -m benchmarks.probes.gui_session RECORD RUNS MEETING_A MEETING_B`` (RECORD is changed: use a copy).
Prints one JSON line: the milliseconds of each run of each measure, and the process's peak memory in MiB.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from tac_desk.ui.application import make_application
from tac_desk.ui.main_window import MainWindow


class PaintCounter(QObject):
    """Counts paint events, to be sure each measure includes painting the change."""

    paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: count paints."""
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def settle(app: QApplication) -> None:
    """Deliver every pending event (layouts, repaints)."""
    for _ in range(3):
        app.processEvents()


def timed(app: QApplication, counter: PaintCounter, action: Any) -> float:
    """Milliseconds to run ``action`` and process the events it caused, painting included."""
    before = counter.paints
    started = time.perf_counter()
    action()
    app.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    if counter.paints == before:
        raise RuntimeError("the measured action painted nothing")
    settle(app)
    return elapsed


def wait_for_idle(app: QApplication, limit_s: float = 60.0) -> float:
    """Let the opening's background work (record check, day's backup) finish; returns how long it took.

    The measures are of steady-state use; while the opening check runs it shares the interpreter with the window.
    """
    from tac_desk.ui.background import is_busy

    started = time.perf_counter()
    while is_busy() and time.perf_counter() - started < limit_s:
        app.processEvents()
        time.sleep(0.005)
    settle(app)
    return time.perf_counter() - started


def view_index(window: MainWindow, title: str) -> int:
    """The navigation row of the view titled ``title``."""
    for number, view in enumerate(window.views):
        if view.title == title:
            return number
    raise LookupError(f"no view titled {title!r}")


def prepare_vote(window: MainWindow, meeting_id: int, number: int) -> int:
    """Open a motion at a held meeting and cast a ballot for every seat present; returns the motion's id."""
    from tac_desk.domain.enums import Choice
    from tac_desk.domain.errors import Refused
    from tac_desk.services import votes

    with window.context.database.write() as session:
        motion = votes.open_motion(session=session, text=f"Benchmark motion {number}", meeting_id=meeting_id)
        for entry in votes.not_voted(session=session, motion_id=motion.id):
            try:
                votes.cast_ballot(session=session, motion_id=motion.id, seat_id=entry.seat_id, choice=Choice.YES)
            except Refused:
                continue  # the seat is absent at that meeting
    return int(motion.id)


def main(argv: list[str]) -> dict[str, Any]:
    """Run every in-window measure ``runs`` times."""
    record, runs, first, second = Path(argv[0]), int(argv[1]), int(argv[2]), int(argv[3])
    app = make_application([sys.argv[0]])
    counter = PaintCounter(app)
    app.installEventFilter(counter)
    window = MainWindow(QSettings())
    window.start(record)
    window.show()
    settle(app)
    checking_s = wait_for_idle(app)
    meetings_row = view_index(window, "Meetings")
    decisions_row = view_index(window, "Decisions")
    meetings_view: Any = window.views[meetings_row]
    meetings_view.select_meeting(second)  # the first selection also switches the list to all meetings
    settle(app)
    pair = (first, second)
    switch = [timed(app, counter, lambda m=pair[n % 2]: meetings_view.select_meeting(m)) for n in range(runs)]
    decisions = []
    for _ in range(runs):
        window.nav.setCurrentRow(meetings_row)
        settle(app)
        window.views[decisions_row].mark_stale()
        decisions.append(timed(app, counter, lambda: window.nav.setCurrentRow(decisions_row)))
    window.nav.setCurrentRow(meetings_row)
    close = []
    service = []
    from tac_desk.services import votes

    for number in range(runs):
        motion_id = prepare_vote(window, first, 2 * number)
        meetings_view.select_meeting(first)
        window.context.sig_record_changed.emit()
        settle(app)
        close.append(
            timed(
                app,
                counter,
                lambda m=motion_id: window.context.write(
                    lambda s: votes.close_vote(session=s, motion_id=m, allow_no_quorum=True)
                ),
            )
        )
        motion_id = prepare_vote(window, first, 2 * number + 1)
        started = time.perf_counter()
        with window.context.database.write() as session:
            votes.close_vote(session=session, motion_id=motion_id, allow_no_quorum=True)
        service.append((time.perf_counter() - started) * 1000)
    for row in range(len(window.views)):
        window.nav.setCurrentRow(row)
        settle(app)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return {
        "switch_meeting_ms": switch,
        "decisions_view_ms": decisions,
        "close_vote_ms": close,
        "close_vote_service_ms": service,
        "peak_rss_mb": peak_mib,
        "opening_check_s": checking_s,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
