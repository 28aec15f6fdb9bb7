"""What a user's Discord client sends: command options, component data, modal submissions.

Also :class:`InteractionResult`, what the test gets back. The client-side rules Discord's app
enforces (required options, choices, min/max, select option lists, modal field lengths,
commands hidden by ``default_member_permissions`` or contexts) raise here, before anything
is dispatched, just as a real user could not send such an interaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .limits import FLAG_EPHEMERAL, SELECT_TYPES
from .state import (
    ADMINISTRATOR,
    ATTACHMENT_SIZE_LIMIT,
    BOT_PERMISSIONS,
    MEMBER_PERMISSIONS,
    Channel,
    Command,
    Guild,
    InteractionRecord,
    Message,
    Modal,
    Role,
    Upload,
    User,
    iter_components,
)

# Application command option types.
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
BOOLEAN = 5
USER = 6
CHANNEL = 7
ROLE = 8
MENTIONABLE = 9
NUMBER = 10
ATTACHMENT = 11

_NESTING = (SUB_COMMAND, SUB_COMMAND_GROUP)


class InteractionTimeoutError(AssertionError):
    """The bot did not answer an interaction in time (Discord would show "interaction failed")."""


class CommandNotAvailableError(LookupError):
    """The user could not run this command in Discord (not synced, hidden, or wrong context)."""


@dataclass(eq=False)
class InteractionResult:
    """What the bot answered to one interaction.

    ``callback_type`` and ``callback_data`` are what the bot sent in its initial response.
    ``message`` is the message that response created or updated, kept live: later edits
    (e.g. filling in a deferred response) show up in ``content``/``embeds``/``components``.
    """

    record: InteractionRecord

    @property
    def interaction_id(self) -> int:
        return self.record.id

    @property
    def callback_type(self) -> int:
        assert self.record.callback_type is not None
        return self.record.callback_type

    @property
    def callback_data(self) -> dict[str, Any]:
        return self.record.callback_data or {}

    @property
    def message(self) -> Message | None:
        return self.record.original

    @property
    def message_id(self) -> int | None:
        return self.record.original.id if self.record.original else None

    @property
    def content(self) -> str:
        if self.message is not None:
            return self.message.content
        return str(self.callback_data.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        if self.message is not None:
            return self.message.embeds
        return list(self.callback_data.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        if self.message is not None:
            return self.message.components
        return list(self.callback_data.get("components") or [])

    @property
    def flags(self) -> int:
        if self.message is not None:
            return self.message.flags
        return int(self.callback_data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def failed(self) -> bool:
        """The answer was lost (see ``DiscordDouble.lose_next_answer``): "interaction failed"."""
        return self.record.failed

    @property
    def deferred(self) -> bool:
        return self.callback_type in (5, 6)

    @property
    def modal(self) -> Modal | None:
        return self.record.modal

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        return self.record.choices

    @property
    def followups(self) -> list[Message]:
        return self.record.followups

    @property
    def latency(self) -> float | None:
        """Seconds from dispatching ``INTERACTION_CREATE`` to receiving the callback."""
        return self.record.ack_latency

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]

    def __repr__(self) -> str:
        return (
            f"<InteractionResult type={self.record.callback_type} ephemeral={self.ephemeral} "
            f"content={self.content[:60]!r} custom_ids={self.custom_ids()}>"
        )


# --- application commands ---------------------------------------------------------------------


def resolve_command(
    table: Callable[[int | None], Mapping[tuple[int, str], Command]],
    user: User,
    guild: Guild | None,
    command: str,
) -> tuple[Command, list[tuple[str, int]], list[dict[str, Any]]]:
    """Find ``/command`` (``"group sub"`` for subcommands) as this user would see it.

    Returns the command, the subcommand path and the option definitions of the leaf.
    """
    parts = command.strip().lstrip("/").split()
    if not parts:
        raise ValueError("empty command name")
    key = (1, parts[0])
    found = table(guild.id).get(key) if guild is not None else None
    if found is None:
        found = table(None).get(key)
    if found is None:
        raise CommandNotAvailableError(
            f"/{parts[0]} is not registered (synced) for this guild or globally"
        )
    check_available(found, user, guild)
    definitions: list[dict[str, Any]] = list(found.data.get("options") or [])
    path: list[tuple[str, int]] = []
    for part in parts[1:]:
        nested = next(
            (o for o in definitions if o.get("name") == part and o.get("type") in _NESTING),
            None,
        )
        if nested is None:
            raise CommandNotAvailableError(f"/{command}: no subcommand {part!r}")
        path.append((part, nested["type"]))
        definitions = list(nested.get("options") or [])
    if any(o.get("type") in _NESTING for o in definitions):
        raise CommandNotAvailableError(f"/{command} needs a subcommand")
    return found, path, definitions


def check_available(command: Command, user: User, guild: Guild | None) -> None:
    """Raise unless Discord would offer ``command`` to ``user`` here (contexts, guild-only,
    ``default_member_permissions``)."""
    data = command.data
    contexts = data.get("contexts")
    if guild is None:
        if contexts is not None and 1 not in contexts:
            raise CommandNotAvailableError(f"/{command.name} is not available in DMs")
        if contexts is None and data.get("dm_permission") is False:
            raise CommandNotAvailableError(f"/{command.name} is not available in DMs")
        if command.guild_id is not None:
            raise CommandNotAvailableError(f"/{command.name} is a guild command")
        return
    if contexts is not None and 0 not in contexts:
        raise CommandNotAvailableError(f"/{command.name} is not available in guilds")
    required = data.get("default_member_permissions")
    if required is not None:
        needed = int(required)
        effective = guild.permissions_of(user)
        if not effective & ADMINISTRATOR and (needed == 0 or effective & needed != needed):
            raise CommandNotAvailableError(
                f"/{command.name} is hidden from {user.name} (needs permissions {needed})"
            )


@dataclass
class OptionLookups:
    """How to turn option values that name Discord objects into those objects."""

    user: Callable[[Any], User]
    channel: Callable[[Any], Channel]
    #: A role (or role id); raises ``LookupError`` for anything else.
    role: Callable[[Any], Role]
    #: Stores an upload where it can be downloaded and returns its attachment payload.
    attachment: Callable[[Upload], dict[str, Any]]


def build_options(
    definitions: list[dict[str, Any]],
    given: Mapping[str, Any],
    lookups: OptionLookups,
    *,
    focused: str | None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Interaction option payloads (and ``resolved`` data) for the leaf command's options.

    With ``focused`` (autocomplete), that option carries the raw text typed so far and
    required options may be missing.
    """
    by_name = {d["name"]: d for d in definitions}
    unknown = set(given) - set(by_name)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}; the command has {sorted(by_name)}")
    if focused is None:
        missing = [d["name"] for d in definitions if d.get("required") and d["name"] not in given]
        if missing:
            raise TypeError(f"missing required options {missing}")
    values: list[dict[str, Any]] = []
    resolved: dict[str, Any] = {}
    for definition in definitions:
        name = definition["name"]
        if name not in given:
            continue
        kind = definition["type"]
        if name == focused:
            if not definition.get("autocomplete"):
                raise ValueError(f"option {name!r} has no autocomplete")
            values.append({"name": name, "type": kind, "value": str(given[name]), "focused": True})
            continue
        value = option_value(definition, given[name], resolved, lookups)
        values.append({"name": name, "type": kind, "value": value})
    return values, resolved


