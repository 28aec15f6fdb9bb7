"""``/coach``: the walkthrough, with buttons and menus that survive a restart.

Every button and menu carries the walkthrough's id, its version and the action in its
``custom_id`` (``scb:<id>:<version>:<action>``); the state itself lives in the database. So a
press after a restart continues where the seller was, a second press of the same button finds
the version moved on and says so, and nobody can act on another seller's walkthrough.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.engine import Step
from bot.core.presenter import ChoiceKind
from bot.exts import render
from bot.exts.common import (
    CoachBot,
    guild_of,
    reply,
    show_held_reminders,
)
from bot.exts.tone import open_tone_check
from bot.service import PLAYBOOK_VALUE, Action, ServiceError, Walkthrough

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

SESSION = r"(?P<sid>[A-Za-z0-9_-]{8,40})"
VERSION = r"(?P<version>[0-9]{1,9})"
MAX_SITUATION = 1000


def _custom_id(prefix: str, walkthrough: Walkthrough, action: str) -> str:
    return f"{prefix}:{walkthrough.session_id}:{walkthrough.version}:{action}"


class WalkthroughButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"scb:{SESSION}:{VERSION}:(?P<action>[a-z]{{2,12}})",
):
    """Back, Next, Done and Case details on a walkthrough message."""

    def __init__(self, session_id: str, version: int, action: str, **button: Any) -> None:
        super().__init__(
            discord.ui.Button(custom_id=f"scb:{session_id}:{version}:{action}", **button)
        )
        self.session_id, self.version, self.action = session_id, version, action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Button[Any],
        match: re.Match[str],
        /,
    ) -> WalkthroughButton:
        return cls(match["sid"], int(match["version"]), match["action"], label=item.label)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.action == "details":
            await open_details(interaction, self.session_id, self.version)
            return
        if self.action == "tone":
            await open_tone_check(interaction, self.session_id, self.version)
            return
        await act(interaction, self.session_id, self.version, self.action, [])


class WalkthroughSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=rf"scs:{SESSION}:{VERSION}:(?P<action>pick|switch)",
):
    """The step's choice (question, apology line, offer, follow-up) or another situation."""

    def __init__(self, session_id: str, version: int, action: str, **select: Any) -> None:
        super().__init__(
            discord.ui.Select(custom_id=f"scs:{session_id}:{version}:{action}", **select)
        )
        self.session_id, self.version, self.action = session_id, version, action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Select[Any],
        match: re.Match[str],
        /,
    ) -> WalkthroughSelect:
        return cls(
            match["sid"],
            int(match["version"]),
            match["action"],
            options=item.options,
            min_values=item.min_values,
            max_values=item.max_values,
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await act(interaction, self.session_id, self.version, self.action, list(self.item.values))


async def act(
    interaction: discord.Interaction[Any],
    session_id: str,
    version: int,
    action: str,
    values: list[str],
) -> None:
    bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
    try:
        walkthrough = await bot.service.act(
            session_id, interaction.user.id, guild_of(interaction), version, action, values
        )
    except ServiceError as error:
        await reply(interaction, str(error))
        return
    await interaction.response.edit_message(**walkthrough_message(walkthrough))


class DetailsModal(discord.ui.Modal, title="Case details"):
    """The customer's name, the item, the order and what the customer wrote."""

    customer: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="customer", label="Customer's name", max_length=100, required=False
    )
    item: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="item", label="Item", max_length=100, required=False, placeholder="e.g. blue mug"
    )
    order: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="order", label="Order number", max_length=64, required=False
    )
    order_value: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="order_value",
        label="Order value",
        max_length=20,
        required=False,
        placeholder="e.g. 24.50 or 24.50 EUR",
    )
    customer_message: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="customer_message",
        label="The customer's message (optional)",
        style=discord.TextStyle.paragraph,
        max_length=4000,
        required=False,
    )

    def __init__(self, session_id: str, version: int, walkthrough: Walkthrough | None) -> None:
        super().__init__(custom_id=f"scm:{session_id}:{version}", timeout=1800)
        self.session_id, self.version = session_id, version
        if walkthrough is not None:
            details = walkthrough.state.details
            self.customer.default = details.customer
            self.item.default = details.item
            self.order.default = details.order
            self.order_value.default = (
                f"{details.order_value} {details.currency or ''}".strip()
                if details.order_value is not None
                else None
            )
            self.customer_message.default = details.customer_message

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
        fields = {
            "customer": self.customer.value,
            "item": self.item.value,
            "order": self.order.value,
            "order_value": self.order_value.value,
            "customer_message": self.customer_message.value,
        }
        try:
            walkthrough = await bot.service.set_details(
                self.session_id, interaction.user.id, guild_of(interaction), self.version, fields
            )
        except ServiceError as error:
            await reply(interaction, f"{error} Nothing was lost: press Case details to try again.")
            return
        await interaction.response.edit_message(**walkthrough_message(walkthrough))


async def open_details(
    interaction: discord.Interaction[Any], session_id: str, version: int
) -> None:
    bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
    try:
        walkthrough = await bot.service.current(
            session_id, interaction.user.id, guild_of(interaction), version
        )
    except ServiceError as error:
        await reply(interaction, str(error))
        return
    await interaction.response.send_modal(DetailsModal(session_id, version, walkthrough))


