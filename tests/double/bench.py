"""Acknowledgement latency and throughput of a real discord.py bot against the double.

    python -m tests.double.bench --interactions 2000 --concurrency 100

Many simulated users run ``/ping`` at once (at most ``--concurrency`` interactions in
flight); the report gives interactions/s and the median / p99 time from dispatching
``INTERACTION_CREATE`` to receiving the bot's callback. Every request is validated as usual.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time

import discord
from discord import app_commands

from .double import DiscordDouble

log = logging.getLogger(__name__)


class PingBot(discord.Client):
    def __init__(self) -> None:
        super().__init__(
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(description="Check the bot answers")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"pong {interaction.user.name}", ephemeral=True)

    async def setup_hook(self) -> None:
        await self.tree.sync()


async def run(interactions: int, concurrency: int, users: int) -> dict[str, float]:
    """Run the benchmark; returns the summary (also logged)."""
    async with DiscordDouble(defaults=True) as double:
        people = [double.add_user(f"shopper{i}") for i in range(users)]
        async with double.running(PingBot(), commands=True):
            gate = asyncio.Semaphore(concurrency)

            async def one(index: int) -> None:
                async with gate:
                    await double.slash(people[index % users], double.guild, "ping", timeout=10.0)

            await asyncio.gather(*(one(i) for i in range(min(50, interactions))))  # warm-up
            double.ack_latencies.clear()
            started = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(interactions)))
            elapsed = time.perf_counter() - started
        double.assert_clean()
        summary = double.latency_summary()
        summary["interactions_per_second"] = interactions / elapsed
        summary["seconds"] = elapsed
        assert double.validator is not None
        summary["validated_requests"] = float(double.validator.stats.requests)
        log.info(
            "%d interactions (%d in flight, %d users) in %.2fs: %.0f/s, ack median %.1f ms, "
            "p99 %.1f ms, max %.1f ms",
            interactions,
            concurrency,
            users,
            elapsed,
            summary["interactions_per_second"],
            summary["median"] * 1000,
            summary["p99"] * 1000,
            summary["max"] * 1000,
        )
        return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--interactions", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--users", type=int, default=500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("discord").setLevel(logging.WARNING)
    logging.getLogger("tests.double").setLevel(logging.INFO)
    asyncio.run(run(args.interactions, args.concurrency, args.users))


if __name__ == "__main__":
    main()
