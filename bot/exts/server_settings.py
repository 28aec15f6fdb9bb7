"""``/server-settings``: the server's review channel, reviewer role, currency and marketplace.

Discord shows the command only to members with Manage Server (its default permissions), but a
server can change that in its Integrations settings, so the bot checks on every use:

- members with Manage Server (or Administrator) see and change every setting;
- members with the server's reviewer role see them, and change none: a reviewer must not be
  able to make others reviewers, or move where suggestions are reviewed;
- everyone else is told who can use it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts import render
from bot.exts.answer import Answer, answering
from bot.exts.common import has_manage_server, may_manage
from bot.server_settings import Marketplace, ServerSettings
from bot.service import ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

#: The settings ``clear:`` can reset, by option value, with how the admin reads them.
CLEARABLE = {
    "review_channel_id": "Review channel",
    "reviewer_role_id": "Reviewer role",
    "currency": "Default currency",
    "marketplace": "Marketplace",
}
REFUSED = (
    "Only members with **Manage Server** can use /server-settings here "
    "(members with the server's reviewer role can see the settings)."
)
REVIEWER_ONLY = (
    "Only members with **Manage Server** can change the server's settings; as a reviewer "
    "you can see them. Nothing was changed."
)


def marketplace_name(marketplace: Marketplace) -> str:
    """The marketplace as a menu entry: "Etsy", "eBay", "Own website"."""
    label = marketplace.label()
    if marketplace in (Marketplace.OWN_SITE, Marketplace.OTHER):  # words, not a brand's name
        return label[:1].upper() + label[1:]
    return label


def settings_blocks(settings: ServerSettings) -> list[str]:
    """The settings as the admin reads them; ids shown as mentions (which never ping)."""
    channel = (
        f"<#{settings.review_channel_id}>"
        if settings.review_channel_id
        else "not set: members can't send suggestions for review yet"
    )
    role = (
        f"<@&{settings.reviewer_role_id}>"
        if settings.reviewer_role_id
        else "not set: only members with Manage Server review"
    )
    currency = settings.currency or "not set: each seller's own (USD unless they pick one)"
    marketplace = (
        marketplace_name(settings.marketplace)
        if settings.marketplace
        else "not set: playbooks say \u201cthe marketplace\u201d"
    )
    return [
        f"**Review channel** {channel}\n"
        f"**Reviewer role** {role}\n"
        f"**Default currency** {currency}\n"
        f"**Marketplace** {marketplace}",
        "Reviewers (the role above, and members with Manage Server) manage the server's "
        "playbooks and approve suggestions. Only Manage Server changes these settings: "
        "`/server-settings` with an option sets it, `clear:` unsets one.",
    ]


def settings_message(settings: ServerSettings, title: str, notes: list[str]) -> dict[str, Any]:
    return {"embeds": render.pack(title, [*settings_blocks(settings), *notes])}


def channel_warning(
    interaction: discord.Interaction[SellerCoachBot], channel_id: int
) -> str | None:
    """A note when the bot can tell it cannot post in the review channel (it can only tell
    when it knows the channel and its own member there; otherwise nothing is said)."""
    guild = interaction.guild
    channel = guild.get_channel(channel_id) if guild is not None else None
    me = guild.me if guild is not None else None
    if channel is None or me is None:
        return None
    permissions = channel.permissions_for(me)
    if permissions.view_channel and permissions.send_messages and permissions.embed_links:
        return None
    return (
        f"⚠️ I can't post in <#{channel_id}> yet: give me **View Channel**, **Send Messages** "
        "and **Embed Links** there, or suggestions won't reach your reviewers."
    )


class ServerSettingsCog(commands.Cog):
    """/server-settings."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="server-settings",
        description="See or change this server's review channel, reviewers, currency, marketplace",
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(
        review_channel="Where members' suggestions are posted for review",
        reviewer_role="Members with this role review suggestions and manage playbooks",
        currency="Three-letter code for sellers who haven't set their own, e.g. GBP",
        marketplace="Where this server's sellers sell: playbooks can name it",
        clear="Unset one setting",
    )
    @app_commands.choices(
        marketplace=[
            app_commands.Choice(name=marketplace_name(m), value=m.value) for m in Marketplace
        ],
        clear=[app_commands.Choice(name=label, value=key) for key, label in CLEARABLE.items()],
    )
    async def server_settings(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        review_channel: discord.TextChannel | None = None,
        reviewer_role: discord.Role | None = None,
        currency: app_commands.Range[str, 3, 3] | None = None,
        marketplace: app_commands.Choice[str] | None = None,
        clear: app_commands.Choice[str] | None = None,
    ) -> None:
        async with answering(interaction, "/server-settings") as answer:
            guild_id = interaction.guild_id
            if guild_id is None or not await may_manage(interaction):
                await answer.send(REFUSED)
                return
            changes: dict[str, Any] = {}
            if review_channel is not None:
                changes["review_channel_id"] = review_channel.id
            if reviewer_role is not None:
                changes["reviewer_role_id"] = reviewer_role.id
            if currency is not None:
                changes["currency"] = currency
            if marketplace is not None:
                changes["marketplace"] = marketplace.value
            if clear is not None:
                if clear.value in changes:
                    await answer.send(
                        f"You both set and cleared the {CLEARABLE[clear.value].lower()}; "
                        "do one or the other. Nothing was changed."
                    )
                    return
                changes[clear.value] = None
            service = self.bot.service
            if not changes:
                settings = await service.server_settings(guild_id)
                await answer.send(**settings_message(settings, "Server settings", []))
                return
            if not has_manage_server(interaction):
                await answer.send(REVIEWER_ONLY)
                return
            await self._change(answer, guild_id, changes, reviewer_role)

    async def _change(
        self,
        answer: Answer,
        guild_id: int,
        changes: dict[str, Any],
        reviewer_role: discord.Role | None,
    ) -> None:
        if reviewer_role is not None and reviewer_role.id == guild_id:  # @everyone's id
            await answer.send(
                "@everyone can't be the reviewer role: pick a role only your reviewers have. "
                "Nothing was changed."
            )
            return
        try:
            settings = await self.bot.service.update_server_settings(guild_id, **changes)
        except ServiceError as error:
            await answer.send(f"{error} Nothing was changed.")
            return
        log.info("server %s changed its settings: %s", guild_id, ", ".join(sorted(changes)))
        notes = []
        if "review_channel_id" in changes and settings.review_channel_id is not None:
            warning = channel_warning(answer.interaction, settings.review_channel_id)
            if warning:
                notes.append(warning)
        await answer.send(**settings_message(settings, "Server settings saved", notes))


async def setup(bot: SellerCoachBot) -> None:
    await bot.add_cog(ServerSettingsCog(bot))
