"""Helpers every command shares: where an interaction happened, who may manage a server's
playbooks, reminders held back from DMs."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

import discord

from bot.exts import render
from bot.failures import new_error_id, redacted_traceback
from bot.server_settings import may_manage as settings_allow

if TYPE_CHECKING:
    from bot.app import SellerCoachBot
    from bot.exts.answer import Answer
    from bot.service import FollowUp

log = logging.getLogger(__name__)

#: A walkthrough's id inside a component's custom_id.
SESSION = r"(?P<sid>[A-Za-z0-9_-]{8,40})"


def guild_of(interaction: discord.Interaction[SellerCoachBot]) -> int | None:
    """The server the interaction happened in; None in direct messages."""
    return interaction.guild_id


def has_manage_server(interaction: discord.Interaction[SellerCoachBot]) -> bool:
    """Whether the member has Manage Server (or Administrator, which implies it) in the server
    the interaction happened in, as Discord computed it for this interaction."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    permissions = interaction.permissions
    return permissions.manage_guild or permissions.administrator


def member_role_ids(interaction: discord.Interaction[SellerCoachBot]) -> list[int]:
    """The ids of the member's roles in the interaction's server (none in a DM).

    Taken from the interaction itself (the member's role ids Discord sent with it), not from
    the cached server, which may not know every role yet."""
    member = interaction.user
    if not isinstance(member, discord.Member):
        return []
    # discord.py keeps the payload's ids in ``_roles``; ``Member.roles`` drops any role the
    # cached server lacks, so it is only the fallback.
    ids = getattr(member, "_roles", None)
    if ids is None:
        return [role.id for role in member.roles]
    return [int(role_id) for role_id in ids]


async def may_manage(interaction: discord.Interaction[SellerCoachBot]) -> bool:
    """Whether the member may manage this server's playbooks and review its suggestions: Manage
    Server, or the reviewer role the server names. Never in a DM.

    Checked by the bot on every use, whatever Discord shows the member: a server's command
    permission overrides can show a command to anyone."""
    guild_id = interaction.guild_id
    if guild_id is None or not isinstance(interaction.user, discord.Member):
        return False
    if has_manage_server(interaction):
        return True
    settings = await interaction.client.service.server_settings(guild_id)
    return settings_allow(
        manage_guild=False, role_ids=member_role_ids(interaction), settings=settings
    )


def follow_up_embed(follow_up: FollowUp, *, held: bool) -> discord.Embed:
    """A due follow-up: what to check, and the message to send the customer.

    By direct message the suggested message follows as a plain message of its own (so a long
    press copies exactly it); a held reminder, shown with others, carries it in the embed.
    """
    if held:
        blocks = [
            "I couldn't send you this by direct message (your DMs are closed), so here it is.",
            f"**What to check**\n{follow_up.reminder}",
            f"**A message you could send**\n{render.quoted(follow_up.message)}",
        ]
    else:
        blocks = [
            "It's time to check back on this case. How did it go?",
            f"**What to check**\n{follow_up.reminder}",
            "**A message you could send** is below, on its own: long-press it to copy.",
        ]
    return render.pack(f"Follow-up · {follow_up.title}", blocks)[0]


#: Messages of held reminders shown after one command at most (each up to 10 embeds).
HELD_MESSAGES = 3


def held_batches(embeds: list[tuple[int, discord.Embed]]) -> list[list[tuple[int, discord.Embed]]]:
    """Embeds grouped into messages within Discord's limits (10 embeds, 6,000 characters)."""
    batches: list[list[tuple[int, discord.Embed]]] = []
    size = 0
    for reminder_id, embed in embeds:
        length = len(embed)  # the characters Discord counts towards its 6,000 limit
        if (
            not batches
            or len(batches[-1]) == render.MAX_EMBEDS
            or size + length > render.EMBED_TOTAL
        ):
            batches.append([])
            size = 0
        batches[-1].append((reminder_id, embed))
        size += length
    return batches


async def show_held_reminders(answer: Answer) -> None:
    """Show, privately, the reminders that could not be delivered by DM.

    Each is closed only once the message showing it was sent; past :data:`HELD_MESSAGES`
    messages the rest wait for the seller's next command, and a line says how many.
    """
    service, user_id = answer.bot.service, answer.interaction.user.id
    try:
        held = await service.held_reminders(user_id)
    except Exception as error:  # a failure here must never spoil the command that was answered
        log.error("could not read held reminders: %s", type(error).__name__)
        return
    if not held:
        return
    batches = held_batches([(r.id, follow_up_embed(f, held=True)) for r, f in held])
    shown = 0
    try:
        for batch in batches[:HELD_MESSAGES]:
            await answer.send(embeds=[embed for _, embed in batch])
            shown += len(batch)
            await service.reminders_shown([reminder_id for reminder_id, _ in batch])
        if shown < len(held):
            await service.release_held(user_id)
            await answer.send(
                f"{render.counted(len(held) - shown, 'more follow-up')} I couldn't send you by "
                "DM will show the next time you use a command."
            )
    except Exception as error:  # shown next time instead; the command itself was answered
        log.error("error %s showing held reminders\n%s", new_error_id(), redacted_traceback(error))
        with contextlib.suppress(Exception):
            await service.release_held(user_id)
