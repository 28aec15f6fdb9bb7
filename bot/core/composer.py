"""The reply composer: one coherent message from the seller's choices.

A playbook's fields are written apart (an acknowledgement, apology lines, questions, offer
scripts, a follow-up promise); the composer puts the chosen ones together the way a seller would
write them, and adds what follows from the offer itself: whether the item comes back, who pays
to send it (the seller's return-postage policy for a no-fault return; never the customer when the
seller or the carrier is at fault), and when the refund or the replacement happens.

The reply, in order: one greeting; the acknowledgement and one apology; the chosen questions; the
offer and its logistics; the follow-up promise; the sign-off. Every placeholder is filled or left
as a visible marker, no sentence is said twice. Pure: no I/O, no Discord, no database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.agreement import agree, is_plural
from bot.core.models import Fault, Offer, OfferKind, Playbook, ReturnShipping
from bot.core.placeholders import NATURAL, PLACEHOLDERS, render

GREETING = "Hi {customer},"
SIGN_OFF = "Warm wishes,\n{seller}\n{shop}"
#: A reply longer than this reads as a wall of text (and nears Discord's own limits).
MAX_REPLY = 1500

_REFUND_TIMING = "Refunds usually reach your account within a few working days."
_RETURN_POSTAGE = {
    # who pays -> how the reply says it, about sending {what} back
    "seller": "I'll send you a prepaid return label, so sending {what} back costs you nothing.",
    "buyer": "Please send {what} back to me; the return postage is yours to cover.",
    "agree": "I'll let you know the best way to send {what} back, and we'll agree the postage "
    "between us.",
}
_POLICY_PAYER = {
    ReturnShipping.SELLER: "seller",
    ReturnShipping.BUYER: "buyer",
    ReturnShipping.CASE_BY_CASE: "agree",
}
#: Words by which a script already says when the new one goes out ("I'll post it now").
_SAYS_WHEN = re.compile(
    r"\b(now|today|tomorrow|straight away|right away|first thing|immediately)\b", re.I
)
#: Words by which a replacement's script says it goes out now, so its tracking number can be given.
_GOES_NOW = re.compile(
    r"\b(post|send|ship|dispatch)\w*\b[^.]{0,60}\b(now|today|straight away|right away|"
    r"this morning|first thing)\b|\bI've (posted|sent|shipped)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\[(])")


def return_payer(fault: Fault, policy: ReturnShipping) -> str:
    """Who pays to send an item back: ``seller``, ``buyer`` or ``agree`` (case by case).

    The seller's policy is a rule for no-fault returns; when the seller or the carrier is at
    fault the customer never pays, and when the buyer is, the buyer does.
    """
    if fault in (Fault.SELLER, Fault.CARRIER):
        return "seller"
    if fault is Fault.BUYER:
        return "buyer"
    return _POLICY_PAYER[ReturnShipping(policy)]


def logistics(
    offer: Offer, fault: Fault, policy: ReturnShipping, values: Mapping[str, str | None]
) -> list[str]:
    """The sentences that follow from the offer's kind: return, postage and timing."""
    kind = offer.kind
    plural = is_plural(values.get("item") or "")
    # In a swap "it" could be the new one (or, for a wrong item, the one ordered): name the one
    # that goes back.
    if kind is OfferKind.EXCHANGE and fault is Fault.SELLER:
        what = "what you received"  # the wrong thing sent, whatever it was
    elif kind is OfferKind.EXCHANGE:
        what = "the ones you have" if plural else "the one you have"
    else:
        what = "them" if plural else "it"
    postage = _RETURN_POSTAGE[return_payer(fault, policy)].replace("{what}", what)
    # A tracking number is given only when the script sends the new one now ("I'll post it
    # today"); one to be made, or posted once the customer answers, gets a promise instead.
    tracking = bool((values.get("tracking") or "").strip()) and bool(_GOES_NOW.search(offer.script))
    back = "they're back" if plural else "it's back"
    if kind in (OfferKind.PARTIAL_REFUND, OfferKind.CANCEL):
        return [_REFUND_TIMING]
    if kind is OfferKind.FULL_REFUND:
        if fault in (Fault.SELLER, Fault.CARRIER):
            return ["There's no need to send anything back.", _REFUND_TIMING]
        return [_REFUND_TIMING]
    if kind is OfferKind.REFUND_ON_RETURN:
        return [postage, f"Your refund will go out as soon as {back} with me."]
    if kind is OfferKind.EXCHANGE:
        if _SAYS_WHEN.search(offer.script):
            return [postage]
        if plural:
            return [postage, "I'll post the new ones as soon as yours are on their way back to me."]
        return [postage, "I'll post the new one as soon as yours is on its way back to me."]
    if kind is OfferKind.REPAIR:
        return [postage, f"I'll post {what} back to you as soon as the work is done."]
    if kind is OfferKind.REPLACEMENT:
        follow = (
            "Here's the tracking number for the new one: {tracking}."
            if tracking
            else "I'll send you the tracking number as soon as it's in the post."
        )
        return ["There's no need to send anything back.", follow]
    if kind is OfferKind.RESHIP:
        if tracking:
            return ["You can follow it with the tracking number {tracking}."]
        return ["I'll send you the tracking number as soon as it's in the post."]
    # no-offer, goodwill, discount, shop-credit: the script says it all
    return []


