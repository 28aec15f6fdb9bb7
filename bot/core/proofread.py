"""What a proofreader catches, in playbook text and in the replies the composer assembles from it.

Two levels, both pure:

- :func:`check_playbook` reads each field of a playbook for mistakes of its own (a greeting or the
  customer's name in body text, an apology in the acknowledgement, postage or refund timing in an
  offer script that the composer already writes, a promised code or tracking number with no
  placeholder, ``{days}`` outside the follow-up promise, ``{item}`` with no determiner,
  ``{marketplace}`` after one or starting a sentence...), then
  assembles every offer into a reply under every return-postage policy and reads that too.
- :func:`draft_problems` reads one assembled reply: one greeting, at most one apology in a row and
  two in all, postage and refund wording that fit the offer, determiners before the item, every
  promised code or tracking number present, no sentence said twice, not too long.

Findings carry the path of the field they are about, so ``seller-coach lint`` can report them as
``path:line:col``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bot.core import composer
from bot.core.models import Fault, Offer, OfferKind, Playbook, ReturnShipping
from bot.core.placeholders import placeholders_in

Path = tuple[str | int, ...]

#: Sample details a proofreader fills in to read every draft as a customer would.
SAMPLE_VALUES: dict[str, str | None] = {
    "customer": "Priya",
    "item": "blue mug",
    "order": "#4471",
    "order_value": "£40.00",
    "shop": "Clay Corner",
    "seller": "Sam",
    "days": "5 days",
    "code": "THANKS10",
    "tracking": "RM123456785GB",
    "date": "Friday 12 June",
}

APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies)\b", re.I)
_GREETING_START = re.compile(
    r"^\W*(hi|hello|hey|dear|good (morning|afternoon|evening)|thank(s| you)( so much)? for "
    r"your (message|email|note),\s*\{customer\})\b",
    re.I,
)
_GREETING_LINE = re.compile(r"^(hi|hello|hey|dear)\b[^\n]{0,40},\s*$", re.I | re.M)
#: Return logistics the composer writes for the kinds that take the item back.
_RETURN_WORDING = re.compile(
    r"\b(return postage|postage both ways|return label|prepaid label|prepaid return|"
    r"(send|post|bring|mail)\s+(?:[\w{}']+\s+){0,3}back\b|no need to send|"
    r"(don't|do not) (need to )?send anything|back (to|with) me)",
    re.I,
)
#: When a refund reaches the customer: the composer writes it for the refund kinds.
_REFUND_TIMING = re.compile(
    r"(\brefund\w*\b[^.]*?\b(as soon as|once|when)\b[^.]*?\b(arrives?|back|reaches)\b|"
    r"\b(in|within) a few (working )?days\b|\bshow (up )?(on|in) your (account|statement)|"
    r"depending on your bank)",
    re.I,
)
#: The kinds for which the reply says whether the item comes back (and who pays to send it).
_WRITES_RETURN = frozenset(
    {
        OfferKind.REFUND_ON_RETURN,
        OfferKind.EXCHANGE,
        OfferKind.REPAIR,
        OfferKind.REPLACEMENT,
        OfferKind.FULL_REFUND,
    }
)
_REFUND = re.compile(r"\brefund", re.I)
_PROMISED_CODE = re.compile(
    r"\b(here's|here is|below|attached|enclosed|use)\b[^.]{0,50}\bcode\b|"
    r"\bcode\b[^.]{0,30}\b(below|attached|is here)\b",
    re.I,
)
_PROMISED_TRACKING = re.compile(
    r"\b(here's|here is|below|attached|enclosed|quoted)\b[^.]{0,50}\btracking\b|"
    r"\btracking\b[^.]{0,40}\b(is below|below|attached|is here)\b",
    re.I,
)
#: A sentence that gives or promises a tracking number.
_TRACKING_SENTENCE = re.compile(
    r"\b(send|give|message|email|follow|here's|here is)\b[^.]{0,50}\btracking\b|"
    r"\btracking number\b|\bwith (the )?tracking\b",
    re.I,
)
#: A follow-up that takes a new item for granted, and one that takes a refund for granted.
_ASSUMES_NEW_ITEM = re.compile(
    r"\b(replacement|new (one|\{item\})|right one|missing piece|resized)\b", re.I
)
_ASSUMES_REFUND = re.compile(r"\brefund", re.I)
_REFUND_KINDS = frozenset(
    {OfferKind.FULL_REFUND, OfferKind.PARTIAL_REFUND, OfferKind.CANCEL, OfferKind.REFUND_ON_RETURN}
)
_NEW_ITEM_KINDS = frozenset(
    {OfferKind.REPLACEMENT, OfferKind.RESHIP, OfferKind.EXCHANGE, OfferKind.REPAIR}
)
_DETERMINERS = frozenset(
    {"a", "an", "the", "your", "my", "this", "that", "these", "those", "another", "each"}
    | {"every", "our", "their", "his", "her", "its"}
)
_WORD = re.compile(r"[\w'’]+")
#: ``{marketplace}`` is a name standing alone ("eBay", "my website", "the marketplace"): a
#: word such as "the" or "your" before it would read "your the marketplace" when none is set.
_MARKETPLACE_AFTER_WORD = re.compile(
    r"\b(a|an|the|your|my|our|their|this|that)\s+\{marketplace\}", re.I
)
#: ... and it may begin with a small letter, so it does not start a sentence.
_MARKETPLACE_STARTS = re.compile(r"(?:^|[.!?]\s+)[\"'“‘(]?\{marketplace\}")


def _marketplace_findings(path: Path, text: str) -> Iterator[Finding]:
    before = _MARKETPLACE_AFTER_WORD.search(text)
    if before:
        yield Finding(
            path,
            f"'{before.group(1)} {{marketplace}}': the placeholder brings its own words "
            "('eBay', 'my website', 'the marketplace' when none is set), so drop "
            f"'{before.group(1)}'",
        )
    if _MARKETPLACE_STARTS.search(text):
        yield Finding(
            path,
            "{marketplace} starts a sentence, where 'the marketplace' or 'my website' would "
            "read in small letters; start the sentence another way",
        )


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A proofreader's note about the text at ``path`` in a playbook."""

    path: Path
    message: str


