"""Every screen read as a seller on a phone: through the real client and the Discord double.

A phone line holds about 40 characters and a screen about 30 lines; Discord keeps the chat
scrolled to the bottom. So each step, as first shown, fits one screen with its menu in the
first 20 lines, each choice is listed once, the reply arrives as a plain message of its own,
and the path from /coach to the reply takes at most five interactions.
"""

from __future__ import annotations

import re

import pytest

from bot.service import Walkthrough
from tests.discord.conftest import (
    CATALOG,
    Harness,
    at_draft,
    custom_id,
    reply_of,
    running_bot,
    text_of,
)
from tests.discord.phone import PHONE_SCREEN, Screen, Shown, phone_lines, readable, selects
from tests.double import DiscordDouble
from tests.double.double import InteractionResult

pytestmark = pytest.mark.asyncio

STEP_CHARACTERS = 900
MENU_WITHIN = 20
TONE_CHARACTERS = 1200
#: What a Python object or an internal name looks like when it leaks into a screen.
LEAKS = re.compile(
    r"<[a-z_.]+ object at 0x|[:=] ?(?:None|True|False)\b|Decimal\(|\w+\(\w+=|ChoiceKind\.|Step\.|"
    r"\bscb:|\bscs:|\bpb[cpsf]:"
)
#: A pasted customer message, written for these tests.
PASTED = (
    "Hi, I opened my parcel this morning and the teal fruit bowl I ordered was cracked right "
    "through. Order #8812, I paid £36. Could you help? Many thanks, Rosalind"
)


def assert_fits(screen: Screen, *, menu_first: bool = True) -> None:
    """At most 900 characters and a phone screen; a step's menu within its first 20 lines."""
    assert screen.chars <= STEP_CHARACTERS, (screen.name, screen.chars, screen.text)
    assert screen.lines <= PHONE_SCREEN, (screen.name, screen.lines, screen.text)
    if menu_first and screen.menu_line is not None:
        assert screen.menu_line <= MENU_WITHIN, (screen.name, screen.menu_line, screen.text)


def assert_no_leaks(result: InteractionResult | Shown, *internal: str) -> None:
    followups = result.followups if isinstance(result, InteractionResult) else []
    for part in [text_of(result), *(m.content for m in followups)]:
        assert not LEAKS.search(part), part
        for name in internal:
            assert name not in part, (name, part)


def assert_choices_listed_once(shown: Shown) -> None:
    """Each option is in its menu once; the text shows at most the current pick, and no
    description repeats its label."""
    text = readable(text_of(shown))
    for menu in selects(shown):
        labels = [o["label"] for o in menu["options"]]
        assert len(labels) == len(set(labels)), labels
        for option in menu["options"]:
            label = option["label"].rstrip("…")
            assert option.get("description", "").lstrip("…") != label
            if not option.get("default"):
                assert label not in text, (label, text)


async def walk(
    harness: Harness, situation: str, **options: str
) -> tuple[list[tuple[str, Shown]], str, int, InteractionResult]:
    """/coach with every default: each screen as it was shown, the reply, the interactions
    used, and the last result."""
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation=situation, **options)
    used = 1
    screens = []
    while not at_draft(step):
        screens.append((f"Step {len(screens) + 1}", Shown.now(step.message)))
        step = await double.click(seller, step, custom_id(step, ":next"))
        used += 1
    screens.append(("Your reply", Shown.now(step.message)))
    return screens, await reply_of(double, step), used, step


async def test_from_coach_to_a_copyable_reply_in_five_interactions(harness: Harness) -> None:
    _, reply, used, draft_step = await walk(harness, "the vase arrived smashed")
    assert used <= 5
    session_id = custom_id(draft_step, ":finish").split(":")[1]
    walkthrough: Walkthrough = await harness.service.current(
        session_id, harness.double.member.id, harness.double.guild.id, 0
    )
    assert reply == walkthrough.draft  # the whole reply, exactly, and nothing else
    assert "```" not in reply
    plain = [m for m in draft_step.followups if not m.embeds][-1]
    assert plain.ephemeral and not plain.components
    assert reply not in text_of(draft_step)  # said once: in its own message
    finish = draft_step.message.find_component(custom_id(draft_step, ":finish"))
    assert finish["label"] == "Done · remind me in 5 days"
    assert "Only you can see this" not in text_of(draft_step)


