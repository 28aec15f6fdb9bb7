"""The application service on a real database (SQLite and PostgreSQL), without Discord."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.core.catalog import Catalog
from bot.core.engine import CaseDetails, ReturnShipping, Step
from bot.service import (
    CoachService,
    FollowUp,
    MovedOn,
    NoMatch,
    ServiceError,
    parse_details,
    parse_signature,
)
from bot.storage import Database

CATALOG = Catalog.load()[0]
SELLER, OTHER, GUILD = 101, 202, 303


@pytest.fixture
def now() -> list[datetime]:
    return [datetime(2026, 11, 22, 9, 0, tzinfo=UTC)]


@pytest.fixture
def service(database: Database, now: list[datetime]) -> CoachService:
    return CoachService(CATALOG, database.store, clock=lambda: now[0])


async def test_a_walkthrough_is_started_advanced_and_finished_with_a_reminder(
    service: CoachService, now: list[datetime]
) -> None:
    started = await service.start(SELLER, GUILD, "the mug arrived in pieces")
    assert started.playbook.id == "damaged-in-transit"
    assert started.match is not None and started.match.confident
    step = started
    for expected in (Step.APOLOGISE, Step.COMPENSATE, Step.FOLLOW_UP, Step.DRAFT):
        step = await service.act(step.session_id, SELLER, GUILD, step.version, "next")
        assert step.state.step is expected
    done = await service.act(step.session_id, SELLER, GUILD, step.version, "finish")
    assert done.finished
    assert done.reminder is not None
    assert done.reminder.due_at == now[0] + timedelta(days=5)
    follow_up = FollowUp.from_json(done.reminder.payload)
    assert follow_up.title == "Arrived damaged"


async def test_someone_elses_walkthrough_cannot_be_touched(service: CoachService) -> None:
    mine = await service.start(SELLER, GUILD, "lost parcel")
    with pytest.raises(ServiceError, match="belongs to someone else"):
        await service.act(mine.session_id, OTHER, GUILD, mine.version, "next")
    with pytest.raises(ServiceError, match="belongs to someone else"):
        await service.act(mine.session_id, SELLER, GUILD + 1, mine.version, "next")
    with pytest.raises(ServiceError):
        await service.current_draft(mine.session_id, OTHER, GUILD, mine.version)
    fresh = CoachService(CATALOG, service.store)  # nothing remembered: straight from the database
    with pytest.raises(ServiceError, match="belongs to someone else"):
        await fresh.act(mine.session_id, OTHER, GUILD, mine.version, "next")


async def test_a_stale_version_is_not_acted_on_even_by_another_process(
    service: CoachService,
) -> None:
    started = await service.start(SELLER, GUILD, "lost parcel")
    other_process = CoachService(CATALOG, service.store)
    moved = await other_process.act(started.session_id, SELLER, GUILD, started.version, "next")
    for process in (service, other_process):
        with pytest.raises(MovedOn, match="earlier step") as raised:
            await process.act(started.session_id, SELLER, GUILD, started.version, "next")
        current = raised.value.walkthrough  # what to show instead: the step it is at now
        assert (current.version, current.state.step) == (moved.version, Step.APOLOGISE)


async def test_another_situation_is_kept_when_the_walkthrough_is_read_back(
    service: CoachService,
) -> None:
    started = await service.start(SELLER, GUILD, "refund")
    assert started.match is not None and not started.match.confident
    target = started.match.matches[1].id
    assert target != started.playbook.id
    switched = await service.act(
        started.session_id, SELLER, GUILD, started.version, "switch", [target]
    )
    assert switched.playbook.id == target
    step = await service.act(switched.session_id, SELLER, GUILD, switched.version, "next")
    assert (step.playbook.id, step.state.step) == (target, Step.APOLOGISE)
    fresh = CoachService(CATALOG, service.store)  # another process: read from the database
    step = await fresh.act(step.session_id, SELLER, GUILD, step.version, "next")
    assert (step.playbook.id, step.state.step) == (target, Step.COMPENSATE)


async def test_details_typed_into_an_older_form_are_kept(service: CoachService) -> None:
    started = await service.start(SELLER, GUILD, "playbook:wrong-item")
    later = await service.act(started.session_id, SELLER, GUILD, started.version, "next")
    filled = await service.set_details(
        started.session_id, SELLER, GUILD, started.version, {"customer": "Priya"}
    )
    assert filled.state.details.customer == "Priya"
    assert filled.state.step is later.state.step  # applied to the walkthrough as it is now
    assert filled.version == later.version + 1


async def test_unknown_actions_and_bad_choices_are_refused_kindly(service: CoachService) -> None:
    started = await service.start(SELLER, GUILD, "lost parcel")
    with pytest.raises(ServiceError, match="not one I know"):
        await service.act(started.session_id, SELLER, GUILD, started.version, "explode")
    with pytest.raises(ServiceError, match="questions"):
        await service.act(started.session_id, SELLER, GUILD, started.version, "pick", ["99"])
    with pytest.raises(ServiceError, match="not available"):
        await service.act(started.session_id, SELLER, GUILD, started.version, "switch", ["nope"])
    with pytest.raises(NoMatch, match="doesn't look like a customer situation"):
        await service.start(SELLER, GUILD, "zzqx vvbn")


async def test_shop_chatter_is_answered_with_every_situation_not_a_walkthrough(
    service: CoachService,
) -> None:
    """A question about running a shop reads as off-topic: no walkthrough starts for it,
    while an ambiguous customer situation still starts an unsure one."""
    with pytest.raises(NoMatch, match="doesn't look like a customer situation"):
        await service.start(SELLER, GUILD, "how do I grow my instagram following")
    unsure = await service.start(SELLER, GUILD, "refund")
    assert not unsure.state.origin.confident


async def test_details_from_the_form_fill_the_draft(service: CoachService) -> None:
    started = await service.start(SELLER, GUILD, "playbook:wrong-item")
    filled = await service.set_details(
        started.session_id,
        SELLER,
        GUILD,
        started.version,
        {"customer": "Priya", "item": "red scarf", "order": "77", "order_value": "€30"},
    )
    assert filled.state.details.order_value == Decimal("30")
    assert filled.state.details.currency == "EUR"
    assert "Hi Priya," in filled.draft
    with pytest.raises(ServiceError, match="not an amount"):
        await service.set_details(
            filled.session_id, SELLER, GUILD, filled.version, {"order_value": "lots"}
        )


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [("24.50", "24.50", "USD"), ("£12", "12", "GBP"), ("30 eur", "30", "EUR"), ("", None, None)],
)
def test_amounts_are_read_with_their_currency(
    typed: str, value: str | None, currency: str | None
) -> None:
    details = parse_details({"order_value": typed}, CaseDetails(), "USD")
    assert details.order_value == (Decimal(value) if value else None)
    assert details.currency == currency


async def test_the_policy_is_saved_and_a_bad_value_changes_nothing(
    service: CoachService,
) -> None:
    saved = await service.update_policy(
        SELLER, currency="gbp", max_goodwill=Decimal("20"), return_shipping="seller"
    )
    assert saved.currency == "GBP" and saved.return_shipping is ReturnShipping.SELLER
    with pytest.raises(ServiceError, match="currency"):
        await service.update_policy(SELLER, currency="pounds")
    assert (await CoachService(CATALOG, service.store).policy(SELLER)).currency == "GBP"


async def test_held_reminders_are_shown_once(service: CoachService, now: list[datetime]) -> None:
    store = service.store
    reminder = await store.add_reminder(
        SELLER,
        GUILD,
        None,
        now[0],
        FollowUp("lost-in-transit", "Parcel lost", "Check", "Hi", None).to_json(),
    )
    claimed = await store.claim_due_reminders(now[0] + timedelta(minutes=1), "worker")
    assert [r.id for r in claimed] == [reminder.id]
    await store.mark_held(reminder.id, "worker")
    await service.refresh_held()
    assert [r.id for r, _ in await service.held_reminders(SELLER)] == [reminder.id]
    assert await service.held_reminders(SELLER) == []  # being shown: not handed out twice
    assert await service.held_reminders(OTHER) == []
    await service.release_held(SELLER)  # showing it failed: it comes back
    assert [r.id for r, _ in await service.held_reminders(SELLER)] == [reminder.id]
    await service.reminders_shown([reminder.id])
    await service.refresh_held()
    assert await service.held_reminders(SELLER) == []
    assert (await store.get_reminder(reminder.id)).status.value == "done"


async def test_forget_removes_the_sellers_walkthroughs_and_policy(service: CoachService) -> None:
    mine = await service.start(SELLER, GUILD, "lost parcel")
    theirs = await service.start(OTHER, GUILD, "lost parcel")
    await service.update_policy(SELLER, currency="EUR")
    counts = await service.forget(SELLER)
    assert counts["sessions"] == 1
    with pytest.raises(ServiceError, match="no longer exists"):
        await service.act(mine.session_id, SELLER, GUILD, mine.version, "next")
    assert (await service.policy(SELLER)).currency == "USD"
    moved = await service.act(theirs.session_id, OTHER, GUILD, theirs.version, "next")
    assert moved.state.step is Step.APOLOGISE


async def test_forgetting_in_one_process_empties_every_other_processs_cache(
    service: CoachService,
) -> None:
    other_process = CoachService(CATALOG, service.store)
    await service.update_policy(SELLER, seller_name="Sam Ashdown")
    started = await other_process.start(SELLER, GUILD, "lost parcel")
    details = {"customer": "Priya", "item": "blue mug"}
    mine = await other_process.set_details(
        started.session_id, SELLER, GUILD, started.version, details
    )
    assert (await other_process.policy(SELLER)).seller_name == "Sam Ashdown"
    current = await other_process.current(mine.session_id, SELLER, GUILD, mine.version)
    assert current.state.details.customer == "Priya"  # served from its memory

    await service.forget(SELLER)

    for read in (other_process.current, other_process.current_draft):
        with pytest.raises(ServiceError, match="no longer exists"):
            await read(mine.session_id, SELLER, GUILD, mine.version)
    with pytest.raises(ServiceError, match="no longer exists"):
        await other_process.act(mine.session_id, SELLER, GUILD, mine.version, "next")
    with pytest.raises(ServiceError, match="no longer exists"):
        await other_process.set_details(mine.session_id, SELLER, GUILD, mine.version, details)
    assert (await other_process.policy(SELLER)).seller_name is None
    fresh = await other_process.start(SELLER, GUILD, "lost parcel")
    assert "Sam Ashdown" not in fresh.draft


async def test_a_walkthrough_moved_on_elsewhere_is_not_served_stale(service: CoachService) -> None:
    other_process = CoachService(CATALOG, service.store)
    started = await service.start(SELLER, GUILD, "lost parcel")
    await other_process.current(started.session_id, SELLER, GUILD, started.version)  # cached
    moved = await service.act(started.session_id, SELLER, GUILD, started.version, "next")
    try:
        seen = await other_process.current(started.session_id, SELLER, GUILD, started.version)
    except ServiceError as refused:
        assert "earlier step" in str(refused)
    else:  # or shown as it is now
        assert (seen.version, seen.state.step) == (moved.version, Step.APOLOGISE)


async def test_the_tone_check_is_available_to_front_ends(service: CoachService) -> None:
    report = service.check_tone("WHY WOULD I REFUND THAT")
    assert not report.ok
    assert service.tone_label(report.findings[0].kind)


async def test_finishing_again_replaces_the_follow_up_instead_of_adding_one(
    service: CoachService,
) -> None:
    step = await service.start(SELLER, GUILD, "playbook:damaged-in-transit")
    step = await service.act(step.session_id, SELLER, GUILD, step.version, "finish")
    assert step.reminder is not None
    step = await service.act(step.session_id, SELLER, GUILD, step.version, "back")
    step = await service.set_details(
        step.session_id, SELLER, GUILD, step.version, {"customer": "Priya"}
    )
    step = await service.act(step.session_id, SELLER, GUILD, step.version, "finish")
    pending = await service.pending_reminders(SELLER)
    assert [(r.id, f.customer) for r, f in pending] == [(step.reminder.id, "Priya")]
    step = await service.act(step.session_id, SELLER, GUILD, step.version, "back")
    step = await service.act(step.session_id, SELLER, GUILD, step.version, "pick", ["none"])
    await service.act(step.session_id, SELLER, GUILD, step.version, "finish")
    assert await service.pending_reminders(SELLER) == []  # no follow-up chosen any more


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sam, Clay Corner", {"seller_name": "Sam", "shop_name": "Clay Corner"}),
        ("Sam · Clay Corner", {"seller_name": "Sam", "shop_name": "Clay Corner"}),
        ("Sam from Clay Corner", {"seller_name": "Sam", "shop_name": "Clay Corner"}),
        ("  Sam  ", {"seller_name": "Sam"}),
        ("", {}),
    ],
)
def test_a_signature_is_read_as_a_name_and_a_shop(typed: str, expected: dict[str, str]) -> None:
    assert parse_signature(typed) == expected


async def test_details_read_from_a_pasted_message_are_marked_until_changed(
    service: CoachService,
) -> None:
    pasted = (
        "Hello, the glass candle holder I ordered turned up shattered. Order #3390, it was "
        "£22. Best wishes, Imogen"
    )
    started = await service.start(SELLER, GUILD, pasted)
    details = started.state.details
    assert (details.customer, details.order, details.order_value) == ("Imogen", "3390", 22)
    assert {"customer", "order", "order_value"} <= set(started.state.origin.read)
    assert started.draft.startswith("Hi Imogen,")
    fields = {"customer": "Imogen Hart", "item": details.item or "", "order": "3390"}
    fields["order_value"] = "22 GBP"
    changed = await service.set_details(started.session_id, SELLER, GUILD, started.version, fields)
    assert "customer" not in changed.state.origin.read  # typed over: no longer "read"
    assert "order" in changed.state.origin.read
    assert changed.state.details.customer_message == pasted  # not in the form, kept


async def test_customer_and_item_given_win_over_what_was_read(service: CoachService) -> None:
    started = await service.start(
        SELLER, GUILD, "my blue mug arrived in pieces, thanks Tom", customer="Ana", item="vase"
    )
    assert (started.state.details.customer, started.state.details.item) == ("Ana", "vase")
    assert not {"customer", "item"} & set(started.state.origin.read)


async def test_a_policy_set_later_signs_an_open_walkthrough(service: CoachService) -> None:
    started = await service.start(SELLER, GUILD, "playbook:lost-in-transit")
    assert "[shop name]" in started.draft
    await service.update_policy(SELLER, seller_name="Sam", shop_name="Clay Corner")
    moved = await service.act(started.session_id, SELLER, GUILD, started.version, "next")
    assert moved.draft.endswith("Sam\nClay Corner")


async def test_the_other_situations_outlive_a_switch(service: CoachService) -> None:
    unsure = await service.start(SELLER, GUILD, "refund")
    assert not unsure.state.origin.confident and unsure.others
    target = unsure.others[0][0]
    switched = await service.act(
        unsure.session_id, SELLER, GUILD, unsure.version, "switch", [target]
    )
    assert switched.playbook.id == target
    assert switched.others[0][0] == unsure.playbook.id  # the first guess, to switch back
    after = await service.act(switched.session_id, SELLER, GUILD, switched.version, "next")
    assert after.others == switched.others


async def test_nothing_matched_is_a_no_match(service: CoachService) -> None:
    with pytest.raises(NoMatch):
        await service.start(SELLER, GUILD, "hello")