def item_without_determiner(text: str, item: str = "{item}") -> bool:
    """True when ``item`` appears in ``text`` without "your", "the", "a"... before it."""
    start = 0
    while (at := text.find(item, start)) != -1:
        start = at + len(item)
        before = [w.casefold() for w in _WORD.findall(text[:at])[-3:]]
        if not before:
            return True
        last = before[-1]
        if last in _DETERMINERS:
            continue
        if len(before) >= 2 and before[-2] in _DETERMINERS:
            continue  # "a replacement {item}", "your new {item}"
        return True
    return False


def apology_sentences(text: str) -> list[bool]:
    """For each sentence of ``text``, whether it apologises."""
    return [bool(APOLOGY.search(s)) for s in composer.sentences(text)]


def _body_fields(playbook: Playbook) -> Iterator[tuple[Path, str]]:
    steps = playbook.steps
    yield ("steps", "listen", "acknowledge"), steps.listen.acknowledge
    for i, question in enumerate(steps.listen.questions):
        yield ("steps", "listen", "questions", i), question
    for i, line in enumerate(steps.apologise.lines):
        yield ("steps", "apologise", "lines", i), line
    for i, offer in enumerate(steps.compensate.ladder):
        yield ("steps", "compensate", "ladder", i, "script"), offer.script
        if offer.promise:
            yield ("steps", "compensate", "ladder", i, "promise"), offer.promise
        if offer.follow_up:
            yield ("steps", "compensate", "ladder", i, "follow_up"), offer.follow_up
    yield ("steps", "follow_up", "promise"), steps.follow_up.promise
    yield ("steps", "follow_up", "message"), steps.follow_up.message


