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

from bot.community import AnyCatalog
from bot.core.engine import Step, currency_of, format_money, missing_details
from bot.core.presenter import ChoiceKind
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, RoutedItem, answering
from bot.exts.common import SESSION, guild_of, show_held_reminders
from bot.exts.suggest import SuggestButton, offered
from bot.exts.tone import open_tone_check
from bot.failures import new_error_id, redacted_traceback
from bot.service import PLAYBOOK_VALUE, Action, MovedOn, NoMatch, ServiceError, Walkthrough

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

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
    """Next, Back, Done, Check my tone, the case details and the tips on a walkthrough."""

    @classmethod
    def make(cls, walkthrough: Walkthrough, action: str, **button: Any) -> WalkthroughButton:
        sid, version = walkthrough.session_id, walkthrough.version
        return cls(discord.ui.Button(custom_id=f"scb:{sid}:{version}:{action}", **button))

    async def handle(self, answer: Answer) -> None:
        if self.action == "details":
            await open_details(answer, self.session_id, self.version)
        elif self.action == "tone":
            await open_tone_check(answer, self.session_id, self.version)
        elif self.action in (SHOW_TIPS, HIDE_TIPS):
            await show_tips(answer, self.session_id, self.version, self.action == SHOW_TIPS)
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


SHOW_TIPS = "tips"
HIDE_TIPS = "lesstips"


async def show(answer: Answer, walkthrough: Walkthrough, *, note: str | None = None) -> None:
    """Show the walkthrough in place of the message pressed; when it shows the finished reply,
    the reply follows as a plain private message of its own, ready to copy on a phone."""
    await answer.update(**walkthrough_message(walkthrough, note=note))
    if walkthrough.view.step is Step.DRAFT and not walkthrough.finished:
        await answer.send(render.plain(walkthrough.draft))


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
        await show(answer, moved.walkthrough, note=str(moved))
        return
    await show(answer, walkthrough)


async def show_tips(answer: Answer, session_id: str, version: int, shown: bool) -> None:
    """Show the step with its tips, evidence and what the reply says (or without again)."""
    interaction = answer.interaction
    walkthrough = await answer.bot.service.current(
        session_id, interaction.user.id, guild_of(interaction), version
    )
    await answer.update(**walkthrough_message(walkthrough, tips=shown))


DETAILS_ROUTE = re.compile(rf"scm:{SESSION}:{VERSION}")
READ_NOTE = "Read from the customer's message: check it"


class DetailsForm(RoutedForm, title="Customer, item & signature"):
    """The customer's name, the item, the order and the seller's signature; a detail read
    from the customer's message says so under its name."""

    route = DETAILS_ROUTE

    session_id: str
    version: int

    def read(self, match: re.Match[str]) -> None:
        self.session_id, self.version = match["sid"], int(match["version"])

    def field(
        self, custom_id: str, text: str, value: str | None, description: str | None, **input: Any
    ) -> None:
        entry = discord.ui.TextInput[Any](
            custom_id=custom_id, default=value, required=False, **input
        )
        self.add_item(discord.ui.Label(text=text, description=description, component=entry))

    @classmethod
    def prefilled(cls, walkthrough: Walkthrough) -> DetailsForm:
        """The form for ``walkthrough``, showing the details it already has."""
        form = cls(f"scm:{walkthrough.session_id}:{walkthrough.version}", timeout=None)
        details = walkthrough.state.details
        read = walkthrough.state.origin.read

        def note(name: str, otherwise: str | None = None) -> str | None:
            return READ_NOTE if name in read else otherwise

        value = None
        if details.order_value is not None:
            value = f"{details.order_value} {details.currency or ''}".strip()
        form.field(
            "customer", "Customer's name", details.customer, note("customer"), max_length=100
        )
        form.field(
            "item", "Item", details.item, note("item"), max_length=100, placeholder="e.g. blue mug"
        )
        form.field("order", "Order number", details.order, note("order", "Optional"), max_length=64)
        form.field(
            "order_value",
            "Order value",
            value,
            note("order_value", "Optional; it prices the offers"),
            max_length=20,
            placeholder="e.g. 24.50 or 24.50 EUR",
        )
        policy = walkthrough.state.policy
        signed = ", ".join(v for v in (policy.seller_name, policy.shop_name) if v)
        form.field(
            "signature",
            "Sign as: your name, shop",
            signed or None,
            "Kept for your next replies too",
            max_length=200,
            placeholder="e.g. Sam, Clay Corner",
        )
        return form

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        interaction = answer.interaction
        try:
            walkthrough = await answer.bot.service.set_details(
                self.session_id, interaction.user.id, guild_of(interaction), self.version, values
            )
        except MovedOn as moved:  # pragma: no cover - set_details re-applies instead
            await show(answer, moved.walkthrough, note=str(moved))
            return
        except ServiceError as error:
            await answer.send(f"{error} Nothing was changed: open the form again to fix it.")
            return
        await show(answer, walkthrough)


