"""Suggestions from a walkthrough to the server's reviewers, and their Approve / Reject.

"Suggest an improvement" on a walkthrough opens a private menu of what can be suggested; each
kind opens a form showing exactly the text that will be sent, scrubbed of customer names, order
numbers, e-mail addresses and phone numbers, for the seller to edit. The suggestion is posted to
the server's review channel with Approve and Reject buttons whose ``custom_id`` names the
suggestion (``sgr:<id>:approve``), so they work after a restart; the bot checks on every press
that the member may review. The review message carries only the scrubbed suggestion, the
playbook and the suggester's mention (which never pings: mentions are disabled).
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord

from bot.community import AnyCatalog
from bot.contributions import AlreadyDecided, Contributions, Decision, suggestion_of
from bot.core.engine import Step
from bot.core.models import MAX_PHRASE, MAX_TEXT, MAX_TIP, MAX_TITLE
from bot.core.suggestions import (
    MAX_WHAT_HAPPENED,
    MAX_WHAT_WORKED,
    TIP_STEPS,
    Suggestion,
    SuggestionError,
    SuggestionKind,
    make_suggestion,
    scrub,
)
from bot.exts import render
from bot.exts.answer import Answer, RoutedForm, RoutedItem
from bot.exts.common import SESSION, guild_of, may_manage
from bot.service import ServiceError, Walkthrough
from bot.storage import SuggestionRecord, SuggestionStatus

if TYPE_CHECKING:
    from bot.app import SellerCoachBot
    from bot.service import CoachService

log = logging.getLogger(__name__)

SUGGEST_LABEL = "Suggest an improvement"
NOT_A_REVIEWER = (
    "Only this server's reviewers can approve or reject suggestions: members with Manage "
    "Server, or the reviewer role the server names."
)
#: Under each field (a form field's description holds 100 characters).
REMOVED_NOTE = "Names, order numbers, e-mails and phone numbers are taken out."
#: Offers listed in the menu at most (a menu holds 25 entries, 7 are the other kinds).
MAX_OFFERS = 18


def contributions(answer: Answer) -> Contributions:
    return Contributions(answer.bot.service)


def offered(walkthrough: Walkthrough) -> bool:
    """Whether the walkthrough's screen offers "Suggest an improvement": with the finished
    reply, and while the situation can still change when the match was unsure or the seller
    picked another one."""
    step, origin = walkthrough.view.step, walkthrough.state.origin
    if step is Step.DRAFT:
        return True
    return step in (Step.LISTEN, Step.APOLOGISE) and (not origin.confident or origin.switched)


def known_values(walkthrough: Walkthrough) -> tuple[str | None, ...]:
    """The walkthrough's private values, taken out of anything suggested from it."""
    details = walkthrough.state.details
    return (details.customer, details.order)


class SuggestButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"sgb:{SESSION}",
):
    """ "Suggest an improvement" on a walkthrough: the menu of what can be suggested."""

    session_id: str

    def read(self, match: re.Match[str]) -> None:
        self.session_id = match["sid"]

    @classmethod
    def make(cls, walkthrough: Walkthrough, *, row: int) -> SuggestButton:
        return cls(
            discord.ui.Button(
                custom_id=f"sgb:{walkthrough.session_id}",
                label=SUGGEST_LABEL,
                style=discord.ButtonStyle.secondary,
                row=row,
            )
        )

    async def handle(self, answer: Answer) -> None:
        interaction = answer.interaction
        guild_id = guild_of(interaction)
        ways = contributions(answer)
        await ways.review_channel(guild_id)
        await ways.check_rate(interaction.user.id)
        walkthrough = await answer.bot.service.current(
            self.session_id, interaction.user.id, guild_id, 0
        )
        await answer.send(**kinds_message(walkthrough))


