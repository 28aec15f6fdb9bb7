"""Helpers every command shares: where an interaction happened, reminders held back from DMs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.exts import render

if TYPE_CHECKING:
    from bot.app import SellerCoachBot
    from bot.exts.answer import Answer
    from bot.service import FollowUp
    from bot.storage import ReminderRecord

log = logging.getLogger(__name__)


def guild_of(interaction: discord.Interaction[SellerCoachBot]) -> int | None:
    """The server the interaction happened in; None in direct messages."""
    return interaction.guild_id


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


async def show_held_reminders(answer: Answer) -> None:
    """Show, privately and once, reminders that could not be delivered by DM."""
    try:
        held = await answer.bot.service.held_reminders(answer.interaction.user.id)
    except Exception as error:  # a failure here must never spoil the command that was answered
        log.error("could not read held reminders: %s", type(error).__name__)
        return
    for reminder, follow_up in held[:5]:
        await answer.send(embed=follow_up_embed(reminder, follow_up, held=True))