def option_value(
    definition: dict[str, Any], value: Any, resolved: dict[str, Any], lookups: OptionLookups
) -> Any:
    """Check ``value`` the way Discord's client does and convert it for the payload."""
    kind = definition["type"]
    name = definition["name"]
    if kind == STRING:
        if not isinstance(value, str):
            raise TypeError(f"option {name!r} takes a string")
        low, high = definition.get("min_length"), definition.get("max_length")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            raise ValueError(f"option {name!r} must be {low}..{high} characters")
    elif kind == INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"option {name!r} takes an integer")
    elif kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"option {name!r} takes a number")
    elif kind == BOOLEAN:
        if not isinstance(value, bool):
            raise TypeError(f"option {name!r} takes a boolean")
    elif kind in (ROLE, MENTIONABLE) and (role := _role_or_none(value, lookups)) is not None:
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        value = str(role.id)
    elif kind == ROLE:
        raise TypeError(f"option {name!r} takes a role of the guild")
    elif kind in (USER, MENTIONABLE):
        member = lookups.user(value)
        resolved.setdefault("users", {})[str(member.id)] = member.payload()
        resolved.setdefault("members", {})
        value = str(member.id)
    elif kind == CHANNEL:
        channel = lookups.channel(value)
        resolved.setdefault("channels", {})[str(channel.id)] = {
            "id": str(channel.id),
            "type": channel.type,
            "name": channel.name,
            "permissions": str(MEMBER_PERMISSIONS),
        }
        value = str(channel.id)
    elif kind == ATTACHMENT:
        if not isinstance(value, Upload):
            raise TypeError(f"option {name!r} takes a file: Upload(filename, data)")
        if len(value.data) > ATTACHMENT_SIZE_LIMIT:
            raise ValueError(
                f"{value.filename} is {len(value.data)} bytes; Discord's client refuses files "
                f"over {ATTACHMENT_SIZE_LIMIT} bytes"
            )
        attachment = lookups.attachment(value)
        resolved.setdefault("attachments", {})[attachment["id"]] = attachment
        value = attachment["id"]
    else:
        raise NotImplementedError(f"option type {kind} is not supported by the double")
    if kind in (INTEGER, NUMBER):
        low, high = definition.get("min_value"), definition.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"option {name!r} must be within {low}..{high}")
    choices = definition.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise ValueError(f"option {name!r} only accepts {[c['value'] for c in choices]}")
    return value


