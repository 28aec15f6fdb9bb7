"""Several ``seller-coach run`` processes on one PostgreSQL database, through the double.

The double routes events as Discord does (a guild's to its shard, DMs to shard 0, each to
every session that takes them), so processes that split the shards answer each interaction
once, while processes that do not are caught answering twice. A walkthrough carries over from
one process to another, and a change to a server's playbooks made in one process counts in the
other at its next interaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.community import ServerPlaybooks
from bot.service import FollowUp
from bot.storage import Database, ReminderStatus
from tests.conftest import PostgresServer
from tests.discord.conftest import CATALOG, at_draft, custom_id, running_bot, text_of
from tests.discord.test_failures import switch_target
from tests.double import DiscordDouble, Upload
from tests.double.state import User
from tests.server_playbook_files import (
    CRAZED_GLAZE,
    CRAZED_GLAZE_QUESTION,
    CRAZED_GLAZE_TITLE,
    crazed_glaze,
)

# Each test starts two bot processes: give a loaded machine time.
pytestmark = [pytest.mark.asyncio, pytest.mark.postgres, pytest.mark.timeout(400)]

SELLERS = 30
REPO = Path(__file__).resolve().parents[2]


def bot_process(
    double: DiscordDouble, database_url: str, data_dir: Path, **settings: str
) -> subprocess.Popen[bytes]:
    """``seller-coach run`` in its own Python process, pointed at the double."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SHARD_")},
        "DISCORD_TOKEN": double.token,
        "DISCORD_API_BASE": double.api_base,
        "DISCORD_GATEWAY_URL": double.gateway_url,
        "DATABASE_URL": database_url,
        "REMINDER_POLL_SECONDS": "0.1",
        "SELLER_COACH_DATA_DIR": str(data_dir),
        "LOG_LEVEL": os.environ.get("TEST_BOT_LOG_LEVEL", "WARNING"),
        **settings,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@contextlib.contextmanager
