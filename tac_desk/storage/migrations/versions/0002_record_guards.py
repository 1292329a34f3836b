"""Guards for the record: append-only journal, ballots and attendance; closed votes frozen; corrections.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Written by hand. SQLite triggers refuse, with a clear message, any change the application never
makes: editing or deleting a journal entry, a ballot, an attendance entry or a correction; a
ballot on a closed vote; changing a closed vote; deleting a motion that was put to a vote.
A later migration that rebuilds one of these tables (a batch move-and-copy) drops its triggers:
it must create them again (``tac-desk verify`` reports a missing guard).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64

TRIGGERS: dict[str, str] = {
    "guard_journal_insert": f"""
        CREATE TRIGGER guard_journal_insert BEFORE INSERT ON journal
        WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM journal)
          OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM journal ORDER BY seq DESC LIMIT 1), '{GENESIS}')
        BEGIN
            SELECT RAISE(ABORT, 'a journal entry must follow the last entry (next number, previous hash)');
        END""",
    "guard_journal_update": """
        CREATE TRIGGER guard_journal_update BEFORE UPDATE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only: its entries cannot be changed');
        END""",
    "guard_journal_delete": """
        CREATE TRIGGER guard_journal_delete BEFORE DELETE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only: its entries cannot be deleted');
        END""",
    "guard_ballot_update": """
        CREATE TRIGGER guard_ballot_update BEFORE UPDATE ON ballot
        BEGIN
            SELECT RAISE(ABORT, 'a recorded ballot cannot be changed; record a correction instead');
        END""",
    "guard_ballot_delete": """
        CREATE TRIGGER guard_ballot_delete BEFORE DELETE ON ballot
        BEGIN
            SELECT RAISE(ABORT, 'a recorded ballot cannot be deleted; record a correction instead');
        END""",
    "guard_ballot_insert_closed": """
        CREATE TRIGGER guard_ballot_insert_closed BEFORE INSERT ON ballot
        WHEN (SELECT status FROM motion WHERE id = NEW.motion_id) = 'closed'
        BEGIN
            SELECT RAISE(ABORT, 'the vote is closed; record a correction instead');
        END""",
    "guard_motion_update_closed": """
        CREATE TRIGGER guard_motion_update_closed BEFORE UPDATE ON motion
        WHEN OLD.status = 'closed'
        BEGIN
            SELECT RAISE(ABORT, 'the vote is closed and cannot be changed; record a correction instead');
        END""",
    "guard_motion_delete": """
        CREATE TRIGGER guard_motion_delete BEFORE DELETE ON motion
        WHEN OLD.open_entry_seq IS NOT NULL OR OLD.close_entry_seq IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'a motion that was put to a vote cannot be deleted');
        END""",
    "guard_attendance_update": """
        CREATE TRIGGER guard_attendance_update BEFORE UPDATE ON attendance
        BEGIN
            SELECT RAISE(ABORT, 'attendance is append-only: record a new attendance entry instead');
        END""",
    "guard_attendance_delete": """
        CREATE TRIGGER guard_attendance_delete BEFORE DELETE ON attendance
        BEGIN
            SELECT RAISE(ABORT, 'attendance is append-only: record a new attendance entry instead');
        END""",
    "guard_correction_insert_open": """
        CREATE TRIGGER guard_correction_insert_open BEFORE INSERT ON ballot_correction
        WHEN (SELECT status FROM motion WHERE id = NEW.motion_id) IS NOT 'closed'
        BEGIN
            SELECT RAISE(ABORT, 'a correction is recorded only after the vote has closed');
        END""",
    "guard_correction_update": """
        CREATE TRIGGER guard_correction_update BEFORE UPDATE ON ballot_correction
        BEGIN
            SELECT RAISE(ABORT, 'a correction cannot be changed; record another correction instead');
        END""",
    "guard_correction_delete": """
        CREATE TRIGGER guard_correction_delete BEFORE DELETE ON ballot_correction
        BEGIN
            SELECT RAISE(ABORT, 'a correction cannot be deleted; record another correction instead');
        END""",
}


def upgrade() -> None:
    op.create_table(
        "ballot_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("original_entry_seq", sa.Integer(), nullable=False),
        sa.Column("previous_choice", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("choice", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("outcome_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["motion_id"], ["motion.id"], name=op.f("fk_ballot_correction_motion_id_motion")),
        sa.ForeignKeyConstraint(["ballot_id"], ["ballot.id"], name=op.f("fk_ballot_correction_ballot_id_ballot")),
        sa.ForeignKeyConstraint(
            ["original_entry_seq"], ["journal.seq"], name=op.f("fk_ballot_correction_original_entry_seq_journal")
        ),
        sa.ForeignKeyConstraint(["entry_seq"], ["journal.seq"], name=op.f("fk_ballot_correction_entry_seq_journal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_correction")),
        sa.UniqueConstraint("entry_seq", name=op.f("uq_ballot_correction_entry_seq")),
    )
    op.create_index(op.f("ix_ballot_correction_motion_id"), "ballot_correction", ["motion_id"], unique=False)
    for statement in TRIGGERS.values():
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_ballot_correction_motion_id"), table_name="ballot_correction")
    op.drop_table("ballot_correction")
