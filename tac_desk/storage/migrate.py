"""Create and upgrade the schema with alembic, foreign keys off during the upgrade, then checked."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from tac_desk.domain.errors import RecordError
from tac_desk.storage.schema import APPLICATION_ID

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> object:
    """The alembic configuration for TAC Desk's migrations (no ini file needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the record to ``revision`` in one transaction.

    Foreign keys are switched off for the upgrade (batch table rebuilds would otherwise cascade
    deletes) and checked afterwards; any violation undoes the whole upgrade.

    Raises:
        RecordError: when the upgraded record fails its foreign-key check.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, where SQLite honours it
        try:
            with connection.begin():
                config.attributes["connection"] = connection  # type: ignore[attr-defined]
                command.upgrade(config, revision)  # type: ignore[arg-type]
                violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if violations:
                    raise RecordError(f"the upgrade would break {len(violations)} references; nothing was changed")
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
