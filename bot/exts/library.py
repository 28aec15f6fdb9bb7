"""``/playbooks``: browse the situations by category and read one in full."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

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
        category="Only this kind of situation", playbook="Read one playbook in full"
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
        catalog = self.bot.service.catalog
        if playbook:
            playbook_id = playbook.removeprefix(PLAYBOOK_VALUE)
            found = catalog.get(playbook_id)
            if found is None:
                found, _ = self.bot.service.resolve(playbook)
            if found is None:
                await answer.send("I don't know that playbook. Try /playbooks to browse.")
                return
            view = discord.ui.View(timeout=None)
            view.add_item(StartButton.make(found.id))
            await answer.send(embeds=render.pack(found.title, playbook_blocks(found)), view=view)
            return
        groups = catalog.by_category()
        blocks = []
        for group, summaries in groups.items():
            if category is not None and group.value != category.value:
                continue
            lines = "\n".join(f"• **{s.title}**: {s.summary}" for s in summaries)
            blocks.append(f"**{CATEGORY_NAMES[group]}**\n{lines}")
        blocks.append("Read one in full with `/playbooks playbook:`, or start with `/coach`.")
        await answer.send(embeds=render.pack("Situations I can coach you through", blocks))

    @playbooks.autocomplete("playbook")
    async def playbook_choices(
        self, interaction: discord.Interaction[SellerCoachBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return situation_choices(self.bot, current)


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(StartButton)
    await bot.add_cog(LibraryCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(StartButton)