@dataclass(frozen=True, slots=True)
class ReplyChoices:
    """What the seller picked for one reply."""

    questions: Sequence[int] = (0,)
    apology: int = 0
    offer: Offer | None = None
    follow_up_days: int | None = None
    return_shipping: ReturnShipping = ReturnShipping.BUYER


@dataclass(frozen=True, slots=True)
class Reply:
    """A composed reply: its paragraphs, filled in, and the markers still to fill."""

    paragraphs: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (at a full stop, question or exclamation mark)."""
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def _key(sentence: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", sentence.casefold()).split())


#: An item that may name several things however it ends ("mugs x2", "mug and saucer").
_SEVERAL = re.compile(r"\d|\sx\b|×|\band\b|&|\+", re.I)


def _refer_back(sentence: str, previous: str, item: str) -> str:
    """``sentence`` with "your <item>" said as "it" when the sentence before named "your
    <item>" too, as a writer would ("I'm so sorry your mug broke. Could you send me a photo of
    it?").

    Only a single item, never at the start of the sentence (where "It" would need its case and
    often reads unclear), never before a possessive ("your mug's handle") or "itself"."""
    item = " ".join(item.split())
    if not item or is_plural(item) or _SEVERAL.search(item):
        return sentence
    name = re.escape(item).replace(r"\ ", r"\s+")
    named = rf"your\s+{name}(?![\w'’-])"
    if not re.search(rf"(?<![\w'’-]){named}", previous, re.I):
        return sentence
    return re.sub(rf"(?<=\S)(\s+){named}(?!\s+itself)", r"\1it", sentence)


def _join(parts: Sequence[str], said: set[str], item: str = "") -> str:
    """Sentences of ``parts`` not said before, as one paragraph; an item named in one sentence
    is "it" in the next."""
    kept: list[str] = []
    for part in parts:
        for sentence in sentences(part):
            key = _key(sentence)
            if key and key not in said:
                said.add(key)
                kept.append(_refer_back(sentence, kept[-1], item) if kept else sentence)
    return " ".join(kept)


def missing_markers(text: str, values: Mapping[str, str | None]) -> tuple[str, ...]:
    return tuple(
        marker
        for name, marker in PLACEHOLDERS.items()
        if name not in NATURAL and not (values.get(name) or "").strip() and marker in text
    )


def compose(playbook: Playbook, choices: ReplyChoices, values: Mapping[str, str | None]) -> Reply:
    """The whole reply for ``playbook`` with ``choices``, filled in from ``values``."""
    steps = playbook.steps
    said: set[str] = set()
    item = values.get("item") or ""
    fill = lambda text: agree(render(text, values), item)  # noqa: E731
    paragraphs = [fill(GREETING)]
    lines = steps.apologise.lines
    apology = lines[min(max(choices.apology, 0), len(lines) - 1)] if lines else ""
    paragraphs.append(_join([fill(steps.listen.acknowledge), fill(apology)], said, item))
    questions = [
        fill(steps.listen.questions[i])
        for i in sorted(set(choices.questions))
        if 0 <= i < len(steps.listen.questions)
    ]
    # Questions are chosen in any combination and answered one by one: each names the item.
    paragraphs.append(_join(questions, said))
    if choices.offer is not None:
        offer = choices.offer
        extra = logistics(offer, steps.compensate.fault, choices.return_shipping, values)
        paragraphs.append(_join([fill(offer.script), *(fill(e) for e in extra)], said, item))
    if choices.follow_up_days is not None:
        paragraphs.append(_join([fill(follow_up_promise(playbook, choices.offer))], said))
    paragraphs.append(fill(SIGN_OFF))
    kept = tuple(p for p in paragraphs if p)
    text = "\n\n".join(kept)
    return Reply(kept, missing_markers(text, values))


def follow_up_promise(playbook: Playbook, offer: Offer | None) -> str:
    """The reply's promise to check back: the chosen offer's own, or the playbook's."""
    if offer is not None and offer.promise:
        return offer.promise
    return playbook.steps.follow_up.promise


def follow_up_body(playbook: Playbook, offer: Offer | None) -> str:
    """The follow-up message's body: the chosen offer's own, or the playbook's."""
    if offer is not None and offer.follow_up:
        return offer.follow_up
    return playbook.steps.follow_up.message


def compose_follow_up(
    playbook: Playbook, values: Mapping[str, str | None], offer: Offer | None = None
) -> Reply:
    """The follow-up message for the chosen ``offer`` (if any), greeted and signed like the
    reply."""
    item = values.get("item") or ""
    paragraphs = tuple(
        agree(render(p, values), item)
        for p in (GREETING, follow_up_body(playbook, offer), SIGN_OFF)
    )
    return Reply(paragraphs, missing_markers("\n\n".join(paragraphs), values))
