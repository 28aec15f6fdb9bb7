"""The coaching engine and what each step presents: transitions, policy caps, rendering."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.core import engine, presenter
from bot.core.engine import (
    CaseDetails,
    CoachError,
    CoachState,
    OfferStatus,
    Policy,
    ReturnShipping,
    Step,
)
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.models import Playbook

SHIPPED = {p.id: p for p in load_playbooks([shipped_playbooks_dir()]).playbooks}
DAMAGED = SHIPPED["damaged-in-transit"]
CHANGED_MIND = SHIPPED["changed-mind"]
PRIYA = CaseDetails(
    customer="Priya",
    item="blue mug",
    order="1042",
    order_value=Decimal("40.00"),
    currency="GBP",
    code="THANKYOU10",
    tracking="RM123456789GB",
    date="Friday 12 June",
)
SIGNED = Policy(currency="GBP", seller_name="Sam", shop_name="Clay Corner")


def walk_to(state: CoachState, playbook: Playbook, step: Step) -> CoachState:
    while state.step is not step:
        state = engine.go_next(state, playbook)
    return state


def test_a_walkthrough_starts_at_listen_with_sensible_defaults() -> None:
    state = engine.start(DAMAGED, PRIYA, SIGNED)
    assert state.step is Step.LISTEN
    assert state.choices.questions == (0,)
    assert state.choices.apology == 0
    assert state.choices.offer == DAMAGED.steps.compensate.recommended == "replacement"
    assert state.choices.follow_up_days == DAMAGED.steps.follow_up.after_days


def test_next_and_back_walk_the_four_moves_then_the_draft() -> None:
    state = engine.start(DAMAGED)
    seen = [state.step]
    while state.step is not Step.DRAFT:
        state = engine.go_next(state, DAMAGED)
        seen.append(state.step)
    assert seen == [Step.LISTEN, Step.APOLOGISE, Step.COMPENSATE, Step.FOLLOW_UP, Step.DRAFT]
    with pytest.raises(CoachError, match="last step"):
        engine.go_next(state, DAMAGED)
    back = engine.go_back(state, DAMAGED)
    assert back.step is Step.FOLLOW_UP
    first = engine.start(DAMAGED)
    with pytest.raises(CoachError, match="first step"):
        engine.go_back(first, DAMAGED)


def test_operations_do_not_change_the_state_they_are_given() -> None:
    state = engine.start(DAMAGED)
    moved = engine.go_next(state, DAMAGED)
    assert state.step is Step.LISTEN
    assert moved.step is Step.APOLOGISE


@pytest.mark.parametrize("step", list(Step))
def test_the_state_round_trips_through_json_at_every_step(step: Step) -> None:
    state = engine.start(DAMAGED, PRIYA, SIGNED)
    state = engine.choose_apology(state, DAMAGED, 2)
    state = engine.choose_offer(state, DAMAGED, "full-refund")
    state = walk_to(state, DAMAGED, step)
    text = state.to_json()
    assert CoachState.from_json(text) == state
    assert "Priya" in text  # details are stored with the state, for the seller only


def test_a_state_from_another_playbook_is_refused() -> None:
    state = engine.start(DAMAGED)
    with pytest.raises(CoachError, match="damaged-in-transit"):
        engine.go_next(state, CHANGED_MIND)
    with pytest.raises(CoachError):
        engine.draft(state, CHANGED_MIND)


def test_choices_out_of_range_are_refused_with_a_clear_message() -> None:
    state = engine.start(DAMAGED)
    lines = len(DAMAGED.steps.apologise.lines)
    with pytest.raises(CoachError, match=f"from 1 to {lines}"):
        engine.choose_apology(state, DAMAGED, lines)
    with pytest.raises(CoachError, match="no offer called 'free-car'"):
        engine.choose_offer(state, DAMAGED, "free-car")
    with pytest.raises(CoachError, match="between 1 and 60"):
        engine.choose_follow_up(state, DAMAGED, 0)
    with pytest.raises(CoachError, match="questions"):
        engine.choose_questions(state, DAMAGED, [99])


def assessments(details: CaseDetails, policy: Policy) -> dict[str, engine.OfferAssessment]:
    return {a.offer.id: a for a in engine.assess_offers(DAMAGED, details, policy)}


def test_offers_over_the_goodwill_limit_stay_visible_but_need_a_decision() -> None:
    result = assessments(PRIYA, Policy(currency="GBP", max_goodwill=Decimal("20")))
    assert set(result) == {o.id for o in DAMAGED.steps.compensate.ladder}
    assert result["keep-with-discount"].status is OfferStatus.WITHIN  # 0.2 x 40 = 8
    assert result["keep-with-discount"].cost == Decimal("8.00")
    assert result["replacement"].status is OfferStatus.OVER  # 0.6 x 40 = 24 > 20
    assert "over your limit of £20.00" in result["replacement"].note
    assert result["full-refund"].needs_decision


def test_a_limit_as_a_share_of_the_order_applies_without_an_order_value() -> None:
    result = assessments(CaseDetails(), Policy(max_goodwill_share=0.5))
    assert result["keep-with-discount"].status is OfferStatus.WITHIN
    assert result["replacement"].status is OfferStatus.OVER
    assert "50%" in result["replacement"].note


def test_an_amount_limit_without_the_order_value_cannot_be_checked() -> None:
    result = assessments(CaseDetails(), Policy(max_goodwill=Decimal("20")))
    assert result["replacement"].status is OfferStatus.UNKNOWN
    assert "add the order value" in result["replacement"].note


def test_no_limit_means_everything_is_within_policy() -> None:
    assert all(a.status is OfferStatus.WITHIN for a in assessments(PRIYA, Policy()).values())


def test_the_default_offer_falls_back_to_the_first_one_the_policy_covers() -> None:
    tight = Policy(currency="GBP", max_goodwill=Decimal("10"))  # a replacement costs about 24
    state = engine.start(DAMAGED, PRIYA, tight)
    assert state.choices.offer == "keep-with-discount"  # 0.2 x 40 = 8
    nothing = Policy(max_goodwill_share=0.0)
    ladder = DAMAGED.steps.compensate.ladder
    assert engine.start(DAMAGED, PRIYA, nothing).choices.offer == ladder[0].id


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED))
def test_the_default_offer_is_the_recommended_one(playbook_id: str) -> None:
    playbook = SHIPPED[playbook_id]
    compensate = playbook.steps.compensate
    for insured in (False, True):
        state = engine.start(playbook, PRIYA, Policy(insures_parcels=insured))
        assert state.choices.offer == compensate.recommended_for(insured=insured)


def test_an_insured_seller_starts_on_the_insured_recommendation() -> None:
    lost = SHIPPED["lost-in-transit"]
    compensate = lost.steps.compensate
    assert compensate.recommended_if_insured not in (None, compensate.recommended)
    insured = engine.start(lost, PRIYA, Policy(insures_parcels=True))
    assert insured.choices.offer == compensate.recommended_if_insured
    assert engine.start(lost, PRIYA, Policy()).choices.offer == compensate.recommended


def test_the_draft_names_the_customer_item_and_signature() -> None:
    state = engine.start(DAMAGED, PRIYA, SIGNED)
    text = engine.draft(state, DAMAGED)
    assert text.startswith("Hi Priya,")
    assert "your blue mug" in text
    assert text.rstrip().endswith("Sam\nClay Corner")
    # The acknowledgement names the item, so the apology after it says "it".
    apology = DAMAGED.steps.apologise.lines[0].replace("{item}", "blue mug")
    assert apology.replace("your blue mug", "it") in text
    assert "in 5 days" in text
    assert "{" not in text and "[" not in text


def test_missing_details_show_as_visible_markers_never_blanks() -> None:
    state = engine.start(DAMAGED)
    text = engine.draft(state, DAMAGED)
    assert text.startswith("Hi [customer's name],")
    assert "Hi ," not in text
    assert "[item]" in text
    missing = engine.missing_details(state, DAMAGED)
    assert "[customer's name]" in missing and "[your name]" in missing


def test_the_seller_shapes_the_draft_with_their_choices() -> None:
    state = engine.start(DAMAGED, PRIYA, SIGNED)
    state = engine.choose_questions(state, DAMAGED, [])
    state = engine.choose_offer(state, DAMAGED, None)
    state = engine.choose_follow_up(state, DAMAGED, None)
    state = engine.choose_apology(state, DAMAGED, 1)
    text = engine.draft(state, DAMAGED)
    for question in DAMAGED.steps.listen.questions:
        assert question.replace("{item}", "blue mug") not in text
    for offer in DAMAGED.steps.compensate.ladder:
        assert offer.script.split("{")[0].strip()[:40] not in text
    assert "check in" not in text
    assert DAMAGED.steps.apologise.lines[1].replace("{item}", "blue mug") in text


@pytest.mark.parametrize(
    ("who_pays", "phrase"),
    [
        (ReturnShipping.BUYER, "return postage is yours to cover"),
        (ReturnShipping.SELLER, "prepaid return label"),
        (ReturnShipping.CASE_BY_CASE, "agree the postage between us"),
    ],
)
def test_a_no_fault_return_follows_the_sellers_postage_policy(
    who_pays: ReturnShipping, phrase: str
) -> None:
    returning = [o for o in CHANGED_MIND.steps.compensate.ladder if o.returns_item]
    assert returning, "changed-mind should have an offer where the item comes back"
    state = engine.start(CHANGED_MIND, PRIYA, Policy(return_shipping=who_pays))
    state = engine.choose_offer(state, CHANGED_MIND, returning[0].id)
    assert phrase in engine.draft(state, CHANGED_MIND)


@pytest.mark.parametrize("who_pays", list(ReturnShipping))
def test_the_customer_never_pays_to_return_the_sellers_mistake(who_pays: ReturnShipping) -> None:
    wrong = SHIPPED["wrong-item"]
    state = engine.start(wrong, PRIYA, Policy(return_shipping=who_pays))
    state = engine.choose_offer(state, wrong, "swap-prepaid-return")
    text = engine.draft(state, wrong)
    assert "prepaid return label, so sending what you received back costs you nothing" in text
    assert "yours to cover" not in text and "agree the postage" not in text


def test_follow_up_message_and_reminder_are_filled_in() -> None:
    state = engine.start(DAMAGED, PRIYA, SIGNED)
    message = engine.follow_up_message(state, DAMAGED)
    assert message.startswith("Hi Priya,\n\n") and message.endswith("Sam\nClay Corner")
    assert message.count("Priya") == 1
    assert engine.reminder_text(state, DAMAGED).startswith("Arrived damaged (Priya)")


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED))
def test_every_shipped_playbook_renders_a_clean_draft(playbook_id: str) -> None:
    playbook = SHIPPED[playbook_id]
    full = engine.start(playbook, PRIYA, SIGNED)
    for offer in [None, *[o.id for o in playbook.steps.compensate.ladder]]:
        state = engine.choose_offer(full, playbook, offer)
        state = engine.choose_questions(
            state, playbook, list(range(len(playbook.steps.listen.questions)))
        )
        text = engine.draft(state, playbook)
        assert "{" not in text and "}" not in text
        assert not re.search(r"\[[a-z' ]+\]", text), f"unfilled marker in {playbook_id}"
        assert "  " not in text
        assert text.startswith("Hi Priya,")
    empty = engine.draft(engine.start(playbook), playbook)
    assert "Hi [customer's name]," in empty


def test_each_step_presents_its_choice_and_marks_the_selection() -> None:
    state = engine.start(DAMAGED, PRIYA, Policy(currency="GBP", max_goodwill=Decimal("20")))
    listen = presenter.present(state, DAMAGED)
    assert listen.title == "Step 1 of 4 · Listen"
    assert listen.choice is presenter.ChoiceKind.QUESTIONS and listen.multiple
    assert [o.selected for o in listen.options] == [True] + [False] * (len(listen.options) - 1)
    compensate = presenter.present(walk_to(state, DAMAGED, Step.COMPENSATE), DAMAGED)
    flagged = {o.key for o in compensate.options if o.flagged}
    assert flagged == {"replacement", "replacement-with-goodie", "full-refund"}
    assert compensate.options[-1].key == presenter.NO_OFFER
    assert any(s.heading == "Your policy" for s in compensate.sections)
    draft = presenter.present(walk_to(state, DAMAGED, Step.DRAFT), DAMAGED)
    assert draft.is_last and draft.choice is None
    assert "Hi Priya," in draft.sections[0].lines[0]


def test_apply_choice_maps_option_keys_onto_the_engine() -> None:
    state = engine.start(DAMAGED)
    state = presenter.apply_choice(state, DAMAGED, ["0", "2"])
    assert state.choices.questions == (0, 2)
    state = presenter.apply_choice(engine.go_next(state, DAMAGED), DAMAGED, ["1"])
    assert state.choices.apology == 1
    state = presenter.apply_choice(engine.go_next(state, DAMAGED), DAMAGED, ["none"])
    assert state.choices.offer is None
    state = presenter.apply_choice(engine.go_next(state, DAMAGED), DAMAGED, ["14"])
    assert state.choices.follow_up_days == 14
    with pytest.raises(CoachError):
        presenter.apply_choice(state, DAMAGED, ["soon"])
