"""The playbook: one situation a seller meets, and how to coach them through it.

The top-level skeleton (id, title, summary, category, match, steps with the four moves) is a
contract that tools and contributors rely on; ``playbooks/schema.json`` is generated from these
models (``seller-coach schema``) so editors can complete and check playbook files.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.core.placeholders import check_placeholders, placeholders_ok

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

#: Size limits that keep every piece displayable on Discord (an embed field holds 1024
#: characters, a select option label 100, a title 256) and keep files reviewable.
MAX_TEXT = 1000
MAX_TIP = 500
MAX_LABEL = 80
MAX_TITLE = 60
MAX_SUMMARY = 200
MAX_PHRASE = 300


def _trusted(info: ValidationInfo) -> bool:
    """True for data that was validated before (the loader's cache)."""
    return bool(info.context and info.context.get("trusted"))


def _no_bad_placeholders(text: str, info: ValidationInfo) -> str:
    if _trusted(info) or placeholders_ok(text):
        return text
    problems = list(check_placeholders(text))
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    return text


def _plain(text: str, info: ValidationInfo) -> str:
    if not _trusted(info) and ("{" in text or "}" in text):
        raise ValueError("braces are not allowed here: placeholders belong in customer-facing text")
    return text


#: Customer-facing text: may use the placeholders of :mod:`bot.core.placeholders`.
Script = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_bad_placeholders),
]
#: Advice to the seller: plain text, no placeholders.
Tip = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TIP),
    AfterValidator(_plain),
]
#: A phrasing used for matching: what a seller or a customer would write.
Phrase = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=MAX_PHRASE),
    AfterValidator(_plain),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LABEL)]


class Category(StrEnum):
    """The small fixed set of kinds of situation, used to browse playbooks."""

    DELIVERY = "delivery"
    PRODUCT = "product"
    ORDER = "order"
    PAYMENT = "payment"
    PEOPLE = "people"
    PROACTIVE = "proactive"


#: How each category is named where sellers browse the situations.
CATEGORY_NAMES = {
    Category.DELIVERY: "Delivery",
    Category.PRODUCT: "Product",
    Category.ORDER: "Order",
    Category.PAYMENT: "Payment",
    Category.PEOPLE: "People",
    Category.PROACTIVE: "Messages to send anyway",
}


class Fault(StrEnum):
    """Whose fault the situation usually is; it decides who pays to send an item back.

    When the seller or the carrier is at fault the customer never pays to send anything back;
    when nobody is (a change of mind, a swap for fit) the seller's return-postage policy
    applies; when the buyer is, the buyer pays.
    """

    SELLER = "seller"
    CARRIER = "carrier"
    BUYER = "buyer"
    NOBODY = "nobody"


class ReturnShipping(StrEnum):
    """The seller's return-postage policy: who pays to send an item back when nobody is at
    fault."""

    BUYER = "buyer"
    SELLER = "seller"
    CASE_BY_CASE = "case-by-case"


class OfferKind(StrEnum):
    """What an offer is; it decides the logistics the reply adds and a sane cost range."""

    NO_OFFER = "no-offer"
    CANCEL = "cancel"
    GOODWILL = "goodwill"
    DISCOUNT = "discount"
    SHOP_CREDIT = "shop-credit"
    PARTIAL_REFUND = "partial-refund"
    REFUND_ON_RETURN = "refund-on-return"
    EXCHANGE = "exchange"
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    RESHIP = "reship"
    FULL_REFUND = "full-refund"

    @property
    def cost_range(self) -> tuple[float, float]:
        """The share of the order value an offer of this kind can sensibly cost the seller."""
        return KIND_COSTS[self]

    @property
    def returns_item(self) -> bool:
        """True when the customer sends the item back for an offer of this kind."""
        return self in RETURNING_KINDS


