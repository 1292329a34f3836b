"""A ballot corrected after its vote closed: a new entry pointing at the original, outcome recomputed (C23)."""

from __future__ import annotations

import json

import pytest
from integrity_kit import build

from tac_desk.domain.enums import Choice
from tac_desk.domain.errors import InvalidInput, NotFound, Refused
from tac_desk.services import corrections, integrity, votes
from tac_desk.storage import repositories as repo
from tac_desk.storage.database import Database
from tac_desk.storage.tables import JournalRow, MotionRow


def test_correction_appends_an_entry_and_recomputes_the_outcome(memory_db: Database) -> None:
    built = build(memory_db)
    with memory_db.read() as s:
        motion = repo.motion(s, built.closed_motion)
        closing = s.get(JournalRow, motion.close_entry_seq)
        assert closing is not None
        closing_before = (closing.payload, closing.hash)
        original = motion.outcome
        assert original is not None
        fixed = corrections.corrections(session=s, motion_id=built.closed_motion)
    # build() recorded one correction: ballot 2 from yes to abstain
    assert len(fixed) == 1 and fixed[0].previous_choice is Choice.YES and fixed[0].choice is Choice.ABSTAIN
    assert (original.tally.yes, original.tally.no) == (4, 1)
    assert (fixed[0].outcome.tally.yes, fixed[0].outcome.tally.abstain) == (3, 1)
    with memory_db.write() as s:
        second = corrections.correct_ballot(
            session=s, ballot_id=built.ballots[2], choice=Choice.NO, reason="the member wrote to correct it — «nein»"
        )
    with memory_db.read() as s:
        ballot = next(b for b in repo.ballots(s, built.closed_motion) if b.id == built.ballots[2])
        entry = s.get(JournalRow, second.entry_seq)
        assert entry is not None and entry.kind == "correction"
        payload = json.loads(entry.payload)
        assert payload["original_seq"] == ballot.entry_seq == second.original_entry_seq
        assert payload["reason"] == "the member wrote to correct it — «nein»"
        assert ballot.choice is Choice.YES  # the original ballot stays as cast
        standing = corrections.corrected_outcome(session=s, motion_id=built.closed_motion)
        assert standing is not None
        assert (standing.tally.yes, standing.tally.no, standing.tally.abstain) == (2, 2, 1)
        assert not standing.passed and "a tie fails" in standing.explanation
        frozen = repo.motion(s, built.closed_motion).outcome
        assert frozen == original  # the frozen outcome of the vote_closed entry is untouched
        closing = s.get(JournalRow, repo.motion(s, built.closed_motion).close_entry_seq)
        assert closing is not None and (closing.payload, closing.hash) == closing_before
        assert [c.entry_seq for c in corrections.corrections(session=s, motion_id=built.closed_motion)] == [
            built.correction_seq,
            second.entry_seq,
        ]
        assert corrections.corrected_outcome(session=s, motion_id=built.open_motion) is None
    report = integrity.verify(database=memory_db)
    assert report.ok, report.summary()


def test_corrections_are_refused_when_they_make_no_sense(memory_db: Database) -> None:
    built = build(memory_db)
    with memory_db.write() as s:
        open_ballot = votes.cast_ballot(
            session=s, motion_id=built.open_motion, person_id=built.people[2], choice=Choice.NO
        )
    cases = [
        (dict(ballot_id=open_ballot.id, choice=Choice.YES, reason="r"), Refused, "still open"),
        (dict(ballot_id=9999, choice=Choice.YES, reason="r"), NotFound, "no ballot with id 9999"),
        (dict(ballot_id=built.ballots[1], choice=Choice.ABSTAIN, reason="r"), InvalidInput, "already reads abstain"),
        (dict(ballot_id=built.ballots[0], choice=Choice.YES, reason="   "), InvalidInput, "reason"),
    ]
    for kwargs, error, message in cases:
        with pytest.raises(error, match=message), memory_db.write() as s:
            corrections.correct_ballot(session=s, **kwargs)  # type: ignore[arg-type]
    with memory_db.read() as s:
        row = s.get(MotionRow, built.closed_motion)
        assert row is not None and row.status == "closed"
    assert integrity.verify(database=memory_db).ok
