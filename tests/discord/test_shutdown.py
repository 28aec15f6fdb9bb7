"""``seller-coach run`` stops gracefully on SIGTERM and SIGINT, and a restart carries on."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.service import FollowUp
from bot.storage import Database, ReminderStatus
from tests.discord.conftest import custom_id, reminder_dms, text_of
from tests.discord.test_multiprocess import bot_process
from tests.double import DiscordDouble

pytestmark = pytest.mark.asyncio


async def reminder_status(database: Database, reminder_id: int) -> ReminderStatus | None:
    record = await database.store.get_reminder(reminder_id)
    return None if record is None else record.status


async def wait_for_status(
    database: Database, reminder_id: int, wanted: ReminderStatus, within: float = 15
) -> None:
    deadline = time.monotonic() + within
    while await reminder_status(database, reminder_id) is not wanted:
        assert time.monotonic() < deadline, await reminder_status(database, reminder_id)
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_mid_walkthrough_stops_cleanly_and_a_restart_carries_on(
    tmp_path: Path, signum: signal.Signals
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    database = Database.from_url(url)
    await database.migrate()
    try:
        async with DiscordDouble() as double:
            seller = double.member
            first = bot_process(double, url, tmp_path / "data")
            try:
                await double.wait_for(lambda: double.command_syncs > 0, timeout=60)
                await asyncio.sleep(0.3)  # the process is ready once it has synced
                step = await double.slash(
                    seller, double.guild, "coach", situation="playbook:lost-in-transit"
                )
                step = await double.click(seller, step, custom_id(step, ":next"))
                assert "Apologise" in text_of(step)
                # A reminder this process claims but cannot deliver yet (its first try fails).
                double.fail_next("POST", "/users/@me/channels", status=400, code=50035)
                reminder = await database.store.add_reminder(
                    seller.id,
                    None,
                    None,
                    datetime.now(UTC) - timedelta(minutes=1),
                    FollowUp("lost-in-transit", "Parcel lost", "Check", "Hi", None).to_json(),
                )
                await wait_for_status(database, reminder.id, ReminderStatus.SENDING)

                # A press on its way as the signal arrives is still answered.
                pressing = asyncio.create_task(
                    double.click(seller, step, custom_id(step, ":next"), timeout=10)
                )
                await double.wait_for(lambda: len(double.interactions) >= 3, timeout=5)
                signalled = time.monotonic()
                first.send_signal(signum)
                pressed = await pressing
                assert not pressed.failed
                assert (
                    "Offer compensation" in text_of(pressed) or "restarting" in pressed.content
                ), pressed
                code = await asyncio.to_thread(first.wait, 10)
                stopped_after = time.monotonic() - signalled
                stderr = first.stderr.read().decode() if first.stderr else ""
            finally:
                if first.poll() is None:
                    first.kill()
            assert code == 0, stderr[-3000:]
            assert stopped_after < 10
            assert "Traceback" not in stderr, stderr[-3000:]
            # Its claim was given back: the reminder waits for the next process, not for a lease.
            assert await reminder_status(database, reminder.id) is ReminderStatus.PENDING

            second = bot_process(double, url, tmp_path / "data")
            try:
                # Commands are synced only when they change: wait for the connection instead.
                await double.wait_for(
                    lambda: len(double.gateway.connected_shards()) == 1, timeout=60
                )
                await asyncio.sleep(0.3)
                before = text_of(step)
                onwards = await double.click(seller, step, custom_id(step, ":next"), timeout=10)
                expected = "Follow up" if "Offer compensation" in before else "Offer compensation"
                assert expected in text_of(onwards), text_of(onwards)
                await double.wait_for(lambda: len(reminder_dms(double, seller)) == 1, timeout=15)
            finally:
                second.terminate()
                code = await asyncio.to_thread(second.wait, 10)
            assert code == 0
            double.assert_no_violations()
    finally:
        await database.dispose()
