"""Database: engine set-up per backend, folder creation, secrecy of the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage import Database, Store
from bot.storage.database import PostgresStatements, SqliteWorker


async def test_sqlite_connections_are_configured(tmp_path: Path) -> None:
    async with Database.from_url(f"sqlite:///{tmp_path / 'coach.sqlite3'}") as database:
        assert database.dialect_name == "sqlite"
        async with database.engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert int(str(pragmas["busy_timeout"])) >= 1000


async def test_sqlite_transactions_cover_ddl(tmp_path: Path) -> None:
    """SQLAlchemy emits BEGIN itself, so even CREATE TABLE rolls back with the transaction."""
    async with Database.from_url(f"sqlite:///{tmp_path / 'coach.sqlite3'}") as database:
        async with database.engine.connect() as connection:
            await connection.execute(text("CREATE TABLE scratch (x INTEGER)"))
            await connection.rollback()
        async with database.engine.connect() as connection:
            tables = (
                await connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
            ).scalars()
            assert "scratch" not in set(tables)


async def test_sqlite_folder_is_created_when_the_database_is_opened(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "seller-coach"
    url = f"sqlite+aiosqlite:///{folder / 'seller-coach.sqlite3'}"
    assert not folder.exists()
    async with Database.from_url(url) as database:
        assert folder.is_dir()
        await database.migrate()
    assert (folder / "seller-coach.sqlite3").is_file()


async def test_one_store_over_the_engine(database_url: str) -> None:
    async with Database.from_url(database_url) as database:
        assert isinstance(database.store, Store)
        assert database.store is database.store
        assert database.store.engine is database.engine
        assert await database.store.get_policy(1) is None


def test_repr_hides_the_password() -> None:
    database = Database.from_url("postgresql://coach:hunter2@db.invalid/coach")
    assert database.dialect_name == "postgresql"
    assert database.engine.url.drivername == "postgresql+asyncpg"
    assert "hunter2" not in repr(database)
    assert "hunter2" not in database.safe_url


def count_statements(runner: SqliteWorker | PostgresStatements, into: list[str]) -> None:
    """Record in ``into`` whether each statement ``runner`` is handed writes or reads."""
    original = runner.run

    async def counting(work, *, write):  # type: ignore[no-untyped-def]
        into.append("write" if write else "read")
        return await original(work, write=write)

    runner.run = counting  # type: ignore[method-assign]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
async def test_in_memory_sqlite_works(url: str) -> None:
    async with Database.from_url(url) as database:
        await database.migrate()
        record = await database.store.create_session(None, 1, "{}")
        assert await database.store.get_session(record.id) == record


async def test_a_sqlite_file_runs_each_walkthrough_step_in_one_hand_off(tmp_path: Path) -> None:
    """Sessions and policies go through the worker's own connection, set up like the async
    engine's; what either writes, the other reads."""
    async with Database.from_url(f"sqlite:///{tmp_path / 'coach.sqlite3'}") as database:
        await database.migrate()
        worker = SqliteWorker.for_url(database.engine.url)
        assert worker is not None
        await worker.dispose()
        handed_off: list[str] = []
        hot = database.store._worker
        assert hot is not None
        count_statements(hot, handed_off)
        store = database.store
        created = await store.create_session(7, 42, '{"step": 1}')
        saved = await store.save_session(
            created.id, user_id=42, guild_id=7, state='{"step": 2}', expected_version=1
        )
        assert saved is not None and saved.version == 2
        assert await store.session_version(created.id) == 2
        assert await store.get_policy(42) is None
        assert handed_off == ["write", "write", "read", "read"]
        async with database.engine.connect() as connection:
            state = (
                await connection.execute(
                    text("SELECT state FROM coach_sessions WHERE id = :id"), {"id": created.id}
                )
            ).scalar_one()
        assert state == '{"step": 2}'
        await store.set_policy(42, '{"currency": "GBP"}')  # through the async engine
        assert await store.get_policy(42) == '{"currency": "GBP"}'
        with hot.engine.connect() as connection:
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 10_000,
            "synchronous": 1,
        }


@pytest.mark.parametrize(
    "url",
    ["sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=memory&uri=true", None],
)
def test_in_memory_sqlite_and_postgresql_stay_on_the_async_engine(url: str | None) -> None:
    from sqlalchemy import make_url

    parsed = make_url(url or "postgresql+asyncpg://postgres@127.0.0.1/test")
    assert SqliteWorker.for_url(parsed) is None


@pytest.mark.postgres
async def test_postgresql_runs_each_walkthrough_statement_in_autocommit(postgres_url: str) -> None:
    """On PostgreSQL the statements of the interaction path run on an engine of their own, each
    committed as it runs (no BEGIN, COMMIT or ROLLBACK around it): what either engine writes,
    the other reads at once."""
    async with Database.from_url(postgres_url) as database:
        statements = database.store._worker
        assert isinstance(statements, PostgresStatements)
        ran: list[str] = []
        count_statements(statements, ran)
        store = database.store
        created = await store.create_session(7, 42, '{"step": 1}')
        saved = await store.save_session(
            created.id, user_id=42, guild_id=7, state='{"step": 2}', expected_version=1
        )
        assert saved is not None and saved.version == 2
        stale = await store.save_session(
            created.id, user_id=42, guild_id=7, state='{"step": 9}', expected_version=1
        )
        assert stale is None
        assert await store.session_version(created.id) == 2
        await store.set_policy(42, '{"currency": "GBP"}')  # through the main engine
        assert (await store.standing(42, 7, revision=True)).policy == '{"currency": "GBP"}'
        assert ran == ["write", "write", "write", "read", "read"]
        async with database.engine.connect() as connection:
            state = (
                await connection.execute(
                    text("SELECT state FROM coach_sessions WHERE id = :id"), {"id": created.id}
                )
            ).scalar_one()
        assert state == '{"step": 2}'
        async with statements.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            assert raw.dbapi_connection is not None and raw.dbapi_connection.autocommit
    # The tables are shared with other tests on this database: leave none of this behind.
    async with Database.from_url(postgres_url) as database:
        await database.store.forget_user(42)