def _field_findings(playbook: Playbook) -> Iterator[Finding]:
    steps = playbook.steps
    for path, text in _body_fields(playbook):
        names = placeholders_in(text)
        if _GREETING_START.search(text) or "customer" in names:
            yield Finding(
                path,
                "a greeting or {customer} in body text: the reply opens with the only "
                "greeting, so leave the name out here",
            )
        if "seller" in names:
            yield Finding(path, "{seller} in body text: the reply is signed by the composer")
        if "days" in names and path[-1] != "promise":
            yield Finding(
                path,
                "{days} is the follow-up delay and belongs only in a follow-up promise; write the "
                "time out, or use {date}",
            )
        if item_without_determiner(text):
            yield Finding(path, "{item} needs a determiner before it: 'your {item}', 'the {item}'")
        if "marketplace" in names:
            yield from _marketplace_findings(path, text)
        if _PROMISED_CODE.search(text) and "code" not in names:
            yield Finding(path, "promises a discount code but has no {code} placeholder")
        if _PROMISED_TRACKING.search(text) and "tracking" not in names:
            yield Finding(path, "promises a tracking number but has no {tracking} placeholder")
    for flagged, sentence in zip(
        apology_sentences(steps.listen.acknowledge),
        composer.sentences(steps.listen.acknowledge),
        strict=True,
    ):
        if flagged:
            yield Finding(
                ("steps", "listen", "acknowledge"),
                f'apologises ("{sentence}"): the apology line follows the acknowledgement, so '
                "the reply would say sorry twice in a row",
            )
            break
    for i, line in enumerate(steps.apologise.lines):
        if sum(apology_sentences(line)) > 1:
            yield Finding(
                ("steps", "apologise", "lines", i), "apologises twice: one apology is enough"
            )
    for i, offer in enumerate(steps.compensate.ladder):
        yield from _script_findings(("steps", "compensate", "ladder", i), offer)
    yield from _follow_up_findings(playbook)


def _follow_up_findings(playbook: Playbook) -> Iterator[Finding]:
    """The step's follow-up promise and message must fit every offer that has none of its own:
    no check on a replacement after a refund, no check on a refund after a replacement."""
    follow_up = playbook.steps.follow_up
    for key, own in (("message", "follow_up"), ("promise", "promise")):
        text = getattr(follow_up, key)
        for offer in playbook.steps.compensate.ladder:
            if getattr(offer, own):
                continue
            new_item = _ASSUMES_NEW_ITEM.search(text)
            if new_item and offer.kind in _REFUND_KINDS:
                assumed = f'"{new_item.group(0)}"'
            elif (refund := _ASSUMES_REFUND.search(text)) and offer.kind in _NEW_ITEM_KINDS:
                assumed = f'"{refund.group(0)}"'
            else:
                continue
            yield Finding(
                ("steps", "follow_up", key),
                f"{assumed} does not fit offer {offer.id} ({offer.kind.value}): write it to fit "
                f"every offer, or give that offer its own {own}",
            )


def _script_findings(path: Path, offer: Offer) -> Iterator[Finding]:
    script = offer.script
    here = (*path, "script")
    found = _RETURN_WORDING.search(script)
    if found and offer.kind in _WRITES_RETURN:
        yield Finding(
            here,
            f'"{found.group(0)}": whether the item comes back and who pays the postage is '
            f"written by the reply from the offer's kind ({offer.kind.value}) and the fault; "
            "leave it out of the script",
        )
    if offer.kind in (
        OfferKind.PARTIAL_REFUND,
        OfferKind.FULL_REFUND,
        OfferKind.REFUND_ON_RETURN,
        OfferKind.CANCEL,
    ) and (timing := _REFUND_TIMING.search(script)):
        yield Finding(
            here,
            f'"{timing.group(0)}": when the refund reaches the customer is written by the '
            "reply; leave it out of the script",
        )
    if offer.kind in (OfferKind.SHOP_CREDIT, OfferKind.EXCHANGE) and _REFUND.search(script):
        yield Finding(
            here, f"{_a(offer.kind.value)} offer is not a refund: leave refund wording out"
        )
    if offer.kind in (OfferKind.REPLACEMENT, OfferKind.RESHIP) and (
        tracked := _TRACKING_SENTENCE.search(script)
    ):
        yield Finding(
            here,
            f'"{tracked.group(0)}": the reply gives the tracking number (or promises it) after '
            f"{_a(offer.kind.value)} offer; leave tracking out of the script",
        )
    if offer.kind is OfferKind.DISCOUNT and "code" not in placeholders_in(script):
        yield Finding(here, "a discount offer gives a code: put {code} in the script")


