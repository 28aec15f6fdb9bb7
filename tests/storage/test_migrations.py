"""Migrations: they build the schema the models describe, and run safely more than once."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from bot.storage import Database, alembic_config
from bot.storage.models import Base

TABLES = {
    "coach_sessions",
    "seller_policies",
    "guild_settings",
    "reminders",
    "command_syncs",
    "server_playbooks",
    "hidden_playbooks",
    "server_set_revisions",
    "suggestions",
}


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _schema_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    differences: list[Any] = compare_metadata(context, Base.metadata)
    return differences


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _index_names(connection: Connection, table: str) -> set[str]:
    return {str(index["name"]) for index in inspect(connection).get_indexes(table)}


async def test_migrate_builds_the_schema_the_models_describe(empty_database_url: str) -> None:
    async with Database.from_url(empty_database_url) as database:
        assert await database.current_revision() is None
        await database.migrate()
        assert await database.current_revision() == _head()
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_table_names) == TABLES | {"alembic_version"}
            assert await connection.run_sync(_schema_differences) == []
            assert await connection.run_sync(_index_names, "reminders") >= {
                "ix_reminders_status_due_at",
                "ix_reminders_user_id_status",
            }
            assert "ix_coach_sessions_user_id_updated_at" in await connection.run_sync(
                _index_names, "coach_sessions"
            )


async def test_a_model_change_without_migration_is_noticed(empty_database_url: str) -> None:
    """The comparison above is not vacuous: an unmigrated database differs from the models."""
    async with Database.from_url(empty_database_url) as database:
        await database.migrate()
        await database.downgrade("base")
        async with database.engine.connect() as connection:
            differences = await connection.run_sync(_schema_differences)
        assert {diff[1].name for diff in differences if diff[0] == "add_table"} == TABLES


async def test_migrate_is_idempotent_and_reversible(empty_database_url: str) -> None:
    async with Database.from_url(empty_database_url) as database:
        await database.migrate()
        await database.migrate()
        await database.store.set_policy(1, "{}")
        await database.downgrade("base")
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_table_names) <= {"alembic_version"}
        await database.migrate()
        assert await database.current_revision() == _head()
        assert await database.store.get_policy(1) is None


async def test_concurrent_migrations_do_not_collide(empty_database_url: str) -> None:
    """Several bot processes starting together may all migrate; one does the work."""
    databases = [Database.from_url(empty_database_url) for _ in range(4)]
    try:
        await asyncio.gather(*(database.migrate() for database in databases))
        assert await databases[0].current_revision() == _head()
        async with databases[0].engine.connect() as connection:
            assert await connection.run_sync(_schema_differences) == []
    finally:
        for database in databases:
            await database.dispose()


async def test_alembic_commands_open_their_own_connection(empty_database_url: str) -> None:
    """The in-code Alembic config works without an ini file, as ``python -m`` uses it."""
    config = alembic_config(empty_database_url)
    # Alembic commands are synchronous and start their own event loop.
    await asyncio.to_thread(command.upgrade, config, "head")
    async with Database.from_url(empty_database_url) as database:
        assert await database.current_revision() == _head()
    await asyncio.to_thread(command.check, config)  # raises if models and schema differ


def test_offline_sql_generation() -> None:
    output = io.StringIO()
    config = alembic_config("postgresql://nobody@nowhere.invalid/none")
    config.output_buffer = output
    command.upgrade(config, "head", sql=True)
    sql = output.getvalue()
    for table in TABLES:
        assert f"CREATE TABLE {table}" in sql
    assert "ON DELETE SET NULL" in sql


async def test_processes_migrating_at_once_do_not_collide(empty_database_url: str) -> None:
    """Bot processes sharing one database all migrate at start-up; one does the work."""
    environment = {**os.environ, "DATABASE_URL": empty_database_url, "LOG_LEVEL": "WARNING"}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.storage.migrations",
            "upgrade",
            "head",
            env=environment,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(4)
    ]
    try:
        for process in processes:
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
            assert process.returncode == 0, stderr.decode(errors="replace")
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    async with Database.from_url(empty_database_url) as database:
        assert await database.current_revision() == _head()
