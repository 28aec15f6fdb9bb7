"""Faults inside the bot and on Discord's side: the seller always gets an answer.

Each test drives the real bot through the Discord double and injects one fault: an exception
inside a button, a menu or a form; an answer Discord lost after the step was saved; work slower
than Discord's 3 s window; a restart while a form is open.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import pytest

from bot.exts import answer as answer_module
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
from tests.double.double import InteractionResult

pytestmark = pytest.mark.asyncio

CUSTOMER = "Philippa Quixote-Marsh"
ERROR_ID = re.compile(r"mention error ([A-Z0-9]{6})\.")


def bot_log(caplog: pytest.LogCaptureFixture) -> str:
    """Everything the bot's own loggers wrote, with any traceback text."""
    lines = []
    for record in caplog.records:
        if record.name.startswith("bot"):
            lines.append(record.getMessage())
            if record.exc_text:
                lines.append(record.exc_text)
    return "\n".join(lines)


def sent_text(result: InteractionResult) -> str:
    """What the bot sent in its first answer to this interaction (not the message's latest)."""
    data = result.callback_data
    parts = [str(data.get("content") or "")]
    parts += [f"{e.get('title')}\n{e.get('description')}" for e in data.get("embeds") or []]
    return "\n".join(parts)


def failing(secret: str) -> Any:
    """A service method that fails with the customer's name in its message."""

    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"could not store the case of {secret}")

    return fail


