"""Project lifecycle: stage requests, Governing Board decisions, stage changes, recorded facts, annual reviews.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Written by hand. Every new table is append-only: triggers refuse to change or delete its rows
(a request, a board decision, a stage change, a fact or a review is corrected by recording a new one).
Projects keep their columns; the new stage "proposed" is a new value of project.stage.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString
APPEND_ONLY = ("stage_request", "board_decision", "stage_change", "project_fact", "annual_review")


def _fk(table: str, column: str, target: str, target_column: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{target_column}"], name=op.f(f"fk_{table}_{column}_{target}"))


def _guards(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER guard_{table}_{verb} BEFORE {verb.upper()} ON {table}
        BEGIN
            SELECT RAISE(ABORT, 'lifecycle records are append-only: {table} rows cannot be {done}');
        END"""
        for verb, done in (("update", "changed"), ("delete", "deleted"))
    ]


def upgrade() -> None:
    op.create_table(
        "stage_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("stage", TEXT(), nullable=False),
        sa.Column("from_stage", TEXT(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("version_key", TEXT(), nullable=False),
        sa.Column("board_approval", sa.Boolean(), nullable=False),
        sa.Column("override_reason", TEXT(), nullable=False),
        sa.Column("overridden_until", sa.Date(), nullable=True),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        _fk("stage_request", "project_id", "project"),
        _fk("stage_request", "motion_id", "motion"),
        _fk("stage_request", "entry_seq", "journal", "seq"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_request")),
        sa.UniqueConstraint("motion_id", name=op.f("uq_stage_request_motion_id")),
    )
    op.create_index(op.f("ix_stage_request_project_id"), "stage_request", ["project_id"], unique=False)
    op.create_table(
        "board_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("note", TEXT(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        _fk("board_decision", "request_id", "stage_request"),
        _fk("board_decision", "entry_seq", "journal", "seq"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_decision")),
        sa.UniqueConstraint("request_id", name=op.f("uq_board_decision_request_id")),
    )
    op.create_table(
        "stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", TEXT(), nullable=True),
        sa.Column("to_stage", TEXT(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("note", TEXT(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        _fk("stage_change", "project_id", "project"),
        _fk("stage_change", "request_id", "stage_request"),
        _fk("stage_change", "entry_seq", "journal", "seq"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_change")),
    )
    op.create_index(op.f("ix_stage_change_project_id"), "stage_change", ["project_id"], unique=False)
    op.create_table(
        "project_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", TEXT(), nullable=False),
        sa.Column("value", TEXT(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("note", TEXT(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        _fk("project_fact", "project_id", "project"),
        _fk("project_fact", "entry_seq", "journal", "seq"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_fact")),
    )
    op.create_index(op.f("ix_project_fact_project_id"), "project_fact", ["project_id"], unique=False)
    op.create_table(
        "annual_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("notes", TEXT(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        _fk("annual_review", "project_id", "project"),
        _fk("annual_review", "meeting_id", "meeting"),
        _fk("annual_review", "entry_seq", "journal", "seq"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_review")),
    )
    op.create_index(op.f("ix_annual_review_project_id"), "annual_review", ["project_id"], unique=False)
    for table in APPEND_ONLY:
        for statement in _guards(table):
            op.execute(statement)


def downgrade() -> None:
    for table in reversed(APPEND_ONLY):
        op.execute(f"DROP TRIGGER IF EXISTS guard_{table}_update")
        op.execute(f"DROP TRIGGER IF EXISTS guard_{table}_delete")
    for table in ("annual_review", "project_fact", "stage_change"):
        op.drop_index(op.f(f"ix_{table}_project_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("board_decision")
    op.drop_index(op.f("ix_stage_request_project_id"), table_name="stage_request")
    op.drop_table("stage_request")