#: The share of the order value each kind of offer can cost (lint and validation enforce it).
#: A refund on return costs little: the item comes back.
KIND_COSTS: dict[OfferKind, tuple[float, float]] = {
    OfferKind.NO_OFFER: (0.0, 0.0),
    # Cancelling an order that hasn't gone out refunds money for goods the seller still has:
    # it costs nothing beyond the payment fees.
    OfferKind.CANCEL: (0.0, 0.1),
    OfferKind.GOODWILL: (0.0, 0.3),
    OfferKind.DISCOUNT: (0.0, 0.3),
    OfferKind.SHOP_CREDIT: (0.0, 0.6),
    OfferKind.PARTIAL_REFUND: (0.05, 0.7),
    OfferKind.REFUND_ON_RETURN: (0.0, 0.4),
    OfferKind.EXCHANGE: (0.0, 0.5),
    OfferKind.REPAIR: (0.05, 0.8),
    OfferKind.REPLACEMENT: (0.2, 1.2),
    OfferKind.RESHIP: (0.1, 1.2),
    OfferKind.FULL_REFUND: (0.8, 1.2),
}
#: The kinds of offer for which the item comes back to the seller.
RETURNING_KINDS = frozenset({OfferKind.REFUND_ON_RETURN, OfferKind.EXCHANGE, OfferKind.REPAIR})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MatchSpec(_Strict):
    """What the matcher reads to recognise the situation."""

    examples: list[Phrase] = Field(
        min_length=10,
        description="Real phrasings, in the seller's words and in the customer's own words, "
        "short and long.",
    )
    keywords: list[Phrase] = Field(
        default_factory=list, description="Extra terms and synonyms that point to this situation."
    )


class ListenStep(_Strict):
    """Move 1: read the whole message, get the whole story, gather evidence."""

    acknowledge: Script = Field(
        description="One or two sentences after the greeting that show the customer they were "
        "heard. No greeting, no {customer} and no apology (the apology line follows)."
    )
    questions: list[Script] = Field(
        min_length=1,
        description="Questions to ask the customer, most useful first: each a complete, natural "
        "sentence ending in '?', with no greeting or name.",
    )
    evidence: list[Tip] = Field(
        default_factory=list,
        description="What the seller should gather before deciding (photos, tracking, ...).",
    )
    tips: list[Tip] = Field(min_length=1, description="Advice for this move.")


class ApologiseStep(_Strict):
    """Move 2: own the feeling without necessarily owning the fault."""

    lines: list[Script] = Field(
        description="Apology lines to choose from, each apologising once and sounding like a "
        "person; no greeting or name. Empty only for a proactive playbook whose message answers "
        "no complaint (then the reply has no apology)."
    )
    tips: list[Tip] = Field(min_length=1, description="Advice for this move.")


class Offer(_Strict):
    """One rung of the compensation ladder."""

    id: Slug = Field(description="Unique within the playbook, kebab-case.")
    label: Label = Field(description="Short name shown on a menu, e.g. 'Send a replacement'.")
    kind: OfferKind = Field(
        description="What the offer is: it decides what the reply adds after the script (return "
        "logistics, who pays postage, when a refund or replacement happens), whether the item "
        "comes back, and the range its cost must sit in."
    )
    cost: float = Field(
        ge=0,
        le=2,
        description="Roughly what it costs the seller, as a share of the order value: 0 is "
        "free, 0.1 a tenth, 1 the whole order. Must sit in the range of its kind: no-offer 0, "
        "cancel 0-0.1, goodwill and discount 0-0.3, shop-credit 0-0.6, partial-refund 0.05-0.7, "
        "refund-on-return 0-0.4, exchange 0-0.5, repair 0.05-0.8, replacement 0.2-1.2, "
        "reship 0.1-1.2, full-refund 0.8-1.2.",
    )
    script: Script = Field(
        description="Only the offer itself, in the seller's voice. The reply adds the logistics "
        "that follow from the kind, so no postage, 'send it back' or refund-timing wording here. "
        "A discount code offer contains {code}; a tracking number, {tracking}."
    )
    when: Tip | None = Field(default=None, description="When this rung is the right one.")
    promise: Script | None = Field(
        default=None,
        description="The follow-up promise to use when this offer is chosen, if the playbook's "
        "own would not fit it (the playbook's promises a replacement's tracking, say, and this "
        "offer is a refund); may use {days}.",
    )
    follow_up: Script | None = Field(
        default=None,
        description="The follow-up message to send when this offer was chosen, if the "
        "playbook's own would not fit it; greeted and signed like the reply.",
    )

    @field_validator("cost")
    @classmethod
    def _cost_fits_the_kind(cls, cost: float, info: ValidationInfo) -> float:
        kind = info.data.get("kind")
        if kind is None or _trusted(info):
            return cost
        low, high = KIND_COSTS[kind]
        if not low <= cost <= high:
            span = f"{low:g}" if low == high else f"between {low:g} and {high:g}"
            raise ValueError(
                f"a {kind.value} offer costs {span} of the order value; {cost:g} is outside it"
            )
        return cost

    @property
    def returns_item(self) -> bool:
        """True when the customer sends the item back for this offer (follows from its kind)."""
        return self.kind.returns_item


