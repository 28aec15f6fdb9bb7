"""``/tone`` and the walkthrough's "Check my tone": a second pair of eyes before sending."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.tone import Finding, ToneKind, ToneReport
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, RoutedItem, answering
from bot.exts.common import guild_of

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

DRAFT_LIMIT = 4000
TONE_ROUTE = re.compile(r"tone:(?P<source>[a-z]{1,12})")


#: The most characters a tone answer shows before "Why?" (about a phone screen).
TONE_BUDGET = 1000
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,300})[\"”]")
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s|$)", re.DOTALL)


def kinder_version(suggestion: str) -> str:
    """The words to use instead: the example a suggestion quotes, or the suggestion itself."""
    quoted = _QUOTED.search(suggestion)
    return quoted.group(1).strip() if quoted else suggestion


def short_why(why: str) -> str:
    """Why a phrase hurts, in its first sentence."""
    first = _FIRST_SENTENCE.match(why.strip())
    return render.clip(first.group(0) if first else why, 140)


def rule_key(kind: str, rule: str) -> str:
    """A short, stable name for a tone rule, carried by the "Why?" button."""
    return hashlib.blake2s(f"{kind}/{rule}".encode(), digest_size=3).hexdigest()


def grouped(report: ToneReport) -> list[list[Finding]]:
    """Findings on the same words together, in the order of the draft; a missing apology,
    which is about the whole draft, last."""
    groups: dict[tuple[int, int], list[Finding]] = {}
    order = sorted(report.findings, key=lambda f: (f.kind is ToneKind.NO_APOLOGY, f.start, f.end))
    for finding in order:
        groups.setdefault((finding.start, finding.end), []).append(finding)
    return list(groups.values())


def report_message(report: ToneReport) -> dict[str, Any]:
    """The flagged phrases first, each with why in a sentence and a kinder version; the
    details (every reason in full) behind "Why?"."""
    if report.ok:
        return {
            "embeds": render.pack("Tone check · Reads kindly", [report.verdict]),
            "content": None,
        }
    groups = grouped(report)
    blocks: list[str] = []
    used = 0
    for number, findings in enumerate(groups, start=1):
        first = findings[0]
        quoted = render.clip(render.safe(first.text), 60)
        block = (
            f"**“{quoted}”** {short_why(first.why)}\n"
            f"→ *{render.safe(kinder_version(first.suggestion))}*"
        )
        if used + len(block) > TONE_BUDGET and blocks:
            blocks.append(f"…and {len(groups) - number + 1} more: press Why? to see them all.")
            break
        blocks.append(block)
        used += len(block) + 2
    spots = len(groups)
    title = f"Tone check · {spots} spot{'s' if spots != 1 else ''} to soften"
    keys = [rule_key(f.kind.value, f.rule) for group in groups for f in group]
    view = discord.ui.View(timeout=None)
    view.add_item(WhyButton.make(keys))
    return {"embeds": render.pack(title, blocks), "view": view, "content": None}


def advice(bot: SellerCoachBot) -> dict[str, tuple[str, str, str]]:
    """Every tone rule by its key: its label, why it hurts, and the kinder way."""
    rules = bot.service.tone.rules
    found: dict[str, tuple[str, str, str]] = {}
    for kind, kind_rules in rules.pattern_kinds():
        for rule in kind_rules.rules:
            found[rule_key(kind.value, rule.id)] = (kind_rules.label, rule.why, rule.suggestion)
    calm = rules.shouting.suggestion.replace("“{calm}”", "it").replace('"{calm}"', "it")
    found[rule_key(ToneKind.SHOUTING.value, "shouting")] = (
        rules.shouting.label,
        rules.shouting.why,
        calm.replace("{calm}", "it"),
    )
    no_apology = rules.no_apology
    found[rule_key(ToneKind.NO_APOLOGY.value, "no-apology")] = (
        no_apology.label,
        no_apology.why,
        no_apology.suggestion,
    )
    if rules.overall:
        found[rule_key(ToneKind.COLD.value, "overall")] = (
            rules.overall.label,
            rules.overall.why,
            rules.overall.suggestion,
        )
    return found


class WhyButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"tonw:(?P<keys>[0-9a-f]{6}(?:\.[0-9a-f]{6}){0,12})",
):
    """The reasons in full, for the phrases a tone check flagged."""

    keys: list[str]

    def read(self, match: re.Match[str]) -> None:
        self.keys = match["keys"].split(".")

    @classmethod
    def make(cls, keys: list[str]) -> WhyButton:
        unique = list(dict.fromkeys(keys))[:13]
        return cls(
            discord.ui.Button(
                label="Why?",
                style=discord.ButtonStyle.secondary,
                custom_id="tonw:" + ".".join(unique),
            )
        )

    async def handle(self, answer: Answer) -> None:
        known = advice(answer.bot)
        blocks = [
            f"**{label}**\n{why}\n*Kinder:* {suggestion}"
            for label, why, suggestion in (known[k] for k in self.keys if k in known)
        ]
        if not blocks:
            blocks = ["These rules have changed since this check. Run /tone again."]
        await answer.send(embeds=render.pack("Tone check · Why", blocks))


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
        await answer.send(**report_message(report))


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
    bot.add_dynamic_items(WhyButton)
    bot.forms.add(ToneForm)
    await bot.add_cog(ToneCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(WhyButton)
    bot.forms.remove(ToneForm)