def kind_options(walkthrough: Walkthrough) -> list[discord.SelectOption]:
    """What can be suggested from this walkthrough, the description of the situation first."""
    playbook = walkthrough.playbook
    options = [
        discord.SelectOption(
            label=SuggestionKind.MATCH_EXAMPLE.label,
            value=SuggestionKind.MATCH_EXAMPLE.value,
            description="Your own words for it, so the coach recognises it next time",
        ),
        discord.SelectOption(
            label=SuggestionKind.APOLOGY.label, value=SuggestionKind.APOLOGY.value
        ),
    ]
    for offer in playbook.steps.compensate.ladder[:MAX_OFFERS]:
        options.append(
            discord.SelectOption(
                label=render.clip(f"A better script: {offer.label}", 100),
                value=f"{SuggestionKind.OFFER_SCRIPT.value}:{offer.id}",
            )
        )
    for step, name in TIP_STEPS.items():
        options.append(
            discord.SelectOption(
                label=f"A tip for {name}", value=f"{SuggestionKind.TIP.value}:{step}"
            )
        )
    options.append(
        discord.SelectOption(
            label=SuggestionKind.NEW_SITUATION.label,
            value=SuggestionKind.NEW_SITUATION.value,
            description="A situation none of the playbooks covers",
        )
    )
    return options


def kinds_message(walkthrough: Walkthrough) -> dict[str, Any]:
    """The private menu of what can be suggested from ``walkthrough``."""
    blocks = [
        "What would you like to suggest? You'll see exactly what will be sent, and can edit "
        "it, before it goes to this server's reviewers. Customer names, order numbers, "
        "e-mail addresses and phone numbers are taken out first."
    ]
    view = discord.ui.View(timeout=None)
    view.add_item(
        KindSelect(
            discord.ui.Select(
                custom_id=f"sgk:{walkthrough.session_id}",
                options=kind_options(walkthrough),
                placeholder="What to suggest",
            )
        )
    )
    title = f"Suggest an improvement · {walkthrough.playbook.title}"
    return {"embeds": render.pack(title, blocks), "view": view, "content": None}


class KindSelect(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=rf"sgk:{SESSION}",
):
    """The kind of suggestion: opens its form, filled in."""

    session_id: str

    def read(self, match: re.Match[str]) -> None:
        self.session_id = match["sid"]

    async def handle(self, answer: Answer) -> None:
        interaction = answer.interaction
        values = list(self.item.values)
        kind, _, argument = (values[0] if values else "").partition(":")
        walkthrough = await answer.bot.service.current(
            self.session_id, interaction.user.id, guild_of(interaction), 0
        )
        await answer.form(SuggestForm.prefilled(walkthrough, kind, argument or None))


FORM_ROUTE = re.compile(rf"sgf:{SESSION}:(?P<kind>[a-z-]{{2,20}})(?::(?P<arg>[a-z0-9_-]{{1,64}}))?")
_KIND_TITLES = {
    SuggestionKind.MATCH_EXAMPLE: "Suggest: how you'd describe it",
    SuggestionKind.APOLOGY: "Suggest: an apology line",
    SuggestionKind.OFFER_SCRIPT: "Suggest: an offer script",
    SuggestionKind.TIP: "Suggest: a tip",
    SuggestionKind.NEW_SITUATION: "Suggest: a new situation",
}


def kind_of(value: str) -> SuggestionKind:
    """The kind of suggestion a custom_id names; ServiceError for one not known."""
    try:
        return SuggestionKind(value)
    except ValueError:
        raise ServiceError("That kind of suggestion is not one I know.") from None


