"""The :class:`DiscordDouble` facade: lifecycle, acting as users, faults, measurements."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import statistics
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .acting import (
    InteractionResult,
    InteractionTimeoutError,
    OptionLookups,
    build_options,
    check_select_values,
    clickable,
    command_data,
    interaction_payload,
    modal_submission,
    resolve_command,
    select_resolved,
)
from .gateway import Gateway, GatewaySession
from .limits import FLAG_EPHEMERAL, FLAG_LOADING, SELECT_TYPES
from .records import Fault, MentionRecord, RequestRecord, Violation, compile_path_pattern
from .server import RestApi
from .state import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    BOT_PERMISSIONS,
    DM,
    GUILD_TEXT,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    Changes,
    Channel,
    Command,
    Guild,
    InteractionRecord,
    Message,
    Modal,
    Role,
    SnowflakeFactory,
    StoredFile,
    Upload,
    User,
    new_token,
)
from .validation import API_PREFIX, OpenAPIRequestValidator, get_openapi_validator

if TYPE_CHECKING:
    import discord

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
#: Gateway intent bits (https://discord.com/developers/docs/events/gateway#gateway-intents).
GUILDS_INTENT = 1 << 0
GUILD_MEMBERS_INTENT = 1 << 1


class DiscordDouble:
    """A loopback stand-in for Discord's REST API (v10) and Gateway, for the real discord.py.

    ``async with DiscordDouble() as double:`` starts it on ``127.0.0.1`` (ephemeral port).
    Point a bot at it with :meth:`patch_discord` or run one with :meth:`running`.
    With ``defaults=True`` there is a guild (:attr:`guild`), an ordinary member
    (:attr:`member`) and one with Manage Server (:attr:`manager`).
    """

    def __init__(
        self,
        *,
        token: str = "discord-double-bot-token",
        bot_name: str = "Seller Coach",
        defaults: bool = True,
        interaction_deadline: float = 3.0,
        response_timeout: float | None = None,
        heartbeat_interval: float = 41.25,
        spec_path: Path | None = None,
        check_responses: bool = False,
        openapi: bool = True,
    ) -> None:
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.response_timeout = (
            response_timeout if response_timeout is not None else interaction_deadline + 1.0
        )
        self.snowflake = SnowflakeFactory()
        self.bot_user = User(
            id=self.snowflake(), name=bot_name, bot=True, permissions=BOT_PERMISSIONS
        )
        self.application_id = self.bot_user.id
        self.owner = User(id=self.snowflake(), name="app-owner")

        self.users: dict[int, User] = {self.bot_user.id: self.bot_user, self.owner.id: self.owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        #: What the CDN serves: users' uploads and the files the bot sent, by attachment id.
        self.files: dict[int, StoredFile] = {}
        self._channel_messages: dict[int, list[Message]] = {}
        self._dm_channels: dict[int, Channel] = {}
        self.closed_dms: set[int] = set()
        self.global_commands: dict[tuple[int, str], Command] = {}
        self.guild_commands: dict[int, dict[tuple[int, str], Command]] = {}
        self.command_syncs = 0
        #: What ``GET /gateway/bot`` recommends as the shard count.
        self.recommended_shards = 1
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}

        self.requests: list[RequestRecord] = []
        self.violations: list[Violation] = []
        self.unknown_routes: list[str] = []
        self.mention_audit: list[MentionRecord] = []
        #: With ``check_responses=True``: the double's own answers that do not match the
        #: description's response schemas (a self-check of the double, not of the bot).
        self.check_responses = check_responses
        #: Validate each request against the OpenAPI description (the limits are always
        #: checked). Only a benchmark of the bot turns this off: it costs the double ~15 ms a
        #: request, which would measure the double instead of the bot.
        self.openapi = openapi
        self.response_problems: list[Violation] = []
        self.ack_latencies: list[float] = []
        self._faults: list[Fault] = []
        self._changes = Changes()
        self._lookups = OptionLookups(
            user=self._user, channel=self._channel, role=self._role, attachment=self._upload
        )

        self._spec_path = spec_path
        self.validator: OpenAPIRequestValidator | None = None
        self.gateway = Gateway(self, heartbeat_interval_ms=int(heartbeat_interval * 1000))
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

        self._defaults: tuple[Guild, User, User] | None = None
        if defaults:
            self._defaults = (
                self.add_guild("Seller Coach Test"),
                self.add_user("casey"),
                self.add_user("morgan", manage_guild=True),
            )

    def _require_defaults(self) -> tuple[Guild, User, User]:
        if self._defaults is None:
            raise RuntimeError("This DiscordDouble was created with defaults=False")
        return self._defaults

    @property
    def guild(self) -> Guild:
        """The default guild (with a ``#general`` text channel)."""
        return self._require_defaults()[0]

    @property
    def member(self) -> User:
        """A default member without Manage Server."""
        return self._require_defaults()[1]

    @property
    def manager(self) -> User:
        """A default member with Manage Server."""
        return self._require_defaults()[2]

    # --- lifecycle ------------------------------------------------------------------------------

    async def __aenter__(self) -> DiscordDouble:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Load the OpenAPI description (once per process) and listen on 127.0.0.1."""
        self.validator = get_openapi_validator(self._spec_path)
        app = RestApi(self).build_app()
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(runner, sock).start()
        self._runner = runner
        log.info("Discord double listening on %s", self.api_base)

    async def stop(self) -> None:
        for record in self.interactions.values():
            if record.responded is not None and not record.responded.done():
                record.responded.cancel()
        await asyncio.wait_for(self.gateway.close_all(), timeout=5.0)
        if self._runner is not None:
            await asyncio.wait_for(self._runner.cleanup(), timeout=10.0)
            self._runner = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("The Discord double is not started")
        return f"http://{HOST}:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """Value for ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``."""
        return f"ws://{HOST}:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://{HOST}:{self.port}/gateway/resume"

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at this double (restored after)."""
        import discord.gateway
        import discord.http
        import yarl

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    @contextlib.asynccontextmanager
    async def running(
        self, client: discord.Client, *, commands: bool = False, timeout: float = 15.0
    ) -> AsyncIterator[discord.Client]:
        """Start ``client`` against the double, wait until it is ready (and, with
        ``commands=True``, has synced commands), and close it afterwards."""
        with self.patch_discord():
            client_run = asyncio.create_task(client.start(self.token), name="discord-double-client")
            try:
                ready = asyncio.ensure_future(
                    self.wait_until_ready(timeout=timeout, commands=commands)
                )
                done, _ = await asyncio.wait(
                    {ready, client_run}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                if client_run in done:
                    ready.cancel()
                    client_run.result()
                    raise RuntimeError("The bot stopped before it became ready")
                if ready not in done:
                    ready.cancel()
                    raise TimeoutError("The bot did not become ready in time")
                ready.result()
                await asyncio.wait_for(client.wait_until_ready(), timeout=timeout)
                yield client
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.close(), timeout=10.0)
                if not client_run.done():
                    client_run.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await asyncio.wait_for(client_run, timeout=10.0)

    # --- world ----------------------------------------------------------------------------------

    def add_user(
        self,
        name: str,
        *,
        permissions: int | None = None,
        manage_guild: bool = False,
        global_name: str | None = None,
        locale: str = "en-US",
    ) -> User:
        """A user who is a member of every guild. ``permissions`` defaults to an ordinary
        member's; ``manage_guild=True`` adds Manage Server."""
        perms = MEMBER_PERMISSIONS if permissions is None else permissions
        if manage_guild:
            perms |= MANAGE_GUILD
        user = User(
            id=self.snowflake(),
            name=name,
            global_name=global_name,
            permissions=perms,
            locale=locale,
        )
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str = "Test Guild",
        *,
        channels: Sequence[str] = ("general",),
        locale: str = "en-US",
        shard: tuple[int, int] | None = None,
    ) -> Guild:
        """A guild with text channels; the bot joins it (live ``GUILD_CREATE`` if connected).
        ``shard=(shard_id, shard_count)`` picks an id whose events go to that shard."""
        guild_id = self.snowflake() if shard is None else self.snowflake.on_shard(*shard)
        guild = Guild(id=guild_id, name=name, owner_id=self.owner.id, locale=locale)
        for position, channel_name in enumerate(channels):
            channel = Channel(
                id=self.snowflake(),
                type=GUILD_TEXT,
                name=channel_name,
                guild_id=guild.id,
                position=position,
            )
            guild.channels.append(channel)
            self.channels[channel.id] = channel
        self.guilds[guild.id] = guild
        if self.gateway.current is not None:
            self.gateway.dispatch(
                "GUILD_CREATE",
                guild.create_payload(self._members(), joined=True),
                guild_id=guild.id,
            )
        return guild

    def add_role(
        self,
        guild: Guild | int,
        name: str,
        *,
        permissions: int = 0,
        color: int = 0,
        hoist: bool = False,
        mentionable: bool = False,
    ) -> Role:
        """A new role in ``guild`` (above the others), sent as ``GUILD_ROLE_CREATE`` if the bot
        is connected. ``permissions`` are added to those of every member given the role."""
        the_guild = self._require_guild(guild)
        role = Role(
            id=self.snowflake(),
            guild_id=the_guild.id,
            name=name,
            permissions=permissions,
            position=len(the_guild.roles),
            color=color,
            hoist=hoist,
            mentionable=mentionable,
        )
        the_guild.roles.append(role)
        if self.gateway.current is not None:
            self.gateway.dispatch(
                "GUILD_ROLE_CREATE",
                {"guild_id": str(the_guild.id), "role": role.payload()},
                guild_id=the_guild.id,
                intent=GUILDS_INTENT,
            )
        self.state_changed()
        return role

    def give_role(self, user: User | int, role: Role | int) -> None:
        """Give ``user`` the role in its guild (member payloads list it from now on)."""
        self._set_role(self._user(user), self._role(role), True)

    def take_role(self, user: User | int, role: Role | int) -> None:
        """Take the role from ``user`` again."""
        self._set_role(self._user(user), self._role(role), False)

    def roles_of(self, user: User | int, guild: Guild | int) -> list[Role]:
        """The roles ``user`` has in ``guild``, ``@everyone`` not included."""
        the_guild = self._require_guild(guild)
        found = (the_guild.get_role(i) for i in the_guild.role_ids_of(self._user(user)))
        return [r for r in found if r is not None]

    def _set_role(self, user: User, role: Role, given: bool) -> None:
        guild = self.guilds[role.guild_id]
        if role.is_everyone:
            raise ValueError("Every member has @everyone; it cannot be given or taken")
        current = guild.member_roles.setdefault(user.id, [])
        if given == (role.id in current):
            return
        if given:
            current.append(role.id)
        else:
            current.remove(role.id)
        if self.gateway.current is not None:
            # Discord sends member updates only to sessions with the GUILD_MEMBERS intent.
            self.gateway.dispatch(
                "GUILD_MEMBER_UPDATE",
                {"guild_id": str(guild.id), **user.member_payload(guild)},
                guild_id=guild.id,
                intent=GUILD_MEMBERS_INTENT,
            )
        self.state_changed()

    # --- files ----------------------------------------------------------------------------------

    def attachment_bytes(self, attachment: dict[str, Any] | int | str) -> bytes:
        """The bytes of an attachment (a payload from ``Message.attachments`` or an id)."""
        raw = attachment["id"] if isinstance(attachment, dict) else attachment
        stored = self.files.get(int(raw))
        if stored is None:
            raise LookupError(f"No attachment {raw}")
        return stored.data

    def files_of(self, message: Message | InteractionResult | int) -> dict[str, bytes]:
        """The files attached to ``message`` (as it is now), by file name."""
        the_message = self._message(message)
        return {a["filename"]: self.attachment_bytes(a) for a in the_message.attachments}

    def _upload(self, upload: Upload) -> dict[str, Any]:
        """Keep a user's upload on the CDN; its attachment payload as interactions carry it."""
        stored = StoredFile(
            id=self.snowflake(),
            filename=upload.filename,
            data=upload.data,
            content_type=upload.content_type,
        )
        self.files[stored.id] = stored
        return stored.payload(self.base_url, ephemeral=True)

    def _members(self) -> list[User]:
        return [u for u in self.users.values() if u is not self.owner]

    def _user(self, user: User | int) -> User:
        return user if isinstance(user, User) else self.users[int(user)]

    def _channel(self, channel: Channel | int) -> Channel:
        return channel if isinstance(channel, Channel) else self.channels[int(channel)]

    def _guild(self, guild: Guild | int | None) -> Guild | None:
        if guild is None or isinstance(guild, Guild):
            return guild
        return self.guilds[int(guild)]

    def _require_guild(self, guild: Guild | int) -> Guild:
        return guild if isinstance(guild, Guild) else self.guilds[int(guild)]

    def _role(self, role: Any) -> Role:
        if isinstance(role, Role):
            return role
        if isinstance(role, int | str) and str(role).isdigit():
            for guild in self.guilds.values():
                found = guild.get_role(int(role))
                if found is not None:
                    return found
        raise LookupError(f"{role!r} is not a role")

    @staticmethod
    def _check_roles_in(guild: Guild | None, resolved: dict[str, Any]) -> None:
        """A user can only pick roles of the guild they are in."""
        for role_id in resolved.get("roles", {}):
            if guild is None or guild.get_role(int(role_id)) is None:
                raise ValueError(f"Role {role_id} is not a role of this guild")

    def _dm_channel(self, user: User) -> Channel:
        channel = self._dm_channels.get(user.id)
        if channel is None:
            channel = Channel(id=self.snowflake(), type=DM, recipient=user)
            self._dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def messages_in(self, channel_id: int) -> list[Message]:
        return [m for m in self._channel_messages.get(channel_id, []) if not m.deleted]

    def dms_to(self, user: User | int) -> list[Message]:
        """Messages the bot sent (and did not delete) in its DM channel with ``user``."""
        user_id = user.id if isinstance(user, User) else int(user)
        channel = self._dm_channels.get(user_id)
        return self.messages_in(channel.id) if channel else []

    def commands(self, guild: Guild | int | None = None) -> list[dict[str, Any]]:
        """The commands the bot registered globally (or for ``guild``), as Discord stores them."""
        the_guild = self._guild(guild)
        return [c.data for c in self.command_table(the_guild.id if the_guild else None).values()]

    def command_table(self, guild_id: int | None) -> dict[tuple[int, str], Command]:
        if guild_id is None:
            return self.global_commands
        return self.guild_commands.setdefault(guild_id, {})

    # --- waiting --------------------------------------------------------------------------------

    def state_changed(self) -> None:
        self._changes.notify()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until ``predicate()`` is true; re-checked whenever the double's state changes."""
        await self._changes.wait_for(predicate, timeout)

    async def wait_until_ready(self, timeout: float = 10.0, *, commands: bool = False) -> None:
        """Wait until a bot has identified and is connected (and has synced commands)."""
        await self.wait_for(
            lambda: self.gateway.connected and (not commands or self.command_syncs > 0),
            timeout=timeout,
        )

    # --- acting as a user -----------------------------------------------------------------------

    async def slash(
        self,
        user: User | int,
        guild: Guild | int | None,
        command: str,
        /,
        *,
        channel: Channel | None = None,
        timeout: float | None = None,
        **options: Any,
    ) -> InteractionResult:
        """Run ``/command`` (``"group sub"`` for subcommands) with ``options`` as ``user``.

        ``guild=None`` runs it in the user's DMs with the bot. Raises
        :class:`CommandNotAvailableError` when Discord would not offer the command to this user.
        """
        the_user, the_guild = self._user(user), self._guild(guild)
        found, path, definitions = resolve_command(self.command_table, the_user, the_guild, command)
        values, resolved = build_options(definitions, options, self._lookups, focused=None)
        self._check_roles_in(the_guild, resolved)
        data = command_data(found, path, values, resolved)
        return await self._interact(
            APPLICATION_COMMAND,
            the_user,
            guild=the_guild,
            channel=channel,
            data=data,
            timeout=timeout,
        )

    async def autocomplete(
        self,
        user: User | int,
        guild: Guild | int | None,
        command: str,
        option: str,
        value: str,
        /,
        *,
        channel: Channel | None = None,
        timeout: float | None = None,
        **options: Any,
    ) -> list[dict[str, Any]]:
        """Type ``value`` into ``option`` of ``/command``; returns the choices the bot offers."""
        the_user, the_guild = self._user(user), self._guild(guild)
        found, path, definitions = resolve_command(self.command_table, the_user, the_guild, command)
        typed = {**options, option: value}
        values, resolved = build_options(definitions, typed, self._lookups, focused=option)
        data = command_data(found, path, values, resolved)
        result = await self._interact(
            AUTOCOMPLETE, the_user, guild=the_guild, channel=channel, data=data, timeout=timeout
        )
        return list(result.choices or [])

    async def click(
        self,
        user: User | int,
        message: Message | InteractionResult | int,
        custom_id: str,
        /,
        *,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Press the button ``custom_id`` on ``message``."""
        the_user, the_message = self._user(user), self._message(message)
        component = clickable(the_user, the_message, custom_id)
        if component.get("type") != 2:
            raise ValueError(f"{custom_id!r} is not a button (type {component.get('type')})")
        if component.get("style") in (5, 6):
            raise ValueError(f"{custom_id!r} is a link/premium button; it sends no interaction")
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._from_message(the_user, the_message, data, timeout)

    async def select(
        self,
        user: User | int,
        message: Message | InteractionResult | int,
        custom_id: str,
        values: Sequence[str | int | User | Channel | Role],
        /,
        *,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Pick ``values`` in the select menu ``custom_id`` on ``message`` (option values for a
        string select; users, roles or channels, or their ids, for user/role/mentionable/channel
        selects)."""
        the_user, the_message = self._user(user), self._message(message)
        component = clickable(the_user, the_message, custom_id)
        kind = component.get("type")
        if kind not in SELECT_TYPES:
            raise ValueError(f"{custom_id!r} is not a select menu (type {kind})")
        chosen = [str(v.id) if isinstance(v, User | Channel | Role) else str(v) for v in values]
        check_select_values(component, chosen)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kind, "values": chosen}
        resolved = select_resolved(kind, chosen, self._lookups)
        self._check_roles_in(self._guild(the_message.guild_id), resolved)
        if resolved:
            data["resolved"] = resolved
        return await self._from_message(the_user, the_message, data, timeout)

    async def submit_modal(
        self,
        user: User | int,
        modal: Modal | InteractionResult,
        values: Mapping[str, str | Sequence[str]],
        /,
        *,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Fill in and submit a modal the bot opened. ``values`` maps each field's custom_id to
        its text (or, for a select inside a label, to the chosen values)."""
        the_user = self._user(user)
        the_modal = modal.modal if isinstance(modal, InteractionResult) else modal
        if the_modal is None:
            raise ValueError("The bot did not open a modal for that interaction")
        if the_modal.user.id != the_user.id:
            raise ValueError("Only the user the modal was shown to can submit it")
        data = modal_submission(the_modal, values)
        opener = self.interactions[the_modal.interaction_id]
        return await self._interact(
            MODAL_SUBMIT,
            the_user,
            guild=opener.guild,
            channel=opener.channel,
            data=data,
            source=opener.source_message,
            opener=opener,
            timeout=timeout,
        )

    # --- acting: lookups ------------------------------------------------------------------------

    def _message(self, message: Message | InteractionResult | int) -> Message:
        if isinstance(message, InteractionResult):
            found = message.message
            if found is None:
                raise ValueError("That interaction produced no message")
            return found
        if isinstance(message, Message):
            return message
        return self.messages[int(message)]

    async def _from_message(
        self, user: User, message: Message, data: dict[str, Any], timeout: float | None
    ) -> InteractionResult:
        channel = self.channels[message.channel_id]
        guild = self.guilds.get(message.guild_id) if message.guild_id else None
        return await self._interact(
            MESSAGE_COMPONENT,
            user,
            guild=guild,
            channel=channel,
            data=data,
            source=message,
            timeout=timeout,
        )

    async def _interact(
        self,
        kind: int,
        user: User,
        *,
        guild: Guild | None,
        channel: Channel | None,
        data: dict[str, Any],
        source: Message | None = None,
        opener: InteractionRecord | None = None,
        timeout: float | None = None,
    ) -> InteractionResult:
        if channel is None:
            channel = guild.default_channel if guild is not None else self._dm_channel(user)
        record = InteractionRecord(
            id=self.snowflake(),
            token=new_token(),
            type=kind,
            user=user,
            guild=guild,
            channel=channel,
            data=data,
            source_message=source,
            opener=opener,
        )
        record.responded = asyncio.get_running_loop().create_future()
        self.interactions[record.id] = record
        self.interactions_by_token[record.token] = record
        payload = interaction_payload(record, self.application_id)
        record.dispatched_at = time.perf_counter()
        self.gateway.dispatch(
            "INTERACTION_CREATE", payload, guild_id=guild.id if guild is not None else None
        )
        wait = self.response_timeout if timeout is None else timeout
        try:
            await asyncio.wait_for(asyncio.shield(record.responded), wait)
        except TimeoutError:
            related = [
                str(v)
                for v in self.violations
                if str(record.id) in v.path or record.token in v.path
            ]
            raise InteractionTimeoutError(
                f"The bot did not answer interaction {record.id} (type {kind}, data {data}) "
                f"within {wait}s" + (f"; rejected: {related}" if related else "")
            ) from None
        return InteractionResult(record)

    # --- used by the REST routes ----------------------------------------------------------------

    def _acknowledge(
        self, record: InteractionRecord, callback_type: int, data: dict[str, Any]
    ) -> None:
        record.callback_type = callback_type
        record.callback_data = data
        record.acknowledged_at = time.perf_counter()
        self.ack_latencies.append(record.acknowledged_at - record.dispatched_at)
        if record.responded is not None and not record.responded.done():
            record.responded.set_result(None)
        self.state_changed()

    def _store_message(self, message: Message) -> Message:
        self.messages[message.id] = message
        self._channel_messages.setdefault(message.channel_id, []).append(message)
        self.state_changed()
        return message

    def _new_interaction_message(
        self, record: InteractionRecord, data: dict[str, Any], *, loading: bool
    ) -> Message:
        message = Message(
            id=self.snowflake(),
            channel_id=record.channel.id,
            guild_id=record.guild.id if record.guild else None,
            author=self.bot_user,
            type=20 if record.type == APPLICATION_COMMAND else 0,
            interaction_id=record.id,
            interaction_user=record.user,
            interaction_metadata=record.metadata(),
            webhook_id=self.application_id,
            application_id=self.application_id,
        )
        flags = int(data.get("flags") or 0)
        if loading:
            message.flags = FLAG_LOADING | (flags & FLAG_EPHEMERAL)
        else:
            message.apply(data, edit=False)
        record.original = message
        return self._store_message(message)

    def _new_followup(self, record: InteractionRecord, payload: dict[str, Any]) -> Message:
        message = Message(
            id=self.snowflake(),
            channel_id=record.channel.id,
            guild_id=record.guild.id if record.guild else None,
            author=self.bot_user,
            interaction_id=record.id,
            interaction_user=record.user,
            interaction_metadata=record.metadata(),
            webhook_id=self.application_id,
            application_id=self.application_id,
        )
        message.apply(payload, edit=False)
        record.followups.append(message)
        return self._store_message(message)

    def _new_channel_message(self, channel: Channel, payload: dict[str, Any]) -> Message:
        message = Message(
            id=self.snowflake(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=self.bot_user,
        )
        message.apply(payload, edit=False)
        return self._store_message(message)

    def _store_commands(
        self, guild_id: int | None, commands: list[dict[str, Any]]
    ) -> list[Command]:
        table = self.command_table(guild_id)
        previous = dict(table)
        table.clear()
        for data in commands:
            kind = int(data.get("type") or 1)
            old = previous.get((kind, data["name"]))
            table[(kind, data["name"])] = self._command(guild_id, data, old)
        self.command_syncs += 1
        self.state_changed()
        return list(table.values())

    def _upsert_command(self, guild_id: int | None, data: dict[str, Any]) -> Command:
        table = self.command_table(guild_id)
        kind = int(data.get("type") or 1)
        old = table.get((kind, data["name"]))
        if old is None:
            old = next((c for c in table.values() if str(c.id) == str(data.get("id"))), None)
            if old is not None:
                del table[(old.type, old.name)]
        command = self._command(guild_id, data, old)
        table[(kind, data["name"])] = command
        self.state_changed()
        return command

    def _delete_command(self, guild_id: int | None, command: Command) -> None:
        self.command_table(guild_id).pop((command.type, command.name), None)
        self.state_changed()

    def _command(self, guild_id: int | None, data: dict[str, Any], old: Command | None) -> Command:
        permissions = data.get("default_member_permissions")
        stored = {k: v for k, v in data.items() if v is not None}
        stored.update(
            {
                "id": str(old.id if old else self.snowflake()),
                "application_id": str(self.application_id),
                "version": str(self.snowflake()),
                "type": int(data.get("type") or 1),
                "description": data.get("description") or "",
                "default_member_permissions": (None if permissions is None else str(permissions)),
                "nsfw": bool(data.get("nsfw", False)),
            }
        )
        if "contexts" in data:
            stored["contexts"] = data["contexts"]
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return Command(data=stored, guild_id=guild_id)

    # --- gateway host -----------------------------------------------------------------------------

    def ready_payload(self, session: GatewaySession) -> dict[str, Any]:
        user = self.bot_user.payload()
        user.update({"verified": True, "mfa_enabled": False, "email": None})
        payload: dict[str, Any] = {
            "v": 10,
            "user": user,
            "guilds": [
                {"id": str(g.id), "unavailable": True} for g in self._session_guilds(session)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "_trace": ["discord-double"],
        }
        if session.shard is not None:
            payload["shard"] = session.shard
        return payload

    def _session_guilds(self, session: GatewaySession) -> list[Guild]:
        return [g for g in self.guilds.values() if session.receives(g.id)]

    def guild_create_payloads(self, session: GatewaySession) -> list[dict[str, Any]]:
        members = self._members()
        return [g.create_payload(members) for g in self._session_guilds(session)]

    def members_chunk(self, request: dict[str, Any]) -> list[dict[str, Any]]:
        guild_ids = request.get("guild_id")
        ids = guild_ids if isinstance(guild_ids, list) else [guild_ids]
        wanted = request.get("user_ids")
        wanted_ids = (
            {int(u) for u in (wanted if isinstance(wanted, list) else [wanted])} if wanted else None
        )
        chunks = []
        for raw in ids:
            guild = self.guilds.get(int(raw)) if raw is not None else None
            if guild is None:
                continue
            members = [m for m in self._members() if wanted_ids is None or m.id in wanted_ids]
            query = request.get("query")
            if query:
                members = [m for m in members if m.name.startswith(query)]
            chunk: dict[str, Any] = {
                "guild_id": str(guild.id),
                "members": [m.member_payload(guild) for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
            }
            if request.get("nonce") is not None:
                chunk["nonce"] = request["nonce"]
            if wanted_ids:
                chunk["not_found"] = [str(i) for i in wanted_ids - {m.id for m in members}]
            chunks.append(chunk)
        return chunks

    def gateway_violation(self, message: str) -> None:
        self._record_violation(Violation("gateway", "WS", "/gateway", detail=message))

    def application_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "flags_new": "0",
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "eligible_oauth2_scopes": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": 0,
            "owner": self.owner.payload(),
            "team": None,
            "bot": self.bot_user.payload(),
            "rpc_origins": [],
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "approximate_guild_count": len(self.guilds),
            "integration_types_config": {"0": {}},
        }

    # --- faults ---------------------------------------------------------------------------------

    def drop_gateway(self) -> bool:
        """Cut the bot's websocket without a close frame; the bot should RESUME. Dispatches
        made while it is away are replayed after the resume."""
        return self.gateway.drop()

    def rate_limit_next(
        self,
        method: str,
        path_pattern: str,
        retry_after: float = 0.2,
        *,
        count: int = 1,
        is_global: bool = False,
    ) -> Fault:
        """Answer the next ``count`` matching requests with 429 (``retry_after`` seconds).

        ``path_pattern`` is below ``/api/v10``; ``*`` or ``{name}`` match one path segment,
        ``**`` anything (e.g. ``"/interactions/*/*/callback"``). ``method`` may be ``"*"``.
        """
        fault = Fault(
            method.upper(), compile_path_pattern(path_pattern), 429, retry_after, is_global, count
        )
        self._faults.append(fault)
        return fault

    def fail_next(
        self,
        method: str,
        path_pattern: str,
        status: int = 502,
        *,
        count: int = 1,
        code: int = 0,
        message: str = "",
    ) -> Fault:
        """Answer the next ``count`` matching requests with ``status`` (5xx by default)."""
        fault = Fault(
            method.upper(),
            compile_path_pattern(path_pattern),
            status,
            count=count,
            code=code,
            message=message,
        )
        self._faults.append(fault)
        return fault

    def lose_next_answer(self, *, count: int = 1) -> Fault:
        """Lose the bot's next ``count`` answers to interactions, as when Discord's 3 s window
        has passed or the token expired: the callback gets 404 with code 10062 ("Unknown
        interaction") and the user's client shows "This interaction failed". The waiting
        :meth:`click` / :meth:`select` / :meth:`submit_modal` returns at once with
        ``failed`` set (and no answer)."""
        fault = self.fail_next(
            "POST",
            "/interactions/*/*/callback",
            404,
            count=count,
            code=10062,
            message="Unknown interaction",
        )
        fault.loses_answer = True
        return fault

    def _answer_lost(self, interaction_id: str | None) -> None:
        record = self.interactions.get(int(interaction_id)) if interaction_id else None
        if record is None:
            return
        record.failed = True
        if record.responded is not None and not record.responded.done():
            record.responded.set_result(None)
        self.state_changed()

    def close_dms(self, user: User | int) -> None:
        """The user no longer accepts DMs from the bot: sends answer 403 / 50007."""
        self.closed_dms.add(user.id if isinstance(user, User) else int(user))

    def open_dms(self, user: User | int) -> None:
        self.closed_dms.discard(user.id if isinstance(user, User) else int(user))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, path):
                fault.count -= 1
                fault.hits.append(f"{method} {path}")
                return fault
        return None

    def _record_violation(self, violation: Violation) -> None:
        self.violations.append(violation)
        self.state_changed()

    # --- assertions and measurements --------------------------------------------------------------

    def assert_no_violations(self) -> None:
        """Fail if any request broke the OpenAPI description, Discord's limits or protocol."""
        if self.violations:
            raise AssertionError(
                "Discord double saw violations:\n" + "\n".join(map(str, self.violations))
            )

    def already_acknowledged(self) -> list[Violation]:
        """Callbacks refused with 40060 because the interaction was already answered: what
        two processes receiving the same event (e.g. both unsharded) produce."""
        return [
            v for v in self.violations if v.kind == "protocol" and v.detail == "second callback"
        ]

    def assert_no_unknown_routes(self) -> None:
        if self.unknown_routes:
            raise AssertionError(
                f"The bot called routes the double does not know: {self.unknown_routes}"
            )

    def assert_mentions_disabled(self) -> None:
        """Fail unless every message-creating request had ``allowed_mentions.parse == []``."""
        offenders = [m for m in self.mention_audit if not m.disabled]
        if offenders:
            listed = "\n".join(
                f"{m.method} {m.path}: allowed_mentions={m.allowed_mentions}" for m in offenders
            )
            raise AssertionError("Message requests without allowed_mentions parse=[]:\n" + listed)

    def assert_clean(self, *, mentions: bool = True) -> None:
        """No violations, no unknown routes and (by default) mentions disabled everywhere."""
        self.assert_no_violations()
        self.assert_no_unknown_routes()
        if mentions:
            self.assert_mentions_disabled()

    def latency_summary(self) -> dict[str, float]:
        """Count, median, p99 and max of the acknowledgement latencies (seconds)."""
        values = sorted(self.ack_latencies)
        if not values:
            return {"count": 0, "median": 0.0, "p99": 0.0, "max": 0.0}
        p99_index = min(len(values) - 1, max(0, round(0.99 * len(values)) - 1))
        return {
            "count": float(len(values)),
            "median": statistics.median(values),
            "p99": values[p99_index],
            "max": values[-1],
        }
