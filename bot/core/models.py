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
    model_validator,
)

from bot.core.placeholders import check_placeholders

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
    if _trusted(info):
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
        description="The reply's first line: shows the customer they were heard."
    )
    questions: list[Script] = Field(
        min_length=1, description="Questions to ask the customer, most useful first."
    )
    evidence: list[Tip] = Field(
        default_factory=list,
        description="What the seller should gather before deciding (photos, tracking, ...).",
    )
    tips: list[Tip] = Field(min_length=1, description="Advice for this move.")


class ApologiseStep(_Strict):
    """Move 2: own the feeling without necessarily owning the fault."""

    lines: list[Script] = Field(
        min_length=2, description="Apology lines to choose from, each sounding like a person."
    )
    tips: list[Tip] = Field(min_length=1, description="Advice for this move.")


class Offer(_Strict):
    """One rung of the compensation ladder."""

    id: Slug = Field(description="Unique within the playbook, kebab-case.")
    label: Label = Field(description="Short name shown on a menu, e.g. 'Replacement'.")
    cost: float = Field(
        ge=0,
        le=2,
        description="Roughly what it costs the seller, as a share of the order value: 0 is "
        "free, 0.1 a tenth, 1 the whole order. A replacement costs materials, time and postage, "
        "usually less than the price; a full refund costs 1.",
    )
    script: Script = Field(description="How the offer reads in the reply.")
    returns_item: bool = Field(
        default=False, description="True when the customer sends the item back for this offer."
    )
    when: Tip | None = Field(default=None, description="When this rung is the right one.")


class CompensateStep(_Strict):
    """Move 3: start small and climb the ladder, within the seller's own policy."""

    ladder: list[Offer] = Field(min_length=1, description="Offers, cheapest first.")
    tips: list[Tip] = Field(min_length=1, description="Advice on choosing and negotiating.")
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


class FollowUpStep(_Strict):
    """Move 4: check back after a few days."""

    after_days: int = Field(ge=1, le=60, description="Suggested days before checking back.")
    promise: Script = Field(description="The reply's line promising to check back.")
    reminder: Tip = Field(description="What the reminder tells the seller to check.")
    message: Script = Field(description="The follow-up message to send the customer.")
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