@pytest.mark.parametrize("where", ["button", "menu", "form"])
async def test_an_unexpected_error_gets_a_polite_answer_with_an_id_and_a_clean_log(
    harness: Harness,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    double, seller = harness.double, harness.double.member
    step = await double.slash(
        seller, double.guild, "coach", situation="playbook:damaged-in-transit"
    )
    form = await double.click(seller, step, custom_id(step, ":details"))
    step = await double.submit_modal(seller, form, {"customer": CUSTOMER, "item": "blue mug"})
    assert custom_id(step, ":next").split(":")[2] == "2"  # the details were saved

    service = harness.service
    if where == "button":
        monkeypatch.setattr(service, "act", failing(CUSTOMER))
        result = await double.click(seller, step, custom_id(step, ":next"))
    elif where == "menu":
        monkeypatch.setattr(service, "act", failing(CUSTOMER))
        result = await double.select(seller, step, custom_id(step, ":pick"), [])
    else:
        monkeypatch.setattr(service, "set_details", failing(CUSTOMER))
        form = await double.click(seller, step, custom_id(step, ":details"))
        result = await double.submit_modal(seller, form, {"customer": CUSTOMER, "item": "mug"})

    assert result.ephemeral
    assert "something went wrong on my side" in result.content
    found = ERROR_ID.search(result.content)
    assert found, result.content
    log_text = bot_log(caplog)
    assert f"error {found[1]} while answering" in log_text
    assert "builtins.RuntimeError (message withheld)" in log_text
    assert ", in fail\n" in log_text  # the stack, down to where it failed
    assert CUSTOMER not in log_text
    assert "Quixote" not in log_text
    # The walkthrough is untouched: its message still works.
    monkeypatch.undo()
    after = await double.click(seller, step, custom_id(step, ":next"))
    assert "Apologise" in text_of(after)


async def test_a_lost_answer_then_a_second_press_shows_the_current_step(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    double, seller = harness.double, harness.double.member
    first = await double.slash(seller, double.guild, "coach", situation="playbook:lost-in-transit")
    next_button = custom_id(first, ":next")

    double.lose_next_answer()
    lost = await double.click(seller, first, next_button)
    assert lost.failed  # the seller saw "This interaction failed"
    record = await harness.service.store.get_session(next_button.split(":")[1])
    assert record.version == 2  # ... although the step was saved
    assert "Step 1 of 4 · Listen" in text_of(first)  # and the message still shows step 1
    assert "no longer accepts answers" in bot_log(caplog)

    again = await double.click(seller, first, next_button)
    assert "Apologise" in text_of(again)
    assert "earlier step" in sent_text(again)
    record = await harness.service.store.get_session(record.id)
    assert record.version == 2  # shown, not advanced a second time
    onwards = await double.click(seller, again, custom_id(again, ":next"))
    assert "Offer compensation" in text_of(onwards)


def slow_down(service: Any, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the service's ``method`` take longer than the bot waits before it defers."""
    real = getattr(service, method)

    async def slow(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(answer_module.DEFER_AFTER + 0.5)
        return await real(*args, **kwargs)

    monkeypatch.setattr(service, method, slow)


async def test_slow_work_is_acknowledged_within_discords_window(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    double, seller = harness.double, harness.double.member
    slow_down(harness.service, "start", monkeypatch)
    started = await double.slash(seller, double.guild, "coach", situation="parcel never came")
    assert started.deferred and started.ephemeral  # "thinking…" within the window
    await double.wait_for(lambda: "Step 1 of 4" in text_of(started), timeout=5)

    slow_down(harness.service, "act", monkeypatch)
    pressed = await double.click(seller, started, custom_id(started, ":next"))
    assert pressed.deferred
    await double.wait_for(lambda: "Apologise" in text_of(pressed), timeout=5)
    double.assert_no_violations()  # no answer after the deadline


async def test_the_bench_walk_waits_for_a_deferred_step_to_be_filled_in(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under load the bot defers; the bench's walk then finds the new step's Next button, not
    the one it just pressed (nor none, before the message is filled in)."""
    from bot.bench import next_button

    double, seller = harness.double, harness.double.member
    slow_down(harness.service, "start", monkeypatch)
    started = await double.slash(seller, double.guild, "coach", situation="parcel never came")
    assert started.deferred and not started.custom_ids()
    first = await next_button(double, started, within=5)
    assert first.endswith(":next") and "Step 1 of 4" in text_of(started)

    slow_down(harness.service, "act", monkeypatch)
    pressed = await double.click(seller, started, first)
    assert pressed.deferred
    second = await next_button(double, pressed, first, within=5)
    assert second != first and "Apologise" in text_of(pressed)


async def test_forms_opened_before_a_restart_are_answered_after_it(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(double, sqlite_file_url):
        step = await double.slash(
            seller, double.guild, "coach", situation="playbook:damaged-in-transit"
        )
        while not at_draft(step):
            step = await double.click(seller, step, custom_id(step, ":next"))
        details = await double.click(seller, step, custom_id(step, ":details"))
        tone = await double.click(seller, step, custom_id(step, ":tone"))
    async with running_bot(double, sqlite_file_url):
        filled = await double.submit_modal(seller, details, {"customer": "Priya", "item": "vase"})
        reply = await reply_of(double, filled)
        assert "Hi Priya," in reply
        assert "your vase" in reply
        checked = await double.submit_modal(seller, tone, {"draft": "It's not my fault!!!"})
        assert "to soften" in text_of(checked)
    double.assert_clean()


async def test_another_situation_picked_survives_a_restart(
    double: DiscordDouble, sqlite_file_url: str
) -> None:
    seller = double.member
    async with running_bot(double, sqlite_file_url):
        unsure = await double.slash(seller, double.guild, "coach", situation="refund")
        switch = custom_id(unsure, ":switch")
        target = switch_target(unsure, switch)
        switched = await double.select(seller, unsure, switch, [target])
        assert CATALOG.get(target).title in text_of(switched)
    async with running_bot(double, sqlite_file_url):
        step = switched
        while not at_draft(step):
            step = await double.click(seller, step, custom_id(step, ":next"))
            assert CATALOG.get(target).title in text_of(step), text_of(step)
    double.assert_clean()


def switch_target(result: InteractionResult, switch: str) -> str:
    """The first situation the "pick another situation" menu offers."""
    menu = next(
        c
        for row in result.components
        for c in row.get("components", [])
        if c.get("custom_id") == switch
    )
    return str(menu["options"][0]["value"])


async def test_autocomplete_that_fails_offers_nothing_and_logs_no_typed_text(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    double = harness.double

    def broken(text: str, **options: Any) -> Any:
        raise ValueError(f"cannot match {text}")

    monkeypatch.setattr(harness.service.catalog.matcher, "match", broken)
    typed = f"{CUSTOMER} says the vase broke"
    choices = await double.autocomplete(double.member, double.guild, "coach", "situation", typed)
    assert choices == []
    log_text = bot_log(caplog)
    assert "in autocomplete" in log_text and "ValueError (message withheld)" in log_text
    assert "Quixote" not in log_text
