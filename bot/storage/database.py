"""Engines, migrations and the :class:`Database` entry point.

>>> async with Database.from_url(settings.database_url) as database:  # doctest: +SKIP
...     await database.migrate()
...     record = await database.store.create_session(guild_id, user_id, "{}")
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import sqlalchemy
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.settings import normalise_database_url
from bot.storage.repository import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Connections each process keeps open to PostgreSQL for the statements of interactions (see
#: :class:`PostgresStatements`). Each statement holds one for a round trip or two, so a few
#: serve far more interactions than one process can answer; beyond them a statement waits for
#: one to be free rather than opening (and soon closing) another.
STATEMENT_CONNECTIONS = 10
# Connection execution option naming the kind of BEGIN emitted on SQLite.
SQLITE_BEGIN_OPTION = "seller_coach_sqlite_begin"
_SQLITE_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})


def create_engine(url: str, **engine_options: Any) -> AsyncEngine:
    """An async engine for ``url``, set up for this application's needs.

    Plain ``postgresql://`` and ``sqlite://`` URLs get their async drivers. For SQLite, the
    file's folder is created if missing, one connection is pooled, and it gets WAL
    journaling, a busy timeout and enforced foreign keys; SQLAlchemy, not the ``sqlite3``
    module, emits ``BEGIN`` so that transactions (including DDL) really are transactions. For
    PostgreSQL, pooled connections are pinged before use so a database restart does not
    surface as errors. Bound parameters (customers' details) are hidden from error messages
    and logs.
    """
    parsed = make_url(normalise_database_url(url))
    # Bound parameters carry customers' details: keep them out of errors and logs.
    engine_options.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        _ensure_sqlite_folder(parsed)
        if parsed.database not in (None, "", ":memory:"):
            # SQLite has one writer at a time. One pooled connection serves every request in
            # turn, which is fast (each statement takes about a millisecond) and avoids the
            # busy-wait sleeps that competing connections cause; other processes still wait
            # on the busy timeout.
            engine_options.setdefault("pool_size", 1)
            engine_options.setdefault("max_overflow", 0)
        engine = create_async_engine(parsed, **engine_options)
        _install_sqlite_hooks(engine)
    else:
        engine_options.setdefault("pool_pre_ping", True)
        engine = create_async_engine(parsed, **engine_options)
    log.debug("engine created for %s", parsed.render_as_string(hide_password=True))
    return engine


def _ensure_sqlite_folder(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_hooks(engine: AsyncEngine | Engine) -> None:
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Stop the sqlite3 module from issuing BEGIN itself (it skips it before DDL and
        # SELECT); the "begin" hook below does it for every transaction instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = str(connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED"))
        if mode not in _SQLITE_BEGIN_MODES:
            raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
        connection.exec_driver_sql(f"BEGIN {mode}")


class SqliteWorker:
    """Runs each short transaction on a SQLite file in one hand-off to a thread of its own.

    Through the async driver, every step of a transaction (BEGIN, the statement, fetching its
    rows, COMMIT, the pool's reset) is a separate trip to the driver's thread and back, which
    cost a walkthrough's save about three times the CPU of the work itself. Here the whole
    transaction runs on a plain SQLAlchemy engine in the worker's thread, with the same
    connection set-up, statements, types and hidden parameters as the async engine.
    """

    def __init__(self, url: URL) -> None:
        self.engine = sqlalchemy.create_engine(
            url.set(drivername="sqlite+pysqlite"),
            pool_size=1,
            max_overflow=0,
            hide_parameters=True,
        )
        _install_sqlite_hooks(self.engine)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")

    @classmethod
    def for_url(cls, url: URL) -> SqliteWorker | None:
        """A worker for a SQLite file; None for other databases and in-memory SQLite (whose
        data lives in the async engine's own connection)."""
        database = url.database
        if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
            return None
        if database.startswith("file:") or url.query.get("mode") == "memory":
            return None
        return cls(url)

    async def run(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """``work(connection)`` in one transaction, committed when ``write``."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._transaction, work, write)

    def _transaction(self, work: Callable[[Connection], T], write: bool) -> T:
        with self.engine.begin() if write else self.engine.connect() as connection:
            return work(connection)

    async def dispose(self) -> None:
        """Close the connection (in its own thread) and stop the thread."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._thread, self.engine.dispose)
        self._thread.shutdown(wait=False)


class PostgresStatements:
    """Runs each statement of an interaction's path on PostgreSQL as a transaction of its own.

    Those are single statements (a read, or a compare-and-set write), which PostgreSQL runs
    atomically and commits before answering. Through the main engine each also paid for
    ``BEGIN`` and ``COMMIT`` (or the pool's ``ROLLBACK``) and a pre-ping wrapped in a
    transaction of its own: six round trips to the server, and the CPU of each on both sides,
    where one does the work. Here they run on an engine of their own in autocommit, whose
    connections are pinged (one round trip) when taken from its pool. Work of several
    statements that must commit together stays on the main engine's transactions.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = create_async_engine(
            engine.url,
            isolation_level="AUTOCOMMIT",
            pool_pre_ping=True,
            hide_parameters=True,
            pool_size=STATEMENT_CONNECTIONS,
            max_overflow=0,
        )

    @classmethod
    def for_engine(cls, engine: AsyncEngine) -> PostgresStatements | None:
        """Statements on their own for a PostgreSQL engine; None for other databases."""
        if engine.dialect.name != "postgresql":
            return None
        return cls(engine)

    async def run(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """``work(connection)``: one statement, committed as it runs (``write`` or not)."""
        async with self.engine.connect() as connection:
            return await connection.run_sync(work)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration for the migrations shipped in this package; no ini file needed.

    With ``url``, commands that need a database (``upgrade``, ``revision --autogenerate``, ...)
    connect to it. :meth:`Database.migrate` passes its own connection instead.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if url is not None:
        # Kept out of the ini options: no %-interpolation trouble, no password in dumps.
        config.attributes["database_url"] = normalise_database_url(url)
    return config


# Alembic keeps the running migration in module globals (``alembic.context``, ``alembic.op``),
# so two migrations must never interleave in one process; one lock per event loop.
_migration_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _migration_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    lock = _migration_locks.get(loop)
    if lock is None:
        lock = _migration_locks[loop] = asyncio.Lock()
    return lock


def _upgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _downgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


class Database:
    """The application's database: an engine, its migrations and a :class:`Store` over it.

    Build it with :meth:`from_url` (which sets up SQLite properly); use it as an async context
    manager, or call :meth:`dispose` when done.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._worker: SqliteWorker | PostgresStatements | None = SqliteWorker.for_url(
            engine.url
        ) or PostgresStatements.for_engine(engine)
        self._store = Store(engine, worker=self._worker)

    @classmethod
    def from_url(cls, url: str, **engine_options: Any) -> Database:
        """A database for ``url`` (see :func:`create_engine`); nothing connects yet."""
        return cls(create_engine(url, **engine_options))

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @property
    def store(self) -> Store:
        return self._store

    @property
    def dialect_name(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @property
    def safe_url(self) -> str:
        """The URL without its password, for logs."""
        return self._engine.url.render_as_string(hide_password=True)

    async def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` (by default the newest).

        Safe to run from several processes at once: PostgreSQL serialises them with an advisory
        lock, SQLite with an immediate write transaction; the later ones find nothing to do.
        Within one process, migrations are queued (Alembic's state is process-global).
        """
        log.info("migrating %s to %s", self.safe_url, revision)
        async with _migration_lock(), self._engine.connect() as connection:
            await connection.run_sync(_upgrade, alembic_config(), revision)
            await connection.commit()

    async def downgrade(self, revision: str) -> None:
        """Take the schema back to ``revision`` (``base`` removes every table)."""
        log.warning("downgrading %s to %s", self.safe_url, revision)
        async with _migration_lock(), self._engine.connect() as connection:
            await connection.run_sync(_downgrade, alembic_config(), revision)
            await connection.commit()

    async def current_revision(self) -> str | None:
        """The migration the database is at; None for an empty database."""
        async with self._engine.connect() as connection:
            return await connection.run_sync(_current_revision)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        if self._worker is not None:
            await self._worker.dispose()
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.dispose()

    def __repr__(self) -> str:
        return f"Database({self.safe_url!r})"
