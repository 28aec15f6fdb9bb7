"""The Discord bot: built from settings, started by ``seller-coach run``."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from sqlalchemy.exc import SQLAlchemyError

from bot.core.catalog import Catalog
from bot.core.tone import load_tone_checker
from bot.exts.answer import FormRouter, InFlight, accepting, answering
from bot.failures import new_error_id, redacted_traceback
from bot.metrics import Health, Metrics, MetricsServer, health
from bot.reminders import ReminderHealth
from bot.service import CoachService
from bot.settings import Settings
from bot.storage import Database, new_worker_id

log = logging.getLogger(__name__)

#: Signals that stop ``seller-coach run`` gracefully (docker stop and systemd send SIGTERM).
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: Seconds a stopping bot waits for the interactions in flight (the whole stop stays under 10).
SHUTDOWN_GRACE = 4.0

#: The Discord layer, one extension per area; each can be reloaded with ``reload_extension``.
EXTENSIONS = (
    "bot.exts.coach",
    "bot.exts.library",
    "bot.exts.account",
    "bot.exts.followups",
    "bot.exts.tone",
    "bot.exts.server_settings",
    "bot.exts.server_playbooks",
    "bot.exts.suggest",
)


class SellerCoachTree(app_commands.CommandTree["SellerCoachBot"]):
    """The slash commands; while the bot shuts down, a command gets a "try again" instead."""

    async def interaction_check(self, interaction: discord.Interaction[SellerCoachBot]) -> bool:
        return await accepting(interaction)


class SellerCoachBot(commands.AutoShardedBot):
    """Application commands only; every message private and unable to mention anyone.

    It runs the shards in ``SHARD_IDS`` of ``SHARD_COUNT`` (by default every shard Discord
    recommends), so several processes with disjoint shards share the work: Discord sends each
    guild's events to one shard only, and direct messages to shard 0.
    """

    def __init__(self, settings: Settings, service: CoachService, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        options.setdefault("shard_count", settings.shard_count)
        options.setdefault("shard_ids", settings.shard_ids)
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=SellerCoachTree,
            **options,
        )
        self.settings = settings
        self.service = service
        #: Where form submissions are answered (by custom_id, so also after a restart).
        self.forms = FormRouter()
        #: How the reminder loop is doing: last_run, last_error, consecutive_failures, totals.
        self.reminder_health = ReminderHealth()
        #: False once shutting down: new interactions are then turned away politely.
        self.accepting = True
        #: The interactions being answered right now.
        self.in_flight = InFlight()
        self.worker_id = new_worker_id()
        #: Sync the commands at start even if unchanged (``seller-coach sync``).
        self.force_sync = False
        #: Whether the last :meth:`sync_commands` synced (None: not tried yet).
        self.synced: bool | None = None
        self.metrics = Metrics(self.reminder_health)
        #: Serves /metrics and /healthz when METRICS_PORT is set.
        self.metrics_server: MetricsServer | None = None
        self.tree.on_error = self.on_app_command_error

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands(force=self.force_sync)
        if self.settings.metrics_port is not None and not self.force_sync:
            self.metrics_server = MetricsServer(
                self.metrics,
                self.health,
                host=self.settings.metrics_host,
                port=self.settings.metrics_port,
            )
            await self.metrics_server.start()

    def health(self) -> Health:
        """Connected to Discord (every shard of this process) and the reminder loop polling."""
        connected = (
            self.is_ready()
            and not self.is_closed()
            and bool(self.shards)
            and all(not shard.is_closed() for shard in self.shards.values())
        )
        return health(
            self.metrics,
            gateway_connected=connected,
            poll_seconds=self.settings.reminder_poll_seconds,
        )

    async def close(self) -> None:
        await super().close()
        if self.metrics_server is not None:
            await self.metrics_server.stop()
            self.metrics_server = None

    def command_scope(self) -> tuple[discord.Object | None, str]:
        """Where commands are synced (the development server, or None: globally) and the
        name under which their hash is kept."""
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            return guild, f"{self.application_id}:guild:{guild.id}"
        return None, f"{self.application_id}:global"

    def command_hash(self, guild: discord.Object | None) -> str:
        """SHA-256 of the command payload Discord would be sent."""
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Register the slash commands (instantly in the development server, else globally),
        only if they changed since the last sync recorded in the database, or ``force``.

        One process syncs (it claims the sync in the database first). A failure is logged and
        the bot carries on with the commands Discord already has; the next start tries again.
        Returns True when this call synced.
        """
        guild, scope = self.command_scope()
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = self.command_hash(guild)
        store = self.service.store
        try:
            claimed = await store.claim_command_sync(scope, digest, self.worker_id, force=force)
        except SQLAlchemyError as error:
            log.error("command sync skipped: the database failed (%s)", type(error).__name__)
            self.synced = False
            return False
        if not claimed:
            log.info("application commands unchanged (or another process is syncing them)")
            self.synced = False
            return False
        try:
            synced = await self.tree.sync(guild=guild)
        except (discord.HTTPException, app_commands.AppCommandError) as error:
            log.error(
                "syncing application commands failed (%s); carrying on with the commands "
                "Discord has, and trying again at the next start",
                error,
            )
            await store.release_command_sync(scope, self.worker_id)
            self.synced = False
            return False
        await store.finish_command_sync(scope, digest, self.worker_id)
        log.info("synced %d application commands", len(synced))
        self.synced = True
        return True

    async def shut_down(self, grace: float = SHUTDOWN_GRACE) -> None:
        """Stop gracefully: turn new interactions away, let those in flight finish (within
        ``grace`` seconds), stop the reminder loop (its claims released for another process),
        and close the connection to Discord."""
        self.accepting = False
        if not await self.in_flight.idle(grace):
            log.warning("stopping with %d interaction(s) unfinished", self.in_flight.count)
        await self.close()

    async def on_interaction(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        await self.forms.dispatch(interaction)

    async def on_app_command_error(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        error: app_commands.AppCommandError,
    ) -> None:
        """A command failed before its body could answer (e.g. an option it could not read)."""
        if isinstance(error, app_commands.CheckFailure) and not self.accepting:
            return  # turned away while shutting down; already answered
        name = f"/{interaction.command.qualified_name}" if interaction.command else "a command"
        async with answering(interaction, name):
            raise error.original if isinstance(error, app_commands.CommandInvokeError) else error

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        error_id = new_error_id()
        detail = redacted_traceback(error) if error is not None else "(no exception)"
        log.error("error %s in the %s event\n%s", error_id, event_method, detail)


def point_at(settings: Settings) -> None:
    """Send the bot to a Discord-compatible server instead of Discord, when configured."""
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


async def create_bot(
    settings: Settings,
    *,
    cache_dir: Path | None = None,
    catalog: Catalog | None = None,
    clock: Callable[[], datetime] | None = None,
    **bot_options: Any,
) -> tuple[SellerCoachBot, Database]:
    """Load the playbooks, open and migrate the database, and build the bot."""
    if catalog is None:
        catalog, problems = Catalog.load(cache_dir=cache_dir)
        for problem in problems:
            log.warning("playbook skipped: %s", problem)
    database = Database.from_url(settings.database_url)
    await database.migrate()
    point_at(settings)
    service = CoachService(
        catalog,
        database.store,
        tone=load_tone_checker(),
        retention=timedelta(days=settings.retention_days),
        **({"clock": clock} if clock is not None else {}),
    )
    return SellerCoachBot(settings, service, **bot_options), database


async def serve(settings: Settings) -> None:
    """Run the bot until it is stopped; SIGTERM or SIGINT stop it gracefully."""
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    bot, database = await create_bot(settings, cache_dir=settings.data_dir / "cache")
    # The playbooks, the match index and the tone rules live as long as the process: keep
    # them out of the cyclic collector's way, or every full collection walks them all (about
    # 35 ms with the shipped set, a pause that lands on whichever interaction is running).
    gc.collect()
    gc.freeze()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, stop.set)
    try:
        async with bot:
            running = asyncio.create_task(bot.start(token), name="seller-coach-bot")
            stopping = asyncio.create_task(stop.wait(), name="seller-coach-stop")
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if running.done():
                stopping.cancel()
                running.result()  # a login failure, say
            else:
                log.info("stopping: finishing what is in flight")
                await bot.shut_down()
                await running
    finally:
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)
        await database.dispose()
    log.info("stopped")


