"""Record ballots in a loop, one transaction each, printing "ack <pid> <ballot id> <entry seq>" after each commit.

Usage: ballot_writer.py RECORD loop            (until killed)
       ballot_writer.py RECORD hold N          (N ballots, print "done", then wait to be killed)
"""

from __future__ import annotations

import os
import sys
import time

from tac_desk.domain.enums import Choice
from tac_desk.services import votes
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import open_database

CHOICES = (Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.YES)


def run(path: str, limit: int | None) -> None:
    """Open the record and record ``limit`` ballots (forever when None), closing and opening votes as needed."""
    pid = os.getpid()
    db = open_database(path, create=False)
    print(f"ready {pid}", flush=True)
    done = 0
    while limit is None or done < limit:
        with db.read() as session:
            motion = next((m for m in repo.motions(session) if m.status == "open"), None)
            pending = () if motion is None else votes.not_voted(session=session, motion_id=motion.id)
        if motion is None or not pending:
            with db.write() as session:
                if motion is not None:
                    votes.close_vote(session=session, motion_id=motion.id, allow_no_quorum=True)
                votes.open_motion(session=session, text=f"Motion after {done} ballots — «test»")
            continue
        voter = pending[0].primary_id
        with db.write() as session:
            ballot = votes.cast_ballot(session=session, motion_id=motion.id, person_id=voter, choice=CHOICES[done % 4])
        print(f"ack {pid} {ballot.id} {ballot.entry_seq}", flush=True)
        done += 1
    print(f"done {pid}", flush=True)


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 else None)
    if sys.argv[2] == "hold":
        time.sleep(3600)
