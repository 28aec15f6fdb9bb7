"""Suggestions end to end: from a walkthrough to the review channel to the server's playbook,
through the real discord.py client and the Discord double."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from bot.contributions import SUGGESTIONS_PER_HOUR
from bot.storage import Database, SuggestionStatus
from tests.discord.conftest import Harness, at_draft, custom_id, running_bot, text_of
from tests.discord.test_private_logs import everything_at_debug, leaks, mentioned
from tests.double import DiscordDouble
from tests.double.double import InteractionResult

#: A pasted customer message with a name, an order number, an e-mail address and a phone number.
PASTED = (
    "Hi, I opened my parcel this morning and the teal fruit bowl I ordered was cracked right "
    "through. Order #8812, I paid £36. You can reach me on rosalind.hughes@example.com or "
    "07700 900123. Many thanks, Rosalind"
)
PRIVATE = ("Rosalind", "Hughes", "8812", "rosalind.hughes@example.com", "07700", "900123")
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
#: A phrasing the shipped playbooks are unsure of, until it is suggested as damage in transit.
PHRASING = "teapot turned up as a kaleidoscope"


def situation_title(result: Any) -> str:
    """The title of the situation a walkthrough opened on (its embed title's first part)."""
    return str(result.embeds[0]["title"]).split(" · ")[0]


def review_channel(double: DiscordDouble) -> Any:
    """The default guild's channel for reviews (its only text channel)."""
    return double.guild.default_channel


async def set_review_channel(harness: Harness) -> int:
    channel = review_channel(harness.double)
    await harness.service.update_server_settings(
        harness.double.guild.id, review_channel_id=channel.id
    )
    return channel.id


async def to_the_draft(double: DiscordDouble, seller: Any, situation: str) -> InteractionResult:
    step = await double.slash(seller, double.guild, "coach", situation=situation)
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    return step


async def open_form(
    double: DiscordDouble, seller: Any, step: InteractionResult, kind: str
) -> InteractionResult:
    """Press Suggest an improvement, pick ``kind``: the form it opens."""
    menu = await double.click(seller, step, suggest_id(step))
    assert menu.ephemeral, text_of(menu)
    select = next(c for c in menu.custom_ids() if c.startswith("sgk:"))
    return await double.select(seller, menu, select, [kind])


def suggest_id(step: InteractionResult) -> str:
    found = [c for c in step.custom_ids() if c.startswith("sgb:")]
    assert found, f"no Suggest button among {step.custom_ids()}"
    return found[0]


def review_messages(double: DiscordDouble, channel_id: int) -> list[Any]:
    return [
        m
        for m in double.messages_in(channel_id)
        if any(c.startswith("sgr:") for c in m.custom_ids())
    ]


def message_text(message: Any) -> str:
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
    return "\n".join(parts)


async def test_the_form_shows_the_sellers_words_without_customer_details(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, PASTED)
    form = await open_form(double, seller, draft, "match-example")
    assert form.modal is not None
    shown = form.modal.fields()["text"]["value"]
    assert mentioned(PRIVATE, shown) == [], shown
    assert "[name]" in shown and "[order]" in shown and "[email]" in shown and "[phone]" in shown
    assert "teal fruit bowl" in shown
    # The seller sends it as shown: the review message carries none of the customer's details.
    sent = await double.submit_modal(seller, form, {"text": shown})
    assert "Sent to this server's reviewers" in text_of(sent), text_of(sent)
    (review,) = review_messages(double, channel_id)
    text = message_text(review)
    assert mentioned(PRIVATE, text) == [], text
    assert f"<@{seller.id}>" in text and situation_title(draft) in text
    assert not review.ephemeral
    stored = await harness.service.store.get_suggestion(int(review.custom_ids()[0].split(":")[1]))
    assert stored is not None and stored.pending
    assert mentioned(PRIVATE, stored.payload) == []


async def test_a_non_reviewer_cannot_decide(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    form = await open_form(double, seller, draft, "tip:listen")
    await double.submit_modal(seller, form, {"text": "Ask for a photo of the box as well."})
    (review,) = review_messages(double, channel_id)
    for button in review.custom_ids():
        refused = await double.click(seller, review, button)
        assert refused.ephemeral and "Only this server's reviewers" in text_of(refused)
    suggestion_id = int(review.custom_ids()[0].split(":")[1])
    stored = await harness.service.store.get_suggestion(suggestion_id)
    assert stored is not None and stored.status is SuggestionStatus.PENDING
    assert len(review.custom_ids()) == 2  # the buttons are still there for a reviewer


async def test_without_a_review_channel_nothing_is_kept(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    answer = await double.click(seller, draft, suggest_id(draft))
    assert answer.ephemeral and "hasn't set up a review channel" in text_of(answer)
    assert await harness.service.store.count_suggestions(seller.id, LONG_AGO) == 0


async def test_in_a_direct_message_suggestions_are_made_in_a_server(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, None, "coach", situation="the vase arrived smashed")
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    answer = await double.click(seller, step, suggest_id(step))
    assert "Suggestions are made in a server" in text_of(answer)


async def test_a_rate_limit_per_member(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    for number in range(SUGGESTIONS_PER_HOUR):
        form = await open_form(double, seller, draft, "tip:apologise")
        sent = await double.submit_modal(seller, form, {"text": f"Keep it short, tip {number}."})
        assert "Sent to this server's reviewers" in text_of(sent), text_of(sent)
    refused = await double.click(seller, draft, suggest_id(draft))
    assert "in the last hour" in text_of(refused)
    count = await harness.service.store.count_suggestions(seller.id, LONG_AGO)
    assert count == SUGGESTIONS_PER_HOUR


def switch_to(step: InteractionResult, playbook_id: str) -> tuple[str, list[str]]:
    """The "Not this?" menu's custom_id, and the situations it offers."""
    menu = next(
        c
        for row in step.components
        for c in row.get("components", [])
        if c.get("custom_id", "").endswith(":switch")
    )
    offered = [o["value"] for o in menu["options"]]
    assert playbook_id in offered, offered
    return menu["custom_id"], offered


async def test_a_suggestion_travels_from_a_walkthrough_to_the_playbook_across_a_restart(
    double: DiscordDouble, database: Database, database_url: str
) -> None:
    """On SQLite and on PostgreSQL: the second process finds the suggestion in the database."""
    seller, reviewer = double.member, double.manager
    other_guild = double.add_guild("Another server")
    async with running_bot(double, database_url) as first:
        channel_id = await set_review_channel(first)
        # Before: the matcher is unsure of the phrasing; the seller picks the situation when
        # its guess is another one.
        unsure = await double.slash(
            seller, double.guild, "coach", situation=PHRASING, customer="Rosalind"
        )
        assert "Not sure this is your situation?" in text_of(unsure)
        shipped_guess = situation_title(unsure)
        assert suggest_id(unsure)  # offered at once: the match was not confident
        switched = unsure
        if shipped_guess != "Arrived damaged":
            menu_id, _ = switch_to(unsure, "damaged-in-transit")
            switched = await double.select(seller, unsure, menu_id, ["damaged-in-transit"])
        assert "Arrived damaged" in text_of(switched)
        form = await open_form(double, seller, switched, "match-example")
        assert form.modal is not None
        assert form.modal.fields()["text"]["value"] == PHRASING  # their own words, prefilled
        sent = await double.submit_modal(seller, form, {"text": PHRASING})
        assert "Sent to this server's reviewers" in text_of(sent)
        (review,) = review_messages(double, channel_id)
        assert PHRASING in message_text(review) and "Arrived damaged" in message_text(review)
    # A new process on the same database; the review message's buttons still work.
    async with running_bot(double, database_url) as second:
        approve = next(c for c in review.custom_ids() if c.endswith(":approve"))
        approved = await double.click(reviewer, review, approve)
        assert not approved.ephemeral
        shown = message_text(review)
        assert f"Approved by <@{reviewer.id}>" in shown, shown
        assert review.custom_ids() == []  # decided: the buttons are gone
        await double.wait_for(lambda: len(double.dms_to(seller)) == 1)
        assert "approved" in double.dms_to(seller)[0].content
        # The server's version of the playbook has the phrasing, and the matcher finds it.
        history = await second.service.store.server_playbook_history(
            double.guild.id, "damaged-in-transit"
        )
        assert len(history) == 1 and PHRASING in (history[0].content or "")
        after = await double.slash(seller, double.guild, "coach", situation=PHRASING)
        assert "Arrived damaged" in text_of(after), text_of(after)
        assert "Not sure this is your situation?" not in text_of(after)
        # Another server, and a DM, see no change.
        for guild in (other_guild, None):
            elsewhere = await double.slash(seller, guild, "coach", situation=PHRASING)
            assert situation_title(elsewhere) == shipped_guess, text_of(elsewhere)
            assert "Not sure this is your situation?" in text_of(elsewhere)
    double.assert_clean()  # mentions disabled on every message, nothing refused


async def test_a_rejection_is_told_kindly_and_closed_dms_break_nothing(harness: Harness) -> None:
    double, seller, reviewer = harness.double, harness.double.member, harness.double.manager
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    for tip in ("Keep the box until it's settled.", "Ask which carrier it came with."):
        form = await open_form(double, seller, draft, "tip:listen")
        await double.submit_modal(seller, form, {"text": tip})
    first, second = review_messages(double, channel_id)
    await double.click(reviewer, first, next(c for c in first.custom_ids() if "reject" in c))
    assert f"Rejected by <@{reviewer.id}>" in message_text(first)
    assert first.custom_ids() == []
    await double.wait_for(lambda: len(double.dms_to(seller)) == 1)
    assert "decided not to use it" in double.dms_to(seller)[0].content
    double.close_dms(seller)
    approve = next(c for c in second.custom_ids() if "approve" in c)
    approved = await double.click(reviewer, second, approve)
    assert not approved.ephemeral and "Approved by" in message_text(second)
    playbook = (await harness.service.catalog_for(double.guild.id)).get("damaged-in-transit")
    assert playbook.steps.listen.tips[-1] == "Ask which carrier it came with."
    assert len(double.dms_to(seller)) == 1  # the second could not be sent, and that was fine


async def test_a_member_with_the_reviewer_role_may_decide(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    reviewer = double.add_user("Reviewer")
    role = double.add_role(double.guild, "Playbook reviewers")
    double.give_role(reviewer, role)
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    form = await open_form(double, seller, draft, "apology")
    assert form.modal is not None
    line = "I'm really sorry your parcel reached you like this."
    await double.submit_modal(seller, form, {"text": line})
    (review,) = review_messages(double, channel_id)
    approve = next(c for c in review.custom_ids() if "approve" in c)
    refused = await double.click(reviewer, review, approve)  # no role named yet
    assert refused.ephemeral and "Only this server's reviewers" in text_of(refused)
    await harness.service.update_server_settings(double.guild.id, reviewer_role_id=role.id)
    await double.click(reviewer, review, approve)
    assert f"Approved by <@{reviewer.id}>" in message_text(review)
    playbook = (await harness.service.catalog_for(double.guild.id)).get("damaged-in-transit")
    assert line in playbook.steps.apologise.lines


async def test_a_new_situation_becomes_a_draft_file_for_the_reviewer(harness: Harness) -> None:
    double, seller, reviewer = harness.double, harness.double.member, harness.double.manager
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, PASTED)
    form = await open_form(double, seller, draft, "new-situation")
    assert form.modal is not None
    assert "Rosalind" not in form.modal.fields()["text"]["value"]
    await double.submit_modal(
        seller,
        form,
        {
            "title": "Parcel stuck at customs",
            "text": "The parcel has sat at the customs depot for three weeks and Rosalind "
            "keeps asking when it will move.",
            "worked": "I sent the customs form again and rang the carrier.",
        },
    )
    (review,) = review_messages(double, channel_id)
    assert "Rosalind" not in message_text(review)  # taken out even when typed in the form
    approved = await double.click(
        reviewer, review, next(c for c in review.custom_ids() if "approve" in c)
    )
    await double.wait_for(lambda: any(m.attachments for m in approved.followups))
    sent = next(m for m in approved.followups if m.attachments)
    assert sent.ephemeral
    files = double.files_of(sent)
    assert list(files) == ["parcel-stuck-at-customs.yaml"]
    text = files["parcel-stuck-at-customs.yaml"].decode()
    assert "TODO" in text and "id: parcel-stuck-at-customs" in text and "Rosalind" not in text
    assert "Approved by" in message_text(review) and review.custom_ids() == []


async def test_a_suggestion_that_would_spoil_the_playbook_is_refused_before_it_is_sent(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    form = await open_form(double, seller, draft, "apology")
    refused = await double.submit_modal(seller, form, {"text": "Sorry. So sorry. I apologise."})
    assert "can't take this" in text_of(refused), text_of(refused)
    form = await open_form(double, seller, draft, "match-example")
    empty = await double.submit_modal(seller, form, {"text": "   "})
    assert "empty" in text_of(empty)
    assert review_messages(double, channel_id) == []
    assert await harness.service.store.count_suggestions(seller.id, LONG_AGO) == 0


async def test_forget_me_anonymises_the_members_suggestions(harness: Harness) -> None:
    double, seller, reviewer = harness.double, harness.double.member, harness.double.manager
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    form = await open_form(double, seller, draft, "tip:listen")
    await double.submit_modal(seller, form, {"text": "Ask for a photo of the box as well."})
    (review,) = review_messages(double, channel_id)
    suggestion_id = int(review.custom_ids()[0].split(":")[1])
    assert f"<@{seller.id}>" in message_text(review)
    asked = await double.slash(seller, double.guild, "forget-me")
    assert "without your name" in text_of(asked)
    done = await double.click(seller, asked, f"forget:{seller.id}:yes")
    assert "Servers keep your 1 suggestion, without your name" in done.content
    stored = await harness.service.store.get_suggestion(suggestion_id)
    assert stored is not None and stored.author_id is None
    # The review message no longer names them, and still works.
    await double.wait_for(lambda: "a former member" in message_text(review))
    assert f"<@{seller.id}>" not in message_text(review)
    # Still reviewable, with the member's name off it.
    await double.click(reviewer, review, next(c for c in review.custom_ids() if "approve" in c))
    shown = message_text(review)
    assert f"<@{seller.id}>" not in shown and "a former member" in shown
    assert double.dms_to(seller) == []  # nobody left to tell


async def test_two_reviewers_pressing_at_once_decide_once(harness: Harness) -> None:
    double, seller, reviewer = harness.double, harness.double.member, harness.double.manager
    other_reviewer = double.add_user("Second reviewer", manage_guild=True)
    channel_id = await set_review_channel(harness)
    draft = await to_the_draft(double, seller, "the vase arrived smashed")
    form = await open_form(double, seller, draft, "tip:compensate")
    await double.submit_modal(seller, form, {"text": "Offer the replacement first."})
    (review,) = review_messages(double, channel_id)
    approve = next(c for c in review.custom_ids() if "approve" in c)
    reject = next(c for c in review.custom_ids() if "reject" in c)
    # Both press before Discord shows either answer.
    one, two = await asyncio.gather(
        double.click(reviewer, review, approve), double.click(other_reviewer, review, reject)
    )
    told = [r for r in (one, two) if any("already" in m.content for m in r.followups)]
    assert len(told) == 1, [text_of(one), text_of(two)]
    stored = await harness.service.store.get_suggestion(int(approve.split(":")[1]))
    assert stored is not None and not stored.pending
    history = await harness.service.store.server_playbook_history(
        double.guild.id, "damaged-in-transit"
    )
    assert len(history) == (1 if stored.status is SuggestionStatus.APPROVED else 0)
    assert review.custom_ids() == []
    assert len(double.dms_to(seller)) == 1


async def test_suggesting_and_reviewing_log_no_customer_details(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller, reviewer = double.member, double.manager
    with everything_at_debug() as capture:
        async with running_bot(double, sqlite_file_url) as harness:
            channel_id = await set_review_channel(harness)
            draft = await to_the_draft(double, seller, PASTED)
            form = await open_form(double, seller, draft, "match-example")
            assert form.modal is not None
            typed = form.modal.fields()["text"]["value"] + " Rosalind Hughes said so."
            await double.submit_modal(seller, form, {"text": typed})
            (review,) = review_messages(double, channel_id)
            await double.click(
                reviewer, review, next(c for c in review.custom_ids() if "approve" in c)
            )
            assert "Approved by" in message_text(review)
    assert capture.lines
    assert leaks(capture, PRIVATE) == []
