"""Minutes approved and exported are journal entries; the minutes print "Approved" once approved."""

from __future__ import annotations

import hashlib
import json

import pytest
from services_kit import Committee

from tac_desk.domain.errors import Refused
from tac_desk.exports.minutes_md import render_minutes_markdown
from tac_desk.services import integrity
from tac_desk.services.minutes import MinutesStatus, minutes_record
from tac_desk.services.minutes_log import approval, approve_minutes, record_export
from tac_desk.storage import journal


def test_minutes_are_a_draft_until_approved(committee: Committee) -> None:
    meeting_id = committee.meeting.id
    committee.attend(0, 1, 2)
    assert committee.read(minutes_record, meeting_id=meeting_id).status is MinutesStatus.DRAFT
    done = committee.write(approve_minutes, meeting_id=meeting_id)
    record = committee.read(minutes_record, meeting_id=meeting_id)
    assert record.status is MinutesStatus.APPROVED
    assert "**Status:** Approved" in render_minutes_markdown(record).decode()
    assert committee.read(approval, meeting_id=meeting_id) == done
    with committee.db.read() as session:
        entry = journal.head(session)
        assert entry is not None and entry.kind == "minutes_approved" and entry.seq == done.entry_seq


def test_approval_is_refused_twice_and_before_the_meeting(committee: Committee) -> None:
    with pytest.raises(Refused, match="has not been held"):
        committee.write(approve_minutes, meeting_id=committee.meeting.id)
    committee.attend(0)
    committee.write(approve_minutes, meeting_id=committee.meeting.id)
    with pytest.raises(Refused, match="already approved"):
        committee.write(approve_minutes, meeting_id=committee.meeting.id)


def test_an_export_entry_names_the_file_hash_and_the_printed_digest(committee: Committee) -> None:
    committee.attend(0, 1)
    with committee.db.read() as session:
        record = minutes_record(session=session, meeting_id=committee.meeting.id)
    data = render_minutes_markdown(record)
    digest = hashlib.sha256(data).hexdigest()
    seq = committee.write(
        record_export,
        meeting_id=committee.meeting.id,
        file_format="md",
        sha256=digest,
        head_seq=record.head_seq,
        head_hash=record.head_hash,
    )
    with committee.db.read() as session:
        entry = journal.head(session)
        assert entry is not None and entry.seq == seq and entry.kind == "minutes_exported"
        payload = json.loads(entry.payload)
    assert payload["sha256"] == digest
    assert (payload["printed_head_seq"], payload["printed_head_hash"]) == (record.head_seq, record.head_hash)
    assert integrity.verify(database=committee.db).ok
