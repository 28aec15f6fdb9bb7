"""A server's own settings: where suggestions are reviewed, who reviews them, its default
currency and the marketplace its sellers sell on.

Kept as one JSON document per server (:meth:`bot.storage.Store.get_guild_settings`). Nothing
here imports discord: the Discord layer reads the member's permissions and roles and asks
:func:`may_manage`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.core.engine import Currency
from bot.core.marketplace import Marketplace
from bot.storage import Store

__all__ = [
    "InvalidSettings",
    "Marketplace",
    "ServerSettings",
    "load_server_settings",
    "may_manage",
    "save_server_settings",
]

log = logging.getLogger(__name__)

#: A Discord id (a snowflake): a positive 64-bit integer.
DiscordId = Annotated[int, Field(gt=0, lt=2**63)]


class InvalidSettings(ValueError):
    """A setting with a value it cannot take; the message is safe to show the admin."""


class ServerSettings(BaseModel):
    """What a server's admins chose; every field is optional (None: not set)."""

    # Unknown keys in a stored document are ignored (a newer version may have added some);
    # unknown names given to save_server_settings are refused there.
    model_config = ConfigDict(extra="ignore", frozen=True)

    review_channel_id: DiscordId | None = Field(
        default=None, description="The channel suggestions are posted to for review."
    )
    reviewer_role_id: DiscordId | None = Field(
        default=None, description="Members with this role review suggestions and playbooks."
    )
    currency: Currency | None = Field(
        default=None, description="The currency for sellers whose own policy names none."
    )
    marketplace: Marketplace | None = Field(
        default=None, description="Where the server's sellers sell: playbook text's {marketplace}."
    )

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> ServerSettings:
        return cls.model_validate_json(text)

    def changed(self, **fields: Any) -> ServerSettings:
        """These settings with ``fields`` set (None clears one); raise :class:`InvalidSettings`
        on an unknown name or a bad value."""
        unknown = sorted(set(fields) - set(type(self).model_fields))
        if unknown:
            raise InvalidSettings(f"there is no setting called {', '.join(unknown)}")
        data = self.model_dump()
        data.update(fields)
        try:
            return type(self).model_validate(data)
        except ValidationError as error:
            raise InvalidSettings(describe(error)) from None


def describe(error: ValidationError) -> str:
    """A validation error as one line an admin can act on."""
    problems = []
    for item in error.errors(include_url=False):
        field = ".".join(str(p) for p in item["loc"]).replace("_id", "").replace("_", " ")
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch":
            message = "should be a three-letter code such as GBP, EUR or USD"
        problems.append(f"{field}: {message}")
    return "; ".join(problems)


async def load_server_settings(store: Store, guild_id: int) -> ServerSettings:
    """The server's settings; the defaults (nothing set) when it has none or they cannot be
    read."""
    raw = await store.get_guild_settings(guild_id)
    if raw is None:
        return ServerSettings()
    try:
        return ServerSettings.from_json(raw)
    except ValidationError:
        log.warning("stored settings of server %s could not be read; using the defaults", guild_id)
        return ServerSettings()


async def save_server_settings(store: Store, guild_id: int, **fields: Any) -> ServerSettings:
    """Set ``fields`` of the server's settings (None clears one), keep the others, and save.

    Raises :class:`InvalidSettings` on an unknown name or a bad value (nothing is saved)."""
    settings = (await load_server_settings(store, guild_id)).changed(**fields)
    await store.set_guild_settings(guild_id, settings.to_json())
    return settings


def may_manage(*, manage_guild: bool, role_ids: Iterable[int], settings: ServerSettings) -> bool:
    """Whether a member may manage the server's playbooks and review its suggestions: with
    Manage Server (or Administrator, which implies it), or with the reviewer role the server
    names."""
    if manage_guild:
        return True
    role = settings.reviewer_role_id
    return role is not None and role in set(role_ids)
