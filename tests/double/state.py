"""What the double knows: users, guilds, channels, messages, commands and interactions.

Also builds the Discord JSON payloads (users, members, guilds, channels, messages) that the
gateway and the REST routes hand to the bot.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import mimetypes
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from .limits import FLAG_EPHEMERAL, FLAG_LOADING

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38

#: What an ordinary member can do in a text channel.
MEMBER_PERMISSIONS = (
    ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
#: An ordinary member who may also Manage Server.
MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD
#: What the bot is granted in every guild channel.
BOT_PERMISSIONS = MEMBER_PERMISSIONS

#: The largest file a user may upload (``attachment_size_limit`` of every interaction) and the
#: most a bot may attach to one message, all files together.
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
#: The most files one message may carry.
ATTACHMENTS_PER_MESSAGE = 10

# Channel types.
GUILD_TEXT = 0
DM = 1

# Interaction types.
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5


class SnowflakeFactory:
    """Unique, increasing snowflakes whose timestamp part is the current time."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._last = 0

    def __call__(self) -> int:
        now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = (now_ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)
        if candidate <= self._last:
            candidate = self._last + 1
        self._last = candidate
        return candidate

    def on_shard(self, shard_id: int, shard_count: int) -> int:
        """A new snowflake that, as a guild id, belongs to ``shard_id`` of ``shard_count``."""
        candidate = self()
        while (candidate >> 22) % shard_count != shard_id:
            candidate += 1 << 22
        self._last = candidate
        return candidate


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def snowflake_time(snowflake: int) -> str:
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


@dataclass(eq=False)
class User:
    """A Discord user the test can act as (or the bot itself when ``bot`` is true).

    ``permissions`` is what this user may do in guild channels (used for the interaction's
    ``member.permissions`` and to hide commands whose ``default_member_permissions`` the
    user lacks).
    """

    id: int
    name: str
    global_name: str | None = None
    bot: bool = False
    permissions: int = MEMBER_PERMISSIONS
    locale: str = "en-US"

    @property
    def manage_guild(self) -> bool:
        return bool(self.permissions & (MANAGE_GUILD | ADMINISTRATOR))

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data

    def member_payload(self, guild: Guild, *, permissions: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "user": self.payload(),
            "nick": None,
            "avatar": None,
            "roles": [str(role_id) for role_id in guild.role_ids_of(self)],
            "joined_at": snowflake_time(guild.id),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if permissions:
            data["permissions"] = str(guild.permissions_of(self))
        return data


@dataclass(eq=False)
class Channel:
    id: int
    type: int
    name: str | None = None
    guild_id: int | None = None
    recipient: User | None = None
    position: int = 0

    @property
    def is_dm(self) -> bool:
        return self.type == DM

    def payload(self) -> dict[str, Any]:
        if self.type == DM:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": DM,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.recipient.payload()],
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "parent_id": None,
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data

    def interaction_payload(self, permissions: int) -> dict[str, Any]:
        data = self.payload()
        if self.type != DM:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class Role:
    """A role of one guild. The ``@everyone`` role has the guild's id."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False

    @property
    def is_everyone(self) -> bool:
        return self.id == self.guild_id

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    channels: list[Channel] = field(default_factory=list)
    locale: str = "en-US"
    #: The guild's roles, ``@everyone`` first.
    roles: list[Role] = field(default_factory=list)
    #: The roles (other than ``@everyone``) each member has, by user id.
    member_roles: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.roles:
            self.roles.append(
                Role(id=self.id, guild_id=self.id, name="@everyone", permissions=MEMBER_PERMISSIONS)
            )

    @property
    def default_channel(self) -> Channel:
        return self.channels[0]

    @property
    def everyone(self) -> Role:
        return self.roles[0]

    def get_role(self, role_id: int) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def role_ids_of(self, user: User) -> list[int]:
        """The ids of ``user``'s roles here, ``@everyone`` not included (as Discord lists them)."""
        return list(self.member_roles.get(user.id, []))

    def permissions_of(self, user: User) -> int:
        """What ``user`` may do here: their own permissions and their roles' (everything for
        the owner)."""
        if user.id == self.owner_id:
            return ADMINISTRATOR
        permissions = user.permissions
        for role_id in self.role_ids_of(user):
            role = self.get_role(role_id)
            if role is not None:
                permissions |= role.permissions
        return permissions

    def create_payload(self, members: list[User], *, joined: bool = False) -> dict[str, Any]:
        """The ``GUILD_CREATE`` dispatch for this guild: ``unavailable: false`` when it fills in
        a guild READY listed, no ``unavailable`` key when the bot has just joined it."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "joined_at": snowflake_time(self.id),
            "large": False,
            "unavailable": False,
            "member_count": len(members),
            "voice_states": [],
            "members": [m.member_payload(self) for m in members],
            "channels": [c.payload() for c in self.channels],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "lazy": True,
        }
        if joined:
            del data["unavailable"]
        return data


@dataclass(frozen=True)
class Upload:
    """A file a user gives to an ATTACHMENT option of a slash command."""

    filename: str
    data: bytes
    content_type: str | None = None


@dataclass(eq=False)
class StoredFile:
    """Bytes the double serves at an attachment's URL (an upload or a file the bot sent)."""

    id: int
    filename: str
    data: bytes
    content_type: str | None = None

    def url(self, base_url: str) -> str:
        """Where the file is served: a CDN-like path outside the API, signed like Discord's
        (``ex`` expiry, ``is`` issue time, ``hm`` signature; the double does not check them)."""
        issued = int(time.time())
        signature = hashlib.sha256(f"{self.id}:{issued}".encode()).hexdigest()
        query = f"ex={issued + 86_400:x}&is={issued:x}&hm={signature}&"
        return f"{base_url}/attachments/{self.id}/{quote(self.filename)}?{query}"

    def payload(
        self, base_url: str, *, ephemeral: bool = False, description: str | None = None
    ) -> dict[str, Any]:
        url = self.url(base_url)
        data: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url.replace("/attachments/", "/media-proxy/attachments/", 1),
        }
        if self.content_type is not None:
            data["content_type"] = self.content_type
        if description is not None:
            data["description"] = description
        if ephemeral:
            data["ephemeral"] = True
        return data


