"""The reply composer: its pieces, and every reply it makes from the shipped playbooks."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest

from bot.core import composer, engine, proofread
from bot.core.composer import ReplyChoices
from bot.core.engine import CaseDetails, Policy
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.models import Fault, Offer, OfferKind, Playbook, ReturnShipping
from bot.core.placeholders import render
from bot.core.tone import ToneChecker, load_tone_checker

SHIPPED = {p.id: p for p in load_playbooks([shipped_playbooks_dir()]).playbooks}
PRIYA = CaseDetails(
    customer="Priya",
    item="blue mug",
    order="#4471",
    order_value=Decimal("40"),
    currency="GBP",
    code="THANKS10",
    tracking="RM123456785GB",
    date="Friday 12 June",
)


def policy(return_shipping: ReturnShipping, **more: object) -> Policy:
    return Policy(
        currency="GBP",
        seller_name="Sam",
        shop_name="Clay Corner",
        return_shipping=return_shipping,
        **more,
    )


def sentences_of(text: str) -> list[str]:
    """The sentences between the greeting and the sign-off."""
    paragraphs = text.split("\n\n")[1:-1]
    return [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if s]


APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies)\b", re.I)
REFUND = re.compile(r"\brefund", re.I)
DETERMINER = re.compile(r"\b(a|an|the|your|my|this|that|another)\s+(\w+\s+)?blue mug\b", re.I)


def every_draft() -> list[tuple[str, str | None, ReturnShipping]]:
    return [
        (playbook.id, offer, shipping)
        for playbook in SHIPPED.values()
        for offer in [o.id for o in playbook.steps.compensate.ladder]
        for shipping in ReturnShipping
    ]


def make(playbook: Playbook, offer: str | None, shipping: ReturnShipping) -> str:
    state = engine.start(playbook, PRIYA, policy(shipping))
    return engine.draft(engine.choose_offer(state, playbook, offer), playbook)


# -- every playbook x every offer x every return-postage policy --------------------------------


def coherence_problems(
    text: str, offer: Offer, fault: Fault, shipping: ReturnShipping
) -> list[str]:
    """What the whole-set test holds every draft to (details as in ``PRIYA``, seller Sam)."""
    problems = []
    lowered = text.casefold()
    # one greeting, and the name only there
    if not text.startswith("Hi Priya,\n\n"):
        problems.append("does not open with the greeting")
    if text.count("Priya") != 1:
        problems.append("the name more than once")
    if re.search(r"^(hi|hello|dear)\b", text[10:], re.I | re.M):
        problems.append("a second greeting")
    # at most one apology in a row, two in all
    apologies = [bool(APOLOGY.search(s)) for s in sentences_of(text)]
    if any(a and b for a, b in itertools.pairwise(apologies)):
        problems.append("two apologies in a row")
    if sum(apologies) > 2:
        problems.append("more than two apologies")
    # postage: the customer never pays for the seller's or the carrier's fault
    if fault in (Fault.SELLER, Fault.CARRIER) and (
        "yours to cover" in lowered or "agree the postage" in lowered
    ):
        problems.append("the customer pays postage for someone else's fault")
    payers = [
        p for p in ("yours to cover", "prepaid return label", "agree the postage") if p in lowered
    ]
    if len(payers) != (1 if offer.returns_item else 0):
        problems.append(f"says who pays the return postage {len(payers)} times")
    if offer.returns_item and fault is Fault.NOBODY:
        expected = {
            ReturnShipping.BUYER: "yours to cover",
            ReturnShipping.SELLER: "prepaid return label",
            ReturnShipping.CASE_BY_CASE: "agree the postage",
        }[shipping]
        if payers != [expected]:
            problems.append("the return postage does not follow the policy")
    if offer.returns_item and not re.search(
        r"\b(send|sending|post|posting)\b[^.]{0,40}\bback\b", lowered
    ):
        problems.append("the item is to come back but the reply never asks for it")
    # credit and swaps are not refunds
    if offer.kind in (OfferKind.SHOP_CREDIT, OfferKind.EXCHANGE) and REFUND.search(text):
        problems.append("refund wording for credit or a swap")
    # the item always comes with a determiner
    if text.count("blue mug") != len(DETERMINER.findall(text)):
        problems.append("the item without a determiner")
    # what is promised is there, and said once
    if "code" in offer.script and "THANKS10" not in text:
        problems.append("a code promised but not given")
    if "{tracking}" in offer.script and "RM123456785GB" not in text:
        problems.append("tracking promised but not given")
    tracking_given = [
        s
        for s in sentences_of(text)
        if re.search(r"\btracking number\b|\bsend\b[^.]*\btracking", s)
    ]
    if len(tracking_given) > 1:
        problems.append("the tracking number given or promised twice")
    if re.search(r"\[[^\]]+\]|[{}]", text):
        problems.append("a placeholder left")
    # no sentence twice, not too long
    said = [s.casefold() for s in sentences_of(text)]
    if len(said) != len(set(said)):
        problems.append("a sentence said twice")
    if len(text) >= 1500:
        problems.append("too long")
    problems += proofread.draft_problems(text, offer=offer, fault=fault)
    return problems


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED))
def test_every_draft_reads_as_one_coherent_message(playbook_id: str) -> None:
    playbook = SHIPPED[playbook_id]
    fault = playbook.steps.compensate.fault
    for offer in playbook.steps.compensate.ladder:
        for shipping in ReturnShipping:
            text = make(playbook, offer.id, shipping)
            where = f"{playbook_id} / {offer.id} / {shipping.value}:\n{text}"
            assert coherence_problems(text, offer, fault, shipping) == [], where


SWAP = Offer(id="swap", label="Swap it", kind=OfferKind.EXCHANGE, cost=0.1, script="I'll swap it.")
GOOD = (
    "Hi Priya,\n\nThank you for telling me. I'm so sorry your blue mug arrived the wrong "
    "size.\n\nI'll swap it. Please send it back to me; the return postage is yours to cover. "
    "I'll post the new one as soon as yours is on its way back to me.\n\nWarm wishes,\nSam\n"
    "Clay Corner"
)


@pytest.mark.parametrize(
    ("before", "after", "caught"),
    [
        ("Hi Priya,\n\n", "Hello,\n\n", "does not open with the greeting"),
        ("Thank you for telling me.", "Hi Priya, thank you.", "the name more than once"),
        ("Thank you for telling me.", "I'm sorry.", "two apologies in a row"),
        ("I'll swap it.", "I'll swap it. Sorry. Thanks. Sorry again.", "more than two apologies"),
        ("yours to cover", "ours to cover", "says who pays the return postage 0 times"),
        (
            "the return postage is yours to cover",
            "I'll send a prepaid return label",
            "the return postage does not follow the policy",
        ),
        ("Please send it back to me; the", "The", "the reply never asks for it"),
        ("I'll swap it.", "I'll swap it or refund it.", "refund wording for credit or a swap"),
        ("your blue mug", "blue mug", "the item without a determiner"),
        (
            "I'll swap it.",
            "I'll swap it. Here's the tracking number: RM1. I'll send you the tracking soon.",
            "the tracking number given or promised twice",
        ),
        ("I'll swap it.", "I'll swap it, [date].", "a placeholder left"),
        ("I'll swap it.", "I'll swap it. I'll swap it.", "a sentence said twice"),
        ("I'll swap it.", "I'll swap it." + " Really." * 200, "too long"),
    ],
)
def test_the_whole_set_checks_can_fail(before: str, after: str, caught: str) -> None:
    """Each check of the whole-set test catches the mistake it is there for."""
    assert coherence_problems(GOOD, SWAP, Fault.NOBODY, ReturnShipping.BUYER) == []
    assert before in GOOD
    broken = GOOD.replace(before, after, 1)
    problems = coherence_problems(broken, SWAP, Fault.NOBODY, ReturnShipping.BUYER)
    assert any(caught in p for p in problems), problems


def test_the_whole_set_checks_catch_postage_charged_for_the_sellers_fault() -> None:
    problems = coherence_problems(GOOD, SWAP, Fault.SELLER, ReturnShipping.BUYER)
    assert "the customer pays postage for someone else's fault" in problems


def test_the_whole_set_checks_catch_a_promised_code_left_out() -> None:
    offer = Offer(
        id="code", label="Code", kind=OfferKind.DISCOUNT, cost=0.1, script="Use {code} next time."
    )
    text = GOOD.replace(
        "I'll swap it. Please send it back to me; the return postage is yours "
        "to cover. I'll post the new one as soon as yours is on its way back to "
        "me.",
        "Use the code next time.",
    )
    assert "a code promised but not given" in coherence_problems(
        text, offer, Fault.NOBODY, ReturnShipping.BUYER
    )


PLURAL = "silver hoops"
SINGULAR_AFTER = re.compile(
    rf"\b{PLURAL} (?:(?:still|now|already) )?(?:is|was|has|isn't|wasn't|hasn't|doesn't)\b"
)


GOVERNED = {"of", "like", "than", "with", "for", "from", "about", "on", "in", "to", "at", "by"}


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED))
def test_a_plural_item_agrees_in_every_draft(playbook_id: str) -> None:
    """With a plural item the verb after it, a verb-first question and the article agree."""
    playbook = SHIPPED[playbook_id]
    details = PRIYA.model_copy(update={"item": PLURAL})
    for offer in [*playbook.steps.compensate.ladder, None]:
        state = engine.start(playbook, details, policy(ReturnShipping.BUYER))
        state = engine.choose_offer(state, playbook, offer.id if offer else None)
        for text in (engine.draft(state, playbook), engine.follow_up_message(state, playbook)):
            where = f"{playbook_id} / {offer.id if offer else None}:\n{text}"
            for found in SINGULAR_AFTER.finditer(text):
                # "everything about your silver hoops has...": the verb is not the item's
                before = re.findall(r"[\w']+", text[: found.start()])[-2:]
                assert before and before[0].casefold() in GOVERNED, where
            assert not re.search(rf"\b(?:a|an|another)\s+(?:[\w-]+\s+)?{PLURAL}", text), where
            assert not re.search(rf"\b(?:Is|Has|Was|Does) (?:your|the) {PLURAL}", text), where
            assert not re.search(r"\bthem(?:'s| is| was| has)\b|\bthey (?:is|was|has)\b", text), (
                where
            )


def test_the_whole_set_is_covered() -> None:
    drafts = every_draft()
    offers = sum(len(p.steps.compensate.ladder) for p in SHIPPED.values())
    assert len(drafts) == offers * 3
    assert len(SHIPPED) >= 31


@pytest.fixture(scope="module")
def checker() -> ToneChecker:
    return load_tone_checker(compile_all=False)


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED))
def test_the_recommended_draft_passes_the_tone_check(
    playbook_id: str, checker: ToneChecker
) -> None:
    playbook = SHIPPED[playbook_id]
    for insured in (False, True):
        state = engine.start(playbook, PRIYA, policy(ReturnShipping.BUYER, insures_parcels=insured))
        text = engine.draft(state, playbook)
        report = checker.check(text, complaint=playbook.answers_complaint)
        assert report.ok, f"{text}\n{[(f.kind, f.text) for f in report.findings]}"


def test_every_draft_passes_the_tone_check(checker: ToneChecker) -> None:
    """Every playbook x every offer x every return-postage policy: the composer's own words
    never trip the product's own tone check."""
    failing = []
    for playbook_id, offer, shipping in every_draft():
        playbook = SHIPPED[playbook_id]
        text = make(playbook, offer, shipping)
        report = checker.check(text, complaint=playbook.answers_complaint)
        if not report.ok:
            failing.append((playbook_id, offer, shipping, [f.text for f in report.findings]))
    assert not failing, failing


