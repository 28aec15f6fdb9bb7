"""``/playbooks``: browse the situations by category and read one in full."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import engine
from bot.core.models import Category, Playbook
from bot.core.placeholders import render as fill_placeholders
from bot.exts import render
from bot.exts.coach import situation_choices, walkthrough_message
from bot.exts.common import CoachBot, guild_of, reply
from bot.service import PLAYBOOK_VALUE, ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

CATEGORY_NAMES = {
    Category.DELIVERY: "Delivery",
    Category.PRODUCT: "Product",
    Category.ORDER: "Order",
    Category.PAYMENT: "Payment",
    Category.PEOPLE: "People",
    Category.PROACTIVE: "Messages to send anyway",
}


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
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"pbs:(?P<playbook>[a-z0-9-]{1,64})",
):
    """Start a walkthrough of the playbook being read."""

    def __init__(self, playbook_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Coach me through this",
                style=discord.ButtonStyle.primary,
                custom_id=f"pbs:{playbook_id}",
            )
        )
        self.playbook_id = playbook_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Button[Any],
        match: re.Match[str],
        /,
    ) -> StartButton:
        return cls(match["playbook"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
        try:
            walkthrough = await bot.service.start(
                interaction.user.id, guild_of(interaction), f"{PLAYBOOK_VALUE}{self.playbook_id}"
            )
        except ServiceError as error:
            await reply(interaction, str(error))
            return
        await interaction.response.send_message(ephemeral=True, **walkthrough_message(walkthrough))


class LibraryCog(commands.Cog):
    """The /playbooks command."""

    def __init__(self, bot: CoachBot) -> None:
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
        interaction: discord.Interaction[Any],
        category: app_commands.Choice[str] | None = None,
        playbook: str | None = None,
    ) -> None:
        catalog = self.bot.service.catalog
        if playbook:
            playbook_id = playbook.removeprefix(PLAYBOOK_VALUE)
            found = catalog.get(playbook_id)
            if found is None:
                found, _ = self.bot.service.resolve(playbook)
            if found is None:
                await reply(interaction, "I don't know that playbook. Try /playbooks to browse.")
                return
            view = discord.ui.View(timeout=None)
            view.add_item(StartButton(found.id))
            embeds = render.pack(found.title, playbook_blocks(found))
            await interaction.response.send_message(embeds=embeds, view=view, ephemeral=True)
            return
        groups = catalog.by_category()
        blocks = []
        for group, summaries in groups.items():
            if category is not None and group.value != category.value:
                continue
            lines = "\n".join(f"• **{s.title}**: {s.summary}" for s in summaries)
            blocks.append(f"**{CATEGORY_NAMES[group]}**\n{lines}")
        blocks.append("Read one in full with `/playbooks playbook:`, or start with `/coach`.")
        embeds = render.pack("Situations I can coach you through", blocks)
        await interaction.response.send_message(embeds=embeds, ephemeral=True)

    @playbooks.autocomplete("playbook")
    async def playbook_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return situation_choices(self.bot, current)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(LibraryCog(bot))