ADD_DETAILS = "Add customer & item"
EDIT_DETAILS = "Edit details"


async def open_details(answer: Answer, session_id: str, version: int) -> None:
    """The details form, filled in with what the walkthrough knows now."""
    interaction = answer.interaction
    walkthrough = await answer.bot.service.current(
        session_id, interaction.user.id, guild_of(interaction), version
    )
    await answer.form(DetailsForm.prefilled(walkthrough))


def details_missing(walkthrough: Walkthrough) -> bool:
    """True while the reply would greet no one by name or not name the item."""
    details = walkthrough.state.details
    return details.customer is None or details.item is None


#: The longest a detail is shown in the case line (the form and the reply have it whole).
DETAIL_SHOWN = 32


def details_line(walkthrough: Walkthrough) -> str | None:
    """The case details the reply uses, in a line (📋: read from the customer's message), and
    what is still missing."""
    state = walkthrough.state
    details = state.details
    shown = []
    for name in ("customer", "item", "order", "order_value"):
        value = getattr(details, name)
        if value is None:
            continue
        text = str(value)
        if name == "order_value":
            text = format_money(value, currency_of(details, state.policy))
        elif name == "order":
            text = f"order {text}"
        mark = "📋 " if name in state.origin.read else ""
        shown.append(mark + render.safe(render.clip(text, DETAIL_SHOWN)))
    lines = []
    if shown:
        read = " (📋 read from the message: check it)" if state.origin.read else ""
        lines.append(f"**Case:** {' · '.join(shown)}{read}")
    if details.customer is None and details.item is None:
        lines.append("Add your customer's name and the item, so the reply names them.")
    elif details.customer is None:
        lines.append("Add your customer's name, so the reply greets them by it.")
    elif details.item is None:
        lines.append("Add the item, so the reply names it.")
    return "\n".join(lines) or None


def switch_choices(walkthrough: Walkthrough) -> list[tuple[str, str]]:
    """The situations "Not this?" offers (ids and titles, those also mentioned first): while
    the match was unsure or the message mentions another one, until the offer step."""
    origin = walkthrough.state.origin
    if walkthrough.view.step not in SWITCH_STEPS or (origin.confident and not origin.also):
        return []
    return list(walkthrough.others[:25])


#: The steps on which the seller can still switch to another situation.
SWITCH_STEPS = (Step.LISTEN, Step.APOLOGISE)


def walkthrough_message(
    walkthrough: Walkthrough, *, note: str | None = None, tips: bool = False
) -> dict[str, Any]:
    """The embed and components that show a walkthrough at its current step.

    As first shown a step fits a phone screen: what to do now, the current pick in a line and
    the menu; tips, evidence and what the reply says come with "Show tips".
    """
    view = walkthrough.view
    state = walkthrough.state
    blocks = []
    if note:
        blocks.append(note)
    if walkthrough.finished:
        blocks.append(finished_line(walkthrough))
    elif view.step in SWITCH_STEPS and not state.origin.confident:
        blocks.append("Not sure this is your situation? Pick another below.")
    if view.step in SWITCH_STEPS and state.origin.also:
        titles = dict(walkthrough.others)
        also = next((titles[a] for a in state.origin.also if a in titles), None)
        if also:
            blocks.append(f"Also sounds like: **{also}** (switch below).")
    line = details_line(walkthrough)
    if line and not walkthrough.finished:
        blocks.append(line)
    if view.step is Step.DRAFT:
        blocks += draft_blocks(walkthrough)
    else:
        blocks += render.blocks_for(view, more=tips)
    embeds = render.pack(f"{view.playbook_title} · {view.title}", blocks)
    return {"embeds": embeds, "view": walkthrough_view(walkthrough, tips=tips), "content": None}


def finished_line(walkthrough: Walkthrough) -> str:
    """What Done did, said first."""
    if walkthrough.reminder is not None:
        due = discord.utils.format_dt(walkthrough.reminder.due_at, "R")
        return f"✅ Done. I'll remind you to follow up {due}, by direct message."
    return "✅ Done, with no reminder. Good luck with your reply!"


def draft_blocks(walkthrough: Walkthrough) -> list[str]:
    """The last step: where the reply is, and what is still to fill in."""
    reply = walkthrough.draft
    blocks = []
    if not walkthrough.finished:
        blocks.append(
            "Your reply is ready: it's the message below, on its own. "
            "Long-press it to copy, then paste it to your customer."
        )
    missing = missing_details(walkthrough.state, walkthrough.playbook, reply)
    if missing:
        blocks.append(
            f"**Fill in before sending:** {', '.join(missing)} "
            f"(or press {EDIT_DETAILS if not details_missing(walkthrough) else ADD_DETAILS})."
        )
    return blocks