def walkthrough_message(walkthrough: Walkthrough, *, note: str | None = None) -> dict[str, Any]:
    """The embeds and components that show a walkthrough at its current step."""
    view = walkthrough.view
    blocks = []
    if note:
        blocks.append(note)
    if walkthrough.match is not None and walkthrough.match.best is not None:
        sure = walkthrough.match.confident
        blocks.append(
            f"This sounds like **{walkthrough.playbook.title}**."
            if sure
            else f"I'm not sure which situation this is; I started with "
            f"**{walkthrough.playbook.title}**. Pick another below if it fits better."
        )
    blocks.extend(render.blocks_for(view))
    if walkthrough.reminder is not None:
        due = discord.utils.format_dt(walkthrough.reminder.due_at, "R")
        blocks.append(f"⏰ I'll remind you to follow up {due}, by direct message.")
    elif walkthrough.finished:
        blocks.append("Done. Good luck with your reply!")
    embeds = render.pack(f"{view.playbook_title} · {view.title}", blocks)
    return {"embeds": embeds, "view": walkthrough_view(walkthrough), "content": None}


def walkthrough_view(walkthrough: Walkthrough) -> discord.ui.View:
    view = walkthrough.view
    items = discord.ui.View(timeout=None)
    sid, version = walkthrough.session_id, walkthrough.version
    if view.options and view.choice is not None:
        multiple = view.choice is ChoiceKind.QUESTIONS
        items.add_item(
            WalkthroughSelect(
                sid,
                version,
                Action.PICK,
                options=render.select_options(view),
                placeholder={
                    ChoiceKind.QUESTIONS: "Questions to include in your reply",
                    ChoiceKind.APOLOGY: "Pick an apology line",
                    ChoiceKind.OFFER: "Pick an offer",
                    ChoiceKind.FOLLOW_UP: "When to check back",
                }[view.choice],
                min_values=0 if multiple else 1,
                max_values=min(len(view.options), 25) if multiple else 1,
                row=0,
            )
        )
    match = walkthrough.match
    if match is not None and not match.confident and len(match.matches) > 1:
        items.add_item(
            WalkthroughSelect(
                sid,
                version,
                Action.SWITCH,
                options=[
                    discord.SelectOption(label=render.clip(m.title, 100), value=m.id)
                    for m in match.matches[1:25]
                ],
                placeholder="Not this? Pick another situation",
                row=1,
            )
        )
    back = dict(label="Back", style=discord.ButtonStyle.secondary, disabled=view.is_first, row=2)
    items.add_item(WalkthroughButton(sid, version, Action.BACK, **back))
    if view.step is Step.DRAFT:
        if not walkthrough.finished:
            items.add_item(
                WalkthroughButton(
                    sid,
                    version,
                    Action.FINISH,
                    label="Done",
                    style=discord.ButtonStyle.success,
                    row=2,
                )
            )
        items.add_item(
            WalkthroughButton(
                sid,
                version,
                "tone",
                label="Check my tone",
                style=discord.ButtonStyle.secondary,
                row=2,
            )
        )
    else:
        label = "Show my reply" if view.step is Step.FOLLOW_UP else "Next"
        items.add_item(
            WalkthroughButton(
                sid, version, Action.NEXT, label=label, style=discord.ButtonStyle.primary, row=2
            )
        )
    items.add_item(
        WalkthroughButton(
            sid,
            version,
            "details",
            label="Case details",
            style=discord.ButtonStyle.secondary,
            row=2,
        )
    )
    return items


class CoachCog(commands.Cog):
    """The /coach command."""

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="coach", description="Get coached through answering an unhappy customer"
    )
    @app_commands.describe(situation="What happened, in a sentence, or the customer's message")
    async def coach(
        self, interaction: discord.Interaction[Any], situation: app_commands.Range[str, 1, 6000]
    ) -> None:
        service = self.bot.service
        try:
            walkthrough = await service.start(
                interaction.user.id, guild_of(interaction), situation[: MAX_SITUATION * 4]
            )
        except ServiceError as error:
            await reply(interaction, str(error))
            return
        await interaction.response.send_message(ephemeral=True, **walkthrough_message(walkthrough))
        await show_held_reminders(interaction)

    @coach.autocomplete("situation")
    async def situation_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return situation_choices(self.bot, current)


def situation_choices(bot: CoachBot, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 playbook titles for what the seller has typed so far."""
    catalog = bot.service.catalog
    text = current.strip()[:MAX_SITUATION]
    ids = [m.id for m in catalog.matcher.match(text, top=25, partial=True).matches] if text else []
    ids += [s.id for s in catalog.summaries() if s.id not in ids]
    choices = []
    for playbook_id in ids[:25]:
        summary = catalog.summary(playbook_id)
        if summary is not None:
            value = f"{PLAYBOOK_VALUE}{playbook_id}"[:100]
            choices.append(app_commands.Choice(name=render.clip(summary.title, 100), value=value))
    return choices


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(CoachCog(bot))
