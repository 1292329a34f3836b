"""Alembic environment: runs on the connection TAC Desk hands over, in batch mode."""

from alembic import context

from tac_desk.storage.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("TAC Desk migrations run through tac_desk.storage.migrate, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