def test_every_follow_up_message_passes_the_tone_check(checker: ToneChecker) -> None:
    """The message a seller sends when checking back, for every offer, reads as kindly as the
    reply: checking that a parcel "reached you this time" is not a lecture."""
    failing = []
    for playbook in SHIPPED.values():
        for offer in [None, *(o.id for o in playbook.steps.compensate.ladder)]:
            state = engine.start(playbook, PRIYA, policy(ReturnShipping.BUYER))
            state = engine.choose_offer(state, playbook, offer)
            if state.choices.follow_up_days is None:
                continue
            text = engine.follow_up_message(state, playbook)
            report = checker.check(text)
            if not report.ok:
                failing.append((playbook.id, offer, [f.text for f in report.findings]))
    assert not failing, failing


# -- the composer's pieces ---------------------------------------------------------------------

DAMAGED = SHIPPED["damaged-in-transit"]
VALUES = dict(proofread.SAMPLE_VALUES)


@pytest.mark.parametrize(
    ("fault", "shipping", "payer"),
    [
        (Fault.SELLER, ReturnShipping.BUYER, "seller"),
        (Fault.CARRIER, ReturnShipping.CASE_BY_CASE, "seller"),
        (Fault.BUYER, ReturnShipping.SELLER, "buyer"),
        (Fault.NOBODY, ReturnShipping.BUYER, "buyer"),
        (Fault.NOBODY, ReturnShipping.SELLER, "seller"),
        (Fault.NOBODY, ReturnShipping.CASE_BY_CASE, "agree"),
    ],
)
def test_the_policy_decides_postage_only_for_no_fault_returns(
    fault: Fault, shipping: ReturnShipping, payer: str
) -> None:
    assert composer.return_payer(fault, shipping) == payer


