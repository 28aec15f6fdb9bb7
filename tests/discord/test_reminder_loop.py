"""The reminder loop keeps going through faults; held reminders are all shown, none lost."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.reminders import ReminderHealth
from bot.service import FollowUp
from bot.storage import ReminderStatus
from tests.discord.conftest import Harness, reminder_dms

pytestmark = pytest.mark.asyncio

CUSTOMER = "Philippa Quixote-Marsh"


def follow_up(customer: str = CUSTOMER) -> str:
    return FollowUp(
        playbook_id="lost-in-transit",
        title="Parcel lost in transit",
        reminder="Has the trace come back?",
        message=f"Hi {customer}, any sign of the parcel?",
        customer=customer,
    ).to_json()


def due_now() -> datetime:
    return datetime.now(UTC) - timedelta(minutes=1)


async def statuses(harness: Harness, ids: list[int]) -> list[ReminderStatus]:
    found = [await harness.service.store.get_reminder(i) for i in ids]
    return [r.status for r in found if r is not None]


async def settle(harness: Harness, ids: list[int], wanted: list[ReminderStatus]) -> None:
    """Wait until the reminders have the ``wanted`` statuses (they are written just after the
    message the test saw)."""
    for _ in range(100):
        if await statuses(harness, ids) == wanted:
            return
        await asyncio.sleep(0.05)
    assert await statuses(harness, ids) == wanted


async def test_the_loop_survives_a_database_error_then_delivers(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    double, seller, store = harness.double, harness.double.member, harness.service.store
    health: ReminderHealth = harness.bot.reminder_health
    await double.wait_for(lambda: health.last_run is not None, timeout=5)
    real_claim = store.claim_due_reminders
    failures = []

    async def locked_database(*args: Any, **kwargs: Any) -> Any:
        if not failures:
            failures.append(health.consecutive_failures)
            # What SQLAlchemy raises, with a reminder's payload among its parameters.
            raise OperationalError("UPDATE reminders ...", {"payload": follow_up()}, Exception())
        return await real_claim(*args, **kwargs)

    monkeypatch.setattr(store, "claim_due_reminders", locked_database)
    await store.add_reminder(seller.id, double.guild.id, None, due_now(), follow_up())
    await double.wait_for(lambda: len(reminder_dms(double, seller)) == 1, timeout=10)
    await double.wait_for(lambda: health.sent == 1, timeout=5)  # the round is over

    assert failures == [0]
    assert health.last_error is not None and health.last_error_id is not None
    assert health.consecutive_failures == 0  # back to normal after the next round
    assert health.last_run is not None and health.last_run > health.last_error
    assert health.sent == 1
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot"))
    assert f"error {health.last_error_id} in the reminder loop" in logged
    assert "OperationalError (message withheld)" in logged
    assert CUSTOMER not in logged and "Quixote" not in logged


async def test_one_reminder_that_fails_does_not_hold_up_the_others(harness: Harness) -> None:
    double, store = harness.double, harness.service.store
    first, second = double.add_user("first"), double.add_user("second")
    # The first DM's channel cannot be opened (a 400 is not retried by discord.py).
    double.fail_next("POST", "/users/@me/channels", status=400, code=50035)
    failing = await store.add_reminder(first.id, None, None, due_now(), follow_up())
    await store.add_reminder(second.id, None, None, due_now() + timedelta(seconds=1), follow_up())
    await double.wait_for(lambda: len(reminder_dms(double, second)) == 1, timeout=10)
    await double.wait_for(lambda: harness.bot.reminder_health.sent == 1, timeout=5)
    assert double.dms_to(first) == []
    assert await statuses(harness, [failing.id]) == [ReminderStatus.SENDING]  # retried later
    assert harness.bot.reminder_health.failed == 1
    assert harness.bot.reminder_health.consecutive_failures == 0  # the loop itself is fine


async def held(harness: Harness, user_id: int, count: int) -> list[int]:
    """Add ``count`` reminders for a seller whose DMs are closed; wait until all are held."""
    store = harness.service.store
    ids = [
        (await store.add_reminder(user_id, None, None, due_now(), follow_up(f"Customer {n}"))).id
        for n in range(count)
    ]
    for _ in range(200):
        if await statuses(harness, ids) == [ReminderStatus.HELD] * count:
            return ids
        await asyncio.sleep(0.05)
    raise AssertionError(f"not all held: {await statuses(harness, ids)}")


async def test_every_held_reminder_is_shown_and_only_shown_ones_are_closed(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    double.close_dms(seller)
    ids = await held(harness, seller.id, 35)

    shown = await double.slash(seller, double.guild, "followups")
    await double.wait_for(lambda: len(shown.followups) == 4, timeout=10)
    batches = [m.embeds for m in shown.followups[:3]]
    assert [len(b) for b in batches] == [10, 10, 10]  # within Discord's 10 embeds a message
    assert all(len(json.dumps(b)) < 12_000 for b in batches)
    assert "5 more follow-ups" in shown.followups[3].content
    after = await statuses(harness, ids)
    assert after.count(ReminderStatus.DONE) == 30
    assert after.count(ReminderStatus.HELD) == 5  # not shown, so not closed

    rest = await double.slash(seller, double.guild, "policy")
    await double.wait_for(lambda: len(rest.followups) == 1, timeout=10)
    assert len(rest.followups[0].embeds) == 5
    await settle(harness, ids, [ReminderStatus.DONE] * 35)
    double.assert_clean()


async def test_a_held_reminder_whose_message_fails_is_shown_next_time(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    double.close_dms(seller)
    ids = await held(harness, seller.id, 2)
    double.fail_next("POST", "/webhooks/*/*", status=400, code=50035)  # the follow-up message
    await double.slash(seller, double.guild, "policy")
    await asyncio.sleep(0.3)
    assert await statuses(harness, ids) == [ReminderStatus.HELD] * 2
    again = await double.slash(seller, double.guild, "policy")
    await double.wait_for(lambda: len(again.followups) == 1, timeout=10)
    assert len(again.followups[0].embeds) == 2
    await settle(harness, ids, [ReminderStatus.DONE] * 2)
