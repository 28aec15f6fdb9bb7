"""Events routed by shard, as Discord routes them, to real discord.py clients.

A guild's events go to shard ``(guild_id >> 22) % shard_count``, DMs to shard 0, an unsharded
session gets everything, and every qualifying session gets the event, so two clients that
both take the same events both answer, and the double reports the second answer.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence

import discord
import pytest
from discord.ext import commands

from tests.double import DiscordDouble
from tests.double.state import Guild

pytestmark = pytest.mark.asyncio


class WhoBot(commands.AutoShardedBot):
    """Answers ``/who`` with its own name and the shard the interaction came in on."""

    def __init__(self, name: str, shard_count: int | None, shard_ids: Sequence[int] | None):
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents(guilds=True),
            guild_ready_timeout=0.05,
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=shard_count,
            shard_ids=list(shard_ids) if shard_ids is not None else None,
        )
        self.name = name

        @self.tree.command(description="Which process answers")
        async def who(interaction: discord.Interaction) -> None:
            shard = interaction.guild.shard_id if interaction.guild else 0
            await interaction.response.send_message(f"{self.name} shard {shard}")

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # no 5 s pause between the shards of one client on loopback


@contextlib.asynccontextmanager
async def clients(double: DiscordDouble, *bots: WhoBot) -> AsyncIterator[None]:
    async with contextlib.AsyncExitStack() as stack:
        for bot in bots:
            await stack.enter_async_context(double.running(bot, commands=True))
        yield


def guild_on_shard(double: DiscordDouble, shard_id: int, count: int) -> Guild:
    guild = double.add_guild(f"guild {shard_id}", shard=(shard_id, count))
    assert (guild.id >> 22) % count == shard_id
    return guild


async def test_two_sharded_clients_each_answer_their_own_guilds_and_dms_go_to_shard_0() -> None:
    async with DiscordDouble(defaults=False) as double:
        seller = double.add_user("seller")
        guilds = [guild_on_shard(double, shard, 2) for shard in (0, 1)]
        first, second = WhoBot("first", 2, [0]), WhoBot("second", 2, [1])
        async with clients(double, first, second):
            assert sorted(double.gateway.connected_shards()) == [(0, 2), (1, 2)]
            assert {g.id for g in first.guilds} == {guilds[0].id}
            assert {g.id for g in second.guilds} == {guilds[1].id}
            for _ in range(3):
                assert (await double.slash(seller, guilds[0], "who")).content == "first shard 0"
                assert (await double.slash(seller, guilds[1], "who")).content == "second shard 1"
                assert (await double.slash(seller, None, "who")).content == "first shard 0"
        double.assert_clean()
        assert double.already_acknowledged() == []


async def test_two_unsharded_clients_both_get_every_event_and_the_second_answer_is_refused() -> (
    None
):
    async with DiscordDouble() as double:
        first, second = WhoBot("first", 1, None), WhoBot("second", 1, None)
        async with clients(double, first, second):
            result = await double.slash(double.member, double.guild, "who")
            assert result.content in ("first shard 0", "second shard 0")
            await double.wait_for(lambda: bool(double.already_acknowledged()), timeout=5)
        duplicates = double.already_acknowledged()
        assert len(duplicates) == 1 and duplicates[0].kind == "protocol"


async def test_an_unset_shard_count_runs_every_shard_discord_recommends() -> None:
    async with DiscordDouble(defaults=False) as double:
        double.recommended_shards = 3
        seller = double.add_user("seller")
        guilds = [guild_on_shard(double, shard, 3) for shard in range(3)]
        bot = WhoBot("only", None, None)
        async with clients(double, bot):
            assert bot.shard_count == 3
            assert sorted(double.gateway.connected_shards()) == [(0, 3), (1, 3), (2, 3)]
            for shard, guild in enumerate(guilds):
                assert (await double.slash(seller, guild, "who")).content == f"only shard {shard}"
        double.assert_clean()


async def test_identify_with_an_impossible_shard_is_refused() -> None:
    async with DiscordDouble() as double:
        bot = WhoBot("bad", 2, [2])
        with pytest.raises((RuntimeError, TimeoutError, discord.ConnectionClosed)):
            async with double.running(bot, timeout=3):
                pass
        assert any("invalid shard" in v.detail for v in double.violations)
