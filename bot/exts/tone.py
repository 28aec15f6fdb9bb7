"""``/tone`` and the walkthrough's "Check my tone": a second pair of eyes before sending."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.tone import ToneReport
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, answering
from bot.exts.common import guild_of

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

DRAFT_LIMIT = 4000
TONE_ROUTE = re.compile(r"tone:(?P<source>[a-z]{1,12})")


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


class ToneForm(RoutedForm, title="Check my tone"):
    """Paste the reply you are about to send (or check the walkthrough's draft)."""

    route = TONE_ROUTE

    draft: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="draft",
        label="Your reply",
        style=discord.TextStyle.paragraph,
        max_length=DRAFT_LIMIT,
        placeholder="Paste the reply you're about to send",
    )

    @classmethod
    def opened_from(cls, source: str, prefill: str | None = None) -> ToneForm:
        """The form, opened by ``/tone`` (``source="command"``) or a draft (``"draft"``)."""
        form = cls(f"tone:{source}", timeout=None)
        if prefill:
            form.draft.default = prefill[:DRAFT_LIMIT]
        return form

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        report = answer.bot.service.check_tone(values.get("draft", ""))
        await answer.send(embeds=report_embeds(answer.bot, report))


class ToneCog(commands.Cog):
    """The /tone command."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(name="tone", description="Check a reply's tone before you send it")
    async def tone(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, "/tone") as answer:
            await answer.form(ToneForm.opened_from("command"))


async def open_tone_check(answer: Answer, session_id: str, version: int) -> None:
    """The "Check my tone" button: the form comes pre-filled with the walkthrough's draft."""
    interaction = answer.interaction
    draft = await answer.bot.service.current_draft(
        session_id, interaction.user.id, guild_of(interaction), version
    )
    await answer.form(ToneForm.opened_from("draft", draft))


async def setup(bot: SellerCoachBot) -> None:
    bot.forms.add(ToneForm)
    await bot.add_cog(ToneCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.forms.remove(ToneForm)
