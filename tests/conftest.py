"""Shared fixtures: every storage test runs on SQLite (a temporary file) and on real PostgreSQL.

PostgreSQL comes from ``TEST_POSTGRES_URL`` (default: the local server's ``test`` database,
used only to create and drop a uniquely named database for this test session). When it cannot
be reached the PostgreSQL variants are skipped, unless ``SELLER_COACH_REQUIRE_POSTGRES=1``
(as in CI), which makes them fail instead.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.settings import normalise_database_url, redact_url
from bot.storage import Database, Store
from bot.storage.models import Base

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT_SECONDS = 5


class PostgresServer:
    """Creates and drops throwaway databases through an administrative connection."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self._created: list[str] = []

    async def _execute(self, *statements: str) -> None:
        engine = create_async_engine(
            self.admin_url,
            isolation_level="AUTOCOMMIT",
            poolclass=NullPool,
            connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
        )
        try:
            async with engine.connect() as connection:
                for statement in statements:
                    await connection.execute(text(statement))
        finally:
            await engine.dispose()

    def check(self) -> None:
        asyncio.run(self._execute("SELECT 1"))

    async def create_database(self) -> str:
        name = f"seller_coach_test_{os.getpid()}_{secrets.token_hex(4)}"
        await self._execute(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    async def drop_database(self, url: str) -> None:
        name = make_url(url).database
        assert name in self._created
        await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.remove(name)

    def drop_all(self) -> None:
        names = list(self._created)
        self._created.clear()
        if names:
            asyncio.run(
                self._execute(*(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names))
            )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    admin_url = normalise_database_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    server = PostgresServer(admin_url)
    try:
        server.check()
    except (OSError, TimeoutError, SQLAlchemyError) as exc:
        reason = (
            f"PostgreSQL not reachable at {redact_url(admin_url)}; set TEST_POSTGRES_URL "
            f"({type(exc).__name__}: {exc})"
        )
        if os.environ.get("SELLER_COACH_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    yield server
    server.drop_all()


async def _migrated(url: str) -> str:
    async with Database.from_url(url) as database:
        await database.migrate()
    return url


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """A migrated PostgreSQL database shared by this test session."""
    return asyncio.run(_migrated_new(postgres_server))


async def _migrated_new(server: PostgresServer) -> str:
    return await _migrated(await server.create_database())


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file shared by this test session."""
    path = tmp_path_factory.mktemp("sqlite") / "seller-coach.sqlite3"
    return asyncio.run(_migrated(f"sqlite+aiosqlite:///{path}"))


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of a migrated database holding no rows (they are deleted before the test)."""
    fixture = "sqlite_url" if backend == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database.from_url(database_url)
    async with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(delete(table))
    yield database
    await database.dispose()


@pytest.fixture
def store(database: Database) -> Store:
    return database.store


@pytest.fixture
def backend_server(backend: str, request: pytest.FixtureRequest) -> PostgresServer | None:
    """The PostgreSQL server for the ``postgresql`` backend; None for SQLite."""
    # Resolved in a plain fixture: the session fixture runs its own event loop.
    if backend == "sqlite":
        return None
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server


@pytest.fixture
async def empty_database_url(
    backend_server: PostgresServer | None, tmp_path: Path
) -> AsyncIterator[str]:
    """The URL of a brand-new database with no tables, for migration tests."""
    if backend_server is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server = backend_server
    url = await server.create_database()
    yield url
    await server.drop_database(url)