def processes(*started: subprocess.Popen[bytes]) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Stop the processes at the end, however the test went."""
    try:
        yield list(started)
    finally:
        for process in started:
            process.terminate()
        for process in started:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
                process.wait()


def assert_alive(running: list[subprocess.Popen[bytes]]) -> None:
    for process in running:
        assert process.poll() is None, process.stderr.read().decode()[-2000:]  # type: ignore[union-attr]


async def wait_started(double: DiscordDouble, running: list[subprocess.Popen[bytes]]) -> None:
    """Until every process is connected and the commands are synced; a process that dies
    fails the test with its last words."""

    def started() -> bool:
        assert_alive(running)
        return len(double.gateway.connected_shards()) == len(running) and double.command_syncs > 0

    await double.wait_for(started, timeout=90)


@contextlib.asynccontextmanager
async def postgres_database(server: PostgresServer) -> AsyncIterator[tuple[str, Database]]:
    url = await server.create_database()
    database = Database.from_url(url)
    try:
        await database.migrate()
        yield url, database
    finally:
        await database.dispose()
        await server.drop_database(url)


def answered_twice(double: DiscordDouble) -> set[int]:
    """Interactions whose answer Discord refused as already acknowledged."""
    return {int(v.path.split("/")[2]) for v in double.already_acknowledged()}


def reminders_sent_to(double: DiscordDouble, seller: User) -> list[object]:
    """Direct messages the bot sent on its own (not answers to the seller's interactions)."""
    return [
        m
        for m in double.dms_to(seller)
        if m.interaction_id is None and not m.webhook_id and m.embeds  # not the copyable one
    ]


async def claims(database: Database) -> list[tuple[int, str, str | None]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(text("SELECT user_id, status, claimed_by FROM reminders"))
        return [(row.user_id, row.status, row.claimed_by) for row in rows]


async def add_reminders(database: Database, sellers: list[User]) -> None:
    # Due one after another, so the processes keep competing for them.
    start = datetime.now(UTC) + timedelta(seconds=0.5)
    for n, seller in enumerate(sellers):
        payload = FollowUp("lost-in-transit", "Parcel lost", "Check", "Hi", None)
        due = start + timedelta(seconds=n * 0.1)
        await database.store.add_reminder(seller.id, None, None, due, payload.to_json())


async def walkthrough(double: DiscordDouble, seller: User, guild: object) -> None:
    """Start /coach, go one step on, and open /followups: three interactions."""
    started = await double.slash(seller, guild, "coach", situation="the mug arrived in pieces")
    assert "Arrived damaged" in text_of(started)
    step = await double.click(seller, started, custom_id(started, ":next"))
    assert "Apologise" in text_of(step)
    listed = await double.slash(seller, guild, "followups")
    assert listed.ephemeral


async def test_two_sharded_processes_answer_each_interaction_once_and_send_each_reminder_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    async with (
        postgres_database(postgres_server) as (url, database),
        DiscordDouble(defaults=False) as double,
    ):
        guilds = [double.add_guild(f"shop {n}", shard=(n, 2)) for n in range(2)]
        sellers = [double.add_user(f"seller{n}") for n in range(SELLERS)]
        with processes(
            bot_process(double, url, tmp_path / "p0", SHARD_COUNT="2", SHARD_IDS="0"),
            bot_process(double, url, tmp_path / "p1", SHARD_COUNT="2", SHARD_IDS="1"),
        ) as running:
            await wait_started(double, running)
            assert sorted(double.gateway.connected_shards()) == [(0, 2), (1, 2)]
            await add_reminders(database, sellers)
            places: list[object] = [*guilds, None]  # None: the seller's DMs
            await asyncio.gather(
                *(
                    walkthrough(double, seller, places[n % len(places)])
                    for n, seller in enumerate(sellers[:9])
                )
            )
            await double.wait_for(
                lambda: all(reminders_sent_to(double, s) for s in sellers), timeout=60
            )
            await asyncio.sleep(1.0)  # time for any duplicate to show up
            assert_alive(running)
        answered = Counter(
            record.callback_type is not None for record in double.interactions.values()
        )
        assert answered == Counter({True: 27}), answered
        assert double.already_acknowledged() == []
        assert double.command_syncs == 1  # one process synced, the other found it done
        delivered = Counter({s.id: len(reminders_sent_to(double, s)) for s in sellers})
        assert set(delivered.values()) == {1}, delivered
        rows = await claims(database)
        assert {status for _, status, _ in rows} == {ReminderStatus.SENT.value}
        workers = {worker for _, _, worker in rows}
        assert len(workers) == 2, "both processes should have delivered some reminders"
        double.assert_no_violations()


async def test_two_unsharded_processes_both_answer_and_the_double_shows_it(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    async with postgres_database(postgres_server) as (url, _database), DiscordDouble() as double:
        with processes(
            bot_process(double, url, tmp_path / "p0"),
            bot_process(double, url, tmp_path / "p1"),
        ) as running:
            await wait_started(double, running)
            for _ in range(3):
                await double.slash(double.member, double.guild, "help")
            # Every one of the three is answered twice (or more: the loser may try again).
            await double.wait_for(
                lambda: answered_twice(double) == set(double.interactions), timeout=10
            )
            assert_alive(running)
        assert len(double.interactions) == 3


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
                await double.wait_for(
                    lambda: len(double.gateway.connected_shards()) == 1, timeout=60
                )
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


async def test_forget_me_in_one_process_takes_effect_in_the_other_at_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    async with (
        postgres_database(postgres_server) as (url, _database),
        DiscordDouble(defaults=False) as double,
    ):
        shop = double.add_guild("shop on shard 1", shard=(1, 2))
        seller = double.add_user("seller")
        with processes(
            bot_process(double, url, tmp_path / "p0", SHARD_COUNT="2", SHARD_IDS="0"),
            bot_process(double, url, tmp_path / "p1", SHARD_COUNT="2", SHARD_IDS="1"),
        ) as running:
            await wait_started(double, running)
            # In the server, on shard 1: the second process keeps this walkthrough in memory.
            await double.slash(seller, shop, "policy", your_name="Sam Ashdown")
            started = await double.slash(seller, shop, "coach", situation="the mug arrived broken")
            form = await double.click(seller, started, custom_id(started, ":details"))
            details = {"customer": "Priya Ravel", "item": "celadon vase"}
            filled = await double.submit_modal(seller, form, details)
            assert "celadon vase" in text_of(filled)
            again = await double.click(seller, filled, custom_id(filled, ":details"))
            assert again.modal is not None  # the form opens, filled in from memory
            assert again.modal.fields()["customer"].get("value") == "Priya Ravel"

            # In a DM, on shard 0: the first process deletes everything.
            asked = await double.slash(seller, None, "forget-me")
            done = await double.click(seller, asked, f"forget:{seller.id}:yes")
            assert "deleted 1 walkthrough" in done.content

            # Back in the server, the second process serves nothing of it.
            for action in (":details", ":next"):
                pressed = await double.click(seller, filled, custom_id(filled, action))
                assert pressed.modal is None
                assert "no longer exists" in text_of(pressed)
            fresh = await double.slash(seller, shop, "coach", situation="playbook:lost-in-transit")
            while not any(c.endswith(":finish") for c in fresh.custom_ids()):
                fresh = await double.click(seller, fresh, custom_id(fresh, ":next"))
            assert "Sam Ashdown" not in text_of(fresh) and "celadon" not in text_of(fresh)
            assert_alive(running)
        assert double.already_acknowledged() == []
        double.assert_no_violations()


async def test_a_server_playbook_changed_in_one_process_counts_in_the_other_at_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    async with (
        postgres_database(postgres_server) as (url, database),
        DiscordDouble(defaults=False) as double,
    ):
        here = double.add_guild("shop on shard 0", shard=(0, 2))
        there = double.add_guild("shop on shard 1", shard=(1, 2))
        seller = double.add_user("seller")
        admin = double.add_user("admin", manage_guild=True)
        with processes(
            bot_process(double, url, tmp_path / "p1", SHARD_COUNT="2", SHARD_IDS="1")
        ) as running:
            await wait_started(double, running)
            async with running_bot(double, url, shard_count=2, shard_ids=[0]) as harness:
                await double.wait_for(lambda: len(double.gateway.connected_shards()) == 2)

                async def coached(guild: object) -> str:
                    started = await double.slash(
                        seller, guild, "coach", situation=CRAZED_GLAZE_QUESTION
                    )
                    return text_of(started)

                # Both processes hold the server's set before any change: the other one has
                # served it, this one has read it.
                assert CRAZED_GLAZE_TITLE not in await coached(there)
                servers: ServerPlaybooks = harness.service.servers
                assert CRAZED_GLAZE not in await servers.catalog_for(there.id)

                # Uploaded through the other process (it serves that server's commands): this
                # one sees it at its next look, the other serves it at the next /coach.
                file = Upload("crazed-glaze.yaml", crazed_glaze().encode())
                saved = await double.slash(
                    admin, there, "server-playbooks upload", file=file, timeout=30
                )
                assert CRAZED_GLAZE_TITLE in text_of(saved), text_of(saved)
                assert CRAZED_GLAZE in await servers.catalog_for(there.id)
                assert CRAZED_GLAZE_TITLE in await coached(there)
                assert CRAZED_GLAZE_TITLE not in await coached(here)  # that server's only

                # Removed through this process: gone from the other one's set at once.
                assert await servers.remove(there.id, CRAZED_GLAZE, by=admin.id)
                assert CRAZED_GLAZE_TITLE not in await coached(there)

                # Changed by yet another process (its own connection and memory): this one
                # serves it at the next /coach in the server it serves.
                assert CRAZED_GLAZE_TITLE not in await coached(here)
                elsewhere = ServerPlaybooks(CATALOG, database.store)
                await elsewhere.upload(
                    here.id, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=admin.id
                )
                assert CRAZED_GLAZE_TITLE in await coached(here)
                assert_alive(running)
        assert double.already_acknowledged() == []
        double.assert_no_violations()
