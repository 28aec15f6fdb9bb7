"""/coach end to end: the real bot, through the Discord double."""

from __future__ import annotations

import asyncio

import pytest

from tests.discord.conftest import (
    CATALOG,
    Harness,
    at_draft,
    custom_id,
    reply_of,
    running_bot,
    text_of,
)
from tests.double import DiscordDouble

pytestmark = pytest.mark.asyncio


async def test_a_damaged_parcel_walkthrough_ends_in_a_draft_for_the_customer(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    started = await double.slash(
        seller, double.guild, "coach", situation="the mug arrived in pieces"
    )
    assert started.ephemeral
    assert "Arrived damaged" in text_of(started)
    assert "Step 1 of 4 · Listen" in text_of(started)

    form = await double.click(seller, started, custom_id(started, ":details"))
    assert form.modal is not None
    filled = await double.submit_modal(
        seller,
        form,
        {"customer": "Priya", "item": "blue mug", "order": "1042", "order_value": "£40"},
    )
    assert "blue mug" in text_of(filled)

    step = filled
    for expected in ("Apologise", "Offer compensation", "Follow up", "Your reply"):
        step = await double.click(seller, step, custom_id(step, ":next"))
        assert expected in text_of(step), text_of(step)
    draft = await reply_of(double, step)
    assert draft.startswith("Hi Priya,")  # the whole reply, on its own, ready to copy
    assert "your blue mug" in draft
    assert "```" not in draft

    done = await double.click(seller, step, custom_id(step, ":finish"))
    assert "remind you to follow up" in text_of(done)
    reminders = await harness.service.pending_reminders(seller.id)
    assert len(reminders) == 1
    assert reminders[0][1].customer == "Priya"


async def test_choices_in_menus_shape_the_draft(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(
        seller, double.guild, "coach", situation="playbook:damaged-in-transit"
    )
    step = await double.select(seller, step, custom_id(step, ":pick"), [])  # no questions
    step = await double.click(seller, step, custom_id(step, ":next"))
    step = await double.select(seller, step, custom_id(step, ":pick"), ["2"])
    step = await double.click(seller, step, custom_id(step, ":next"))
    step = await double.select(seller, step, custom_id(step, ":pick"), ["full-refund"])
    step = await double.click(seller, step, custom_id(step, ":next"))
    step = await double.select(seller, step, custom_id(step, ":pick"), ["none"])
    step = await double.click(seller, step, custom_id(step, ":next"))
    draft = await reply_of(double, step)
    playbook = CATALOG.get("damaged-in-transit")
    assert "refund your order" in draft
    assert "check in with you" not in draft
    assert playbook.steps.apologise.lines[2].split(".")[0] in draft


async def test_a_restart_in_the_middle_keeps_the_walkthrough(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(double, sqlite_file_url):
        first = await double.slash(
            seller, double.guild, "coach", situation="parcel lost in the post"
        )
        second = await double.click(seller, first, custom_id(first, ":next"))
        assert "Apologise" in text_of(second)
    async with running_bot(double, sqlite_file_url):
        third = await double.click(seller, second, custom_id(second, ":next"))
        assert "Offer compensation" in text_of(third)
        assert "Parcel lost in transit" in text_of(third)
    double.assert_clean()


async def test_a_button_pressed_twice_acts_once_and_both_show_the_current_step(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    first = await double.slash(seller, double.guild, "coach", situation="wrong size sent")
    next_button = custom_id(first, ":next")
    # Two presses before Discord shows the edited message: both reach the bot.
    one, two = await asyncio.gather(
        double.click(seller, first, next_button), double.click(seller, first, next_button)
    )
    # Each press answered by updating the message; what each sent (not the live message):
    sent = [
        "\n".join(f"{e.get('title')}\n{e.get('description')}" for e in r.callback_data["embeds"])
        for r in (one, two)
    ]
    assert all("Apologise" in text for text in sent)
    assert sum("earlier step" in text for text in sent) == 1  # the second press says so
    record = await harness.service.store.get_session(next_button.split(":")[1])
    assert record.version == 2  # the step advanced once, not twice
    assert custom_id(one, ":next").split(":")[2] == "2"  # and its buttons work


async def test_the_bot_keeps_no_copy_of_the_views_it_answers_with(harness: Harness) -> None:
    """Every component is answered by its class, from its custom_id: discord.py is not left
    holding each answer's view (with a 15-minute timer of its own) for the collector to walk."""
    double, seller = harness.double, harness.double.member
    started = await double.slash(seller, double.guild, "coach", situation="wrong size sent")
    step = await double.click(seller, started, custom_id(started, ":next"))
    assert "Apologise" in text_of(step)
    waiting = [
        task
        for task in asyncio.all_tasks()
        if "timeout_task" in getattr(task.get_coro(), "__qualname__", "")
    ]
    assert waiting == []
    assert harness.bot.persistent_views == []
    step = await double.click(seller, step, custom_id(step, ":next"))  # still answered
    assert "Offer compensation" in text_of(step)


async def test_a_deleted_walkthrough_answers_instead_of_failing(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    first = await double.slash(seller, double.guild, "coach", situation="customer wants to cancel")
    await harness.service.forget(seller.id)
    gone = await double.click(seller, first, custom_id(first, ":next"))
    assert "no longer exists" in gone.content


async def test_an_unsure_match_offers_the_alternatives(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    unsure = await double.slash(seller, double.guild, "coach", situation="refund")
    assert "Not sure" in text_of(unsure)
    switch = custom_id(unsure, ":switch")
    menu = next(
        c
        for row in unsure.components
        for c in row.get("components", [])
        if c.get("custom_id") == switch
    )
    target = menu["options"][0]["value"]
    switched = await double.select(seller, unsure, switch, [target])
    assert CATALOG.get(target).title in text_of(switched)


async def test_off_topic_text_is_not_forced_onto_a_playbook(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    result = await double.slash(
        seller, double.guild, "coach", situation="how do I grow my instagram following"
    )
    assert result.ephemeral
    assert "doesn't look like a customer situation" in text_of(result)
    kinds = await double.select(seller, result, "pbc:coach", ["delivery"])
    started = await double.select(seller, kinds, "pbp:coach:delivery", ["lost-in-transit"])
    assert "Parcel lost in transit · Step 1 of 4" in text_of(started)


@pytest.mark.parametrize(
    "typed",
    ["", "mug bro", "refnd", "🙂" * 100, "@everyone " * 600, "x" * 6000],
    ids=["empty", "partial", "typo", "emoji", "mentions", "6000-chars"],
)
async def test_autocomplete_stays_within_discords_limits(harness: Harness, typed: str) -> None:
    double = harness.double
    choices = await double.autocomplete(double.member, double.guild, "coach", "situation", typed)
    assert 1 <= len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100
        assert 1 <= len(choice["value"]) <= 100
    if typed == "mug bro":
        assert choices[0]["name"] == "Arrived damaged"


async def test_picking_an_autocomplete_title_starts_that_playbook(harness: Harness) -> None:
    double = harness.double
    choices = await double.autocomplete(
        double.member, double.guild, "coach", "situation", "customs fees"
    )
    chosen = choices[0]
    started = await double.slash(double.member, double.guild, "coach", situation=chosen["value"])
    assert chosen["name"] in text_of(started)


HOSTILE = "@everyone @here <@1234567890> **bold** __under__ `code` ```block``` ||spoiler|| " * 3


async def test_mentions_and_markdown_in_every_input_never_ping_anyone(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    started = await double.slash(seller, double.guild, "coach", situation=HOSTILE)
    form = await double.click(seller, started, custom_id(started, ":details"))
    step = await double.submit_modal(
        seller,
        form,
        {
            "customer": HOSTILE[:100],
            "item": HOSTILE[:100],
            "order": HOSTILE[:64],
            "order_value": "12",
            "signature": HOSTILE[:200],
        },
    )
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    await double.slash(seller, double.guild, "policy", your_name="@everyone", shop_name="<@&42>")
    await double.slash(seller, double.guild, "playbooks", playbook=HOSTILE[:90])
    await double.autocomplete(seller, double.guild, "coach", "situation", HOSTILE)
    double.assert_mentions_disabled()
    double.assert_no_violations()


@pytest.mark.parametrize("playbook_id", sorted(CATALOG.ids))
async def test_no_playbook_step_breaks_an_embed_limit(harness: Harness, playbook_id: str) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation=f"playbook:{playbook_id}")
    form = await double.click(seller, step, custom_id(step, ":details"))
    step = await double.submit_modal(
        seller,
        form,
        {
            "customer": "W" * 100,
            "item": "W" * 100,
            "order": "9" * 64,
            "order_value": "123456.78",
            "signature": "W" * 100 + ", " + "W" * 98,
        },
    )
    for _ in range(4):
        step = await double.click(seller, step, custom_id(step, ":next"))
    await double.slash(seller, double.guild, "playbooks", playbook=f"playbook:{playbook_id}")
    double.assert_no_violations()


async def test_the_tone_check_flags_a_hostile_reply_and_passes_a_kind_one(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    form = await double.slash(seller, double.guild, "tone")
    assert form.modal is not None
    hostile = await double.submit_modal(
        seller, form, {"draft": "It's not my fault the post office lost it. READ THE LISTING!!!"}
    )
    assert hostile.ephemeral
    assert "to soften" in text_of(hostile)
    assert "not my fault" in text_of(hostile)
    form = await double.slash(seller, double.guild, "tone")
    kind = await double.submit_modal(
        seller,
        form,
        {
            "draft": "I'm so sorry your parcel hasn't arrived; I've opened a trace and will "
            "update you Friday."
        },
    )
    assert "Reads kindly" in text_of(kind)


async def test_check_my_tone_opens_with_the_walkthrough_draft(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation="playbook:lost-in-transit")
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    form = await double.click(seller, step, custom_id(step, ":tone"))
    assert form.modal is not None
    prefilled = form.modal.fields()["draft"].get("value", "")
    assert prefilled.startswith("Hi [customer's name],")
    checked = await double.submit_modal(seller, form, {"draft": prefilled})
    assert "Tone check" in text_of(checked)
