"""``/playbooks``: browse the situations by menus (a kind, then the situation), read one,
and be coached through it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.community import AnyCatalog
from bot.core import engine
from bot.core.models import CATEGORY_NAMES, Playbook
from bot.core.placeholders import render as fill_placeholders
from bot.exts import render
from bot.exts.answer import Answer, RoutedItem, answering
from bot.exts.coach import situation_choices, walkthrough_message
from bot.exts.common import guild_of
from bot.service import PLAYBOOK_VALUE

if TYPE_CHECKING:
    from bot.app import SellerCoachBot


def playbook_blocks(playbook: Playbook) -> list[str]:
    """A whole playbook as readable markdown blocks, placeholders left visible."""
    steps = playbook.steps
    blank = engine.placeholder_values(engine.start(playbook))

    def show(text: str) -> str:
        return fill_placeholders(text, blank)

    def bullets(lines: list[str]) -> str:
        return "\n".join(f"• {line}" for line in lines)

    ladder = "\n".join(
        f"**{n}.** {offer.label} (about {offer.cost:.0%} of the order)\n   {show(offer.script)}"
        for n, offer in enumerate(steps.compensate.ladder, start=1)
    )
    questions = bullets([show(q) for q in steps.listen.questions])
    evidence = f"\n**Gather**\n{bullets(steps.listen.evidence)}" if steps.listen.evidence else ""
    return [
        f"*{playbook.summary}*",
        f"**1 · Listen**\n{bullets(steps.listen.tips)}\n**Ask**\n{questions}{evidence}",
        f"**2 · Apologise**\n{bullets(steps.apologise.tips)}\n**Lines**\n"
        + bullets([show(line) for line in steps.apologise.lines]),
        f"**3 · Offer compensation**\n{bullets(steps.compensate.tips)}\n"
        f"**Ladder, cheapest first**\n{ladder}",
        f"**4 · Follow up** after {steps.follow_up.after_days} days\n"
        + bullets([*steps.follow_up.tips, steps.follow_up.reminder]),
    ]


#: The most options a Discord select menu holds.
MENU_OPTIONS = 25
MODE = r"(?P<mode>read|coach)"
CATEGORY = r"(?P<category>[a-z]{1,20})"


def browse_message(
    catalog: AnyCatalog,
    intro: str | None = None,
    *,
    coach: bool = False,
    category: str | None = None,
) -> dict[str, Any]:
    """Every situation of ``catalog`` (the set of the server it is shown in), by menus: a
    kind of situation, then the situation.

    ``coach``: picking a situation starts its walkthrough at once (after an unmatched
    /coach); otherwise it shows the playbook, with "Coach me through this".
    """
    groups = catalog.by_category()
    chosen = next((c for c in groups if c.value == category), None)
    blocks = [intro] if intro else []
    if chosen is None:
        blocks.append("Pick a kind of situation, then the situation itself.")
    else:
        blocks.append(f"**{CATEGORY_NAMES[chosen]}**: pick the situation below.")
        count = len(groups[chosen])
        if count > MENU_OPTIONS:  # a server's own playbooks can make a kind this big
            blocks.append(
                f"The menu holds {MENU_OPTIONS} of its {count} situations: find the other "
                f"{count - MENU_OPTIONS} by name with `/playbooks playbook:`."
            )
    title = "Which situation is it?" if coach else "Situations I can coach you through"
    return {
        "embeds": render.pack(title, blocks),
        "view": browse_view(catalog, coach=coach, category=chosen.value if chosen else None),
        "content": None,
    }


def browse_view(
    catalog: AnyCatalog, *, coach: bool, category: str | None, playbook_id: str | None = None
) -> discord.ui.View:
    """The category menu and, once a category is picked, the menu of its situations."""
    groups = catalog.by_category()
    mode = "coach" if coach else "read"
    view = discord.ui.View(timeout=None)
    options = []
    for group, summaries in groups.items():
        examples = ", ".join(s.title for s in summaries[:3])
        options.append(
            discord.SelectOption(
                label=CATEGORY_NAMES[group],
                value=group.value,
                description=render.clip(f"{len(summaries)}: {examples}…", 100),
                default=group.value == category,
            )
        )
    view.add_item(
        CategorySelect(
            discord.ui.Select(
                custom_id=f"pbc:{mode}", placeholder="Kind of situation", options=options, row=0
            )
        )
    )
    chosen = next((g for g in groups if g.value == category), None)
    if chosen is not None:
        situations = [
            discord.SelectOption(
                label=render.clip(s.title, 100),
                value=s.id,
                description=render.clip(s.summary, 100),
                default=s.id == playbook_id,
            )
            for s in groups[chosen][:MENU_OPTIONS]
        ]
        view.add_item(
            SituationSelect(
                discord.ui.Select(
                    custom_id=f"pbp:{mode}:{chosen.value}",
                    placeholder="Situation",
                    options=situations,
                    row=1,
                )
            )
        )
    return view


def overview_blocks(playbook: Playbook) -> list[str]:
    """A playbook in a phone screen: the four moves in a line each."""
    steps = playbook.steps
    blank = engine.placeholder_values(engine.start(playbook))
    ladder = " → ".join(offer.label for offer in steps.compensate.ladder)
    blocks = [
        f"*{playbook.summary}*",
        f"**1 · Listen** and ask: {fill_placeholders(steps.listen.questions[0], blank)}",
    ]
    if steps.apologise.lines:
        line = fill_placeholders(steps.apologise.lines[0], blank)
        blocks.append(f"**2 · Apologise**, e.g. “{render.clip(line, 120)}”")
    blocks += [
        f"**3 · Offer**, cheapest first: {render.clip(ladder, 240)}",
        f"**4 · Follow up** after {steps.follow_up.after_days} days.",
    ]
    return blocks


def playbook_message(
    catalog: AnyCatalog, playbook: Playbook, *, full: bool = False
) -> dict[str, Any]:
    """One playbook: its overview (or all of it), the menus to browse on, and "Coach me"."""
    blocks = playbook_blocks(playbook) if full else overview_blocks(playbook)
    view = browse_view(
        catalog, coach=False, category=playbook.category.value, playbook_id=playbook.id
    )
    view.add_item(StartButton.make(playbook.id))
    view.add_item(FullButton.make(playbook.id, not full))
    return {"embeds": render.pack(playbook.title, blocks), "view": view, "content": None}


class CategorySelect(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=rf"pbc:{MODE}",
):
    """A kind of situation: shows its situations in a second menu."""

    coach: bool

    def read(self, match: re.Match[str]) -> None:
        self.coach = match["mode"] == "coach"

    async def handle(self, answer: Answer) -> None:
        category = self.item.values[0] if self.item.values else None
        catalog = await answer.bot.service.catalog_for(guild_of(answer.interaction))
        await answer.update(**browse_message(catalog, coach=self.coach, category=category))


class SituationSelect(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=rf"pbp:{MODE}:{CATEGORY}",
):
    """A situation: its playbook, or (after an unmatched /coach) its walkthrough at once."""

    coach: bool

    def read(self, match: re.Match[str]) -> None:
        self.coach = match["mode"] == "coach"

    async def handle(self, answer: Answer) -> None:
        playbook_id = self.item.values[0] if self.item.values else ""
        catalog = await answer.bot.service.catalog_for(guild_of(answer.interaction))
        playbook = catalog.get(playbook_id)
        if playbook is None:
            await answer.send("That situation is not available any more. Try /playbooks.")
            return
        if not self.coach:
            await answer.update(**playbook_message(catalog, playbook))
            return
        interaction = answer.interaction
        walkthrough = await answer.bot.service.start(
            interaction.user.id,
            guild_of(interaction),
            f"{PLAYBOOK_VALUE}{playbook.id}",
            catalog=catalog,
        )
        await answer.update(**walkthrough_message(walkthrough))


class FullButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"pbf:(?P<playbook>[a-z0-9-]{1,64}):(?P<full>more|less)",
):
    """Read the whole playbook, or only its overview again."""

    playbook_id: str
    full: bool

    def read(self, match: re.Match[str]) -> None:
        self.playbook_id, self.full = match["playbook"], match["full"] == "more"

    @classmethod
    def make(cls, playbook_id: str, full: bool) -> FullButton:
        return cls(
            discord.ui.Button(
                label="Read it in full" if full else "Show less",
                style=discord.ButtonStyle.secondary,
                custom_id=f"pbf:{playbook_id}:{'more' if full else 'less'}",
                row=2,
            )
        )

    async def handle(self, answer: Answer) -> None:
        catalog = await answer.bot.service.catalog_for(guild_of(answer.interaction))
        playbook = catalog.get(self.playbook_id)
        if playbook is None:
            await answer.send("That situation is not available any more. Try /playbooks.")
            return
        await answer.update(**playbook_message(catalog, playbook, full=self.full))


class StartButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"pbs:(?P<playbook>[a-z0-9-]{1,64})",
):
    """Start a walkthrough of the playbook being read."""

    playbook_id: str

    def read(self, match: re.Match[str]) -> None:
        self.playbook_id = match["playbook"]

    @classmethod
    def make(cls, playbook_id: str) -> StartButton:
        return cls(
            discord.ui.Button(
                label="Coach me through this",
                style=discord.ButtonStyle.primary,
                custom_id=f"pbs:{playbook_id}",
                row=2,
            )
        )

    async def handle(self, answer: Answer) -> None:
        interaction = answer.interaction
        walkthrough = await answer.bot.service.start(
            interaction.user.id, guild_of(interaction), f"{PLAYBOOK_VALUE}{self.playbook_id}"
        )
        await answer.send(**walkthrough_message(walkthrough))


class LibraryCog(commands.Cog):
    """The /playbooks command."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(name="playbooks", description="Browse the situations Seller Coach knows")
    @app_commands.describe(
        category="Only this kind of situation", playbook="Go straight to one situation"
    )
    @app_commands.choices(
        category=[
            app_commands.Choice(name=name, value=c.value) for c, name in CATEGORY_NAMES.items()
        ]
    )
    async def playbooks(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        category: app_commands.Choice[str] | None = None,
        playbook: str | None = None,
    ) -> None:
        async with answering(interaction, "/playbooks") as answer:
            await self.show(answer, category, playbook)

    async def show(
        self, answer: Answer, category: app_commands.Choice[str] | None, playbook: str | None
    ) -> None:
        catalog = await self.bot.service.catalog_for(guild_of(answer.interaction))
        if playbook:
            found = catalog.get(playbook.removeprefix(PLAYBOOK_VALUE))
            if found is None:
                found, _ = self.bot.service.resolve(playbook, catalog)
            if found is None:
                await answer.send(
                    **browse_message(catalog, "I don't know that one. Pick it from the menus.")
                )
                return
            await answer.send(**playbook_message(catalog, found))
            return
        await answer.send(**browse_message(catalog, category=category.value if category else None))

    @playbooks.autocomplete("playbook")
    async def playbook_choices(
        self, interaction: discord.Interaction[SellerCoachBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return await situation_choices(self.bot, current, guild_of(interaction))


ITEMS = (CategorySelect, SituationSelect, FullButton, StartButton)


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(*ITEMS)
    await bot.add_cog(LibraryCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(*ITEMS)