def offer_of(kind: OfferKind, script: str = "Here is my offer.") -> Offer:
    low, _ = kind.cost_range
    return Offer(id="an-offer", label="An offer", kind=kind, cost=low, script=script)


@pytest.mark.parametrize(
    ("kind", "says", "never"),
    [
        (OfferKind.REFUND_ON_RETURN, ["yours to cover", "refund will go out"], ["no need"]),
        (OfferKind.EXCHANGE, ["yours to cover", "post the new one"], ["refund"]),
        (OfferKind.REPAIR, ["yours to cover", "post it back"], ["refund"]),
        (OfferKind.REPLACEMENT, ["no need to send anything back", "RM123456785GB"], ["postage"]),
        (OfferKind.RESHIP, ["RM123456785GB"], ["postage", "refund"]),
        (OfferKind.PARTIAL_REFUND, ["few working days"], ["postage", "send"]),
        (OfferKind.FULL_REFUND, ["few working days"], ["postage"]),
        (OfferKind.CANCEL, ["few working days"], ["postage", "send"]),
        (OfferKind.SHOP_CREDIT, [], ["refund", "postage"]),
        (OfferKind.DISCOUNT, [], ["refund", "postage"]),
        (OfferKind.GOODWILL, [], ["refund", "postage"]),
        (OfferKind.NO_OFFER, [], ["refund", "postage"]),
    ],
)
def test_each_kind_adds_its_own_logistics(
    kind: OfferKind, says: list[str], never: list[str]
) -> None:
    # a replacement or a reship that goes out today gets its tracking number given
    sent_today = kind in (OfferKind.REPLACEMENT, OfferKind.RESHIP)
    lines = composer.logistics(
        offer_of(kind, "I'll post it today." if sent_today else "Here is my offer."),
        Fault.NOBODY,
        ReturnShipping.BUYER,
        VALUES,
    )
    text = render(" ".join(lines), VALUES)
    for phrase in says:
        assert phrase in text, (kind, text)
    for phrase in never:
        assert phrase not in text.casefold(), (kind, text)


