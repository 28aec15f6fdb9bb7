"""``/tone`` and the walkthrough's "Check my tone": a second pair of eyes before sending."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.tone import ToneReport
from bot.exts import render
from bot.exts.common import CoachBot, guild_of, reply
from bot.service import ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

DRAFT_LIMIT = 4000


def report_embeds(bot: SellerCoachBot, report: ToneReport) -> list[discord.Embed]:
    """The verdict and each finding: the words, why they hurt, a kinder way to say it."""
    blocks = [report.verdict]
    for number, finding in enumerate(report.findings, start=1):
        label = bot.service.tone_label(finding.kind)
        quoted = render.clip(render.safe(finding.text), 300)
        blocks.append(
            f"**{number}. {label}**: “{quoted}”\n{finding.why}\n*Kinder:* {finding.suggestion}"
        )
    title = "Reads kindly" if report.ok else "Worth another look"
    return render.pack(f"Tone check · {title}", blocks)


class ToneModal(discord.ui.Modal, title="Check my tone"):
    """Paste the reply you are about to send."""

    draft: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="draft",
        label="Your reply",
        style=discord.TextStyle.paragraph,
        max_length=DRAFT_LIMIT,
        placeholder="Paste the reply you're about to send",
    )

    def __init__(self, prefill: str | None = None) -> None:
        super().__init__(timeout=1800)
        if prefill:
            self.draft.default = prefill[:DRAFT_LIMIT]

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
        report = bot.service.check_tone(self.draft.value)
        await interaction.response.send_message(embeds=report_embeds(bot, report), ephemeral=True)


class ToneCog(commands.Cog):
    """The /tone command."""

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @app_commands.command(name="tone", description="Check a reply's tone before you send it")
    async def tone(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_modal(ToneModal())


async def open_tone_check(
    interaction: discord.Interaction[Any], session_id: str, version: int
) -> None:
    """The "Check my tone" button: the form comes pre-filled with the walkthrough's draft."""
    bot: SellerCoachBot = interaction.client  # type: ignore[assignment]
    try:
        draft = await bot.service.current_draft(
            session_id, interaction.user.id, guild_of(interaction), version
        )
    except ServiceError as error:
        await reply(interaction, str(error))
        return
    await interaction.response.send_modal(ToneModal(draft))


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(ToneCog(bot))
