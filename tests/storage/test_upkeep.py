"""Upkeep in the database: command-sync claims and the retention purge."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage import ReminderStatus, Store
from bot.storage.models import CoachSession, Reminder

SCOPE = "123:global"
SELLER = 800_000_000_000_000_001
NOW = datetime(2030, 5, 17, 12, 0, tzinfo=UTC)


async def test_a_command_sync_is_claimed_once_and_only_when_the_commands_changed(
    store: Store,
) -> None:
    assert await store.synced_command_hash(SCOPE) is None
    claims = await asyncio.gather(
        *(store.claim_command_sync(SCOPE, "a", f"w{n}") for n in range(5))
    )
    assert sorted(claims) == [False] * 4 + [True]
    winner = f"w{claims.index(True)}"
    assert await store.finish_command_sync(SCOPE, "a", winner)
    assert await store.synced_command_hash(SCOPE) == "a"

    assert not await store.claim_command_sync(SCOPE, "a", "w9")  # unchanged
    assert await store.claim_command_sync(SCOPE, "a", "w9", force=True)  # forced
    await store.release_command_sync(SCOPE, "w9")
    assert await store.synced_command_hash(SCOPE) == "a"  # a failed sync records nothing

    assert await store.claim_command_sync(SCOPE, "b", "w1")  # changed
    assert not await store.claim_command_sync(SCOPE, "b", "w2")  # w1 holds it
    assert not await store.finish_command_sync(SCOPE, "b", "w2")  # not w2's claim
    assert await store.finish_command_sync(SCOPE, "b", "w1")
    assert await store.synced_command_hash(SCOPE) == "b"
    assert await store.synced_command_hash("123:guild:1") is None


async def test_an_expired_claim_can_be_taken_over(store: Store) -> None:
    assert await store.claim_command_sync(SCOPE, "a", "w1", lease=timedelta(seconds=-1))
    assert await store.claim_command_sync(SCOPE, "a", "w2")


async def test_retention_deletes_old_walkthroughs_and_closed_reminders_only(store: Store) -> None:
    clock = [NOW - timedelta(days=40)]
    old = Store(store.engine, clock=lambda: clock[0])
    finished = await old.create_session(None, SELLER, '{"customer": "Ada"}')
    await old.save_session(
        finished.id, user_id=SELLER, guild_id=None, state="{}", expected_version=1, finished=True
    )
    abandoned = await old.create_session(None, SELLER, "{}")
    sent = await old.add_reminder(SELLER, None, finished.id, clock[0], "{}")
    cancelled = await old.add_reminder(SELLER, None, None, clock[0] + timedelta(days=5), "{}")
    pending = await old.add_reminder(SELLER, None, abandoned.id, NOW + timedelta(days=5), "{}")
    held = await old.add_reminder(SELLER, None, None, clock[0], "{}")
    await old.claim_due_reminders(clock[0], "w")
    await old.mark_sent(sent.id, "w")
    await old.mark_held(held.id, "w")
    await old.cancel_reminder(SELLER, cancelled.id)

    clock[0] = NOW - timedelta(days=10)
    recent = await old.create_session(None, SELLER, "{}")
    recent_sent = await old.add_reminder(SELLER, None, recent.id, clock[0], "{}")
    await old.claim_due_reminders(clock[0], "w")
    await old.mark_sent(recent_sent.id, "w")

    counts = await store.purge_expired(NOW - timedelta(days=30))

    assert counts == {"reminders": 2, "sessions": 2}
    async with store.engine.connect() as connection:
        sessions = set((await connection.execute(select(CoachSession.id))).scalars())
        reminders = dict((await connection.execute(select(Reminder.id, Reminder.status))).all())
    assert sessions == {recent.id}
    assert reminders == {
        pending.id: ReminderStatus.PENDING.value,
        held.id: ReminderStatus.HELD.value,
        recent_sent.id: ReminderStatus.SENT.value,
    }
    assert await store.purge_expired(NOW - timedelta(days=30)) == {"reminders": 0, "sessions": 0}
