"""Alembic environment: runs migrations on a connection handed over by the application, or
on one it opens itself from the URL in the configuration's attributes."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, text

from bot.storage.database import SQLITE_BEGIN_OPTION, create_engine
from bot.storage.models import Base, UTCDateTime

log = logging.getLogger(__name__)

# Any constant shared by every process of this application will do.
MIGRATION_LOCK_KEY = 0x5E11E2C0AC4

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations describe plain column types, never the application's Python classes.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    dialect = connection.dialect.name if connection is not None else (url or "").split(":", 1)[0]
    is_sqlite = dialect.startswith("sqlite")
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_item=_render_item,
        render_as_batch=is_sqlite,  # SQLite can only change most things by copying a table
        transactional_ddl=True,  # true of SQLite too, as BEGIN is emitted by SQLAlchemy
        compare_type=True,
        literal_binds=connection is None,
        dialect_opts={"paramstyle": "named"} if connection is None else {},
    )


def _run_on(connection: Connection) -> None:
    if connection.dialect.name == "sqlite" and not connection.in_transaction():
        # Take the write lock up front, so concurrent migrators queue instead of failing.
        connection.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
    _configure(connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several bot processes may start together: one migrates, the others wait and
            # then find the schema current.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_on)
            await connection.commit()
    finally:
        await engine.dispose()


def _database_url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass a connection or a URL to the Alembic config")
    return str(url)


if context.is_offline_mode():
    _configure(url=_database_url())
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    _run_on(given)
else:
    asyncio.run(_run_with_own_engine(_database_url()))
