"""The coaching engine: a pure, serialisable walk through the four moves of a playbook.

A :class:`CoachState` holds everything about one walkthrough (where the seller is, the case
details, their policy and their choices) and round-trips through JSON, so the Discord layer can
store it after every step and continue after a restart. Every operation is a function from a
state (and the playbook) to a new state; nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bot.core import composer
from bot.core.marketplace import Marketplace, marketplace_text
from bot.core.models import Offer, Playbook, ReturnShipping


class CoachError(ValueError):
    """An operation that does not fit the state: the message is safe to show the seller."""


class Step(StrEnum):
    """Where the seller is in the walkthrough."""

    LISTEN = "listen"
    APOLOGISE = "apologise"
    COMPENSATE = "compensate"
    FOLLOW_UP = "follow_up"
    DRAFT = "draft"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    Step.LISTEN: "Listen",
    Step.APOLOGISE: "Apologise",
    Step.COMPENSATE: "Offer compensation",
    Step.FOLLOW_UP: "Follow up",
    Step.DRAFT: "Your reply",
}
STEPS: tuple[Step, ...] = tuple(Step)
MOVES = len(STEPS) - 1  # the four moves; the last step shows the assembled draft


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
ShortCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Currency = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")
]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1000000"), decimal_places=2)]


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Policy(_Value):
    """The seller's own rules, which the offers are checked against."""

    currency: Currency = "USD"
    max_goodwill: Money | None = Field(
        default=None, description="The most the seller will spend to make a case right."
    )
    max_goodwill_share: float | None = Field(
        default=None, ge=0, le=2, description="The same limit as a share of the order value."
    )
    return_shipping: ReturnShipping = ReturnShipping.BUYER
    insures_parcels: bool = False
    seller_name: ShortText | None = None
    shop_name: ShortText | None = None


class CaseDetails(_Value):
    """What the seller knows about this customer's case; private to the seller."""

    customer: ShortText | None = None
    item: ShortText | None = None
    order: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None
    order_value: Money | None = None
    currency: Currency | None = None
    customer_message: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None
    ) = None
    code: ShortCode | None = Field(default=None, description="A discount code to give.")
    tracking: ShortCode | None = Field(default=None, description="A tracking number to give.")
    date: ShortCode | None = Field(
        default=None, description="A date the seller fills in, e.g. the new dispatch date."
    )


class Choices(_Value):
    """What the seller picked along the way."""

    questions: tuple[int, ...] = (0,)
    apology: int = 0
    offer: str | None = None
    follow_up_days: int | None = None


#: The most of the seller's own description a walkthrough keeps (a match example's limit).
MAX_SAID = 300


class Origin(_Value):
    """How a walkthrough began, kept so that every later step can still offer it.

    ``others`` are situations worth switching to (best first), ``also`` those the seller's text
    clearly mentions as well, ``read`` the case details read from the customer's message.
    ``said`` is the seller's own description as they typed it (private, like the details: it is
    offered back to them, scrubbed, when they suggest how to describe the situation), and
    ``switched`` says the seller picked another situation than the one first matched.
    """

    confident: bool = True
    others: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    read: tuple[str, ...] = ()
    said: Annotated[str, StringConstraints(max_length=MAX_SAID)] | None = None
    switched: bool = False


class CoachState(_Value):
    """One walkthrough, as stored between steps.

    ``marketplace`` is the one of the server the walkthrough began in (None: not set, or a
    DM); the reply names it wherever the playbook says ``{marketplace}``. ``server_version``
    is the version of a server's own playbook the walkthrough started on (None: the shipped
    playbook), so it keeps that version whatever the server does with the playbook meanwhile.
    States stored before either existed read as shipped ones without a marketplace.
    """

    playbook_id: str
    server_version: int | None = None
    step: Step = Step.LISTEN
    details: CaseDetails = CaseDetails()
    policy: Policy = Policy()
    choices: Choices = Choices()
    origin: Origin = Origin()
    marketplace: Marketplace | None = None

    def to_json(self) -> str:
        return self.model_dump_json(exclude_defaults=True)

    @classmethod
    def from_json(cls, data: str | bytes) -> CoachState:
        return cls.model_validate_json(data)


class OfferStatus(StrEnum):
    """How an offer sits against the seller's policy."""

    WITHIN = "within"
    OVER = "over"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class OfferAssessment:
    """An offer with what it would cost in this case and whether the policy covers it."""

    offer: Offer
    status: OfferStatus
    cost: Decimal | None
    note: str

    @property
    def needs_decision(self) -> bool:
        """True when the seller has to decide for themselves (over or unknown against policy)."""
        return self.status is not OfferStatus.WITHIN


