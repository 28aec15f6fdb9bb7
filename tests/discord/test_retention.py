"""Retention: the reminder loop deletes old walkthroughs and closed reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.storage import Store
from bot.storage.models import CoachSession, Reminder
from tests.discord.conftest import at_draft, custom_id, running_bot, text_of
from tests.double import DiscordDouble
from tests.double.state import User

pytestmark = pytest.mark.asyncio


async def finish_with_a_reminder(double: DiscordDouble, seller: User) -> None:
    step = await double.slash(seller, double.guild, "coach", situation="the mug arrived in pieces")
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    done = await double.click(seller, step, custom_id(step, ":finish"))
    assert "remind you to follow up" in text_of(done)


async def test_the_loop_deletes_what_is_older_than_the_retention_period(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    now = [datetime.now(UTC)]
    seller = double.member
    async with running_bot(
        double, sqlite_file_url, clock=lambda: now[0], retention_days=30
    ) as harness:
        store, database = harness.service.store, harness.database

        async def count(model: type[CoachSession] | type[Reminder]) -> int:
            async with database.engine.connect() as connection:
                statement = select(func.count()).select_from(model)
                return int((await connection.execute(statement)).scalar_one())

        await finish_with_a_reminder(double, seller)
        [(reminder, _)] = await harness.service.pending_reminders(seller.id)
        await harness.service.cancel_reminder(seller.id, reminder.id)
        abandoned = await double.slash(seller, double.guild, "coach", situation="late parcel")
        assert (await count(CoachSession), await count(Reminder)) == (2, 1)

        now[0] += timedelta(days=29)  # within the period: the loop keeps everything
        await double.wait_for(lambda: harness.service._last_purge == now[0], timeout=5)
        assert (await count(CoachSession), await count(Reminder)) == (2, 1)

        later = Store(database.engine, clock=lambda: now[0])  # a walkthrough started today
        kept = await later.create_session(double.guild.id, seller.id, "{}")
        now[0] += timedelta(days=2)  # 31 days on: the old ones go, the new one stays
        await double.wait_for(lambda: harness.service._last_purge == now[0], timeout=5)
        assert await count(Reminder) == 0
        assert await count(CoachSession) == 1
        assert await store.get_session(kept.id) is not None

        pressed = await double.click(seller, abandoned, custom_id(abandoned, ":next"))
        assert "no longer exists" in text_of(pressed)
    double.assert_clean()