class CompensateStep(_Strict):
    """Move 3: start small and climb the ladder, within the seller's own policy."""

    ladder: list[Offer] = Field(min_length=1, description="Offers, cheapest first.")
    tips: list[Tip] = Field(min_length=1, description="Advice on choosing and negotiating.")
    fault: Fault = Field(
        description="Whose fault the situation usually is: seller or carrier (the customer never "
        "pays to send anything back), buyer (the buyer pays), nobody (the seller's "
        "return-postage policy applies)."
    )
    recommended: Slug = Field(description="The id of the offer the walkthrough starts on.")
    recommended_if_insured: Slug | None = Field(
        default=None, description="Overrides `recommended` when the seller insures parcels."
    )
    recommended_if_uninsured: Slug | None = Field(
        default=None, description="Overrides `recommended` when the seller does not insure."
    )
    if_insured: Tip | None = Field(
        default=None, description="Shown when the seller insures their parcels."
    )
    if_uninsured: Tip | None = Field(
        default=None, description="Shown when the seller does not insure their parcels."
    )

    @model_validator(mode="after")
    def _cheapest_first(self) -> CompensateStep:
        seen: set[str] = set()
        for offer in self.ladder:
            if offer.id in seen:
                raise ValueError(f"offer id {offer.id!r} is used twice")
            seen.add(offer.id)
        costs = [offer.cost for offer in self.ladder]
        if costs != sorted(costs):
            raise ValueError("the ladder must be ordered cheapest first (by cost)")
        return self

    @field_validator("recommended", "recommended_if_insured", "recommended_if_uninsured")
    @classmethod
    def _on_the_ladder(cls, chosen: str | None, info: ValidationInfo) -> str | None:
        ladder = info.data.get("ladder")
        if chosen is None or ladder is None or _trusted(info):
            return chosen
        ids = [offer.id for offer in ladder]
        if chosen not in ids:
            raise ValueError(f"{chosen!r} is not an offer of the ladder ({', '.join(ids)})")
        return chosen

    def recommended_for(self, *, insured: bool) -> str:
        """The id of the recommended offer for a seller who does or does not insure parcels."""
        override = self.recommended_if_insured if insured else self.recommended_if_uninsured
        return override or self.recommended


class FollowUpStep(_Strict):
    """Move 4: check back after a few days."""

    after_days: int = Field(ge=1, le=60, description="Suggested days before checking back.")
    promise: Script = Field(
        description="The reply's line promising to check back; the only text that uses {days}."
    )
    reminder: Tip = Field(description="What the reminder tells the seller to check.")
    message: Script = Field(
        description="The body of the follow-up message; the greeting and sign-off are added, so "
        "no 'Hi {customer}' and no signature here."
    )
    tips: list[Tip] = Field(default_factory=list, description="Advice for this move.")


class Steps(_Strict):
    """The four moves, always in this order."""

    listen: ListenStep
    apologise: ApologiseStep
    compensate: CompensateStep
    follow_up: FollowUpStep


class Playbook(_Strict):
    """A situation and the coaching for it; one YAML file in ``playbooks/``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"$id": "https://seller-coach.invalid/playbook.schema.json"},
        title="Seller Coach playbook",
    )

    id: Slug = Field(description="kebab-case, unique, equal to the file name stem.")
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=3, max_length=MAX_TITLE)
    ] = Field(description="Short: shown in autocomplete and on buttons.")
    summary: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=10, max_length=MAX_SUMMARY)
    ] = Field(description="One sentence a seller recognises their situation in.")
    category: Category
    match: MatchSpec
    steps: Steps

    @field_validator("steps")
    @classmethod
    def _apologies_answer_complaints(cls, steps: Steps, info: ValidationInfo) -> Steps:
        category = info.data.get("category")
        if _trusted(info) or category is None:
            return steps
        lines = steps.apologise.lines
        if category is not Category.PROACTIVE and len(lines) < 2:
            raise ValueError(
                "apologise.lines needs at least two lines to choose from; it may be empty only "
                "in a proactive playbook whose message answers no complaint"
            )
        return steps

    @property
    def answers_complaint(self) -> bool:
        """False for a proactive message with no apology (an order confirmation, a check-in)."""
        return bool(self.steps.apologise.lines)


class PlaybookSummary(_Strict):
    """What lists and menus show of a playbook, without its coaching or match examples."""

    id: str
    title: str
    summary: str
    category: Category

    @classmethod
    def of(cls, playbook: Playbook) -> PlaybookSummary:
        return cls(
            id=playbook.id,
            title=playbook.title,
            summary=playbook.summary,
            category=playbook.category,
        )