def draft_problems(
    text: str,
    *,
    offer: Offer | None,
    fault: Fault,
    values: Mapping[str, str | None] = SAMPLE_VALUES,
    promise: str | None = None,
) -> list[str]:
    """What a proofreader would circle in one assembled reply, as short messages.

    ``promise`` is the follow-up promise (rendered) if the reply has one: a refund promised there
    still counts against a shop-credit or exchange offer.
    """
    problems: list[str] = []
    customer = (values.get("customer") or "").strip()
    greetings = len(_GREETING_LINE.findall(text))
    if greetings != 1:
        problems.append(f"{greetings} greetings")
    if customer and text.count(customer) > 1:
        problems.append(f"the customer's name {text.count(customer)} times")
    body = text.split("\n\n")
    body_sentences = [s for paragraph in body[1:-1] for s in composer.sentences(paragraph)]
    apologies = [bool(APOLOGY.search(s)) for s in body_sentences]
    if any(a and b for a, b in itertools.pairwise(apologies)):
        problems.append("two apologies in a row")
    if sum(apologies) > 2:
        problems.append(f"{sum(apologies)} apologies")
    keys = [" ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split()) for s in body_sentences]
    repeated = {k for k in keys if keys.count(k) > 1}
    if repeated:
        problems.append(f"a sentence said twice: {sorted(repeated)[0]!r}")
    if len(text) >= composer.MAX_REPLY:
        problems.append(f"{len(text):,} characters (the limit is {composer.MAX_REPLY:,})")
    if re.search(r"\[[^\]\n]{1,30}\]|\{\w*\}", text):
        problems.append("a placeholder left unfilled")
    lowered = text.casefold()
    if fault in (Fault.SELLER, Fault.CARRIER) and (
        "yours to cover" in lowered or "agree the postage" in lowered
    ):
        problems.append(f"asks the customer to pay postage though the {fault.value} is at fault")
    payers = sum(
        phrase in lowered
        for phrase in ("yours to cover", "prepaid return label", "agree the postage")
    )
    if payers > 1:
        problems.append("says twice, differently, who pays the return postage")
    no_refund = (OfferKind.SHOP_CREDIT, OfferKind.EXCHANGE)
    if offer is not None and offer.kind in no_refund and _REFUND.search(text):
        problems.append(f"refund wording in {_a(offer.kind.value)} reply")
    if offer is not None and not offer.returns_item and payers:
        problems.append("return postage for an offer that keeps the item where it is")
    item = (values.get("item") or "").strip()
    if item and item_without_determiner(text, item):
        problems.append(f"'{item}' without a determiner")
    code = (values.get("code") or "").strip()
    if code and _PROMISED_CODE.search(text) and code not in text:
        problems.append("a discount code promised but not given")
    tracking = (values.get("tracking") or "").strip()
    if tracking and _PROMISED_TRACKING.search(text) and tracking not in text:
        problems.append("a tracking number promised but not given")
    if sum(bool(_TRACKING_SENTENCE.search(s)) for s in body_sentences) > 1:
        problems.append("the tracking number given or promised twice")
    return problems


def _drafts(playbook: Playbook) -> Iterator[tuple[Offer | None, ReturnShipping, str]]:
    days = playbook.steps.follow_up.after_days
    values = {**SAMPLE_VALUES, "days": f"{days} day" if days == 1 else f"{days} days"}
    for offer in [*playbook.steps.compensate.ladder, None]:
        for policy in ReturnShipping:
            choices = composer.ReplyChoices(
                questions=(0,), apology=0, offer=offer, follow_up_days=days, return_shipping=policy
            )
            yield offer, policy, composer.compose(playbook, choices, values).text


def check_playbook(playbook: Playbook) -> list[Finding]:
    """Every proofreading finding for ``playbook``: its fields, then its assembled replies."""
    findings = list(dict.fromkeys(_field_findings(playbook)))
    fault = playbook.steps.compensate.fault
    ladder = playbook.steps.compensate.ladder
    seen: dict[tuple[str | None, str], list[str]] = {}
    for offer, policy, text in _drafts(playbook):
        for problem in draft_problems(text, offer=offer, fault=fault):
            seen.setdefault((offer.id if offer else None, problem), []).append(policy.value)
    for (offer_id, problem), policies in seen.items():
        where: Path = ("steps", "listen", "acknowledge")
        if offer_id is not None:
            index = next(i for i, o in enumerate(ladder) if o.id == offer_id)
            where = ("steps", "compensate", "ladder", index, "script")
        which = f"offer {offer_id}" if offer_id else "no offer"
        if len(policies) < len(ReturnShipping):
            which += f", return postage {' or '.join(policies)}"
        findings.append(Finding(where, f"the assembled reply ({which}) has a problem: {problem}"))
    return findings