class SuggestForm(RoutedForm, title="Suggest an improvement"):
    """The suggestion as it will be sent, for the seller to edit and send."""

    route = FORM_ROUTE

    session_id: str
    kind: SuggestionKind
    argument: str | None

    def read(self, match: re.Match[str]) -> None:
        self.session_id, self.argument = match["sid"], match["arg"]
        self.kind = kind_of(match["kind"])

    def field(
        self,
        custom_id: str,
        text: str,
        value: str | None,
        description: str | None,
        *,
        max_length: int,
        required: bool = True,
        **entry: Any,
    ) -> None:
        default = render.clip(value, max_length) if value else None
        component = discord.ui.TextInput[Any](
            custom_id=custom_id,
            default=default,
            required=required,
            max_length=max_length,
            **entry,
        )
        self.add_item(discord.ui.Label(text=text, description=description, component=component))

    @classmethod
    def prefilled(
        cls, walkthrough: Walkthrough, kind_value: str, argument: str | None
    ) -> SuggestForm:
        """The form for one kind of suggestion, filled in from the walkthrough, scrubbed."""
        kind = kind_of(kind_value)
        custom_id = f"sgf:{walkthrough.session_id}:{kind.value}"
        if argument:
            custom_id += f":{argument}"
        form = cls(custom_id, title=_KIND_TITLES[kind], timeout=None)
        state, playbook = walkthrough.state, walkthrough.playbook
        known = known_values(walkthrough)
        said = state.origin.said or state.details.customer_message or ""
        own_words = " ".join(scrub(said, known=known).split())
        paragraph = discord.TextStyle.paragraph
        if kind is SuggestionKind.MATCH_EXAMPLE:
            form.field(
                "text",
                "How you'd describe this situation",
                own_words,
                REMOVED_NOTE,
                max_length=MAX_PHRASE,
                style=paragraph,
            )
        elif kind is SuggestionKind.APOLOGY:
            lines = playbook.steps.apologise.lines
            chosen = lines[state.choices.apology] if state.choices.apology < len(lines) else None
            form.field(
                "text",
                "Your apology line",
                chosen,
                "Edit it into the line you'd use. " + REMOVED_NOTE,
                max_length=MAX_TEXT,
                style=paragraph,
            )
        elif kind is SuggestionKind.OFFER_SCRIPT:
            offer = next((o for o in playbook.steps.compensate.ladder if o.id == argument), None)
            if offer is None:
                raise ServiceError("That offer is not in this playbook.")
            form.field(
                "text",
                render.clip(f"Script: {offer.label}", 45),
                offer.script,
                "Edit it into what you'd say. " + REMOVED_NOTE,
                max_length=MAX_TEXT,
                style=paragraph,
            )
        elif kind is SuggestionKind.TIP:
            if argument not in TIP_STEPS:
                raise ServiceError("A tip is for one of the four moves.")
            form.field(
                "text",
                f"Your tip for {TIP_STEPS[argument]}",
                None,
                "What you'd tell another seller at this step",
                max_length=MAX_TIP,
                style=paragraph,
            )
        else:
            form.field(
                "title", "A short title", None, "e.g. Parcel stuck at customs", max_length=MAX_TITLE
            )
            form.field(
                "text",
                "What happened",
                own_words,
                REMOVED_NOTE,
                max_length=MAX_WHAT_HAPPENED,
                style=paragraph,
            )
            form.field(
                "worked",
                "What worked",
                None,
                "Optional: what you did that helped",
                max_length=MAX_WHAT_WORKED,
                required=False,
                style=paragraph,
            )
        return form

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        interaction = answer.interaction
        guild_id = guild_of(interaction)
        walkthrough = await answer.bot.service.current(
            self.session_id, interaction.user.id, guild_id, 0
        )
        try:
            suggestion = make_suggestion(
                self.kind,
                text=values.get("text"),
                offer_id=self.argument if self.kind is SuggestionKind.OFFER_SCRIPT else None,
                step=self.argument if self.kind is SuggestionKind.TIP else None,
                title=values.get("title"),
                worked=values.get("worked"),
                known=known_values(walkthrough),
            )
        except SuggestionError as error:
            raise ServiceError(f"{error} Nothing was sent.") from None
        ways = contributions(answer)
        record, channel_id = await ways.submit(
            guild_id, interaction.user.id, walkthrough.playbook, suggestion
        )
        channel = answer.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            posted = await channel.send(
                **review_message(record, suggestion, walkthrough.playbook.title),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as error:
            await ways.withdraw(record)
            log.warning(
                "suggestion %s could not be posted for review: HTTP %s code %s",
                record.id,
                error.status,
                error.code,
            )
            raise ServiceError(
                "I couldn't post your suggestion to this server's review channel (I may not be "
                "allowed to post there). Nothing was kept; please tell an admin."
            ) from None
        await ways.posted(record, channel_id, posted.id)
        blocks = [
            "✅ Sent to this server's reviewers. I'll tell you by direct message when they "
            "decide. Thank you!",
            *shown_blocks(suggestion),
        ]
        title = f"Suggestion sent · {walkthrough.playbook.title}"
        await answer.update(embeds=render.pack(title, blocks), view=discord.ui.View(), content=None)


def shown_blocks(suggestion: Suggestion) -> list[str]:
    """The suggestion's parts, quoted and made inert."""
    return [f"**{label}**\n{render.quoted(text)}" for label, text in suggestion.shown()]


def review_message(
    record: SuggestionRecord,
    suggestion: Suggestion,
    playbook_title: str | None,
    *,
    decision: str | None = None,
) -> dict[str, Any]:
    """The review channel's message: the scrubbed suggestion, its playbook and who sent it,
    with Approve and Reject while it is pending (``decision``: what was decided, instead)."""
    if suggestion.kind is SuggestionKind.NEW_SITUATION:
        where = "**A new situation**, to become a draft playbook"
    else:
        where = f"**Playbook:** {render.safe(playbook_title or '')} (`{record.playbook_id}`)"
    author = f"<@{record.author_id}>" if record.author_id is not None else "a former member"
    blocks = [where, *shown_blocks(suggestion), f"**Suggested by** {author}"]
    view = discord.ui.View(timeout=None)
    if decision is not None:
        blocks.append(decision)
    else:
        blocks.append(
            "Approve applies it to this server's playbook at once. Only reviewers (Manage "
            "Server, or the reviewer role) can decide."
        )
        view.add_item(ReviewButton.make(record.id, "approve"))
        view.add_item(ReviewButton.make(record.id, "reject"))
    title = f"Suggestion #{record.id} · {suggestion.kind.label}"
    return {"embeds": render.pack(title, blocks), "view": view, "content": None}


def decision_line(record: SuggestionRecord, decision: Decision | None = None) -> str:
    """Who decided what, for the review message."""
    who = f"<@{record.decided_by}>" if record.decided_by is not None else "a former reviewer"
    if record.status is SuggestionStatus.REJECTED:
        return f"❌ Rejected by {who}."
    if decision is not None and decision.draft is not None:
        return f"✅ Approved by {who}: the draft playbook was sent to them to finish and upload."
    if decision is not None and decision.version is not None:
        return (
            f"✅ Approved by {who}: applied to this server's playbook (version {decision.version})."
        )
    return f"✅ Approved by {who}."


class ReviewButton(
    RoutedItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sgr:(?P<id>[0-9]{1,19}):(?P<action>approve|reject)",
):
    """Approve or Reject on a suggestion's review message; reviewers only, checked each time."""

    suggestion_id: int
    action: str

    def read(self, match: re.Match[str]) -> None:
        self.suggestion_id, self.action = int(match["id"]), match["action"]

    @property
    def name(self) -> str:
        return f"ReviewButton:{self.action}"

    @classmethod
    def make(cls, suggestion_id: int, action: str) -> ReviewButton:
        approve = action == "approve"
        return cls(
            discord.ui.Button(
                custom_id=f"sgr:{suggestion_id}:{action}",
                label="Approve" if approve else "Reject",
                style=discord.ButtonStyle.success if approve else discord.ButtonStyle.danger,
            )
        )

    async def handle(self, answer: Answer) -> None:
        interaction = answer.interaction
        guild_id = guild_of(interaction)
        if guild_id is None or not await may_manage(interaction):
            await answer.send(NOT_A_REVIEWER)
            return
        ways = contributions(answer)
        service = answer.bot.service
        try:
            if self.action == "approve":
                decision = await ways.approve(self.suggestion_id, guild_id, interaction.user.id)
            else:
                decision = await ways.reject(self.suggestion_id, guild_id, interaction.user.id)
        except AlreadyDecided as decided:
            record = decided.record
            await answer.update(
                **review_message(
                    record,
                    suggestion_of(record),
                    await playbook_title_for(service, record),
                    decision=decision_line(record),
                )
            )
            await answer.send(f"{decided} Nothing more was done.")
            return
        record = decision.record
        playbook_title = await playbook_title_for(service, record)
        await answer.update(
            **review_message(
                record,
                decision.suggestion,
                playbook_title,
                decision=decision_line(record, decision),
            )
        )
        if decision.draft is not None:
            filename, text = decision.draft
            await answer.send(
                "Here is the draft playbook, built from the closest one. Finish every part "
                "marked TODO, then upload it with /server-playbooks upload.",
                file=discord.File(io.BytesIO(text.encode("utf-8")), filename=filename),
            )
        await tell_suggester(answer, record, decision.suggestion, playbook_title)


async def playbook_title_for(service: CoachService, record: SuggestionRecord) -> str | None:
    """The title of the suggestion's playbook as the server has it now."""
    if record.playbook_id is None:
        return None
    return title_in(await service.catalog_for(record.guild_id), record)


def title_in(catalog: AnyCatalog, record: SuggestionRecord) -> str | None:
    """The title of the suggestion's playbook in ``catalog`` (its server's set)."""
    if record.playbook_id is None:
        return None
    summary = catalog.summary(record.playbook_id)
    return summary.title if summary is not None else record.playbook_id


async def tell_suggester(
    answer: Answer, record: SuggestionRecord, suggestion: Suggestion, playbook_title: str | None
) -> None:
    """A direct message to the member who suggested it; closed DMs break nothing."""
    if record.author_id is None:
        return
    guild = answer.interaction.guild
    server = f"**{render.safe(guild.name)}**" if guild is not None and guild.name else "your server"
    about = f"**{render.safe(playbook_title)}**" if playbook_title else "a new situation"
    if record.status is SuggestionStatus.APPROVED:
        if suggestion.kind is SuggestionKind.NEW_SITUATION:
            text = (
                f"Good news: your suggestion of {about} in {server} was approved. A reviewer "
                "is turning it into a playbook. Thank you!"
            )
        else:
            text = (
                f"Good news: your suggestion for {about} in {server} was approved, and it is "
                "now part of the server's playbook. Thank you!"
            )
    else:
        text = (
            f"Thank you for your suggestion for {about} in {server}. The reviewers decided "
            "not to use it this time. Every suggestion helps them, and you're welcome to send "
            "more."
        )
    bot = answer.bot
    try:
        user = bot.get_user(record.author_id) or await bot.fetch_user(record.author_id)
        await user.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as error:
        log.info(
            "suggestion %s: the suggester was not told (HTTP %s code %s)",
            record.id,
            error.status,
            error.code,
        )


async def setup(bot: SellerCoachBot) -> None:
    bot.add_dynamic_items(SuggestButton, KindSelect, ReviewButton)
    bot.forms.add(SuggestForm)


async def teardown(bot: SellerCoachBot) -> None:
    bot.remove_dynamic_items(SuggestButton, KindSelect, ReviewButton)
    bot.forms.remove(SuggestForm)


async def anonymise_reviews(bot: SellerCoachBot, records: list[SuggestionRecord]) -> None:
    """Take a forgotten member's name off the review messages of their suggestions (those
    the bot can still edit); each server's set is read once."""
    catalogs: dict[int, AnyCatalog] = {}
    for record in records:
        if record.review_channel_id is None or record.review_message_id is None:
            continue
        anonymous = dataclasses.replace(record, author_id=None)
        try:
            suggestion = suggestion_of(anonymous)
            decision = None if anonymous.pending else decision_line(anonymous)
            catalog = catalogs.get(record.guild_id)
            if catalog is None:
                catalog = catalogs[record.guild_id] = await bot.service.catalog_for(record.guild_id)
            title = title_in(catalog, anonymous)
            channel = bot.get_partial_messageable(
                record.review_channel_id, guild_id=record.guild_id
            )
            await channel.get_partial_message(record.review_message_id).edit(
                **review_message(anonymous, suggestion, title, decision=decision)
            )
        except (discord.HTTPException, ServiceError) as error:
            log.info("suggestion %s: review message not anonymised (%s)", record.id, error)
