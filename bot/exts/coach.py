"""``/coach``: the walkthrough, with buttons and menus that survive a restart.

Every button and menu carries the walkthrough's id, its version and the action in its
``custom_id`` (``scb:<id>:<version>:<action>``); the state itself lives in the database. So a
press after a restart continues where the seller was, a second press of the same button finds
the version moved on and says so, and nobody can act on another seller's walkthrough.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.engine import Step
from bot.core.presenter import ChoiceKind
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, RoutedItem, answering
from bot.exts.common import guild_of, show_held_reminders
from bot.exts.tone import open_tone_check
from bot.failures import new_error_id, redacted_traceback
from bot.service import PLAYBOOK_VALUE, Action, MovedOn, ServiceError, Walkthrough

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

SESSION = r"(?P<sid>[A-Za-z0-9_-]{8,40})"
VERSION = r"(?P<version>[0-9]{1,9})"
MAX_SITUATION = 1000


class WalkthroughItem:
    """What a walkthrough's buttons and menus carry: the walkthrough's id, version and action."""

    session_id: str
    version: int
    action: str

    def read(self, match: re.Match[str]) -> None:
        self.session_id, self.version, self.action = (
            match["sid"],
            int(match["version"]),
            match["action"],
        )

    @property
    def name(self) -> str:
        return f"{type(self).__name__}:{self.action}"


class WalkthroughButton(
    WalkthroughItem,
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"scb:{SESSION}:{VERSION}:(?P<action>[a-z]{{2,12}})",
):
    """Back, Next, Done, Check my tone and Case details on a walkthrough message."""

    @classmethod
    def make(cls, walkthrough: Walkthrough, action: str, **button: Any) -> WalkthroughButton:
        sid, version = walkthrough.session_id, walkthrough.version
        return cls(discord.ui.Button(custom_id=f"scb:{sid}:{version}:{action}", **button))

    async def handle(self, answer: Answer) -> None:
        if self.action == "details":
            await open_details(answer, self.session_id, self.version)
        elif self.action == "tone":
            await open_tone_check(answer, self.session_id, self.version)
        else:
            await act(answer, self.session_id, self.version, self.action, [])


class WalkthroughSelect(
    WalkthroughItem,
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=rf"scs:{SESSION}:{VERSION}:(?P<action>pick|switch)",
):
    """The step's choice (question, apology line, offer, follow-up) or another situation."""

    @classmethod
    def make(cls, walkthrough: Walkthrough, action: str, **select: Any) -> WalkthroughSelect:
        sid, version = walkthrough.session_id, walkthrough.version
        return cls(discord.ui.Select(custom_id=f"scs:{sid}:{version}:{action}", **select))

    async def handle(self, answer: Answer) -> None:
        await act(answer, self.session_id, self.version, self.action, list(self.item.values))


async def act(
    answer: Answer, session_id: str, version: int, action: str, values: list[str]
) -> None:
    """Apply a button or menu to the walkthrough and show the step it leads to.

    A press on an earlier step (pressed twice, or its answer was lost) shows the current step
    instead, with working buttons.
    """
    interaction = answer.interaction
    try:
        walkthrough = await answer.bot.service.act(
            session_id, interaction.user.id, guild_of(interaction), version, action, values
        )
    except MovedOn as moved:
        await answer.update(**walkthrough_message(moved.walkthrough, note=str(moved)))
        return
    await answer.update(**walkthrough_message(walkthrough))


DETAILS_ROUTE = re.compile(rf"scm:{SESSION}:{VERSION}")