_MIME_TYPES = mimetypes.MimeTypes()  # Python's own table only, the same on every machine


def guess_content_type(filename: str) -> str | None:
    """The content type Discord reports for a file it received without one (by extension;
    text gets ``charset=utf-8``); None when unknown."""
    guessed, _ = _MIME_TYPES.guess_type(filename, strict=False)
    if guessed is None:
        return None
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


@dataclass(eq=False)
class Message:
    """A message the bot created (or that the double created for it), kept up to date."""

    id: int
    channel_id: int
    author: User
    guild_id: int | None = None
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    type: int = 0
    interaction_id: int | None = None
    interaction_user: User | None = None
    interaction_metadata: dict[str, Any] | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    allowed_mentions: dict[str, Any] | None = None
    created_at: str = field(default_factory=iso_now)
    edited_at: str | None = None
    deleted: bool = False
    edits: int = 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def loading(self) -> bool:
        """A deferred response that has not been filled in yet (``thinking...``)."""
        return bool(self.flags & FLAG_LOADING)

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]

    def find_component(self, custom_id: str) -> dict[str, Any] | None:
        for component in iter_components(self.components):
            if component.get("custom_id") == custom_id:
                return component
        return None

    def apply(self, payload: dict[str, Any], *, edit: bool) -> None:
        """Apply a create/edit payload (only the keys present change on edit)."""
        for key in ("content", "embeds", "components", "attachments"):
            if key in payload:
                value = payload[key]
                setattr(self, key, value if value is not None else ([] if key != "content" else ""))
        if "components" in payload:
            number_components(self.components)
        if "flags" in payload and payload["flags"] is not None:
            keep = self.flags & (FLAG_EPHEMERAL if edit else 0)
            self.flags = (int(payload["flags"]) & ~FLAG_LOADING) | keep
        if "allowed_mentions" in payload:
            self.allowed_mentions = payload["allowed_mentions"]
        if edit:
            self.flags &= ~FLAG_LOADING
            self.edited_at = iso_now()
            self.edits += 1

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "content": self.content,
            "author": self.author.payload(),
            "attachments": self.attachments,
            "embeds": self.embeds,
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": self.created_at,
            "edited_timestamp": self.edited_at,
            "flags": self.flags,
            "components": self.components,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            data["interaction_metadata"] = self.interaction_metadata
        return data


