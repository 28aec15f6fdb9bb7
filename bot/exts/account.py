"""The seller's own things: ``/policy``, ``/forget-me`` and ``/help``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.engine import Policy, ReturnShipping, format_money
from bot.exts import render
from bot.exts.answer import Answer, RoutedItem, answering
from bot.exts.common import show_held_reminders
from bot.service import ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

RETURN_SHIPPING = {
    ReturnShipping.BUYER: "The buyer pays return postage",
    ReturnShipping.SELLER: "I pay return postage",
    ReturnShipping.CASE_BY_CASE: "Case by case",
}


def policy_blocks(policy: Policy) -> list[str]:
    limits = []
    if policy.max_goodwill is not None:
        limits.append(format_money(policy.max_goodwill, policy.currency))
    if policy.max_goodwill_share is not None:
        limits.append(f"{policy.max_goodwill_share:.0%} of the order value")
    signature = (
        " · ".join(render.safe(v) for v in (policy.seller_name, policy.shop_name) if v)
        or "not set (your drafts will show [your name] and [shop name])"
    )
    return [
        f"**Currency** {policy.currency}",
        f"**Most goodwill per case** {' or '.join(limits) if limits else 'no limit set'}",
        f"**Return postage** {RETURN_SHIPPING[policy.return_shipping]}",
        f"**Parcels insured** {'yes' if policy.insures_parcels else 'no'}",
        f"**Signature** {signature}",
        "Offers over your limit are still shown, marked ⚠️, for you to decide. "
        "Change any of this with the options of `/policy`.",
    ]


class AccountCog(commands.Cog):
    """/policy, /forget-me and /help."""

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @app_commands.command(name="policy", description="See or change your own shop policy")
    @app_commands.describe(
        currency="Three-letter currency code, e.g. EUR",
        max_goodwill="The most you'll spend to put a case right, in your currency",
        max_goodwill_percent="The same limit as a percentage of the order value",
        return_postage="Who pays to send items back",
        insured="Do you insure your parcels?",
        your_name="Your name, to sign replies",
        shop_name="Your shop's name, to sign replies",
    )
    @app_commands.choices(
        return_postage=[
            app_commands.Choice(name=label, value=option.value)
            for option, label in RETURN_SHIPPING.items()
        ]
    )
    async def policy(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        currency: app_commands.Range[str, 3, 3] | None = None,
        max_goodwill: app_commands.Range[float, 0, 1_000_000] | None = None,
        max_goodwill_percent: app_commands.Range[int, 0, 200] | None = None,
        return_postage: app_commands.Choice[str] | None = None,
        insured: bool | None = None,
        your_name: app_commands.Range[str, 1, 100] | None = None,
        shop_name: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        service = self.bot.service
        changes = {
            "currency": currency,
            "max_goodwill": Decimal(str(round(max_goodwill, 2)))
            if max_goodwill is not None
            else None,
            "max_goodwill_share": max_goodwill_percent / 100
            if max_goodwill_percent is not None
            else None,
            "return_shipping": return_postage.value if return_postage else None,
            "insures_parcels": insured,
            "seller_name": your_name,
            "shop_name": shop_name,
        }
        async with answering(interaction, "/policy") as answer:
            try:
                if any(v is not None for v in changes.values()):
                    policy = await service.update_policy(interaction.user.id, **changes)
                    title = "Your policy is saved"
                else:
                    policy = await service.policy(interaction.user.id)
                    title = "Your policy"
            except ServiceError as error:
                await answer.send(f"{error} Your policy was not changed.")
                return
            await answer.send(embeds=render.pack(title, policy_blocks(policy)))
            await show_held_reminders(answer)

    @app_commands.command(
        name="forget-me", description="Delete everything Seller Coach stores about you"
    )
    async def forget_me(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, "/forget-me") as answer:
            view = discord.ui.View(timeout=None)
            view.add_item(ForgetButton.make(interaction.user.id, "yes"))
            view.add_item(ForgetButton.make(interaction.user.id, "no"))
            await answer.send(
                "This deletes your walkthroughs (with the customer details in them), your "
                "policy and your follow-up reminders. It can't be undone. Delete everything?",
                view=view,
            )

    @app_commands.command(name="help", description="What Seller Coach does and how to start")
    async def help(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        blocks = [
            "I coach you through answering an unhappy customer, the way experienced sellers do: "
            "**listen**, **apologise**, **offer** something within your own policy, and "
            "**follow up**. At the end you get a reply ready to copy and send.",
            "**Start** `/coach situation:` and describe what happened, or paste the customer's "
            "message. Fill in **Case details** so the reply names your customer and item.",
            "**Other commands**\n"
            "• `/playbooks`: browse every situation, or read one in full\n"
            "• `/policy`: your goodwill limit, return postage, insurance and signature\n"
            "• `/followups`: your follow-up reminders; in a server those set there, in a DM "
            "with me all of them\n"
            "• `/tone`: check a reply before you send it\n"
            "• `/forget-me`: delete everything stored about you",
            "Everything about your cases is shown only to you.",
        ]
        async with answering(interaction, "/help") as answer:
            await answer.send(embeds=render.pack("Seller Coach", blocks))


class ForgetButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"forget:(?P<user>[0-9]{1,20}):(?P<answer>yes|no)",
):
    """The confirmation of /forget-me; only the seller who asked can press it."""

    user_id: int
    choice: str

    def read(self, match: re.Match[str]) -> None:
        self.user_id, self.choice = int(match["user"]), match["answer"]

    @classmethod
    def make(cls, user_id: int, answer: str) -> ForgetButton:
        return cls(
            discord.ui.Button(
                label="Delete everything" if answer == "yes" else "Keep my data",
                style=discord.ButtonStyle.danger
                if answer == "yes"
                else discord.ButtonStyle.secondary,
                custom_id=f"forget:{user_id}:{answer}",
            )
        )

    async def handle(self, answer: Answer) -> None:
        if answer.interaction.user.id != self.user_id:
            await answer.send("Only the person who asked can confirm this.")
            return
        if self.choice == "no":
            await answer.update(content="Nothing was deleted.", view=None)
            return
        counts = await answer.bot.service.forget(self.user_id)
        total = sum(counts.values())
        await answer.update(
            content=(
                f"Done: deleted {counts.get('sessions', 0)} walkthrough(s), "
                f"{counts.get('reminders', 0)} reminder(s) and your policy."
                if total
                else "There was nothing stored about you."
            ),
            view=None,
        )


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(ForgetButton)
    await bot.add_cog(AccountCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(ForgetButton)