def _role_or_none(value: Any, lookups: OptionLookups) -> Role | None:
    try:
        return lookups.role(value)
    except LookupError:
        return None


def command_data(
    command: Command,
    path: list[tuple[str, int]],
    values: list[dict[str, Any]],
    resolved: dict[str, Any],
) -> dict[str, Any]:
    """The ``data`` of an application command (or autocomplete) interaction."""
    options = values
    for name, kind in reversed(path):
        options = [{"name": name, "type": kind, "options": options}]
    data: dict[str, Any] = {
        "id": str(command.id),
        "name": command.name,
        "type": command.type,
        "options": options,
    }
    if resolved:
        data["resolved"] = resolved
    if command.guild_id is not None:
        data["guild_id"] = str(command.guild_id)
    return data


# --- components and modals ----------------------------------------------------------------------


def clickable(user: User, message: Message, custom_id: str) -> dict[str, Any]:
    """The component ``custom_id`` on ``message``, if this user could interact with it."""
    if message.deleted:
        raise ValueError("The message was deleted")
    hidden = message.interaction_user is not None and message.interaction_user.id != user.id
    if message.ephemeral and hidden:
        raise ValueError("Only the user who triggered it can see an ephemeral message")
    component = message.find_component(custom_id)
    if component is None:
        raise LookupError(
            f"No component {custom_id!r} on the message; it has {message.custom_ids()}"
        )
    if component.get("disabled"):
        raise ValueError(f"{custom_id!r} is disabled")
    return component


def check_select_values(component: dict[str, Any], chosen: list[str]) -> None:
    """The number of values must fit min/max_values; string selects only offer their options."""
    low = component.get("min_values", 1)
    high = component.get("max_values", 1)
    if not low <= len(chosen) <= high:
        raise ValueError(f"choose between {low} and {high} values, not {len(chosen)}")
    if component.get("type") == 3:
        offered = [o["value"] for o in component.get("options") or []]
        wrong = [v for v in chosen if v not in offered]
        if wrong:
            raise ValueError(
                f"{wrong} are not options of {component.get('custom_id')!r}: {offered}"
            )


