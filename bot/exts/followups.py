"""``/followups`` and the loop that delivers due reminders by direct message.

Each due reminder is claimed in the database before it is sent (see
:meth:`bot.storage.Store.claim_due_reminders`), so with several bot processes on one database
each is delivered once. A seller whose DMs are closed keeps the reminder: it is held and shown
privately the next time they use a command.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.exts import render
from bot.exts.answer import Answer, RoutedItem, answering
from bot.exts.common import follow_up_embed, show_held_reminders
from bot.service import FollowUp, ServiceError
from bot.storage import ReminderRecord, new_worker_id

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
            **await followups_message(answer.bot, self.user_id, note="Reminder cancelled.")
        )


async def followups_message(
    bot: SellerCoachBot, user_id: int, note: str | None = None
) -> dict[str, Any]:
    pending = await bot.service.pending_reminders(user_id)
    blocks = [note] if note else []
    if not pending:
        blocks.append("You have no follow-ups waiting. Finish a `/coach` walkthrough to set one.")
    for reminder, follow_up in pending[:25]:
        due = discord.utils.format_dt(reminder.due_at, "R")
        who = f" ({render.safe(follow_up.customer)})" if follow_up.customer else ""
        blocks.append(
            f"**#{reminder.id} · {follow_up.title}**{who}, due {due}\n{follow_up.reminder}"
        )
    view = None
    if pending:
        view = discord.ui.View(timeout=None)
        options = [
            discord.SelectOption(
                label=render.clip(f"#{r.id} · {f.title}", 100),
                value=str(r.id),
                description=render.clip(f"due {r.due_at:%d %b %Y}", 100),
            )
            for r, f in pending[:25]
        ]
        view.add_item(CancelSelect.make(user_id, options))
    return {"embeds": render.pack("Your follow-ups", blocks), "view": view, "content": None}


class FollowupsCog(commands.Cog):
    """/followups and the delivery loop."""

    def __init__(self, bot: SellerCoachBot, *, poll_seconds: float) -> None:
        self.bot = bot
        self.worker_id = new_worker_id()
        self.deliver_due.change_interval(seconds=poll_seconds)

    async def cog_load(self) -> None:
        self.deliver_due.start()

    async def cog_unload(self) -> None:
        task = self.deliver_due.get_task()
        self.deliver_due.cancel()
        if task is not None and not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @app_commands.command(name="followups", description="Your follow-up reminders")
    async def followups(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, "/followups") as answer:
            message = await followups_message(self.bot, interaction.user.id)
            message.pop("content")
            await answer.send(**message)
            await show_held_reminders(answer)

    @tasks.loop(seconds=30)
    async def deliver_due(self) -> None:
        await self.deliver_once()

    @deliver_due.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def deliver_once(self, now: datetime | None = None) -> int:
        """Claim and deliver every due reminder; return how many were delivered."""
        store = self.bot.service.store
        await self.bot.service.refresh_held()
        claimed = await store.claim_due_reminders(now or datetime.now(UTC), self.worker_id)
        delivered = 0
        for reminder in claimed:
            delivered += await self._deliver(reminder)
        return delivered

    async def _deliver(self, reminder: ReminderRecord) -> int:
        store = self.bot.service.store
        follow_up = FollowUp.from_json(reminder.payload)
        view = discord.ui.View(timeout=None)
        for outcome in OUTCOMES:
            view.add_item(ReminderButton.make(reminder.id, reminder.user_id, outcome))
        try:
            user = self.bot.get_user(reminder.user_id) or await self.bot.fetch_user(
                reminder.user_id
            )
            await user.send(embed=follow_up_embed(reminder, follow_up, held=False), view=view)
        except discord.Forbidden as error:
            if error.code == CANNOT_MESSAGE_USER:
                await store.mark_held(reminder.id, self.worker_id)
                self.bot.service.note_held(reminder.user_id)
                log.info("reminder %s held: the seller does not accept DMs", reminder.id)
            else:
                log.warning("reminder %s not delivered: %s", reminder.id, error.code)
            return 0
        except (discord.HTTPException, discord.NotFound) as error:
            log.warning(
                "reminder %s not delivered (will retry): HTTP %s", reminder.id, error.status
            )
            return 0
        if await store.mark_sent(reminder.id, self.worker_id):
            return 1
        return 0


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(ReminderButton, CancelSelect)
    await bot.add_cog(FollowupsCog(bot, poll_seconds=bot.settings.reminder_poll_seconds))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(ReminderButton, CancelSelect)