class DetailsForm(RoutedForm, title="Case details"):
    """The customer's name, the item, the order and what the customer wrote."""

    route = DETAILS_ROUTE

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

    session_id: str
    version: int

    def read(self, match: re.Match[str]) -> None:
        self.session_id, self.version = match["sid"], int(match["version"])

    @classmethod
    def prefilled(cls, walkthrough: Walkthrough) -> DetailsForm:
        """The form for ``walkthrough``, showing the details it already has."""
        form = cls(f"scm:{walkthrough.session_id}:{walkthrough.version}", timeout=None)
        details = walkthrough.state.details
        form.customer.default = details.customer
        form.item.default = details.item
        form.order.default = details.order
        form.order_value.default = (
            f"{details.order_value} {details.currency or ''}".strip()
            if details.order_value is not None
            else None
        )
        form.customer_message.default = details.customer_message
        return form

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        interaction = answer.interaction
        try:
            walkthrough = await answer.bot.service.set_details(
                self.session_id, interaction.user.id, guild_of(interaction), self.version, values
            )
        except MovedOn as moved:  # pragma: no cover - set_details re-applies instead
            await answer.update(**walkthrough_message(moved.walkthrough, note=str(moved)))
            return
        except ServiceError as error:
            await answer.send(f"{error} Nothing was lost: press Case details to try again.")
            return
        await answer.update(**walkthrough_message(walkthrough))


async def open_details(answer: Answer, session_id: str, version: int) -> None:
    """Case details: the form, filled in with what the walkthrough knows now."""
    interaction = answer.interaction
    walkthrough = await answer.bot.service.current(
        session_id, interaction.user.id, guild_of(interaction), version
    )
    await answer.form(DetailsForm.prefilled(walkthrough))


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
    if view.options and view.choice is not None:
        multiple = view.choice is ChoiceKind.QUESTIONS
        items.add_item(
            WalkthroughSelect.make(
                walkthrough,
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
            WalkthroughSelect.make(
                walkthrough,
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
    items.add_item(WalkthroughButton.make(walkthrough, Action.BACK, **back))
    if view.step is Step.DRAFT:
        if not walkthrough.finished:
            items.add_item(
                WalkthroughButton.make(
                    walkthrough,
                    Action.FINISH,
                    label="Done",
                    style=discord.ButtonStyle.success,
                    row=2,
                )
            )
        items.add_item(
            WalkthroughButton.make(
                walkthrough,
                "tone",
                label="Check my tone",
                style=discord.ButtonStyle.secondary,
                row=2,
            )
        )
    else:
        label = "Show my reply" if view.step is Step.FOLLOW_UP else "Next"
        items.add_item(
            WalkthroughButton.make(
                walkthrough, Action.NEXT, label=label, style=discord.ButtonStyle.primary, row=2
            )
        )
    items.add_item(
        WalkthroughButton.make(
            walkthrough,
            "details",
            label="Case details",
            style=discord.ButtonStyle.secondary,
            row=2,
        )
    )
    return items


class CoachCog(commands.Cog):
    """The /coach command."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="coach", description="Get coached through answering an unhappy customer"
    )
    @app_commands.describe(situation="What happened, in a sentence, or the customer's message")
    async def coach(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        situation: app_commands.Range[str, 1, 6000],
    ) -> None:
        async with answering(interaction, "/coach") as answer:
            walkthrough = await self.bot.service.start(
                interaction.user.id, guild_of(interaction), situation[: MAX_SITUATION * 4]
            )
            await answer.send(**walkthrough_message(walkthrough))
            await show_held_reminders(answer)

    @coach.autocomplete("situation")
    async def situation_choices(
        self, interaction: discord.Interaction[SellerCoachBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return situation_choices(self.bot, current)


def situation_choices(bot: SellerCoachBot, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 playbook titles for what the seller has typed so far.

    Autocomplete cannot show a message, so a failure here offers no choices (the seller can
    still type a description) and is logged with an error id, never with what was typed.
    """
    try:
        return _situation_choices(bot, current)
    except Exception as error:
        log.error("error %s in autocomplete\n%s", new_error_id(), redacted_traceback(error))
        return []


def _situation_choices(bot: SellerCoachBot, current: str) -> list[app_commands.Choice[str]]:
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


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(WalkthroughButton, WalkthroughSelect)
    bot.forms.add(DetailsForm)
    await bot.add_cog(CoachCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(WalkthroughButton, WalkthroughSelect)
    bot.forms.remove(DetailsForm)
