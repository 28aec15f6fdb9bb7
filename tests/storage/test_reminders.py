"""Reminders: the seller's side (add, list, cancel, snooze, done, held) and the delivery side
(claim with a lease, mark sent or held, reclaim after a crash)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from bot.storage import ReminderRecord, ReminderStatus, Store

SELLER = 800_000_000_000_000_001
OTHER_SELLER = 800_000_000_000_000_002
GUILD = 900_000_000_000_000_001
NOW = datetime(2030, 5, 17, 12, 0, tzinfo=UTC)
PAYLOAD = '{"draft": "Hi Ada, did the replacement mug arrive safely?"}'


async def _add(store: Store, due: datetime = NOW, user_id: int = SELLER) -> ReminderRecord:
    return await store.add_reminder(user_id, GUILD, None, due, PAYLOAD)


async def test_add_and_list_pending(store: Store) -> None:
    session = await store.create_session(GUILD, SELLER, "{}")
    later = await store.add_reminder(SELLER, GUILD, session.id, NOW + timedelta(days=3), PAYLOAD)
    sooner = await store.add_reminder(SELLER, None, None, NOW + timedelta(days=1), "{}")
    await _add(store, user_id=OTHER_SELLER)
    assert later.status is ReminderStatus.PENDING
    assert later.session_id == session.id
    assert later.guild_id == GUILD
    assert later.due_at == NOW + timedelta(days=3)
    assert later.due_at.tzinfo is UTC
    assert later.payload == PAYLOAD
    assert (later.attempts, later.claimed_by, later.claim_expires_at) == (0, None, None)
    assert later.delivered_at is None
    assert [r.id for r in await store.pending_reminders(SELLER)] == [sooner.id, later.id]
    assert await store.get_reminder(later.id) == later


async def test_due_times_in_other_zones_are_stored_as_utc(store: Store) -> None:
    tokyo = timezone(timedelta(hours=9))
    reminder = await _add(store, due=datetime(2030, 5, 17, 21, 0, tzinfo=tokyo))
    assert reminder.due_at == datetime(2030, 5, 17, 12, 0, tzinfo=UTC)
    assert reminder.due_at.utcoffset() == timedelta(0)
    # Due exactly now counts as due; a microsecond earlier it does not.
    assert await store.claim_due_reminders(NOW - timedelta(microseconds=1), "w") == []
    assert [r.id for r in await store.claim_due_reminders(NOW, "w")] == [reminder.id]


async def test_naive_due_time_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await _add(store, due=datetime(2030, 1, 1))


async def test_cancel_only_by_owner(store: Store) -> None:
    reminder = await _add(store)
    assert not await store.cancel_reminder(OTHER_SELLER, reminder.id)
    assert await store.cancel_reminder(SELLER, reminder.id)
    assert not await store.cancel_reminder(SELLER, reminder.id)
    assert await store.pending_reminders(SELLER) == []
    assert await store.claim_due_reminders(NOW + timedelta(days=1), "w") == []
    cancelled = await store.get_reminder(reminder.id)
    assert cancelled is not None
    assert cancelled.status is ReminderStatus.CANCELLED


async def test_snooze(store: Store) -> None:
    reminder = await _add(store)
    assert await store.snooze_reminder(OTHER_SELLER, reminder.id, NOW + timedelta(days=2)) is None
    snoozed = await store.snooze_reminder(SELLER, reminder.id, NOW + timedelta(days=2))
    assert snoozed is not None
    assert snoozed.due_at == NOW + timedelta(days=2)
    assert snoozed.status is ReminderStatus.PENDING
    assert await store.claim_due_reminders(NOW + timedelta(days=1), "w") == []
    assert len(await store.claim_due_reminders(NOW + timedelta(days=2), "w")) == 1


async def test_snooze_after_delivery_rearms(store: Store) -> None:
    reminder = await _add(store)
    [claimed] = await store.claim_due_reminders(NOW, "w")
    assert await store.mark_sent(claimed.id, "w")
    snoozed = await store.snooze_reminder(SELLER, reminder.id, NOW + timedelta(days=1))
    assert snoozed is not None
    assert (snoozed.status, snoozed.claimed_by, snoozed.delivered_at) == (
        ReminderStatus.PENDING,
        None,
        None,
    )
    assert [r.id for r in await store.claim_due_reminders(NOW + timedelta(days=1), "w")] == [
        reminder.id
    ]


async def test_snooze_while_sending_wins_over_the_delivery(store: Store) -> None:
    reminder = await _add(store)
    await store.claim_due_reminders(NOW, "w")
    snoozed = await store.snooze_reminder(SELLER, reminder.id, NOW + timedelta(hours=1))
    assert snoozed is not None
    assert snoozed.status is ReminderStatus.PENDING
    assert not await store.mark_sent(reminder.id, "w")
    assert [r.id for r in await store.pending_reminders(SELLER)] == [reminder.id]


async def test_snooze_of_cancelled_is_refused(store: Store) -> None:
    reminder = await _add(store)
    assert await store.cancel_reminder(SELLER, reminder.id)
    assert await store.snooze_reminder(SELLER, reminder.id, NOW) is None


async def test_claim_and_mark_sent(store: Store) -> None:
    due = await _add(store)
    await _add(store, due=NOW + timedelta(minutes=1))  # not due yet
    claimed = await store.claim_due_reminders(NOW, "worker-a", lease=timedelta(minutes=2))
    assert [r.id for r in claimed] == [due.id]
    [record] = claimed
    assert record.status is ReminderStatus.SENDING
    assert record.claimed_by == "worker-a"
    assert record.claim_expires_at == NOW + timedelta(minutes=2)
    assert record.attempts == 1
    assert record.payload == PAYLOAD

    assert await store.claim_due_reminders(NOW, "worker-b") == []
    assert not await store.mark_sent(due.id, "worker-b")
    assert await store.mark_sent(due.id, "worker-a")
    assert not await store.mark_sent(due.id, "worker-a")  # exactly once
    sent = await store.get_reminder(due.id)
    assert sent is not None
    assert sent.status is ReminderStatus.SENT
    assert sent.delivered_at is not None
    assert sent.claim_expires_at is None
    # Delivered reminders are never claimed again, however late it gets.
    later = await store.claim_due_reminders(NOW + timedelta(days=9), "w")
    assert due.id not in {r.id for r in later}


async def test_claim_respects_limit_and_order(store: Store) -> None:
    added = [await _add(store, due=NOW - timedelta(minutes=n)) for n in range(10)]
    oldest_first = [r.id for r in reversed(added)]
    first = await store.claim_due_reminders(NOW, "w", limit=4)
    assert [r.id for r in first] == oldest_first[:4]
    second = await store.claim_due_reminders(NOW, "w", limit=4)
    assert [r.id for r in second] == oldest_first[4:8]
    third = await store.claim_due_reminders(NOW, "w", limit=4)
    assert [r.id for r in third] == oldest_first[8:]
    assert await store.claim_due_reminders(NOW, "w", limit=4) == []


async def test_expired_lease_is_reclaimed(store: Store) -> None:
    reminder = await _add(store)
    lease = timedelta(minutes=2)
    [first] = await store.claim_due_reminders(NOW, "crashed", lease=lease)
    assert first.attempts == 1
    # While the lease runs, nobody else gets it.
    assert await store.claim_due_reminders(NOW + lease - timedelta(seconds=1), "other") == []
    [second] = await store.claim_due_reminders(NOW + lease, "other", lease=lease)
    assert second.id == reminder.id
    assert second.claimed_by == "other"
    assert second.attempts == 2
    assert second.claim_expires_at == NOW + 2 * lease
    # The first worker has lost its claim: it can no longer record anything.
    assert not await store.mark_sent(reminder.id, "crashed")
    assert not await store.mark_held(reminder.id, "crashed")
    assert await store.mark_sent(reminder.id, "other")


async def test_finishing_late_is_fine_while_nobody_reclaimed(store: Store) -> None:
    reminder = await _add(store)
    await store.claim_due_reminders(NOW, "slow", lease=timedelta(seconds=1))
    assert await store.mark_sent(reminder.id, "slow")


async def test_repeatedly_failing_reminder_is_held(store: Store) -> None:
    reminder = await _add(store)
    lease = timedelta(minutes=1)
    now = NOW
    for attempt in range(1, 4):
        [claimed] = await store.claim_due_reminders(now, f"w{attempt}", lease=lease, max_attempts=3)
        assert claimed.attempts == attempt
        now += lease
    # Three claims, none finished: the fourth round gives up and holds it for the seller.
    assert await store.claim_due_reminders(now, "w4", lease=lease, max_attempts=3) == []
    held = await store.get_reminder(reminder.id)
    assert held is not None
    assert held.status is ReminderStatus.HELD
    assert [r.id for r in await store.claim_held_reminders(SELLER, "w")] == [reminder.id]


async def test_held_reminders_are_claimed_for_showing_and_closed_once_shown(
    store: Store,
) -> None:
    first = await _add(store)
    second = await _add(store, due=NOW + timedelta(seconds=1))
    other = await _add(store, user_id=OTHER_SELLER)
    claimed = await store.claim_due_reminders(NOW + timedelta(seconds=1), "w")
    assert {r.id for r in claimed} == {first.id, second.id, other.id}
    assert not await store.mark_held(first.id, "someone-else")
    for reminder in claimed:
        assert await store.mark_held(reminder.id, "w")

    taken = await store.claim_held_reminders(SELLER, "shower")
    assert [r.id for r in taken] == [first.id, second.id]
    assert all(r.status is ReminderStatus.HELD for r in taken)  # not closed before shown
    assert all(r.payload == PAYLOAD for r in taken)
    assert await store.claim_held_reminders(SELLER, "another") == []  # not shown twice
    assert await store.mark_shown([first.id], "another") == 0  # only by the claimant
    assert await store.mark_shown([first.id], "shower") == 1
    assert await store.release_claims("shower") == 1  # the second one was not shown
    assert [r.id for r in await store.claim_held_reminders(SELLER, "again")] == [second.id]
    assert (await store.get_reminder(first.id)).status is ReminderStatus.DONE
    # Held reminders wait for their seller; the delivery loop does not pick them up again.
    assert await store.claim_due_reminders(NOW + timedelta(days=1), "w") == []
    assert [r.id for r in await store.claim_held_reminders(OTHER_SELLER, "w")] == [other.id]


async def test_a_stopping_worker_gives_its_claims_back_at_once(store: Store) -> None:
    reminder = await _add(store)
    [claimed] = await store.claim_due_reminders(NOW, "stopping")
    assert claimed.attempts == 1
    assert await store.claim_due_reminders(NOW, "other") == []  # leased to the first
    assert await store.release_claims("stopping") == 1
    [again] = await store.claim_due_reminders(NOW, "other")
    assert (again.id, again.attempts) == (reminder.id, 1)  # the given-back try is not counted
    assert await store.release_claims("stopping") == 0


async def test_cancel_a_held_reminder(store: Store) -> None:
    reminder = await _add(store)
    await store.claim_due_reminders(NOW, "w")
    assert await store.mark_held(reminder.id, "w")
    assert await store.cancel_reminder(SELLER, reminder.id)
    assert await store.claim_held_reminders(SELLER, "w") == []


async def test_mark_done(store: Store) -> None:
    reminder = await _add(store)
    [claimed] = await store.claim_due_reminders(NOW, "w")
    assert not await store.mark_done(SELLER, reminder.id), "not while it is being sent"
    assert await store.mark_sent(claimed.id, "w")
    assert not await store.mark_done(OTHER_SELLER, reminder.id)
    assert await store.mark_done(SELLER, reminder.id)
    assert not await store.mark_done(SELLER, reminder.id)
    done = await store.get_reminder(reminder.id)
    assert done is not None
    assert done.status is ReminderStatus.DONE


async def test_deleting_a_session_keeps_its_reminders(store: Store) -> None:
    session = await store.create_session(GUILD, SELLER, "{}")
    reminder = await store.add_reminder(SELLER, GUILD, session.id, NOW, PAYLOAD)
    assert await store.purge_sessions(datetime.now(UTC) + timedelta(days=1)) == 1
    kept = await store.get_reminder(reminder.id)
    assert kept is not None
    assert kept.session_id is None  # ON DELETE SET NULL, also on SQLite (foreign keys on)


async def test_reminder_for_an_unknown_session_is_refused(store: Store) -> None:
    with pytest.raises(IntegrityError):
        await store.add_reminder(SELLER, GUILD, "no-such-session", NOW, PAYLOAD)


async def test_worker_id_is_validated(store: Store) -> None:
    with pytest.raises(ValueError, match="worker_id"):
        await store.claim_due_reminders(NOW, "")
    with pytest.raises(ValueError, match="worker_id"):
        await store.claim_due_reminders(NOW, "x" * 101)


@pytest.mark.parametrize(
    "options",
    [{"limit": 0}, {"lease": timedelta(0)}, {"max_attempts": 0}],
)
async def test_claim_options_are_validated(store: Store, options: dict[str, Any]) -> None:
    await _add(store)
    with pytest.raises(ValueError, match="positive"):
        await store.claim_due_reminders(NOW, "w", **options)
    assert len(await store.pending_reminders(SELLER)) == 1


async def test_record_repr_hides_the_payload(store: Store) -> None:
    reminder = await _add(store)
    assert "Ada" not in repr(reminder)
    assert "mug" not in str(reminder)