def done_label(walkthrough: Walkthrough) -> str:
    """The confirm button says what it will do."""
    days = walkthrough.state.choices.follow_up_days
    if days is None:
        return "Done · no reminder"
    return f"Done · remind me in {days} day{'s' if days != 1 else ''}"


def walkthrough_view(walkthrough: Walkthrough, *, tips: bool = False) -> discord.ui.View:
    """The step's menu, "Not this?" while it can still change, and one row of buttons whose
    first, blue one is the thing to do next."""
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
                    ChoiceKind.QUESTIONS: "Questions to ask (pick any)",
                    ChoiceKind.APOLOGY: "Pick an apology line",
                    ChoiceKind.OFFER: "Pick an offer",
                    ChoiceKind.FOLLOW_UP: "When to check back",
                }[view.choice],
                min_values=0 if multiple else 1,
                max_values=min(len(view.options), 25) if multiple else 1,
                row=0,
            )
        )
    others = switch_choices(walkthrough)
    if others:
        items.add_item(
            WalkthroughSelect.make(
                walkthrough,
                Action.SWITCH,
                options=[
                    discord.SelectOption(label=render.clip(title, 100), value=playbook_id)
                    for playbook_id, title in others
                ],
                placeholder="Not this? Pick another situation",
                row=1,
            )
        )
    missing = details_missing(walkthrough)
    buttons: list[WalkthroughButton] = []

    def button(action: str, label: str, style: discord.ButtonStyle) -> None:
        buttons.append(WalkthroughButton.make(walkthrough, action, label=label, style=style, row=2))

    blue, grey = discord.ButtonStyle.primary, discord.ButtonStyle.secondary
    if missing and not walkthrough.finished:
        button("details", ADD_DETAILS, blue)
    if view.step is Step.DRAFT:
        if not walkthrough.finished:
            button(Action.FINISH, done_label(walkthrough), discord.ButtonStyle.success)
        button("tone", "Check my tone", grey)
    else:
        label = "Show my reply" if view.step is Step.FOLLOW_UP else "Next"
        button(Action.NEXT, label, grey if missing else blue)
        if any(s.more for s in view.sections):
            button(HIDE_TIPS if tips else SHOW_TIPS, "Hide tips" if tips else "Show tips", grey)
    if not view.is_first:
        button(Action.BACK, "Back", grey)
    if not missing and not walkthrough.finished:
        button("details", EDIT_DETAILS, grey)
    for item in buttons:
        items.add_item(item)
    if offered(walkthrough):
        items.add_item(SuggestButton.make(walkthrough, row=2 if len(buttons) < 5 else 3))
    return items


class CoachCog(commands.Cog):
    """The /coach command."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="coach", description="Get coached through answering an unhappy customer"
    )
    @app_commands.describe(
        situation="What happened, in a sentence, or the customer's message",
        customer="Your customer's name, for the greeting",
        item="The item the case is about, e.g. blue mug",
    )
    async def coach(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        situation: app_commands.Range[str, 1, 6000],
        customer: app_commands.Range[str, 1, 100] | None = None,
        item: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        async with answering(interaction, "/coach") as answer:
            try:
                walkthrough = await self.bot.service.start(
                    interaction.user.id,
                    guild_of(interaction),
                    situation[: MAX_SITUATION * 4],
                    customer=customer,
                    item=item,
                )
            except NoMatch as unmatched:
                from bot.exts.library import browse_message  # library imports this module

                await answer.send(**browse_message(unmatched.catalog, str(unmatched), coach=True))
            else:
                await answer.send(**walkthrough_message(walkthrough))
            await show_held_reminders(answer)

    @coach.autocomplete("situation")
    async def situation_choices(
        self, interaction: discord.Interaction[SellerCoachBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return await situation_choices(self.bot, current, guild_of(interaction))


async def situation_choices(
    bot: SellerCoachBot, current: str, guild_id: int | None
) -> list[app_commands.Choice[str]]:
    """Up to 25 playbook titles, of the set of server ``guild_id`` (None: a DM), for what the
    seller has typed so far.

    Autocomplete cannot show a message, so a failure here offers no choices (the seller can
    still type a description) and is logged with an error id, never with what was typed.
    """
    try:
        catalog = await bot.service.catalog_for(guild_id)
        return _situation_choices(catalog, current)
    except Exception as error:
        log.error("error %s in autocomplete\n%s", new_error_id(), redacted_traceback(error))
        return []


def _situation_choices(catalog: AnyCatalog, current: str) -> list[app_commands.Choice[str]]:
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
