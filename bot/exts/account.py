"""The seller's own things: ``/policy``, ``/forget-me`` and ``/help``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.community import AnyCatalog, GuildCatalog
from bot.core.engine import Policy, ReturnShipping, format_money
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, RoutedItem, answering
from bot.exts.common import may_manage, show_held_reminders
from bot.exts.suggest import anonymise_reviews
from bot.service import ServiceError, chose_currency

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

RETURN_SHIPPING = {
    ReturnShipping.BUYER: "The buyer pays return postage",
    ReturnShipping.SELLER: "I pay return postage",
    ReturnShipping.CASE_BY_CASE: "Case by case",
}


def goodwill_text(policy: Policy) -> str:
    limits = []
    if policy.max_goodwill is not None:
        limits.append(format_money(policy.max_goodwill, policy.currency))
    if policy.max_goodwill_share is not None:
        limits.append(f"{policy.max_goodwill_share:.0%} of the order")
    return " or ".join(limits) if limits else "no limit set"


def currency_text(policy: Policy) -> str:
    """The seller's currency, or that they left it to the server."""
    if chose_currency(policy):
        return policy.currency
    return f"{policy.currency}, or a server's own currency there"


def policy_blocks(policy: Policy) -> list[str]:
    signature = (
        ", ".join(render.safe(v) for v in (policy.seller_name, policy.shop_name) if v)
        or "not set: replies end with [your name], [shop name]"
    )
    return [
        f"**Signed** {signature}\n"
        f"**Goodwill limit** {goodwill_text(policy)} ({currency_text(policy)})\n"
        f"**Return postage** {RETURN_SHIPPING[policy.return_shipping].lower()}\n"
        f"**Parcels insured** {'yes' if policy.insures_parcels else 'no'}",
        "Change it with the menu and buttons below; open walkthroughs use it from their next step.",
    ]


def policy_message(user_id: int, policy: Policy, title: str = "Your policy") -> dict[str, Any]:
    """The policy, and the controls that change it in place."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        PolicySelect(
            discord.ui.Select(
                custom_id=f"pol:{user_id}:postage",
                placeholder="Who pays return postage",
                options=[
                    discord.SelectOption(
                        label=label, value=option.value, default=option is policy.return_shipping
                    )
                    for option, label in RETURN_SHIPPING.items()
                ],
                row=0,
            )
        )
    )
    view.add_item(
        PolicyButton.make(user_id, "edit", "Name, shop & limit", discord.ButtonStyle.primary)
    )
    insured = "Parcels insured: yes" if policy.insures_parcels else "Parcels insured: no"
    view.add_item(PolicyButton.make(user_id, "insured", insured, discord.ButtonStyle.secondary))
    return {"embeds": render.pack(title, policy_blocks(policy)), "view": view, "content": None}


class PolicyItem:
    """Only the seller whose policy it is may change it."""

    user_id: int

    async def mine(self, answer: Answer) -> bool:
        if answer.interaction.user.id != self.user_id:
            await answer.send("This policy belongs to someone else; see yours with /policy.")
            return False
        return True


class PolicySelect(
    PolicyItem,
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"pol:(?P<user>[0-9]{1,20}):postage",
):
    """Who pays return postage."""

    def read(self, match: re.Match[str]) -> None:
        self.user_id = int(match["user"])

    async def handle(self, answer: Answer) -> None:
        if not await self.mine(answer):
            return
        value = self.item.values[0] if self.item.values else None
        policy = await answer.bot.service.update_policy(self.user_id, return_shipping=value)
        await answer.update(**policy_message(self.user_id, policy, "Your policy is saved"))


class PolicyButton(
    PolicyItem,
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"pol:(?P<user>[0-9]{1,20}):(?P<action>edit|insured)",
):
    """Parcels insured (a toggle), or the form for the name, shop, currency and limits."""

    action: str

    def read(self, match: re.Match[str]) -> None:
        self.user_id, self.action = int(match["user"]), match["action"]

    @classmethod
    def make(
        cls, user_id: int, action: str, label: str, style: discord.ButtonStyle
    ) -> PolicyButton:
        return cls(
            discord.ui.Button(label=label, style=style, custom_id=f"pol:{user_id}:{action}", row=1)
        )

    async def handle(self, answer: Answer) -> None:
        if not await self.mine(answer):
            return
        service = answer.bot.service
        policy = await service.policy(self.user_id)
        if self.action == "edit":
            await answer.form(PolicyForm.prefilled(self.user_id, policy))
            return
        policy = await service.update_policy(
            self.user_id, insures_parcels=not policy.insures_parcels
        )
        await answer.update(**policy_message(self.user_id, policy, "Your policy is saved"))


class PolicyForm(RoutedForm, title="Your policy"):
    """The seller's name, shop, currency and goodwill limits."""

    route = re.compile(r"polf:(?P<user>[0-9]{1,20})")

    seller_name: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="seller_name",
        label="Your name (signs replies)",
        max_length=100,
        required=False,
    )
    shop_name: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="shop_name", label="Your shop's name", max_length=100, required=False
    )
    currency: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="currency",
        label="Currency",
        min_length=3,
        max_length=3,
        required=False,
        placeholder="e.g. GBP; empty: the server's, else USD",
    )
    max_goodwill: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="max_goodwill",
        label="Most goodwill per case (amount)",
        max_length=12,
        required=False,
        placeholder="e.g. 20; empty: no limit",
    )
    max_goodwill_percent: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="max_goodwill_percent",
        label="…or as a % of the order",
        max_length=4,
        required=False,
        placeholder="e.g. 50",
    )

    user_id: int

    def read(self, match: re.Match[str]) -> None:
        self.user_id = int(match["user"])

    @classmethod
    def prefilled(cls, user_id: int, policy: Policy) -> PolicyForm:
        form = cls(f"polf:{user_id}", timeout=None)
        form.seller_name.default = policy.seller_name
        form.shop_name.default = policy.shop_name
        form.currency.default = policy.currency if chose_currency(policy) else None
        form.max_goodwill.default = (
            str(policy.max_goodwill) if policy.max_goodwill is not None else None
        )
        form.max_goodwill_percent.default = (
            f"{policy.max_goodwill_share * 100:g}"
            if policy.max_goodwill_share is not None
            else None
        )
        return form

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        if answer.interaction.user.id != self.user_id:
            await answer.send("This policy belongs to someone else; see yours with /policy.")
            return
        service = answer.bot.service
        try:
            changes = policy_changes(values)
            policy = await service.replace_policy(self.user_id, **changes)
        except ServiceError as error:
            await answer.send(f"{error} Your policy was not changed.")
            return
        await answer.update(**policy_message(self.user_id, policy, "Your policy is saved"))