def select_resolved(kind: int, chosen: list[str], lookups: OptionLookups) -> dict[str, Any]:
    """``resolved`` data for the values of a user (5), role (6), mentionable (7) or channel (8)
    select."""
    resolved: dict[str, Any] = {}
    for value in chosen:
        role = _role_or_none(int(value), lookups) if kind in (6, 7) else None
        if role is not None:
            resolved.setdefault("roles", {})[value] = role.payload()
        elif kind == 6:
            raise ValueError(f"{value} is not a role")
        elif kind in (5, 7):
            user = lookups.user(int(value))
            resolved.setdefault("users", {})[value] = user.payload()
            resolved.setdefault("members", {})
        elif kind == 8:
            channel = lookups.channel(int(value))
            resolved.setdefault("channels", {})[value] = {
                "id": value,
                "type": channel.type,
                "name": channel.name,
                "permissions": str(MEMBER_PERMISSIONS),
            }
    return resolved


def modal_submission(modal: Modal, values: Mapping[str, str | Sequence[str]]) -> dict[str, Any]:
    """The ``data`` of a modal submit, mirroring the modal's layout (rows or labels)."""
    fields = modal.fields()
    unknown = set(values) - set(fields)
    if unknown:
        raise KeyError(f"The modal has no fields {sorted(unknown)}; it has {sorted(fields)}")
    components = [_submitted(c, values) for c in modal.components]
    return {"custom_id": modal.custom_id, "components": [c for c in components if c is not None]}


def _submitted(
    component: dict[str, Any], values: Mapping[str, str | Sequence[str]]
) -> dict[str, Any] | None:
    kind = component.get("type")
    if kind == 1:
        children = [_submitted_field(c, values) for c in component.get("components") or []]
        return {"type": 1, "id": component.get("id"), "components": children}
    if kind == 18:
        inner = component.get("component") or {}
        return {"type": 18, "id": component.get("id"), "component": _submitted_field(inner, values)}
    if kind == 10:
        return {"type": 10, "id": component.get("id")}
    return None


def _submitted_field(
    field: dict[str, Any], values: Mapping[str, str | Sequence[str]]
) -> dict[str, Any]:
    custom_id = field.get("custom_id")
    kind = field.get("type")
    given = values.get(custom_id) if custom_id is not None else None
    common = {"type": kind, "id": field.get("id"), "custom_id": custom_id}
    if kind == 4:
        text = "" if given is None else str(given)
        if field.get("required", True) and not text:
            raise ValueError(f"the modal field {custom_id!r} is required")
        low, high = field.get("min_length"), field.get("max_length")
        too_short = low is not None and len(text) < low
        too_long = high is not None and len(text) > high
        if text and (too_short or too_long):
            raise ValueError(f"the modal field {custom_id!r} takes {low}..{high} characters")
        return {**common, "value": text}
    if kind in SELECT_TYPES:
        if given is None:
            chosen: list[str] = []
        else:
            chosen = [given] if isinstance(given, str) else [str(v) for v in given]
        if chosen or field.get("required", True):
            check_select_values(field, chosen)
        return {**common, "values": chosen}
    return common


# --- the dispatched interaction -----------------------------------------------------------------


def interaction_payload(record: InteractionRecord, application_id: int) -> dict[str, Any]:
    """The ``INTERACTION_CREATE`` payload for ``record``."""
    user, guild, channel = record.user, record.guild, record.channel
    permissions = guild.permissions_of(user) if guild is not None else user.permissions
    payload: dict[str, Any] = {
        "id": str(record.id),
        "application_id": str(application_id),
        "type": record.type,
        "data": record.data,
        "token": record.token,
        "version": 1,
        "locale": user.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "app_permissions": str(BOT_PERMISSIONS),
        "channel_id": str(channel.id),
        "channel": channel.interaction_payload(permissions),
        "context": 0 if guild else 1,
        "authorizing_integration_owners": record.authorizing_integration_owners(),
    }
    if guild is not None:
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {"id": str(guild.id), "locale": guild.locale, "features": []}
        payload["guild_locale"] = guild.locale
        payload["member"] = user.member_payload(guild, permissions=True)
    else:
        payload["user"] = user.payload()
    if record.source_message is not None:
        payload["message"] = record.source_message.payload()
    return payload
