"""The real bot, unchanged, running against the Discord double on loopback."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import SellerCoachBot, create_bot
from bot.core.catalog import Catalog
from bot.settings import Settings
from bot.storage import Database
from tests.double import DiscordDouble
from tests.double.double import InteractionResult

CATALOG = Catalog.load()[0]


@dataclass
class Harness:
    """A running bot, the double it talks to, and its database."""

    double: DiscordDouble
    bot: SellerCoachBot
    database: Database
    url: str

    @property
    def service(self) -> Any:
        return self.bot.service


@contextlib.asynccontextmanager
async def running_bot(
    double: DiscordDouble,
    url: str,
    *,
    commands: bool = True,
    clock: Callable[[], datetime] | None = None,
    **settings: Any,
) -> AsyncIterator[Harness]:
    """Start the real bot against ``double`` on the database at ``url``; stop it afterwards.
    With ``commands=False`` it does not wait for the slash commands to be synced; ``clock``
    is the service's (reminder due dates, retention)."""
    config = Settings(
        discord_token=double.token,
        database_url=url,
        reminder_poll_seconds=settings.pop("reminder_poll_seconds", 0.05),
        **settings,
    )
    bot, database = await create_bot(config, catalog=CATALOG, clock=clock, guild_ready_timeout=0.05)
    try:
        async with double.running(bot, commands=commands):
            yield Harness(double, bot, database, url)
    finally:
        await database.dispose()


@pytest.fixture
def sqlite_file_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble() as fake_discord:
        yield fake_discord


@pytest.fixture
async def harness(double: DiscordDouble, sqlite_file_url: str) -> AsyncIterator[Harness]:
    async with running_bot(double, sqlite_file_url) as running:
        yield running
    double.assert_clean()


def custom_id(result: InteractionResult, suffix: str) -> str:
    """The custom_id on the message that ends with ``suffix`` (e.g. ``":next"``)."""
    found = [c for c in result.custom_ids() if c.endswith(suffix)]
    assert found, f"no component ending in {suffix!r} among {result.custom_ids()}"
    return found[0]


def text_of(result: InteractionResult) -> str:
    """Everything the seller can read in the message: content and every embed's text."""
    parts = [result.content or ""]
    for embed in result.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f.get('name')}\n{f.get('value')}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def at_draft(result: InteractionResult) -> bool:
    """True when the message shows the finished reply (it has the Done button)."""
    return any(c.endswith(":finish") for c in result.custom_ids())


async def reply_of(double: DiscordDouble, result: InteractionResult) -> str:
    """The finished reply: the plain private message that follows the draft step, on its own."""
    await double.wait_for(lambda: any(not m.embeds for m in result.followups), timeout=5)
    plain = [m for m in result.followups if not m.embeds]
    assert plain[-1].ephemeral
    return plain[-1].content


def reminder_dms(double: DiscordDouble, user: Any) -> list[Any]:
    """The reminders sent to ``user`` by DM (each is followed by its message to copy)."""
    return [m for m in double.dms_to(user) if m.embeds]