def test_an_exchange_that_already_says_when_does_not_say_it_again() -> None:
    now = offer_of(OfferKind.EXCHANGE, "I'll post the new one to you today.")
    later = offer_of(OfferKind.EXCHANGE, "I'd be happy to swap it.")
    assert len(composer.logistics(now, Fault.NOBODY, ReturnShipping.BUYER, VALUES)) == 1
    assert len(composer.logistics(later, Fault.NOBODY, ReturnShipping.BUYER, VALUES)) == 2


def test_a_replacement_still_to_be_made_promises_its_tracking_rather_than_giving_it() -> None:
    """The tracking number is given only for one that goes out now, not one to be made first."""
    later = offer_of(OfferKind.REPLACEMENT, "I'll make you a new one.")
    now = offer_of(OfferKind.REPLACEMENT, "I'll post a new one today.")
    said_later = " ".join(composer.logistics(later, Fault.SELLER, ReturnShipping.BUYER, VALUES))
    said_now = " ".join(composer.logistics(now, Fault.SELLER, ReturnShipping.BUYER, VALUES))
    assert "{tracking}" not in said_later and "as soon as it's in the post" in said_later
    assert "{tracking}" in said_now


def test_a_replacement_without_tracking_promises_it_rather_than_leaving_a_blank() -> None:
    offer = offer_of(OfferKind.REPLACEMENT)
    lines = composer.logistics(
        offer, Fault.CARRIER, ReturnShipping.BUYER, {**VALUES, "tracking": None}
    )
    assert "{tracking}" not in " ".join(lines)
    assert "as soon as it's in the post" in " ".join(lines)


