"""Coaching sessions: creation, ownership, optimistic concurrency, deletion."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Database, SessionStatus, Store

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002
SELLER = 800_000_000_000_000_001
OTHER_SELLER = 800_000_000_000_000_002
STATE = '{"step": "listen", "customer": "Ada Lovelace", "order": "#1042"}'


async def test_create_and_get(store: Store) -> None:
    before = datetime.now(UTC)
    record = await store.create_session(GUILD, SELLER, STATE)
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,32}", record.id)
    assert record.guild_id == GUILD
    assert record.user_id == SELLER
    assert record.state == STATE
    assert record.version == 1
    assert record.status is SessionStatus.ACTIVE
    assert not record.finished
    assert record.created_at.tzinfo is UTC
    assert before - timedelta(seconds=5) <= record.created_at <= datetime.now(UTC)
    assert record.updated_at == record.created_at

    assert await store.get_session(record.id) == record
    assert await store.get_session("no-such-session") is None


async def test_ids_are_unique_and_fit_a_custom_id(store: Store) -> None:
    records = [await store.create_session(None, SELLER, "{}") for _ in range(20)]
    ids = {record.id for record in records}
    assert len(ids) == 20
    assert all(16 <= len(session_id) <= 32 for session_id in ids)


async def test_large_discord_ids_round_trip(store: Store) -> None:
    biggest = 2**63 - 1  # snowflakes are unsigned 64-bit but stay below 2**63 for centuries
    record = await store.create_session(biggest, biggest, "{}")
    fetched = await store.get_session(record.id)
    assert fetched is not None
    assert (fetched.guild_id, fetched.user_id) == (biggest, biggest)


async def test_dm_sessions_have_no_guild(store: Store) -> None:
    record = await store.create_session(None, SELLER, STATE)
    assert record.guild_id is None
    assert record.belongs_to(SELLER, None)
    assert not record.belongs_to(SELLER, GUILD)
    saved = await store.save_session(
        record.id, user_id=SELLER, guild_id=None, state="{}", expected_version=1
    )
    assert saved is not None
    assert saved.version == 2


async def test_save_bumps_version_and_rejects_stale(store: Store) -> None:
    record = await store.create_session(GUILD, SELLER, STATE)
    first = await store.save_session(
        record.id, user_id=SELLER, guild_id=GUILD, state='{"step": 2}', expected_version=1
    )
    assert first is not None
    assert first.version == 2
    assert first.state == '{"step": 2}'
    assert first.updated_at >= record.updated_at
    assert first.created_at == record.created_at

    # The same button pressed again carries the old version: nothing changes.
    again = await store.save_session(
        record.id, user_id=SELLER, guild_id=GUILD, state='{"step": 3}', expected_version=1
    )
    assert again is None
    stored = await store.get_session(record.id)
    assert stored is not None
    assert (stored.version, stored.state) == (2, '{"step": 2}')


@pytest.mark.parametrize(
    ("user_id", "guild_id"),
    [(OTHER_SELLER, GUILD), (SELLER, OTHER_GUILD), (SELLER, None), (OTHER_SELLER, None)],
)
async def test_save_rejects_another_user_or_server(
    store: Store, user_id: int, guild_id: int | None
) -> None:
    record = await store.create_session(GUILD, SELLER, STATE)
    forged = await store.save_session(
        record.id, user_id=user_id, guild_id=guild_id, state="{}", expected_version=1
    )
    assert forged is None
    assert await store.get_session(record.id) == record


async def test_a_dm_session_cannot_be_saved_from_a_server(store: Store) -> None:
    record = await store.create_session(None, SELLER, STATE)
    assert (
        await store.save_session(
            record.id, user_id=SELLER, guild_id=GUILD, state="{}", expected_version=1
        )
        is None
    )


async def test_save_unknown_session(store: Store) -> None:
    assert (
        await store.save_session(
            "missing", user_id=SELLER, guild_id=GUILD, state="{}", expected_version=1
        )
        is None
    )


async def test_finish_and_reopen(store: Store) -> None:
    record = await store.create_session(GUILD, SELLER, STATE)
    done = await store.save_session(
        record.id, user_id=SELLER, guild_id=GUILD, state="{}", expected_version=1, finished=True
    )
    assert done is not None
    assert done.status is SessionStatus.FINISHED
    assert done.finished
    reopened = await store.save_session(
        record.id, user_id=SELLER, guild_id=GUILD, state="{}", expected_version=2
    )
    assert reopened is not None
    assert reopened.status is SessionStatus.ACTIVE


async def test_concurrent_saves_exactly_one_wins(database_url: str, store: Store) -> None:
    """Presses of the same button racing on separate connections: one save, the rest refused."""
    record = await store.create_session(GUILD, SELLER, STATE)
    databases = [Database.from_url(database_url) for _ in range(6)]
    try:
        results = await asyncio.gather(
            *(
                database.store.save_session(
                    record.id,
                    user_id=SELLER,
                    guild_id=GUILD,
                    state=f'{{"press": {n}}}',
                    expected_version=1,
                )
                for n, database in enumerate(databases)
            )
        )
    finally:
        for database in databases:
            await database.dispose()
    winners = [result for result in results if result is not None]
    assert len(winners) == 1
    stored = await store.get_session(record.id)
    assert stored is not None
    assert stored.version == 2
    assert stored.state == winners[0].state


async def test_purge_sessions(store: Store) -> None:
    clock = _Clock(datetime(2030, 1, 1, tzinfo=UTC))
    timed = Store(store.engine, clock=clock)
    old = await timed.create_session(GUILD, SELLER, "{}")
    clock.advance(minutes=90 * 24 * 60)
    fresh = await timed.create_session(GUILD, SELLER, "{}")
    assert await timed.purge_sessions(datetime(2030, 2, 1, tzinfo=UTC)) == 1
    assert await timed.get_session(old.id) is None
    assert await timed.get_session(fresh.id) is not None


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.purge_sessions(datetime(2030, 1, 1))


async def test_record_repr_hides_customer_details(store: Store) -> None:
    record = await store.create_session(GUILD, SELLER, STATE)
    assert "Ada" not in repr(record)
    assert "#1042" not in str(record)
    assert record.id in repr(record)


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
