"""``forget_user``: everything about one seller goes, nothing about anyone else."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.storage import Store
from bot.storage.models import CoachSession, GuildSettings, Reminder, SellerPolicy

SELLER = 800_000_000_000_000_001
OTHER_SELLER = 800_000_000_000_000_002
GUILD = 900_000_000_000_000_001
NOW = datetime(2030, 5, 17, 12, 0, tzinfo=UTC)


async def _count(store: Store, model: type, **where: int) -> int:
    statement = select(func.count()).select_from(model)
    for name, value in where.items():
        statement = statement.where(getattr(model, name) == value)
    async with store.engine.connect() as connection:
        return int((await connection.execute(statement)).scalar_one())


async def _populate(store: Store, user_id: int) -> None:
    in_guild = await store.create_session(GUILD, user_id, '{"customer": "Ada"}')
    await store.create_session(None, user_id, "{}")
    await store.add_reminder(user_id, GUILD, in_guild.id, NOW, '{"draft": "Hi Ada"}')
    await store.add_reminder(user_id, None, None, NOW, "{}")
    held = await store.add_reminder(user_id, GUILD, None, NOW, "{}")
    await store.claim_due_reminders(NOW, f"w{user_id}")
    await store.mark_held(held.id, f"w{user_id}")
    await store.set_policy(user_id, '{"goodwill": 5}')


async def test_forget_user_removes_everything_about_them_only(store: Store) -> None:
    await _populate(store, SELLER)
    await _populate(store, OTHER_SELLER)
    # Another seller's reminder may outlive a session; it must survive too.
    await store.set_guild_settings(GUILD, '{"channel": 1}')

    counts = await store.forget_user(SELLER)

    assert counts == {"reminders": 3, "sessions": 2, "policies": 1}
    for model in (CoachSession, Reminder, SellerPolicy):
        assert await _count(store, model, user_id=SELLER) == 0
        assert await _count(store, model, user_id=OTHER_SELLER) > 0
    assert await _count(store, CoachSession, user_id=OTHER_SELLER) == 2
    assert await _count(store, Reminder, user_id=OTHER_SELLER) == 3
    assert await store.get_policy(OTHER_SELLER) == '{"goodwill": 5}'
    assert await store.get_guild_settings(GUILD) == '{"channel": 1}'
    assert await _count(store, GuildSettings) == 1
    assert await store.claim_held_reminders(SELLER, "w") == []
    assert len(await store.claim_held_reminders(OTHER_SELLER, "w")) == 1


async def test_forget_unknown_user(store: Store) -> None:
    await _populate(store, OTHER_SELLER)
    assert await store.forget_user(SELLER) == {"reminders": 0, "sessions": 0, "policies": 0}
    assert await _count(store, CoachSession) == 2


async def test_forget_twice(store: Store) -> None:
    await _populate(store, SELLER)
    await store.forget_user(SELLER)
    assert await store.forget_user(SELLER) == {"reminders": 0, "sessions": 0, "policies": 0}