def _event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (not on Windows), else asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def sync_once(settings: Settings) -> bool:
    """``seller-coach sync``: log in, sync the commands whether or not they changed, log out."""
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    bot, database = await create_bot(settings, cache_dir=settings.data_dir / "cache")
    bot.force_sync = True
    try:
        async with bot:
            await bot.login(token)  # runs setup_hook, which syncs
    finally:
        await database.dispose()
    return bool(bot.synced)


def sync(settings: Settings) -> int:
    """Force a command sync; 0 when Discord accepted the commands."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        log.error("DISCORD_TOKEN is not set (see the README).")
        return 2
    try:
        synced = asyncio.run(sync_once(settings))
    except discord.LoginFailure:
        log.error(
            "Discord refused the token in DISCORD_TOKEN. Copy it again from the developer portal."
        )
        return 2
    if synced:
        print("Application commands synced.")
        return 0
    print("Application commands were not synced; see the log above.")
    return 1


def run(settings: Settings) -> int:
    """``seller-coach run``: start the bot; a clear sentence instead of a traceback on failure."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        log.error(
            "DISCORD_TOKEN is not set. Create a bot in the Discord developer portal and put "
            "its token in the environment or in a .env file (see the README)."
        )
        return 2
    try:
        with asyncio.Runner(loop_factory=_event_loop_factory()) as runner:
            runner.run(serve(settings))
    except discord.LoginFailure:
        log.error(
            "Discord refused the token in DISCORD_TOKEN. Copy it again from the developer portal."
        )
        return 2
    except discord.PrivilegedIntentsRequired:
        log.error("Discord refused the bot's intents; Seller Coach needs none that are privileged.")
        return 2
    except KeyboardInterrupt:  # before the signal handlers were in place
        log.info("stopped")
    return 0
