"""Helpers every command shares: private replies and reminders held back from DMs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

import discord

from bot.exts import render

if TYPE_CHECKING:
    from bot.service import CoachService, FollowUp
    from bot.storage import ReminderRecord

log = logging.getLogger(__name__)


class CoachBot(Protocol):
    """What the cogs need of the bot."""

    service: CoachService

    async def add_cog(self, cog: Any, /) -> None: ...


def guild_of(interaction: discord.Interaction[Any]) -> int | None:
    """The server the interaction happened in; None in direct messages."""
    return interaction.guild_id


async def reply(interaction: discord.Interaction[Any], text: str, **extra: Any) -> None:
    """A private answer, whether or not the interaction was already answered."""
    text = render.clip(text, 2000)
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, **extra)
    else:
        await interaction.response.send_message(text, ephemeral=True, **extra)


def follow_up_embed(reminder: ReminderRecord, follow_up: FollowUp, *, held: bool) -> discord.Embed:
    """A due follow-up: what to check, and the message to send the customer."""
    intro = (
        "I couldn't send you this by direct message (your DMs are closed), so here it is."
        if held
        else "It's time to check back on this case. How did it go?"
    )
    blocks = [
        intro,
        f"**What to check**\n{follow_up.reminder}",
        f"**A message you could send**\n{render.code_block(follow_up.message)}",
    ]
    embed = render.pack(f"Follow-up · {follow_up.title}", blocks, footer=f"Reminder #{reminder.id}")
    return embed[0]


async def show_held_reminders(interaction: discord.Interaction[Any]) -> None:
    """Show, privately and once, reminders that could not be delivered by DM."""
    bot: Any = interaction.client
    try:
        held = await bot.service.held_reminders(interaction.user.id)
    except Exception:  # a failure here must never spoil the command that was answered
        log.exception("could not read held reminders")
        return
    for reminder, follow_up in held[:5]:
        await interaction.followup.send(
            embed=follow_up_embed(reminder, follow_up, held=True), ephemeral=True
        )