def number_components(components: list[dict[str, Any]]) -> None:
    """Give every component without one a unique ``id``, as Discord does (1, 2, 3, ...)."""
    every = iter_components(components)
    used = {c["id"] for c in every if isinstance(c.get("id"), int)}
    next_id = 1
    for component in every:
        if isinstance(component.get("id"), int):
            continue
        while next_id in used:
            next_id += 1
        component["id"] = next_id
        used.add(next_id)


def iter_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every component, depth first (rows, containers, sections and labels opened)."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(components or []))
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        out.append(component)
        children = list(component.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(component.get(key), dict):
                children.append(component[key])
        stack.extend(reversed(children))
    return out


@dataclass(eq=False)
class Modal:
    """A modal the bot opened (callback type 9)."""

    custom_id: str
    title: str
    components: list[dict[str, Any]]
    interaction_id: int
    user: User

    def fields(self) -> dict[str, dict[str, Any]]:
        """Text inputs and selects by custom_id."""
        found: dict[str, dict[str, Any]] = {}
        for component in iter_components(self.components):
            if component.get("type") in (3, 4, 5, 6, 7, 8, 19) and "custom_id" in component:
                found[component["custom_id"]] = component
        return found


@dataclass(eq=False)
class InteractionRecord:
    """One interaction the double dispatched, and what the bot did with it."""

    id: int
    token: str
    type: int
    user: User
    guild: Guild | None
    channel: Channel
    data: dict[str, Any]
    source_message: Message | None = None
    opener: InteractionRecord | None = None
    dispatched_at: float = 0.0
    acknowledged_at: float | None = None
    callback_type: int | None = None
    callback_data: dict[str, Any] | None = None
    original: Message | None = None
    followups: list[Message] = field(default_factory=list)
    modal: Modal | None = None
    choices: list[dict[str, Any]] | None = None
    responded: asyncio.Future[None] | None = None
    #: The bot's answer was lost (an injected fault): the user's client shows "This
    #: interaction failed".
    failed: bool = False

    @property
    def acknowledged(self) -> bool:
        return self.callback_type is not None

    def authorizing_integration_owners(self) -> dict[str, str]:
        if self.guild is not None:
            return {"0": str(self.guild.id)}
        return {"1": str(self.user.id)}

    def metadata(self) -> dict[str, Any]:
        """``interaction_metadata`` for messages this interaction created."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "user": self.user.payload(),
            "authorizing_integration_owners": self.authorizing_integration_owners(),
        }
        if self.type == MESSAGE_COMPONENT and self.source_message is not None:
            data["interacted_message_id"] = str(self.source_message.id)
        if self.type == MODAL_SUBMIT and self.opener is not None:
            data["triggering_interaction_metadata"] = self.opener.metadata()
        return data

    @property
    def ack_latency(self) -> float | None:
        if self.acknowledged_at is None:
            return None
        return self.acknowledged_at - self.dispatched_at


def new_token() -> str:
    """An interaction token (URL-safe, long like Discord's)."""
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(60)


@dataclass
class Command:
    """An application command as the bot registered it, with the fields Discord adds."""

    data: dict[str, Any]
    guild_id: int | None

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def type(self) -> int:
        return int(self.data.get("type") or 1)

    @property
    def id(self) -> int:
        return int(self.data["id"])


class Changes:
    """A condition tests can wait on: notified whenever the double's state changes."""

    def __init__(self) -> None:
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    def notify(self) -> None:
        still: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []
        for predicate, future in self._waiters:
            if future.done():
                continue
            try:
                ok = predicate()
            except Exception as exc:  # surface predicate bugs to the waiting test
                future.set_exception(exc)
                continue
            if ok:
                future.set_result(None)
            else:
                still.append((predicate, future))
        self._waiters = still

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> None:
        """Return once ``predicate()`` holds; raise ``TimeoutError`` after ``timeout`` seconds.

        Re-checked on every notification and, for predicates about things the double does
        not see change (e.g. the bot's own state), at least every 50 ms.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout}s")
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.append((predicate, future))
            try:
                await asyncio.wait_for(future, min(remaining, 0.05))
            except TimeoutError:
                continue
            finally:
                if not future.done():
                    future.cancel()
