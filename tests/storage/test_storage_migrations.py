"""The schema comes from alembic migrations, run with foreign keys off, then checked and switched back on."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect

from tac_desk.domain.errors import RecordError
from tac_desk.storage.database import Database, make_engine, open_database
from tac_desk.storage.inspect import inspect_record
from tac_desk.storage.migrate import alembic_config, upgrade
from tac_desk.storage.schema import APPLICATION_ID, HEAD_REVISION, SCHEMA_REVISIONS
from tac_desk.storage.tables import metadata


def script_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def test_schema_revisions_equal_the_alembic_scripts_in_order() -> None:
    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    assert list(SCHEMA_REVISIONS) == script_revisions()
    assert script.get_heads() == [HEAD_REVISION]
    assert SCHEMA_REVISIONS[0] == script.get_base()


def test_new_record_is_at_head_with_the_application_id(file_db: Database) -> None:
    with file_db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [HEAD_REVISION]
        assert connection.exec_driver_sql("PRAGMA application_id").scalar_one() == APPLICATION_ID
    assert file_db.path is not None
    assert inspect_record(file_db.path).is_current


@pytest.mark.parametrize("where", ["file", "memory"])
def test_migrated_schema_matches_the_sqlmodel_tables(where: str, tmp_path: Path) -> None:
    database = open_database(tmp_path / "r.tacdb" if where == "file" else ":memory:")
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
            tables = set(inspect(connection).get_table_names())
        assert tables == set(metadata.tables) | {"alembic_version"}
    finally:
        database.dispose()


def test_migrated_record_passes_integrity_and_foreign_key_checks(file_db: Database) -> None:
    with file_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_upgrade_runs_with_foreign_keys_off_then_checks_and_switches_them_on(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "r.tacdb")
    statements: list[str] = []

    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(engine, "connect", trace)
    try:
        upgrade(engine)
        normalized = [" ".join(s.split()).upper() for s in statements]
        off = normalized.index("PRAGMA FOREIGN_KEYS=OFF")
        creates = [i for i, s in enumerate(normalized) if s.startswith("CREATE TABLE")]
        check = normalized.index("PRAGMA FOREIGN_KEY_CHECK")
        on = max(i for i, s in enumerate(normalized) if s == "PRAGMA FOREIGN_KEYS=ON")
        assert off < creates[0] < creates[-1] < check < on
        assert "PRAGMA FOREIGN_KEYS=ON" not in normalized[off:check]
        created = {normalized[i].split()[2].strip('"').lower() for i in creates}
        assert created >= {name.lower() for name in metadata.tables} | {"alembic_version"}
        with engine.connect() as connection:  # the pooled connection that ran the upgrade
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        engine.dispose()


def test_upgrade_refuses_a_record_whose_references_are_broken(tmp_path: Path) -> None:
    path = tmp_path / "r.tacdb"
    open_database(path).dispose()
    raw = sqlite3.connect(path)  # foreign keys are off by default in a plain connection
    raw.execute(
        "INSERT INTO agenda_item (meeting_id, position, kind, title, planned_minutes, notes) "
        "VALUES (999, 0, 'update', 'orphan', 0, '')"
    )
    raw.commit()
    raw.close()
    engine = make_engine(path)
    try:
        with pytest.raises(RecordError, match="break 1 references"):
            upgrade(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == HEAD_REVISION
            assert connection.exec_driver_sql("SELECT count(*) FROM agenda_item").scalar_one() == 1
    finally:
        engine.dispose()


def test_an_sqlite_file_without_tables_is_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "empty.tacdb"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE scratch (x)")
    raw.execute("DROP TABLE scratch")
    raw.commit()
    raw.close()
    assert path.stat().st_size > 0
    assert inspect_record(path).revision is None
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == HEAD_REVISION
            assert connection.exec_driver_sql("PRAGMA application_id").scalar_one() == APPLICATION_ID
    finally:
        database.dispose()