def policy_changes(values: Mapping[str, str]) -> dict[str, Any]:
    """The policy form's fields as policy values: blank clears a name or a limit."""

    def number(name: str, label: str) -> Decimal | None:
        text = (values.get(name) or "").strip().replace(",", ".").rstrip("%")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ServiceError(f"{label} should be a number, like 20.") from None

    share = number("max_goodwill_percent", "The percentage")
    return {
        "seller_name": (values.get("seller_name") or "").strip() or None,
        "shop_name": (values.get("shop_name") or "").strip() or None,
        "currency": (values.get("currency") or "").strip().upper() or None,
        "max_goodwill": number("max_goodwill", "The goodwill limit"),
        "max_goodwill_share": float(share) / 100 if share is not None else None,
    }


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
            await answer.send(**policy_message(interaction.user.id, policy, title))
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
                "policy and your follow-up reminders. Suggestions you sent to a server stay "
                "that server's, without your name. It can't be undone. Delete everything?",
                view=view,
            )

    @app_commands.command(name="help", description="What Seller Coach does and how to start")
    async def help(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, "/help") as answer:
            catalog = await self.bot.service.catalog_for(interaction.guild_id)
            manages = await may_manage(interaction)
            blocks = help_blocks(catalog, manages=manages)
            await answer.send(embeds=render.pack("Seller Coach", blocks))


def help_blocks(catalog: AnyCatalog, *, manages: bool = False) -> list[str]:
    """What /help says, with the situations of the set it is asked in (a server's own too);
    ``manages``: the asker may change this server's playbooks and settings, so is told how."""
    situations = f"the {len(catalog)} situations I know"
    own = len(catalog.own_ids) if isinstance(catalog, GuildCatalog) else 0
    if own:
        situations += f" here, {own} of them this server's own"
    return [
        "I coach you through answering an unhappy customer: **listen**, **apologise**, "
        "**offer** within your policy, **follow up**. You end with a reply to copy.",
        "**Start** with `/coach situation:` (what happened, or paste their message).",
        "**Also**\n"
        f"• `/playbooks` {situations}\n"
        "• `/policy` your name, shop, limits\n"
        "• `/followups` your reminders (here: this server's; in a DM with me: all)\n"
        "• `/tone` check a reply before sending\n"
        "• `/forget-me` delete your data",
        *(
            [
                "**For this server** (you may change these)\n"
                "• `/server-playbooks` add, replace or hide playbooks here; send one upstream\n"
                "• `/server-settings` review channel, reviewer role, currency, marketplace"
            ]
            if manages
            else []
        ),
    ]


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
        suggested = await answer.bot.service.store.suggestions_by(self.user_id)
        counts = await answer.bot.service.forget(self.user_id)
        total = sum(counts.values())
        done = (
            f"Done: deleted {render.counted(counts.get('sessions', 0), 'walkthrough')}, "
            f"{render.counted(counts.get('reminders', 0), 'reminder')} and your policy."
            if total
            else "There was nothing else stored about you."
            if suggested
            else "There was nothing stored about you."
        )
        if suggested:
            done += (
                f" Servers keep your {render.counted(len(suggested), 'suggestion')}, without "
                "your name."
            )
        await answer.update(content=done, view=None)
        if suggested:
            await anonymise_reviews(answer.bot, suggested)


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(ForgetButton, PolicySelect, PolicyButton)
    bot.forms.add(PolicyForm)
    await bot.add_cog(AccountCog(bot))


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(ForgetButton, PolicySelect, PolicyButton)
    bot.forms.remove(PolicyForm)
