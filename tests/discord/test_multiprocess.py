"""Bot processes sharing one PostgreSQL database: each reminder delivered once; a walkthrough
carries over from one process to another."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.service import FollowUp
from bot.storage import Database, ReminderStatus
from tests.conftest import PostgresServer
from tests.discord.conftest import CATALOG, at_draft, custom_id, running_bot, text_of
from tests.discord.test_failures import switch_target
from tests.double import DiscordDouble

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]

SELLERS = 30
REPO = Path(__file__).resolve().parents[2]


def bot_process(
    double: DiscordDouble, database_url: str, data_dir: Path
) -> subprocess.Popen[bytes]:
    """``seller-coach run`` in its own Python process, pointed at the double."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": double.token,
        "DISCORD_API_BASE": double.api_base,
        "DISCORD_GATEWAY_URL": double.gateway_url,
        "DATABASE_URL": database_url,
        "REMINDER_POLL_SECONDS": "0.1",
        "SELLER_COACH_DATA_DIR": str(data_dir),
        "LOG_LEVEL": os.environ.get("TEST_BOT_LOG_LEVEL", "WARNING"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def claims(database: Database) -> list[tuple[int, str, str | None]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(text("SELECT user_id, status, claimed_by FROM reminders"))
        return [(row.user_id, row.status, row.claimed_by) for row in rows]


async def test_two_processes_deliver_each_reminder_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = await postgres_server.create_database()
    database = Database.from_url(url)
    try:
        await database.migrate()
        async with DiscordDouble() as double:
            sellers = [double.add_user(f"seller{n}") for n in range(SELLERS)]
            processes = [bot_process(double, url, tmp_path / f"p{n}") for n in range(2)]
            try:
                await double.wait_for(lambda: len(double.gateway.sessions) >= 2, timeout=60)
                await asyncio.sleep(0.5)  # each process starts its reminder loop once ready
                # Due one after another, so both processes keep competing for them.
                start = datetime.now(UTC) + timedelta(seconds=0.5)
                for n, seller in enumerate(sellers):
                    payload = FollowUp("lost-in-transit", "Parcel lost", "Check", "Hi", None)
                    due = start + timedelta(seconds=n * 0.1)
                    await database.store.add_reminder(seller.id, None, None, due, payload.to_json())
                await double.wait_for(lambda: all(double.dms_to(s) for s in sellers), timeout=60)
                await asyncio.sleep(1.0)  # time for any duplicate to show up
                for process in processes:
                    assert process.poll() is None, process.stderr.read().decode()[-2000:]
            finally:
                for process in processes:
                    process.terminate()
                for process in processes:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(timeout=10)
                    if process.poll() is None:
                        process.kill()
            delivered = Counter({s.id: len(double.dms_to(s)) for s in sellers})
            assert set(delivered.values()) == {1}, delivered
            rows = await claims(database)
            assert {status for _, status, _ in rows} == {ReminderStatus.SENT.value}
            workers = {worker for _, _, worker in rows}
            assert len(workers) == 2, "both processes should have delivered some reminders"
            double.assert_no_violations()
    finally:
        await database.dispose()
        await postgres_server.drop_database(url)


async def test_another_situation_picked_carries_over_to_another_process(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = await postgres_server.create_database()
    try:
        async with DiscordDouble() as double:
            seller = double.member
            async with running_bot(double, url):  # the first process, in this one
                unsure = await double.slash(seller, double.guild, "coach", situation="refund")
                switch = custom_id(unsure, ":switch")
                target = switch_target(unsure, switch)
                step = await double.select(seller, unsure, switch, [target])
                assert CATALOG.get(target).title in text_of(step)
            second = bot_process(double, url, tmp_path / "second")
            try:
                syncs = double.command_syncs
                await double.wait_for(lambda: double.command_syncs > syncs, timeout=60)
                await asyncio.sleep(0.3)
                while not at_draft(step):
                    step = await double.click(seller, step, custom_id(step, ":next"), timeout=10)
                    assert CATALOG.get(target).title in text_of(step), text_of(step)
            finally:
                second.terminate()
                code = await asyncio.to_thread(second.wait, 10)
            assert code == 0
            double.assert_no_violations()
    finally:
        await postgres_server.drop_database(url)