def test_the_reply_is_in_order_and_signed() -> None:
    damaged = DAMAGED.steps
    replacement = next(o for o in damaged.compensate.ladder if o.id == "replacement")
    choices = ReplyChoices(
        questions=(1, 0),
        apology=1,
        offer=replacement,
        follow_up_days=1,
        return_shipping=ReturnShipping.BUYER,
    )
    reply = composer.compose(DAMAGED, choices, VALUES)
    greeting, opening, questions, offer, promise, sign_off = reply.paragraphs
    assert greeting == "Hi Priya,"
    assert opening.startswith(damaged.listen.acknowledge.split(".")[0])
    assert damaged.apologise.lines[1].split(".")[0] in opening
    assert questions.index("photo") < questions.index("outside of the parcel")
    assert offer.startswith("I'd like to send you a replacement")
    assert "in 5 days " in promise
    assert sign_off == "Warm wishes,\nSam\nClay Corner"
    assert reply.missing == ()


@pytest.mark.parametrize(("days", "said"), [(1, "in 1 day "), (7, "in 7 days ")])
def test_the_follow_up_promise_counts_days_in_words(days: int, said: str) -> None:
    state = engine.choose_follow_up(engine.start(DAMAGED, PRIYA), DAMAGED, days)
    text = engine.draft(state, DAMAGED)
    assert said in text and "day(s)" not in text


def test_the_same_sentence_is_never_said_twice() -> None:
    base = DAMAGED.model_dump()
    base["steps"]["follow_up"]["promise"] = (
        "I'll send you the tracking number as soon as it's in the post. I'll check in in {days}."
    )
    playbook = Playbook.model_validate(base)
    replacement = next(o for o in playbook.steps.compensate.ladder if o.id == "replacement")
    choices = ReplyChoices(offer=replacement, follow_up_days=5)
    text = composer.compose(playbook, choices, {**VALUES, "tracking": None}).text
    assert text.count("I'll send you the tracking number as soon as it's in the post.") == 1


@pytest.mark.parametrize(
    ("previous", "sentence", "item", "said"),
    [
        (
            "Opening your blue mug broken is no fun.",
            "I'm so sorry your blue mug reached you like this.",
            "blue mug",
            "I'm so sorry it reached you like this.",
        ),
        (  # named twice: both become "it"
            "Thank you for the photo of your vase.",
            "I'd like to fix your vase, and to send your vase back by tracked post.",
            "vase",
            "I'd like to fix it, and to send it back by tracked post.",
        ),
        (  # the sentence before did not name it
            "Thank you for telling me.",
            "I'm so sorry your blue mug reached you like this.",
            "blue mug",
            "I'm so sorry your blue mug reached you like this.",
        ),
        (  # several things: "them" or "they" would depend on the verb, so they stay named
            "Opening your silver hoops bent is no fun.",
            "I'm so sorry your silver hoops reached you like this.",
            "silver hoops",
            "I'm so sorry your silver hoops reached you like this.",
        ),
        (  # a possessive stays
            "Your blue mug arrived chipped.",
            "I can see your blue mug's handle came off.",
            "blue mug",
            "I can see your blue mug's handle came off.",
        ),
        (  # the start of a sentence stays
            "Thank you for telling me about your blue mug.",
            "Your blue mug should last longer than that.",
            "blue mug",
            "Your blue mug should last longer than that.",
        ),
        (  # another word that starts with the item's name stays
            "Your mug arrived chipped.",
            "I'll send your mugs out today.",
            "mug",
            "I'll send your mugs out today.",
        ),
        (  # "that" is not the hat: the sentence before must name "your hat"
            "I can see that this went wrong.",
            "Is the problem with your hat or the box?",
            "hat",
            "Is the problem with your hat or the box?",
        ),
        (  # "upset" is not the set
            "I understand why you're upset.",
            "I'm sorry your set is stuck at customs.",
            "set",
            "I'm sorry your set is stuck at customs.",
        ),
        (  # an item that may be several things stays named
            "Your mugs x2 arrived chipped.",
            "I'm sorry your mugs x2 reached you like this.",
            "mugs x2",
            "I'm sorry your mugs x2 reached you like this.",
        ),
        (
            "Your mug and saucer arrived chipped.",
            "I'm sorry your mug and saucer reached you like this.",
            "mug and saucer",
            "I'm sorry your mug and saucer reached you like this.",
        ),
        (  # "it itself" would not do
            "Thank you for the photo of your vase.",
            "Is the problem with your vase itself, or with the box?",
            "vase",
            "Is the problem with your vase itself, or with the box?",
        ),
    ],
)
def test_an_item_named_in_one_sentence_is_it_in_the_next(
    previous: str, sentence: str, item: str, said: str
) -> None:
    assert composer._join([previous, sentence], set(), item) == f"{previous} {said}"


