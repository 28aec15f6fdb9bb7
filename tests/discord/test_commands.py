"""The other commands, the reminder loop and Discord's faults, end to end through the double."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.service import FollowUp
from bot.storage import ReminderStatus
from tests.discord.conftest import (
    Harness,
    at_draft,
    custom_id,
    reminder_dms,
    reply_of,
    running_bot,
    text_of,
)
from tests.discord.phone import PHONE_SCREEN, Screen
from tests.double import DiscordDouble

pytestmark = pytest.mark.asyncio


def follow_up(customer: str = "Priya") -> str:
    return FollowUp(
        playbook_id="damaged-in-transit",
        title="Arrived damaged",
        reminder="Has the replacement reached the customer?",
        message=f"Hi {customer}, did the replacement arrive safely?",
        customer=customer,
    ).to_json()


async def test_policy_is_shown_saved_and_used_by_the_walkthrough(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    shown = await double.slash(seller, double.guild, "policy")
    assert "no limit set" in text_of(shown)
    saved = await double.slash(
        seller,
        double.guild,
        "policy",
        currency="GBP",
        max_goodwill=20.0,
        return_postage="seller",
        insured=True,
        your_name="Sam",
        shop_name="Clay Corner",
    )
    assert "£20.00" in text_of(saved) and "i pay return postage" in text_of(saved)
    step = await double.slash(seller, double.guild, "coach", situation="the vase arrived smashed")
    form = await double.click(seller, step, custom_id(step, ":details"))
    assert form.modal.fields()["signature"].get("value") == "Sam, Clay Corner"
    step = await double.submit_modal(seller, form, {"order_value": "40"})
    step = await double.click(seller, step, custom_id(step, ":next"))
    step = await double.click(seller, step, custom_id(step, ":next"))
    menu = step.message.find_component(custom_id(step, ":pick"))
    flagged = [o["value"] for o in menu["options"] if o.get("emoji")]
    assert "replacement" in flagged  # a replacement at about £24 is over the £20 limit
    tips = await double.click(seller, step, custom_id(step, ":tips"))
    assert "You insured this parcel" in text_of(tips)
    step = tips
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    assert (await reply_of(double, step)).endswith("Sam\nClay Corner")


async def test_policy_changes_in_place_and_reaches_an_open_draft(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation="playbook:lost-in-transit")
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    assert "[shop name]" in await reply_of(double, step)
    shown = await double.slash(seller, double.guild, "policy")
    postage = await double.select(seller, shown, f"pol:{seller.id}:postage", ["seller"])
    assert "i pay return postage" in text_of(postage)
    insured = await double.click(seller, postage, f"pol:{seller.id}:insured")
    assert "Parcels insured yes" in text_of(insured).replace("**", "")
    form = await double.click(seller, insured, f"pol:{seller.id}:edit")
    saved = await double.submit_modal(
        seller,
        form,
        {"seller_name": "Sam", "shop_name": "Clay Corner", "currency": "gbp", "max_goodwill": "20"},
    )
    assert "Sam, Clay Corner" in text_of(saved) and "£20.00" in text_of(saved)
    policy = await harness.service.policy(seller.id)
    assert policy.insures_parcels and policy.return_shipping.value == "seller"
    # The open walkthrough signs with them from its next step: no markers left.
    back = await double.click(seller, step, custom_id(step, ":back"))
    again = await double.click(seller, back, custom_id(back, ":next"))
    reply = await reply_of(double, again)
    assert reply.endswith("Sam\nClay Corner")
    assert "[shop name]" not in reply and "[your name]" not in reply
    refused = await double.submit_modal(
        seller, await double.click(seller, saved, f"pol:{seller.id}:edit"), {"currency": "E1R"}
    )
    assert "was not changed" in refused.content


async def test_a_bad_policy_value_changes_nothing(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    refused = await double.slash(seller, double.guild, "policy", currency="E1R")
    assert "was not changed" in refused.content
    assert (await harness.service.policy(seller.id)).currency == "USD"


def option_labels(result: object, custom_id: str) -> list[str]:
    menu = result.message.find_component(custom_id)  # type: ignore[attr-defined]
    return [option["label"] for option in menu["options"]]


async def test_playbooks_are_browsed_by_menus_and_read_in_full(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    everything = await double.slash(seller, double.guild, "playbooks")
    assert "Delivery" in option_labels(everything, "pbc:read")
    delivery = await double.select(seller, everything, "pbc:read", ["delivery"])
    assert "Arrived damaged" in option_labels(delivery, "pbp:read:delivery")
    one = await double.select(seller, delivery, "pbp:read:delivery", ["damaged-in-transit"])
    assert "Arrived damaged" in text_of(one) and "3 · Offer" in text_of(one)
    full = await double.click(seller, one, "pbf:damaged-in-transit:more")
    assert "Ladder, cheapest first" in text_of(full)
    proactive = await double.slash(seller, double.guild, "playbooks", category="proactive")
    assert "Shipped notice" in option_labels(proactive, "pbp:read:proactive")
    assert "Arrived damaged" not in option_labels(proactive, "pbp:read:proactive")
    one = await double.slash(seller, double.guild, "playbooks", playbook="playbook:customs-fees")
    started = await double.click(seller, one, custom_id(one, "pbs:customs-fees"))
    assert "Step 1 of 4" in text_of(started)
    double.assert_no_violations()


async def test_help_explains_how_to_start(harness: Harness) -> None:
    double = harness.double
    shown = await double.slash(double.member, double.guild, "help")
    assert shown.ephemeral and "/coach" in text_of(shown)
    assert "here: this server's; in a DM with me: all" in text_of(shown)
    assert "/server-playbooks" not in text_of(shown)  # a member can change neither


async def test_help_tells_a_manager_about_the_servers_own_commands(harness: Harness) -> None:
    double = harness.double
    shown = await double.slash(double.manager, double.guild, "help")
    said = text_of(shown)
    assert shown.ephemeral and "/server-playbooks" in said and "/server-settings" in said
    assert Screen.of("/help for a manager", shown.message).lines <= PHONE_SCREEN
    in_a_dm = text_of(await double.slash(double.manager, None, "help"))
    assert "/server-playbooks" not in in_a_dm
    double.assert_mentions_disabled()


async def test_followups_in_a_server_are_that_servers_and_in_dms_all(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    other = double.add_guild("Another shop")
    await double.wait_for(lambda: harness.bot.get_guild(other.id) is not None)
    store = harness.service.store
    later = datetime.now(UTC) + timedelta(days=3)
    await store.add_reminder(seller.id, double.guild.id, None, later, follow_up("Ana"))
    await store.add_reminder(seller.id, other.id, None, later, follow_up("Bo"))
    await store.add_reminder(seller.id, None, None, later, follow_up("Cy"))

    here = text_of(await double.slash(seller, double.guild, "followups"))
    assert "Ana" in here and "Bo" not in here and "Cy" not in here
    assert "in this server" in here
    there = text_of(await double.slash(seller, other, "followups"))
    assert "Bo" in there and "Ana" not in there
    everywhere = text_of(await double.slash(seller, None, "followups"))
    assert all(name in everywhere for name in ("Ana", "Bo", "Cy"))
    nothing = text_of(await double.slash(double.manager, other, "followups"))
    assert "no follow-ups waiting in this server" in nothing


async def test_followups_are_listed_and_cancelled(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    store = harness.service.store
    later = datetime.now(UTC) + timedelta(days=3)
    first = await store.add_reminder(seller.id, double.guild.id, None, later, follow_up("Ana"))
    await store.add_reminder(seller.id, double.guild.id, None, later, follow_up("Bo"))
    listed = await double.slash(seller, double.guild, "followups")
    assert "Ana" in text_of(listed) and "Bo" in text_of(listed)
    cancelled = await double.select(seller, listed, f"fuc:{seller.id}", [str(first.id)])
    assert "Reminder cancelled" in text_of(cancelled)
    assert [r.id for r, _ in await harness.service.pending_reminders(seller.id)] != [first.id]
    assert len(await harness.service.pending_reminders(seller.id)) == 1


async def test_forget_me_deletes_everything_after_confirmation(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    await double.slash(seller, double.guild, "coach", situation="customer wants a refund")
    await double.slash(seller, double.guild, "policy", your_name="Sam")
    asked = await double.slash(seller, double.guild, "forget-me")
    kept = await double.click(seller, asked, f"forget:{seller.id}:no")
    assert "Nothing was deleted" in kept.content
    assert await harness.service.store.get_policy(seller.id) is not None
    asked = await double.slash(seller, double.guild, "forget-me")
    done = await double.click(seller, asked, f"forget:{seller.id}:yes")
    assert "deleted 1 walkthrough" in done.content
    assert await harness.service.store.get_policy(seller.id) is None


async def test_a_reminder_due_while_the_bot_was_down_is_delivered_once(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(double, sqlite_file_url, reminder_poll_seconds=3600) as first:
        await first.service.store.add_reminder(
            seller.id, double.guild.id, None, datetime.now(UTC) + timedelta(seconds=1), follow_up()
        )
    assert double.dms_to(seller) == []  # the bot stopped before it was due
    async with running_bot(double, sqlite_file_url):
        await double.wait_for(lambda: len(double.dms_to(seller)) == 2, timeout=10)
    async with running_bot(double, sqlite_file_url) as third:
        await asyncio.sleep(0.5)  # several polls of the reminder loop
        dms = reminder_dms(double, seller)
        assert len(dms) == 1
        copyable = double.dms_to(seller)[1]  # the message to send, on its own
        assert copyable.content == "Hi Priya, did the replacement arrive safely?"
        assert len(dms[0].custom_ids()) == 3  # sorted, still open, didn't work out
        snooze = next(c for c in dms[0].custom_ids() if c.endswith(":open"))
        pressed = await double.click(seller, dms[0].id, snooze)
        assert "remind you again" in pressed.content
        pending = await third.service.pending_reminders(seller.id)
        assert len(pending) == 1  # snoozed: due again later
    double.assert_clean()


async def test_closed_dms_keep_the_reminder_for_the_next_command(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    double.close_dms(seller)
    reminder = await harness.service.store.add_reminder(
        seller.id, double.guild.id, None, datetime.now(UTC) - timedelta(minutes=1), follow_up()
    )
    for _ in range(100):
        stored = await harness.service.store.get_reminder(reminder.id)
        if stored is not None and stored.status is ReminderStatus.HELD:
            break
        await asyncio.sleep(0.05)
    assert stored is not None and stored.status is ReminderStatus.HELD
    assert double.dms_to(seller) == []
    shown = await double.slash(seller, double.guild, "followups")
    await double.wait_for(lambda: len(shown.followups) == 1, timeout=5)
    assert "DMs are closed" in json.dumps(shown.followups[0].embeds)
    assert shown.followups[0].ephemeral
    again = await double.slash(seller, double.guild, "policy")
    await asyncio.sleep(0.2)
    assert again.followups == []  # shown once


async def test_the_bot_resumes_after_the_websocket_drops(harness: Harness) -> None:
    double = harness.double
    double.drop_gateway()
    result = await double.slash(
        double.member, double.guild, "coach", situation="lost parcel", timeout=15
    )
    assert "Parcel lost in transit" in text_of(result)


async def test_a_rate_limited_answer_is_retried(harness: Harness) -> None:
    double = harness.double
    double.rate_limit_next("POST", "/interactions/*/*/callback", retry_after=0.2)
    result = await double.slash(double.member, double.guild, "coach", situation="wrong item sent")
    assert "Wrong item sent" in text_of(result)
    assert any(r.status == 429 for r in double.requests)


async def test_a_server_error_on_a_dm_is_retried(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    double.fail_next("POST", "/channels/*/messages", status=502)
    await harness.service.store.add_reminder(
        seller.id, double.guild.id, None, datetime.now(UTC) - timedelta(minutes=1), follow_up()
    )
    await double.wait_for(lambda: len(reminder_dms(double, seller)) == 1, timeout=15)
    assert any(r.status == 502 for r in double.requests)


async def test_how_did_it_go_closes_the_reminder(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    await harness.service.store.add_reminder(
        seller.id, double.guild.id, None, datetime.now(UTC) - timedelta(minutes=1), follow_up()
    )
    await double.wait_for(lambda: len(reminder_dms(double, seller)) == 1, timeout=10)
    reminder_dm = reminder_dms(double, seller)[0]
    sorted_button = next(c for c in reminder_dm.custom_ids() if c.endswith(":sorted"))
    stranger = double.add_user("stranger")
    refused = await double.click(stranger, reminder_dm.id, sorted_button)
    assert "belongs to someone else" in refused.content
    answered = await double.click(seller, reminder_dm.id, sorted_button)
    assert "Glad it worked out" in answered.content
    stored = await harness.service.store.get_reminder(int(sorted_button.split(":")[1]))
    assert stored is not None and stored.status.value == "done"
