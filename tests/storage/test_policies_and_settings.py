"""Seller policies (per user, across servers) and server settings: upserts on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.storage import Store
from bot.storage.models import SellerPolicy

SELLER = 800_000_000_000_000_001
OTHER_SELLER = 800_000_000_000_000_002
GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002


async def test_policy_missing(store: Store) -> None:
    assert await store.get_policy(SELLER) is None


async def test_policy_upsert(store: Store) -> None:
    await store.set_policy(SELLER, '{"goodwill": 5}')
    assert await store.get_policy(SELLER) == '{"goodwill": 5}'
    await store.set_policy(SELLER, '{"goodwill": 10, "insured": true}')
    assert await store.get_policy(SELLER) == '{"goodwill": 10, "insured": true}'
    await store.set_policy(OTHER_SELLER, "{}")
    assert await store.get_policy(SELLER) == '{"goodwill": 10, "insured": true}'
    assert await store.get_policy(OTHER_SELLER) == "{}"
    async with store.engine.connect() as connection:
        rows = (await connection.execute(select(SellerPolicy.user_id))).scalars().all()
    assert sorted(rows) == [SELLER, OTHER_SELLER]


async def test_policy_upsert_updates_the_timestamp(store: Store) -> None:
    times = iter([datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 6, 1, tzinfo=UTC)])
    timed = Store(store.engine, clock=lambda: next(times))
    await timed.set_policy(SELLER, "{}")
    await timed.set_policy(SELLER, "{}")
    async with store.engine.connect() as connection:
        updated = (
            await connection.execute(
                select(SellerPolicy.updated_at).where(SellerPolicy.user_id == SELLER)
            )
        ).scalar_one()
    assert updated == datetime(2030, 6, 1, tzinfo=UTC)


async def test_guild_settings_upsert_and_delete(store: Store) -> None:
    assert await store.get_guild_settings(GUILD) is None
    await store.set_guild_settings(GUILD, '{"channel": 1}')
    await store.set_guild_settings(GUILD, '{"channel": 2}')
    await store.set_guild_settings(OTHER_GUILD, '{"channel": 3}')
    assert await store.get_guild_settings(GUILD) == '{"channel": 2}'
    assert await store.get_guild_settings(OTHER_GUILD) == '{"channel": 3}'
    assert await store.delete_guild_settings(GUILD)
    assert not await store.delete_guild_settings(GUILD)
    assert await store.get_guild_settings(GUILD) is None
    assert await store.get_guild_settings(OTHER_GUILD) == '{"channel": 3}'


async def test_large_json_text_round_trips(store: Store) -> None:
    policy = '{"note": "' + "🙂 **bold** @everyone " * 2000 + '"}'
    await store.set_policy(SELLER, policy)
    assert await store.get_policy(SELLER) == policy


async def test_standing_reads_the_policy_revision_and_settings_in_one_go(store: Store) -> None:
    nothing = await store.standing(SELLER, GUILD, revision=True, settings=True)
    assert (nothing.policy, nothing.revision, nothing.settings) == (None, 0, None)
    await store.set_policy(SELLER, '{"goodwill": 5}')
    await store.set_guild_settings(GUILD, '{"currency": "EUR"}')
    await store.hide_playbook(GUILD, "refund-request", by=SELLER)
    await store.hide_playbook(GUILD, "late-delivery", by=SELLER)
    revision = await store.server_set_revision(GUILD)
    assert revision == 2
    full = await store.standing(SELLER, GUILD, revision=True, settings=True)
    assert (full.policy, full.revision, full.settings) == (
        '{"goodwill": 5}',
        revision,
        '{"currency": "EUR"}',
    )
    # What is not asked for is not read; a DM has no server to read.
    policy_only = await store.standing(SELLER, GUILD, revision=False)
    assert (policy_only.policy, policy_only.revision, policy_only.settings) == (
        '{"goodwill": 5}',
        None,
        None,
    )
    no_revision = await store.standing(SELLER, GUILD, revision=False, settings=True)
    assert (no_revision.revision, no_revision.settings) == (None, '{"currency": "EUR"}')
    in_a_dm = await store.standing(SELLER, None, revision=True, settings=True)
    assert (in_a_dm.policy, in_a_dm.revision, in_a_dm.settings) == ('{"goodwill": 5}', None, None)
    other = await store.standing(OTHER_SELLER, OTHER_GUILD, revision=True, settings=True)
    assert (other.policy, other.revision, other.settings) == (None, 0, None)