def test_a_proactive_reply_has_no_apology() -> None:
    confirmation = SHIPPED["order-confirmation"]
    assert confirmation.steps.apologise.lines == []
    assert not confirmation.answers_complaint
    text = composer.compose(confirmation, ReplyChoices(follow_up_days=3), VALUES).text
    assert not APOLOGY.search(text)


def test_missing_details_render_as_markers_and_are_listed() -> None:
    out_of_stock = SHIPPED["out-of-stock"]
    offer = next(o for o in out_of_stock.steps.compensate.ladder if o.kind is OfferKind.DISCOUNT)
    reply = composer.compose(out_of_stock, ReplyChoices(offer=offer), {})
    assert reply.text.startswith("Hi [customer's name],")
    assert {"[customer's name]", "[item]", "[discount code]", "[date]", "[your name]"} <= set(
        reply.missing
    )
    assert "{" not in reply.text


def test_the_follow_up_message_is_greeted_and_signed_once() -> None:
    message = composer.compose_follow_up(DAMAGED, VALUES).text
    assert message.startswith("Hi Priya,\n\n")
    assert message.endswith("\n\nWarm wishes,\nSam\nClay Corner")
    assert message.count("Priya") == 1


def test_a_follow_up_fits_the_offer_chosen() -> None:
    """An offer with a follow-up of its own (a refund instead of a replacement) uses it, in the
    reply's promise and in the check-in message; other offers use the playbook's."""
    damaged = SHIPPED["damaged-in-transit"]
    refund = next(o for o in damaged.steps.compensate.ladder if o.id == "full-refund")
    assert refund.follow_up and not refund.promise
    state = engine.start(damaged, PRIYA, policy(ReturnShipping.BUYER))
    replaced = engine.follow_up_message(engine.choose_offer(state, damaged, "replacement"), damaged)
    refunded = engine.follow_up_message(engine.choose_offer(state, damaged, "full-refund"), damaged)
    assert "replacement" in replaced and "refund" not in replaced
    assert "refund for order #4471 has reached you" in refunded and "replacement" not in refunded
    custom = SHIPPED["custom-order-issue"]
    state = engine.start(custom, PRIYA, policy(ReturnShipping.BUYER))
    text = engine.draft(engine.choose_offer(state, custom, "full-refund"), custom)
    assert "make sure the refund has reached you" in text and "photo of the new" not in text


def test_a_cancellation_costs_no_more_than_the_fees() -> None:
    """Cancelling an order that hasn't gone out is within even a small goodwill limit."""
    cancels = [
        (playbook, offer)
        for playbook in SHIPPED.values()
        for offer in playbook.steps.compensate.ladder
        if offer.kind is OfferKind.CANCEL
    ]
    assert {p.id for p, _ in cancels} >= {"cancel-order", "price-error"}
    small = policy(ReturnShipping.BUYER, max_goodwill=Decimal("5"))
    for playbook, offer in cancels:
        assessment = engine.assess_offer(offer, PRIYA, small)
        assert assessment.status is engine.OfferStatus.WITHIN, (playbook.id, assessment)
    assert not OfferKind.CANCEL.returns_item
