"""``/followups``, the buttons on a delivered reminder, and the "send a DM" port.

Delivering reminders is a use case of the service
(:meth:`bot.service.CoachService.deliver_due_reminders`, run by :class:`bot.reminders.ReminderLoop`
while this extension is loaded); this file only sends the message. A seller whose DMs are
closed keeps the reminder: it is held and shown privately the next time they use a command.

``/followups`` in a server lists the reminders set in that server; in DMs it lists them all.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts import render
from bot.exts.answer import Answer, RoutedItem, answering
from bot.exts.common import follow_up_embed, show_held_reminders
from bot.reminders import ReminderLoop
from bot.service import DirectMessagesClosed, FollowUp, ServiceError
from bot.storage import ReminderRecord

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

#: Discord's error code for a user who does not accept direct messages from the bot.
CANNOT_MESSAGE_USER = 50007
SNOOZE_DAYS = 2


#: The answers to "How did it go?" on a delivered reminder: label, style, and the reply.
OUTCOMES = {
    "sorted": ("It's sorted", discord.ButtonStyle.success, "Glad it worked out. Well handled!"),
    "open": (f"Still open: remind me in {SNOOZE_DAYS} days", discord.ButtonStyle.secondary, ""),
    "failed": (
        "It didn't work out",
        discord.ButtonStyle.secondary,
        "Sorry it didn't work out; you can't please everyone. If it turned into a refund "
        "request, a dispute or a bad review, /coach can walk you through that too.",
    ),
}


class ReminderButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"rem:(?P<reminder>[0-9]{1,18}):(?P<user>[0-9]{1,20}):(?P<action>sorted|open|failed)",
):
    """How did it go? Sorted, still open (snooze) or didn't work out, on a delivered reminder."""

    reminder_id: int
    user_id: int
    action: str

    def read(self, match: re.Match[str]) -> None:
        self.reminder_id, self.user_id = int(match["reminder"]), int(match["user"])
        self.action = match["action"]

    @classmethod
    def make(cls, reminder_id: int, user_id: int, action: str) -> ReminderButton:
        label, style, _ = OUTCOMES[action]
        custom_id = f"rem:{reminder_id}:{user_id}:{action}"
        return cls(discord.ui.Button(label=label, style=style, custom_id=custom_id))

    @property
    def name(self) -> str:
        return f"ReminderButton:{self.action}"

    async def handle(self, answer: Answer) -> None:
        if answer.interaction.user.id != self.user_id:
            await answer.send("This reminder belongs to someone else.")
            return
        service = answer.bot.service
        try:
            if self.action == "open":
                snoozed = await service.snooze_reminder(self.user_id, self.reminder_id, SNOOZE_DAYS)
                text = f"I'll remind you again {discord.utils.format_dt(snoozed.due_at, 'R')}."
            else:
                await service.reminder_done(self.user_id, self.reminder_id)
                text = OUTCOMES[self.action][2]
        except ServiceError as error:
            text = str(error)
        await answer.update(content=text, view=None)


class CancelSelect(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"fuc:(?P<user>[0-9]{1,20})",
):
    """Cancel one of the seller's pending reminders."""

    user_id: int

    def read(self, match: re.Match[str]) -> None:
        self.user_id = int(match["user"])

    @classmethod
    def make(cls, user_id: int, options: list[discord.SelectOption]) -> CancelSelect:
        return cls(
            discord.ui.Select(
                custom_id=f"fuc:{user_id}", placeholder="Cancel a reminder", options=options
            )
        )

    async def handle(self, answer: Answer) -> None:
        if answer.interaction.user.id != self.user_id:
            await answer.send("These reminders belong to someone else.")
            return
        value = self.item.values[0] if self.item.values else ""
        try:
            await answer.bot.service.cancel_reminder(self.user_id, int(value))
        except (ServiceError, ValueError):
            await answer.send("That reminder is already gone.")
            return
        await answer.update(
            **await followups_message(
                answer.bot, self.user_id, answer.interaction.guild_id, note="Reminder cancelled."
            )
        )


async def followups_message(
    bot: SellerCoachBot, user_id: int, guild_id: int | None, note: str | None = None
) -> dict[str, Any]:
    """The seller's waiting reminders: those set in this server, or in DMs all of them."""
    pending = await bot.service.pending_reminders(user_id, guild_id)
    blocks = [note] if note else []
    if not pending:
        where = " in this server" if guild_id is not None else ""
        blocks.append(
            f"You have no follow-ups waiting{where}. Finish a `/coach` walkthrough to set one."
        )
    for reminder, follow_up in pending[:25]:
        due = discord.utils.format_dt(reminder.due_at, "R")
        who = f" ({render.safe(follow_up.customer)})" if follow_up.customer else ""
        blocks.append(f"**{follow_up.title}**{who}, due {due}\n{follow_up.reminder}")
    if guild_id is not None:
        blocks.append("These are the ones set in this server; in a DM with me you see them all.")
    view = None
    if pending:
        view = discord.ui.View(timeout=None)
        options = [
            discord.SelectOption(
                label=render.clip(f.title + (f" ({f.customer})" if f.customer else ""), 100),
                value=str(r.id),
                description=render.clip(f"due {r.due_at:%d %b %Y}", 100),
            )
            for r, f in pending[:25]
        ]
        view.add_item(CancelSelect.make(user_id, options))
    title = "Your follow-ups in this server" if guild_id is not None else "Your follow-ups"
    return {"embeds": render.pack(title, blocks), "view": view, "content": None}


class DiscordDirectMessages:
    """The "send a DM" port of reminder delivery (:class:`bot.service.DirectMessages`)."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    async def send_follow_up(self, reminder: ReminderRecord, follow_up: FollowUp) -> None:
        view = discord.ui.View(timeout=None)
        for outcome in OUTCOMES:
            view.add_item(ReminderButton.make(reminder.id, reminder.user_id, outcome))
        embed = follow_up_embed(follow_up, held=False)
        try:
            user = self.bot.get_user(reminder.user_id) or await self.bot.fetch_user(
                reminder.user_id
            )
            await user.send(embed=embed, view=view)
        except discord.Forbidden as error:
            if error.code == CANNOT_MESSAGE_USER:
                raise DirectMessagesClosed from None
            raise
        try:  # the reminder is delivered; the copyable message is a convenience on top
            await user.send(render.plain(follow_up.message))
        except discord.HTTPException as error:
            log.warning(
                "reminder %s: the message to copy was not sent: HTTP %s", reminder.id, error.status
            )


class FollowupsCog(commands.Cog):
    """/followups, and the reminder loop for as long as the extension is loaded."""

    def __init__(self, bot: SellerCoachBot, *, poll_seconds: float) -> None:
        self.bot = bot
        self.loop = ReminderLoop(
            bot.service,
            DiscordDirectMessages(bot),
            poll_seconds=poll_seconds,
            health=bot.reminder_health,
            ready=bot.wait_until_ready,
        )

    async def cog_load(self) -> None:
        self.loop.start()

    async def cog_unload(self) -> None:
        await self.loop.stop()

    @app_commands.command(
        name="followups", description="Your follow-up reminders (here: this server's)"
    )
    async def followups(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, "/followups") as answer:
            message = await followups_message(self.bot, interaction.user.id, interaction.guild_id)
            message.pop("content")
            await answer.send(**message)
            await show_held_reminders(answer)


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(ReminderButton, CancelSelect)
    await bot.add_cog(FollowupsCog(bot, poll_seconds=bot.settings.reminder_poll_seconds))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(ReminderButton, CancelSelect)