def start(
    playbook: Playbook,
    details: CaseDetails | None = None,
    policy: Policy | None = None,
    *,
    marketplace: Marketplace | None = None,
) -> CoachState:
    """Begin a walkthrough at the first move, with sensible default choices."""
    details = details or CaseDetails()
    policy = policy or Policy()
    return CoachState(
        playbook_id=playbook.id,
        details=details,
        policy=policy,
        marketplace=marketplace,
        choices=Choices(
            offer=default_offer(playbook, details, policy),
            follow_up_days=playbook.steps.follow_up.after_days,
        ),
    )


def recommended_offer(playbook: Playbook, policy: Policy) -> str:
    """The id of the offer the playbook recommends for this seller (insured or not)."""
    return playbook.steps.compensate.recommended_for(insured=policy.insures_parcels)


def default_offer(playbook: Playbook, details: CaseDetails, policy: Policy) -> str:
    """The offer a walkthrough starts on: the recommended one, unless it is over the seller's
    policy; then the first one within it (or the cheapest, when none is)."""
    assessed = {a.offer.id: a for a in assess_offers(playbook, details, policy)}
    recommended = recommended_offer(playbook, policy)
    if assessed[recommended].status is not OfferStatus.OVER:
        return recommended
    within = [oid for oid, a in assessed.items() if a.status is not OfferStatus.OVER]
    return within[0] if within else playbook.steps.compensate.ladder[0].id


def _check(state: CoachState, playbook: Playbook) -> None:
    if state.playbook_id != playbook.id:
        raise CoachError(f"this walkthrough belongs to the playbook '{state.playbook_id}'")


def go_next(state: CoachState, playbook: Playbook) -> CoachState:
    """Move on to the next step; the draft is the last one."""
    _check(state, playbook)
    index = STEPS.index(state.step)
    if index == len(STEPS) - 1:
        raise CoachError("this is the last step: your reply is ready")
    return state.model_copy(update={"step": STEPS[index + 1]})


def go_back(state: CoachState, playbook: Playbook) -> CoachState:
    """Return to the previous step."""
    _check(state, playbook)
    index = STEPS.index(state.step)
    if index == 0:
        raise CoachError("this is the first step")
    return state.model_copy(update={"step": STEPS[index - 1]})


def go_to(state: CoachState, playbook: Playbook, step: Step) -> CoachState:
    """Jump to any step."""
    _check(state, playbook)
    return state.model_copy(update={"step": Step(step)})


def _choose(state: CoachState, **changes: object) -> CoachState:
    return state.model_copy(update={"choices": state.choices.model_copy(update=changes)})


def choose_questions(state: CoachState, playbook: Playbook, indexes: list[int]) -> CoachState:
    """Pick which of the listen step's questions go into the reply (none is fine)."""
    _check(state, playbook)
    count = len(playbook.steps.listen.questions)
    wrong = [i for i in indexes if not 0 <= i < count]
    if wrong:
        raise CoachError(f"there are {count} questions; pick numbers from 1 to {count}")
    return _choose(state, questions=tuple(sorted(set(indexes))))


def choose_apology(state: CoachState, playbook: Playbook, index: int) -> CoachState:
    """Pick the apology line used in the reply."""
    _check(state, playbook)
    count = len(playbook.steps.apologise.lines)
    if not 0 <= index < count:
        raise CoachError(f"there are {count} apology lines; pick one from 1 to {count}")
    return _choose(state, apology=index)


def choose_offer(state: CoachState, playbook: Playbook, offer_id: str | None) -> CoachState:
    """Pick the offer made in the reply, or none (listen first, offer later)."""
    _check(state, playbook)
    ids = [offer.id for offer in playbook.steps.compensate.ladder]
    if offer_id is not None and offer_id not in ids:
        raise CoachError(f"no offer called '{offer_id}' in this playbook")
    return _choose(state, offer=offer_id)


def choose_follow_up(state: CoachState, playbook: Playbook, days: int | None) -> CoachState:
    """Check back after ``days`` days, or not at all (None)."""
    _check(state, playbook)
    if days is not None and not 1 <= days <= 60:
        raise CoachError("a follow-up can be between 1 and 60 days away")
    return _choose(state, follow_up_days=days)


def with_details(state: CoachState, details: CaseDetails) -> CoachState:
    """Replace the case details."""
    return state.model_copy(update={"details": details})


def currency_of(details: CaseDetails, policy: Policy) -> str:
    return details.currency or policy.currency


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}


def format_money(amount: Decimal, currency: str) -> str:
    """``€12.50`` for well-known currencies, ``12.50 SEK`` for the rest."""
    value = f"{amount.quantize(Decimal('0.01')):,}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{value}" if symbol else f"{value} {currency}"


