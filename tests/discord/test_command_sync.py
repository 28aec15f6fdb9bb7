"""Slash commands are synced only when they changed, by one process; a failure is not fatal."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.models import CommandSync
from tests.discord.conftest import running_bot
from tests.double import DiscordDouble

pytestmark = pytest.mark.asyncio

REPO = Path(__file__).resolve().parents[2]


async def test_a_restart_with_the_same_commands_does_not_sync_again(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    async with running_bot(double, sqlite_file_url) as first:
        assert first.bot.synced is True
        scope = first.bot.command_scope()[1]
        assert await first.service.store.synced_command_hash(scope) == first.bot.command_hash(None)
    async with running_bot(double, sqlite_file_url) as second:
        assert second.bot.synced is False
        assert (await double.slash(double.member, double.guild, "help")).ephemeral
    assert double.command_syncs == 1
    double.assert_clean()


async def test_changed_commands_are_synced_at_the_next_start(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    async with running_bot(double, sqlite_file_url) as first:
        engine = first.database.engine
        # As if the commands in the database were those of an older release.
        await execute(engine, update(CommandSync).values(payload_hash="0" * 64))
    async with running_bot(double, sqlite_file_url) as second:
        assert second.bot.synced is True
    assert double.command_syncs == 2


async def execute(engine: AsyncEngine, statement: Any) -> None:
    async with engine.begin() as connection:
        await connection.execute(statement)


async def test_a_failed_sync_is_logged_and_the_bot_carries_on(
    double: DiscordDouble, sqlite_file_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    double.fail_next("PUT", "/applications/*/commands", status=403)
    caplog.set_level(logging.INFO, logger="bot.app")
    async with running_bot(double, sqlite_file_url, commands=False) as first:
        assert first.bot.synced is False
        assert first.bot.is_ready()
        scope = first.bot.command_scope()[1]
        assert await first.service.store.synced_command_hash(scope) is None
    failures = [r for r in caplog.records if r.name == "bot.app" and r.levelno == logging.ERROR]
    assert len(failures) == 1 and "syncing application commands failed" in failures[0].message
    assert double.command_syncs == 0
    async with running_bot(double, sqlite_file_url) as second:  # tried again, and it works
        assert second.bot.synced is True
        assert (await double.slash(double.member, double.guild, "help")).ephemeral
    assert double.command_syncs == 1


@pytest.mark.timeout(300)  # starts a second Python process, slow on a loaded machine
async def test_seller_coach_sync_forces_a_sync(
    double: DiscordDouble, sqlite_file_url: str, tmp_path: Path
) -> None:
    async with running_bot(double, sqlite_file_url):
        pass
    assert double.command_syncs == 1
    env = {
        **os.environ,
        "DISCORD_TOKEN": double.token,
        "DISCORD_API_BASE": double.api_base,
        "DISCORD_GATEWAY_URL": double.gateway_url,
        "DATABASE_URL": sqlite_file_url,
        "SELLER_COACH_DATA_DIR": str(tmp_path),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "sync",
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=240)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert "synced" in stdout.decode()
    assert double.command_syncs == 2
    double.assert_clean()