@pytest.mark.parametrize("playbook_id", sorted(CATALOG.ids))
async def test_every_step_of_every_playbook_fits_a_phone_screen(
    harness: Harness, playbook_id: str
) -> None:
    screens, _, used, last = await walk(harness, f"playbook:{playbook_id}")
    assert used <= 5
    session_id = custom_id(last, ":finish").split(":")[1]
    for name, shown in screens:
        assert_fits(Screen.of(name, shown))
        assert_choices_listed_once(shown)
        assert_no_leaks(shown, session_id, playbook_id)
    assert_no_leaks(last, session_id, playbook_id)


async def test_a_pasted_message_fills_the_details_marked_as_read_from_it(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    started = await double.slash(seller, double.guild, "coach", situation=PASTED)
    assert_fits(Screen.of("Step 1", started.message))
    shown = text_of(started)
    assert "Rosalind" in shown and "£36.00" in shown and "read from the message" in shown
    form = await double.click(seller, started, custom_id(started, ":details"))
    labels = {
        c["component"]["custom_id"]: c.get("description") or ""
        for c in form.modal.components
        if c.get("component")
    }
    assert "Read from the customer's message" in labels["customer"]
    assert form.modal.fields()["customer"].get("value") == "Rosalind"
    assert form.modal.fields()["order_value"].get("value") == "36 GBP"
    _, reply, _, _ = await walk(harness, PASTED)
    assert reply.startswith("Hi Rosalind,")


async def test_adding_the_customer_and_item_is_the_first_blue_button_while_missing(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    bare = await double.slash(seller, double.guild, "coach", situation="the parcel never came")
    buttons = [c for c in bare.components[-1]["components"]]
    assert buttons[0]["label"] == "Add customer & item" and buttons[0]["style"] == 1
    assert [b["style"] for b in buttons].count(1) == 1  # one primary action
    given = await double.slash(
        seller,
        double.guild,
        "coach",
        situation="the parcel never came",
        customer="Priya",
        item="blue mug",
    )
    buttons = [c for c in given.components[-1]["components"]]
    assert buttons[0]["label"] == "Next" and buttons[0]["style"] == 1
    assert "Add customer & item" not in [b["label"] for b in buttons]
    assert "Priya · blue mug" in text_of(given)


async def test_the_signature_in_the_form_signs_this_reply_and_the_next(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation="playbook:wrong-item")
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
    assert "[shop name]" in text_of(step)  # said in the screen, not 30 lines down
    form = await double.click(seller, step, custom_id(step, ":details"))
    signed = await double.submit_modal(
        seller, form, {"customer": "Ana", "item": "teapot", "signature": "Sam, Clay Corner"}
    )
    reply = await reply_of(double, signed)
    assert reply.startswith("Hi Ana,") and reply.endswith("Sam\nClay Corner")
    assert "[shop name]" not in text_of(signed)
    _, later, _, _ = await walk(harness, "playbook:lost-in-transit")
    assert later.endswith("Sam\nClay Corner")


async def test_not_this_stays_until_the_offer_step_even_after_the_details_form(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    unsure = await double.slash(seller, double.guild, "coach", situation="refund")
    assert any(c.endswith(":switch") for c in unsure.custom_ids())
    form = await double.click(seller, unsure, custom_id(unsure, ":details"))
    filled = await double.submit_modal(seller, form, {"customer": "Bo", "item": "ring"})
    assert any(c.endswith(":switch") for c in filled.custom_ids())
    apologise = await double.click(seller, filled, custom_id(filled, ":next"))
    switch = custom_id(apologise, ":switch")
    target = apologise.message.find_component(switch)["options"][0]["value"]
    switched = await double.select(seller, apologise, switch, [target])
    assert f"{CATALOG.get(target).title} · Step 1 of 4" in text_of(switched)
    assert "Bo · ring" in text_of(switched)  # the details came along
    back = switched.message.find_component(custom_id(switched, ":switch"))
    assert back is not None  # and the first guess is on offer to switch back to
    step = await double.click(seller, switched, custom_id(switched, ":next"))
    offer = await double.click(seller, step, custom_id(step, ":next"))
    assert "Offer" in text_of(offer)
    assert not any(c.endswith(":switch") for c in offer.custom_ids())


async def test_a_second_problem_in_the_message_can_be_switched_to(harness: Harness) -> None:
    text = (
        "Hi there, I ordered the green scarf two weeks ago and it still hasn't arrived, "
        "tracking hasn't moved. On top of that you charged my card twice! Regards, Tomasz"
    )
    also = CATALOG.matcher.match(text, top=5).also
    assert also, "a message that mentions two situations"
    double, seller = harness.double, harness.double.member
    started = await double.slash(seller, double.guild, "coach", situation=text)
    title = CATALOG.get(also[0].id).title
    assert f"Also sounds like: {title}" in readable(text_of(started))
    switch = custom_id(started, ":switch")
    options = started.message.find_component(switch)["options"]
    assert options[0]["value"] == also[0].id
    switched = await double.select(seller, started, switch, [also[0].id])
    assert f"{title} · Step 1 of 4" in text_of(switched)


async def test_a_line_that_matches_nothing_gets_a_menu_of_situations(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    unmatched = await double.slash(seller, double.guild, "coach", situation="hello")
    assert_fits(Screen.of("no match", unmatched.message))
    assert "pbc:coach" in unmatched.custom_ids()
    kinds = await double.select(seller, unmatched, "pbc:coach", ["payment"])
    assert_fits(Screen.of("no match: payment", kinds.message))
    started = await double.select(seller, kinds, "pbp:coach:payment", ["charged-twice"])
    assert "Step 1 of 4" in text_of(started)


async def test_tips_are_one_press_away_and_back(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(
        seller, double.guild, "coach", situation="playbook:damaged-in-transit"
    )
    tips = CATALOG.get("damaged-in-transit").steps.listen.tips[0]
    assert tips not in text_of(step)
    shown = await double.click(seller, step, custom_id(step, ":tips"))
    assert tips in text_of(shown)
    hidden = await double.click(seller, shown, custom_id(shown, ":lesstips"))
    assert tips not in text_of(hidden)
    assert custom_id(hidden, ":next") == custom_id(step, ":next")  # nothing changed


async def test_playbooks_policy_and_help_fit_a_phone(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    listing = await double.slash(seller, double.guild, "playbooks")
    screens = [Screen.of("/playbooks", listing.message)]
    for category in ("delivery", "order", "proactive"):
        kinds = await double.select(seller, listing, "pbc:read", [category])
        screens.append(Screen.of(f"/playbooks {category}", kinds.message))
    for playbook_id in sorted(CATALOG.ids):
        one = await double.slash(
            seller, double.guild, "playbooks", playbook=f"playbook:{playbook_id}"
        )
        screens.append(Screen.of(playbook_id, one.message))
        assert_no_leaks(one, playbook_id)
    for command in ("policy", "help"):
        shown = await double.slash(seller, double.guild, command)
        screens.append(Screen.of(f"/{command}", shown.message))
    for screen in screens:
        assert_fits(screen, menu_first=False)  # a playbook is read first, then browsed on
    double.assert_no_violations()


async def test_tone_leads_with_the_phrases_within_a_phone_screen(harness: Harness) -> None:
    draft = (
        "It's not my fault the post office lost it. READ THE LISTING!!! You should have "
        "checked before ordering. Refunds take a day, so please just be patient."
    )
    assert len(draft) == 150
    double, seller = harness.double, harness.double.member
    form = await double.slash(seller, double.guild, "tone")
    checked = await double.submit_modal(seller, form, {"draft": draft})
    text = readable(text_of(checked))
    assert len(text) <= TONE_CHARACTERS, len(text)
    assert len(phone_lines(text)) <= 2 * PHONE_SCREEN
    first = text.strip().split("\n")[1]
    assert first.startswith("“not my fault”"), first  # the phrase leads
    assert "→" in text  # with a kinder version
    button = next(c for c in checked.custom_ids() if c.startswith("tonw:"))
    why = await double.click(seller, checked, button)
    assert "customer didn't ask whose fault it was" in text_of(why).replace("\n", " ")


async def test_a_draft_cold_as_a_whole_is_shown_at_its_coldest_sentence(
    harness: Harness,
) -> None:
    """No phrase rule names anything here; the model's finding leads, and Why? explains it."""
    draft = (
        "Thanks for your message. I posted it within the time stated at checkout. Parcels "
        "sometimes take a little longer at this time of year and there isn't much anyone can "
        "do about that. It'll turn up."
    )
    double, seller = harness.double, harness.double.member
    form = await double.slash(seller, double.guild, "tone")
    checked = await double.submit_modal(seller, form, {"draft": draft})
    text = readable(text_of(checked))
    assert "1 spot to soften" in text
    assert "“Parcels sometimes take a little longer" in text
    assert "→" in text
    button = next(c for c in checked.custom_ids() if c.startswith("tonw:"))
    why = text_of(await double.click(seller, checked, button)).replace("\n", " ")
    assert "Cold overall" in why and "taking a side against them" in why
    double.assert_no_violations()


async def test_a_lost_answer_on_the_way_to_the_reply_still_ends_in_the_reply(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation="playbook:lost-in-transit")
    for _ in range(3):
        step = await double.click(seller, step, custom_id(step, ":next"))
    show_reply = custom_id(step, ":next")
    double.lose_next_answer()
    lost = await double.click(seller, step, show_reply)
    assert lost.failed and not lost.followups  # nothing more could be sent on it
    again = await double.click(seller, step, show_reply)
    assert "earlier step" in text_of(again) and at_draft(again)
    assert (await reply_of(double, again)).startswith("Hi [customer's name],")


async def test_menus_tips_and_policy_controls_work_after_a_restart(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(double, sqlite_file_url):
        listing = await double.slash(seller, double.guild, "playbooks")
        unmatched = await double.slash(seller, double.guild, "coach", situation="hello")
        step = await double.slash(seller, double.guild, "coach", situation="refund")
        policy = await double.slash(seller, double.guild, "policy")
        why = await double.slash(seller, double.guild, "tone")
        checked = await double.submit_modal(seller, why, {"draft": "Not my fault. READ IT."})
    async with running_bot(double, sqlite_file_url):
        kinds = await double.select(seller, listing, "pbc:read", ["people"])
        assert "pbp:read:people" in kinds.custom_ids()
        kinds = await double.select(seller, unmatched, "pbc:coach", ["order"])
        started = await double.select(seller, kinds, "pbp:coach:order", ["cancel-order"])
        assert "Step 1 of 4" in text_of(started)
        tips = await double.click(seller, step, custom_id(step, ":tips"))
        assert "Hide tips" in str(tips.components)
        assert any(c.endswith(":switch") for c in tips.custom_ids())
        insured = await double.click(seller, policy, f"pol:{seller.id}:insured")
        assert "Parcels insured: yes" in str(insured.components)
        button = next(c for c in checked.custom_ids() if c.startswith("tonw:"))
        reasons = await double.click(seller, checked, button)
        assert "Tone check · Why" in text_of(reasons)
    double.assert_clean()


async def test_the_longest_details_keep_every_step_on_a_phone_screen(harness: Harness) -> None:
    double, seller = harness.double, harness.double.member
    step = await double.slash(seller, double.guild, "coach", situation="playbook:not-as-described")
    form = await double.click(seller, step, custom_id(step, ":details"))
    longest = {"customer": "W" * 100, "item": "W" * 100, "order": "9" * 64}
    step = await double.submit_modal(seller, form, {**longest, "order_value": "123456.78"})
    while not at_draft(step):
        assert_fits(Screen.of("with the longest details", step.message))
        step = await double.click(seller, step, custom_id(step, ":next"))
    assert "W" * 100 in await reply_of(double, step)  # shortened on screen only