def parse_money(text: str, currency: str | None = None) -> tuple[Decimal, str | None]:
    """An amount as a seller types it ("24.50", "£12", "30 eur", "1,200"), with its currency:
    the one the text names, else ``currency``. Raises :class:`CoachError` when it is not one."""
    cleaned = text.replace(",", "").replace(" ", "")
    named = None
    for code, symbol in _SYMBOLS.items():
        if symbol in cleaned and len(symbol) == 1:
            cleaned, named = cleaned.replace(symbol, ""), code
    letters = "".join(c for c in cleaned if c.isalpha())
    if letters:
        named, cleaned = letters.upper(), cleaned.replace(letters, "")
    try:
        amount = Decimal(cleaned)
    except ArithmeticError:
        amount = Decimal("NaN")
    if (letters and len(letters) != 3) or not amount.is_finite() or amount < 0:
        raise CoachError(f"'{text}' is not an amount: write it like 24.50 or 24.50 EUR")
    return amount, named or currency


def assess_offer(offer: Offer, details: CaseDetails, policy: Policy) -> OfferAssessment:
    """What ``offer`` costs in this case, and whether the seller's policy covers it."""
    currency = currency_of(details, policy)
    cost = None
    if details.order_value is not None:
        cost = (details.order_value * Decimal(str(offer.cost))).quantize(Decimal("0.01"))
    over_share = policy.max_goodwill_share is not None and offer.cost > policy.max_goodwill_share
    if over_share:
        share = f"{policy.max_goodwill_share:.0%}"
        return OfferAssessment(
            offer, OfferStatus.OVER, cost, f"over your limit of {share} of the order value"
        )
    if policy.max_goodwill is not None and offer.cost > 0:
        limit = format_money(policy.max_goodwill, policy.currency)
        if cost is None:
            return OfferAssessment(
                offer, OfferStatus.UNKNOWN, None, f"add the order value to check it against {limit}"
            )
        if cost > policy.max_goodwill:
            return OfferAssessment(
                offer,
                OfferStatus.OVER,
                cost,
                f"about {format_money(cost, currency)}, over your limit of {limit}",
            )
    note = f"about {format_money(cost, currency)}" if cost is not None and cost > 0 else ""
    if offer.cost == 0:
        note = "costs you nothing"
    return OfferAssessment(offer, OfferStatus.WITHIN, cost, note)


def assess_offers(
    playbook: Playbook, details: CaseDetails, policy: Policy
) -> list[OfferAssessment]:
    """Every rung of the ladder, cheapest first, assessed against the policy."""
    return [assess_offer(offer, details, policy) for offer in playbook.steps.compensate.ladder]


def placeholder_values(state: CoachState) -> dict[str, str | None]:
    """The values that fill a playbook's placeholders for this case."""
    details = state.details
    value = None
    if details.order_value is not None:
        value = format_money(details.order_value, currency_of(details, state.policy))
    days = state.choices.follow_up_days
    return {
        "customer": details.customer,
        "item": details.item,
        "order": details.order,
        "order_value": value,
        "shop": state.policy.shop_name,
        "seller": state.policy.seller_name,
        "days": (f"{days} day" if days == 1 else f"{days} days") if days is not None else None,
        "code": details.code,
        "tracking": details.tracking,
        "date": details.date,
        "marketplace": marketplace_text(state.marketplace),
    }


def selected_offer(state: CoachState, playbook: Playbook) -> Offer | None:
    for offer in playbook.steps.compensate.ladder:
        if offer.id == state.choices.offer:
            return offer
    return None


def reply_choices(state: CoachState, playbook: Playbook) -> composer.ReplyChoices:
    """The seller's choices, as the composer takes them."""
    return composer.ReplyChoices(
        questions=state.choices.questions,
        apology=state.choices.apology,
        offer=selected_offer(state, playbook),
        follow_up_days=state.choices.follow_up_days,
        return_shipping=state.policy.return_shipping,
    )


def compose(state: CoachState, playbook: Playbook) -> composer.Reply:
    """The reply for this walkthrough, with the markers still to fill."""
    _check(state, playbook)
    return composer.compose(playbook, reply_choices(state, playbook), placeholder_values(state))


def draft(state: CoachState, playbook: Playbook) -> str:
    """The whole reply, ready to send: every placeholder filled or visibly marked."""
    return compose(state, playbook).text


def follow_up_message(state: CoachState, playbook: Playbook) -> str:
    """The message to send the customer when the follow-up is due, greeted and signed."""
    _check(state, playbook)
    return composer.compose_follow_up(
        playbook, placeholder_values(state), selected_offer(state, playbook)
    ).text


def reminder_text(state: CoachState, playbook: Playbook) -> str:
    """What the reminder tells the seller to check."""
    _check(state, playbook)
    who = state.details.customer or "your customer"
    return f"{playbook.title} ({who}): {playbook.steps.follow_up.reminder}"


def missing_details(state: CoachState, playbook: Playbook, text: str | None = None) -> list[str]:
    """The visible markers left in the draft (``text``, if already made), e.g. ``[item]``."""
    text = draft(state, playbook) if text is None else text
    return list(composer.missing_markers(text, placeholder_values(state)))
