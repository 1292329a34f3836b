"""First schema of the TAC Desk record.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("chair_voting", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body")),
    )
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("payload", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal")),
        sa.UniqueConstraint("hash", name=op.f("uq_journal_hash")),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_kind"), ["kind"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("organization", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_start_local", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("interval_weeks", sa.Integer(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
        sa.UniqueConstraint("uid", name=op.f("uq_series_uid")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "decision_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rule_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_decision_type_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_type")),
        sa.UniqueConstraint("body_id", "key", name=op.f("uq_decision_type_body_id")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_local", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_utc", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("original_start_local", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["series.id"], name=op.f("fk_meeting_series_id_series")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_start_local"), ["start_local"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_start_utc"), ["start_utc"], unique=False)

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sponsor_seat_id", sa.Integer(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("stage_since", sa.Date(), nullable=True),
        sa.Column("proposal_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("repository_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["lead_id"], ["person.id"], name=op.f("fk_project_lead_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("name", name=op.f("uq_project_name")),
    )
    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("task", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_action_item_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], name=op.f("fk_action_item_owner_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
    )
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("presenter_id", sa.Integer(), nullable=True),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("requested_stage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["presenter_id"], ["person.id"], name=op.f("fk_agenda_item_presenter_id_person")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_agenda_item_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("organization", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("primary_id", sa.Integer(), nullable=True),
        sa.Column("alternate_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["alternate_id"], ["person.id"], name=op.f("fk_seat_alternate_id_person")),
        sa.ForeignKeyConstraint(["primary_id"], ["person.id"], name=op.f("fk_seat_primary_id_person")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_seat_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seat")),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("presence", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_seq"], ["journal.seq"], name=op.f("fk_attendance_entry_seq_journal")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_attendance_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_attendance_person_id_person")),
        sa.ForeignKeyConstraint(["seat_id"], ["seat.id"], name=op.f("fk_attendance_seat_id_seat")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "motion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decision_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rule_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("opened_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("roster_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("outcome_json", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("requested_stage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("open_entry_seq", sa.Integer(), nullable=True),
        sa.Column("close_entry_seq", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_item.id"], name=op.f("fk_motion_agenda_item_id_agenda_item")
        ),
        sa.ForeignKeyConstraint(["close_entry_seq"], ["journal.seq"], name=op.f("fk_motion_close_entry_seq_journal")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_motion_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["open_entry_seq"], ["journal.seq"], name=op.f("fk_motion_open_entry_seq_journal")),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_motion_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion")),
    )
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motion_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("choice", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cast_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_seq"], ["journal.seq"], name=op.f("fk_ballot_entry_seq_journal")),
        sa.ForeignKeyConstraint(["motion_id"], ["motion.id"], name=op.f("fk_ballot_motion_id_motion")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_ballot_person_id_person")),
        sa.ForeignKeyConstraint(["seat_id"], ["seat.id"], name=op.f("fk_ballot_seat_id_seat")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint("motion_id", "seat_id", name=op.f("uq_ballot_motion_id")),
    )
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ballot_motion_id"), ["motion_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_motion_id"))

    op.drop_table("ballot")
    with op.batch_alter_table("motion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motion_meeting_id"))

    op.drop_table("motion")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")
    op.drop_table("seat")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_meeting_id"))

    op.drop_table("action_item")
    op.drop_table("project")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_start_utc"))
        batch_op.drop_index(batch_op.f("ix_meeting_start_local"))
        batch_op.drop_index(batch_op.f("ix_meeting_series_id"))

    op.drop_table("meeting")
    op.drop_table("decision_type")
    op.drop_table("setting")
    op.drop_table("series")
    op.drop_table("person")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_kind"))

    op.drop_table("journal")
    op.drop_table("body")
