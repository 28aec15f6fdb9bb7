"""Details read out of a pasted customer message: who wrote, which order, what it cost, what item.

The seller pastes what the customer sent ("Hi Jo, my blue mug arrived broken... Order #4471.
Thanks, Priya") and the walkthrough's details form is filled in from it, for the seller to
confirm or correct. Everything here is a careful reading of the message's shape, not a guess:

* **customer**: the name the customer signs with ("Thanks, Priya", "Kind regards" then
  "Tom Baker", "- Ana") or introduces themselves by ("I'm Zara", "my name is ...", "this is
  ..."). The name after a greeting ("Hi Jo,", "Dear Sam") is the seller's and is never taken.
* **order**: a number the message calls an order or receipt ("order #4471", "order no. 2213",
  "receipt 3019284756"), or one in a marketplace's own shape (Amazon's 123-4567890-1234567,
  eBay's 12-34567-89012, ``#4471``). Phone numbers, dates, tracking numbers and prices are not.
* **order_value** and **currency**: an amount the message says the order cost ("I paid £40",
  "the $25 necklace", "my €30 order", "total £56"), leaving out postage, fees, thresholds
  ("free shipping over £50") and, when the price is also given, the refund asked for.
* **item**: the thing named plainly ("my blue mug arrived broken", "the necklace I ordered",
  "I bought the leather wallet").

Nothing here logs or keeps the message: it is the customer's private text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["MessageDetails", "read_details"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class MessageDetails:
    """What a customer's message says about its case; ``None`` where it doesn't say."""

    customer: str | None = None
    order: str | None = None
    order_value: Decimal | None = None
    currency: str | None = None
    item: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the amount as a number, every missing detail as ``None``."""
        data = asdict(self)
        if self.order_value is not None:
            data["order_value"] = float(self.order_value)
        return data

    def found(self) -> dict[str, object]:
        """Only the details that were found, by name (``order_value`` as a Decimal)."""
        return {key: value for key, value in asdict(self).items() if value is not None}

    def __bool__(self) -> bool:
        return any(value is not None for value in asdict(self).values())


def read_details(message: str) -> MessageDetails:
    """Read the customer's name, order number, order value and item out of ``message``."""
    text = message.replace("\r\n", "\n").replace("\r", "\n")[:8000]
    body = _without_signature_noise(text)
    greeted = _greeted_names(body)
    amount, currency = _order_value(body)
    return MessageDetails(
        customer=_customer(body, greeted),
        order=_order_number(body),
        order_value=amount,
        currency=currency,
        item=_item(body),
    )


# --- the text around the message -------------------------------------------------------------

_NOISE_LINE = re.compile(
    r"^\s*(?:--+|__+|sent from\b.*|get outlook\b.*|\S+@\S+|(?:https?://|www\.)\S+.*"
    r"|(?:tel|ph|phone|mob|mobile|cell|m|t)\b\.?\s*:?\s*[+\d(].*)\s*$",
    re.IGNORECASE,
)


def _without_signature_noise(text: str) -> str:
    """The message without mail-client footers, separators and contact lines at its end."""
    lines = text.rstrip().split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or _is_noise(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _is_noise(line: str) -> bool:
    """A footer line: "Sent from my phone", a separator, an address, a phone or web line."""
    if _NOISE_LINE.match(line):
        return True
    visible = line.replace(" ", "")
    digits = sum(c.isdigit() for c in visible)
    return (digits >= 6 and digits > len(visible) / 3) or "|" in line or "www." in line.lower()


# --- names -----------------------------------------------------------------------------------

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?"
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|heya|hiya|dear|morning|good\s+(?:morning|afternoon|evening)|greetings)"
    rf"[ \t]+((?:{_TITLES}[ \t]+)?[A-Za-z][\w'-]*(?-i:[ \t]+[A-Z][\w'-]*)?)",
    re.IGNORECASE | re.MULTILINE,
)

#: Words that follow a greeting or "I'm" but are not names.
_NOT_NAMES = _words(
    """
    a about after again all also am an and annoyed any anyone are as at away back be because been
    being best both but by can cheers could customer dear did do does done down each either else
    even ever every everyone extremely folks for from gonna good got guys had happy has have
    having he hello her here hers hey hi his hiya home how i if im in into is it its it's just kind
    let like lovely many may me mine more most much must my no none nor not now of off ok okay on
    once one only or other our out over please pretty quite rather really regards same seller
    shop she should since so some sorry still such sure team than thank thanks that the their them
    then there these they this those thx though through to too under until up upset us very was
    waiting want we well were what when where which while who why will with would writing yes yet
    you your yours madam sir sirs all owner support service customer-service there's worried
    disappointed frustrated confused contacting emailing messaging reaching following going trying
    hoping wondering afraid glad new back sending btw lol again here
    """
)

_CLOSINGS = (
    r"(?:many\s+|huge\s+|big\s+)?thanks(?:\s+(?:again|so\s+much|a\s+lot|in\s+advance))?"
    r"|thank\s+you(?:\s+(?:so\s+much|again|in\s+advance))?|thx|thanx|ty|ta|tia"
    r"|(?:kind(?:est)?|warm(?:est)?|best|many)\s+(?:regards|wishes)|regards|best|cheers"
    r"|(?:yours\s+)?(?:sincerely|faithfully|truly)|yours|love|lots\s+of\s+love|with\s+love"
    r"|all\s+the\s+best|take\s+care|speak\s+soon|talk\s+soon|warmly|respectfully|xx+|x"
)
_CLOSING_LINE = re.compile(rf"^\s*(?:{_CLOSINGS})\s*[,.!]*\s*$", re.IGNORECASE)
_NAME_WORD = r"[A-Za-z][a-z'’-]*\.?"
_NAME = rf"(?:{_TITLES}\s+)?(?:[A-Z]\.\s*)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-Z]\b\.?)){{0,2}}"
_INLINE_CLOSING = re.compile(
    rf"(?:^|[\s.!?,)])(?:{_CLOSINGS})\s*[,.!:-]*\s*(?P<name>{_NAME})\s*(?:[.!]+|\s+x+|\s*[:;]\)|"
    r"\s*[❤♥😊🙂💕]+)?\s*$",
    re.IGNORECASE,
)
_DASH_NAME = re.compile(rf"(?:^|\s)[-~–—]+\s*(?P<name>{_NAME})\s*[.!]*\s*(?:x+)?\s*$")
_ADJECTIVE_NAME = re.compile(rf"[.!?]\s+[A-Z][a-z]+,\s+(?P<name>{_NAME})\s*[.!]*\s*(?:x+)?\s*$")
_BARE_LAST_SENTENCE = re.compile(
    r"[.!?]\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\s*[.!]?\s*$"
)
_INTRODUCTION = re.compile(
    r"(?:\b(?:i\s*['’]?\s*m|i\s+am|my\s+name\s+is|my\s+name['’]s|name['’]s|this\s+is|it['’]?s|"
    r"it\s+is)\s+(?P<name>" + _NAME + r"))"
    r"|(?:(?:^|[,.!]\s*)(?P<here>[A-Z][a-z'’-]+)\s+here\b)",
    re.IGNORECASE | re.MULTILINE,
)


def _greeted_names(text: str) -> set[str]:
    """Names the message greets (the seller's): never the customer's."""
    names = set()
    for found in _GREETING.finditer(text):
        cleaned = []
        for word in found.group(1).split():
            if word.casefold().strip(".,!") in _NOT_NAMES:
                break
            cleaned.append(word)
        if cleaned:
            names.add(" ".join(cleaned).casefold().rstrip(",.!"))
            names.add(cleaned[0].casefold().rstrip(",.!"))
    return names


def _customer(text: str, greeted: set[str]) -> str | None:
    lower_case = not any(c.isupper() for c in text)
    signed = _signed_name(text, greeted, lower_case)
    if signed:
        return signed
    return _introduced_name(text, greeted, lower_case)


def _clean_name(raw: str, greeted: set[str], lower_case: bool) -> str | None:
    """``raw`` trimmed to the words of a name, or None when it is not one."""
    words = raw.replace("’", "'").split()
    kept: list[str] = []
    for word in words:
        bare = word.strip(".,!?:;'\"()")
        if not bare:
            break
        if re.fullmatch(_TITLES, bare + ".") or re.fullmatch(_TITLES, word):
            kept.append(word.rstrip(","))
            continue
        if bare.casefold() in _NOT_NAMES:
            break
        if not bare[0].isupper() and not lower_case:
            break
        if not re.fullmatch(r"[A-Za-z][A-Za-z'-]*|[A-Z]", bare):
            break
        kept.append(word.rstrip(",!?:;"))
        if word.endswith((",", "!", "?", ";", ":")) or (word.endswith(".") and len(bare) > 1):
            break
    while kept and re.fullmatch(_TITLES, kept[-1]):
        kept.pop()
    if not kept:
        return None
    if not any(len(w.strip(".")) > 1 for w in kept if not re.fullmatch(_TITLES, w)):
        return None  # an initial alone, or "x" for a kiss
    name = " ".join(kept)
    if kept[-1].endswith(".") and len(kept[-1]) > 2 and not re.fullmatch(_TITLES, kept[-1]):
        name = name[:-1]  # "Hughes." at the end of a sentence
    if name.casefold() in greeted or (len(kept) == 1 and kept[0].casefold() in greeted):
        return None
    return name


def _signed_name(text: str, greeted: set[str], lower_case: bool) -> str | None:
    lines = [line.strip() for line in text.split("\n")]
    content = [line for line in lines if line]
    if not content:
        return None
    # A closing line ("Kind regards") followed by the name on a line of its own.
    for at in range(len(content) - 2, -1, -1):
        if at < len(content) - 4:
            break
        if _CLOSING_LINE.match(content[at]):
            name = _clean_name(content[at + 1], greeted, lower_case)
            if name and _looks_like_signature(content[at + 1], name):
                return name
    last = content[-1]
    for pattern in (_INLINE_CLOSING, _DASH_NAME):
        found = pattern.search(last)
        if found:
            name = _clean_name(found.group("name"), greeted, lower_case)
            if name:
                return name
    # The name alone on the last line, after the message ("...order 55610.\nKevin").
    if len(content) > 1 and _looks_like_signature(last, last):
        name = _clean_name(last, greeted, lower_case)
        if name and name == last.rstrip(".!x ").strip():
            return name
    for pattern in (_ADJECTIVE_NAME, _BARE_LAST_SENTENCE):
        found = pattern.search(last)
        if found:
            name = _clean_name(found.group("name"), greeted, lower_case)
            if name and not lower_case and name == found.group("name"):
                return name
    return None


def _looks_like_signature(line: str, name: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and not line.endswith(("?", ":")) and len(name) >= 2


def _introduced_name(text: str, greeted: set[str], lower_case: bool) -> str | None:
    for found in _INTRODUCTION.finditer(text):
        raw = found.group("name") or found.group("here")
        if raw is None:
            continue
        if found.group("here") is None and raw.split()[0].casefold() in {"me", "mine"}:
            continue
        name = _clean_name(raw, greeted, lower_case or found.group("here") is None)
        if name is None:
            continue
        first = name.split()[0]
        if not lower_case and not first[0].isupper():
            continue
        return name
    return None


# --- order numbers ---------------------------------------------------------------------------

#: A marketplace's order number by its shape (Amazon's 3-7-7 digits, eBay's 2-5-5).
MARKETPLACE_ORDER = re.compile(r"(?<![\d-])(?:\d{3}-\d{7}-\d{7}|\d{2}-\d{5}-\d{5})(?![\d-])")
_LABELLED_ORDER = re.compile(
    r"\b(?:order|receipt|invoice|purchase|transaction)(?!ed\b)s?"
    r"(?:\s*(?:number|no|nr|num|id|ref(?:erence)?)\b\.?)?"
    r"(?:\s*(?:is|was|=))?\s*[:#(]?\s*#?\s*"
    r"(?P<number>[A-Z]{0,4}-?\d[\dA-Z-]*\d|[A-Z]{0,4}-?\d(?:-?[A-Z\d])?)(?![\w£$€])",
    re.IGNORECASE,
)
_HASH_NUMBER = re.compile(r"(?<![\w&])#\s?(?P<number>\d{3,}(?:-\d+)?)\b")
_RECEIPT_LIKE = re.compile(r"(?<![\d\s+-])(?P<number>[1-4]\d{9})(?![\d-])")
_PHONE_CUE = re.compile(r"(?:call|phone|tel|ph|mobile|mob|cell|whatsapp|text|contact)\b\W*$", re.I)
_COUNTED = re.compile(
    r"^[ \t]*(?:days?|weeks?|months?|years?|hours?|items?|pieces?|pcs|x\b|times|of\b|"
    r"st\b|nd\b|rd\b|th\b|am\b|pm\b)",
    re.IGNORECASE,
)


def _order_number(text: str) -> str | None:
    found = MARKETPLACE_ORDER.search(text)
    if found:
        return found.group(0)
    hashed = [m.group("number") for m in _HASH_NUMBER.finditer(text)]
    labelled = []
    for match in _LABELLED_ORDER.finditer(text):
        number = match.group("number").rstrip("-")
        digits = sum(c.isdigit() for c in number)
        if digits < 3 or _COUNTED.match(text[match.end() :]):
            continue
        if re.fullmatch(r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?", number):
            continue  # a date
        labelled.append(number)
    # "order 4420-A? no wait, it's #4420": a number marked with '#' wins a doubtful one
    if (
        labelled
        and hashed
        and labelled[0] not in hashed
        and any(h in labelled[0] or labelled[0] in h for h in hashed)
    ):
        return hashed[0]
    if labelled:
        return labelled[0]
    if hashed:
        return hashed[0]
    for match in _RECEIPT_LIKE.finditer(text):
        if not _PHONE_CUE.search(text[max(0, match.start() - 24) : match.start()]):
            return match.group("number")
    return None


# --- money -----------------------------------------------------------------------------------

_SYMBOL_CURRENCY = {
    "us$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
_WORD_CURRENCY = {
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "gbp": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "quid": "GBP",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "aud": "AUD",
    "cad": "CAD",
    "nzd": "NZD",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "chf": "CHF",
    "jpy": "JPY",
    "inr": "INR",
}
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SYMBOLS_RE = "|".join(re.escape(s) for s in sorted(_SYMBOL_CURRENCY, key=len, reverse=True))
_CODES_RE = "|".join(sorted(_WORD_CURRENCY, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?:(?P<symbol>{_SYMBOLS_RE})\s?(?P<a1>{_AMOUNT}))"
    rf"|(?:\b(?P<code>usd|gbp|eur|aud|cad|nzd|sek|nok|dkk|chf|jpy|inr)\s?(?P<a2>{_AMOUNT}))"
    rf"|(?:(?<![\w.,])(?P<a3>{_AMOUNT})\s?(?P<word>{_CODES_RE})\b)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;!?\n()]|,\s|\s[-–—]\s|\b(?:and|but|plus|or|then|so|as)\b", re.I)
_SHIPPING = re.compile(
    r"\b(?:shipping|postage|delivery|p\s?&\s?p|courier|carriage|import|customs|duty|duties|fees?|"
    r"tax|vat|surcharge|tip)\b",
    re.I,
)
_INCLUDING = re.compile(
    r"\b(?:incl(?:uding|\.)?|inc\.?|with)\s+(?:free\s+)?(?:shipping|postage|delivery|p\s?&\s?p)\b",
    re.I,
)
_THRESHOLD = re.compile(
    r"\b(?:over|above|under|below|more\s+than|less\s+than|at\s+least|minimum|min\.?|up\s+to)\s*$",
    re.I,
)
_REFUND = re.compile(
    r"\b(?:refund(?:ed)?|money\s+back|compensation|discount|off|credit|partial|back)\b", re.I
)
_PRICE = re.compile(
    r"\b(?:paid|pay|payments?|charged|cost|costs|costing|price[ds]?|total(?:led|ling)?|spent|"
    r"worth|order(?:ed)?|bought|purchased|purchase|altogether|in\s+total|was|were|for)\b",
    re.I,
)
_PRICE_BEFORE_NOUN = re.compile(r"^\s*[a-z][a-z-]+", re.I)


@dataclass(frozen=True, slots=True)
class _Money:
    amount: Decimal
    currency: str | None
    rank: int  # 0: the order's price; 1: said plainly; 2: a refund asked for
    at: int


def _amount(raw: str) -> Decimal | None:
    if re.fullmatch(r"\d+,\d{2}", raw):
        raw = raw.replace(",", ".")  # 40,50 written the European way
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value < 1_000_000 else None


def _order_value(text: str) -> tuple[Decimal | None, str | None]:
    candidates: list[_Money] = []
    for found in _MONEY.finditer(text):
        raw = found.group("a1") or found.group("a2") or found.group("a3")
        amount = _amount(raw)
        if amount is None or amount == 0:
            continue
        unit = (found.group("symbol") or found.group("code") or found.group("word") or "").lower()
        currency = _SYMBOL_CURRENCY.get(unit) or _WORD_CURRENCY.get(unit)
        rank = _money_rank(text, found.start(), found.end())
        if rank is not None:
            candidates.append(_Money(amount, currency, rank, found.start()))
    if not candidates:
        return None, None
    best = min(candidates, key=lambda m: (m.rank, m.at))
    return best.amount, best.currency


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after a mention, within its clause."""
    before = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = text[end : end + 80]
    found = _CLAUSE_BREAK.search(after)
    if found:
        after = after[: found.start()]
    return before, after


def _money_rank(text: str, start: int, end: int) -> int | None:
    """How surely a mention is the order's price (lower is surer); None: it is not."""
    before, after = _clause(text, start, end)
    if _THRESHOLD.search(before):
        return None
    whole = f"{before} {after}"
    if _SHIPPING.search(whole) and not _INCLUDING.search(whole):
        return None
    if _REFUND.search(whole):
        return 2
    words_after = after.split()
    if words_after and words_after[0].lower() in {"order", "purchase", "item"}:
        return 0
    if before.rstrip().lower().endswith(("the", "a", "my", "this", "that", "our")) and words_after:
        return 0  # "the $25 necklace"
    if _PRICE.search(whole):
        return 0
    return 1


# --- the item --------------------------------------------------------------------------------

_GENERIC = _words(
    """
    order orders parcel parcels package packages packet item items delivery deliveries tracking
    refund refunds money payment payments shipping postage thing things stuff one ones it them
    everything anything something courier box boxes packaging listing listings photo photos
    picture pictures label shop store website site review message messages email emails reply
    price cost quality colour color size sizes post office depot driver seller customer account
    bank card receipt invoice number replacement product products purchase purchases goods gift
    gifts present presents wife husband daughter son mum mom dad friend friends neighbour
    neighbours kids baby person time week weeks day days month months year hour hours note
    stitching handle clasp lid engraving wick inside outside rest other others same first second
    last whole lot all mistake wrong rain weather address charge fee name names
    """
)
#: Words that end an item's name: verbs, prepositions, pronouns and the like.
_ITEM_STOP = _words(
    """
    i i'm im you he she we they it its it's is are was were be been being has have had do does
    did arrived arrive arrives came come comes got get gets turned turn broke broken break breaks
    snapped cracked smashed shattered stained ripped torn bent scratched faded melted shrank shrunk
    fell falls fall started starts still never hasnt hasn't havent haven't isnt isn't wasnt wasn't
    doesnt doesn't didnt didn't wont won't cant can't and but or so because from for with on in at
    to of by that which who as when while since after before today yesterday this last already
    also just only too very really but smell smells smelled looks look looked seems seemed feels
    felt keeps kept stopped came has leaked leaks leaking died stopped won't needs need went goes
    gone lasted wore worn washed fit fits fitted doesn't isn't sadly unfortunately instead
    yet though although if then there here not no
    """
)
_DETERMINERS = _words(
    "the a an my our your this that these those some two three four five six both one pair set"
)
_PHRASE = r"[^.,;:!?\n()]{2,60}"
_ITEM_PATTERNS = [
    # "Item: Personalised chopping board"
    re.compile(r"^\s*items?\s*(?:ordered|name)?\s*:\s*(?P<item>[^\n]{2,60})$", re.I | re.M),
    # "I ordered the silver necklace", "my wife bought a mirror"
    re.compile(
        r"\b(?:i|we|my\s+\w+|she|he)\s+(?:have\s+|had\s+|just\s+|recently\s+)?"
        r"(?:ordered|bought|purchased|received|got|returned|sent\s+back|paid\s+for)\s+"
        rf"(?P<item>(?:the|a|an|two|three|four|\d+|some|this|that|these|those|your)\s+{_PHRASE})",
        re.I,
    ),
    # "the lamp I ordered", "the jar I bought" (each "the" tried: "the lid of the jar I bought")
    re.compile(
        rf"\b(?:the|my|this|that|these|those|our)\s+(?=(?P<item>{_PHRASE}?)\s+"
        r"(?:i|we|my\s+\w+)\s+(?:have\s+|had\s+|just\s+)?"
        r"(?:ordered|bought|purchased|received|got|paid)\b)",
        re.I,
    ),
    # "I paid $62.00 for the ceramic planter set", "my order was for a linen shirt"
    re.compile(
        r"\b(?:(?:paid|spent)\s+\S{1,12}(?:\s+\w+)?|order(?:\s+(?:was|is))?"
        r"|refund|money\s+back|replacement|exchange)\s+(?:for|on)\s+"
        rf"(?P<item>(?:the|a|an|my|this|these|two|three|\d+)\s+{_PHRASE})",
        re.I,
    ),
    # "my blue mug arrived broken", "the candle arrived", "the bracelet you sent also broke"
    re.compile(rf"\bmy\s+(?=(?P<item>{_PHRASE}))", re.I),
    re.compile(rf"\b(?:the|these|those)\s+(?=(?P<item>{_PHRASE}))", re.I),
]
_NEEDS_VERB = frozenset(_ITEM_PATTERNS[-2:])
_WHOLE = _ITEM_PATTERNS[2]  # the words before "I ordered" are the item's name, all of them
_ASIDE = re.compile(r"\([^()\n]{0,80}\)")


def _item(text: str) -> str | None:
    body = _ASIDE.sub(" ", text)  # "the wooden sign (order 4403) has a crack"
    for pattern in _ITEM_PATTERNS:
        for found in pattern.finditer(body):
            item = _noun_phrase(
                found.group("item"), requires_verb=pattern in _NEEDS_VERB, whole=pattern is _WHOLE
            )
            if item:
                return item
    return None


#: What may follow an item's name when only the sentence's shape says it is one.
_VERB_AFTER = _words(
    """
    arrived arrive arrives came come comes is are was were has have had broke broken snapped
    cracked smashed shattered stained ripped torn bent scratched faded melted shrank shrunk fell
    still never hasnt hasn't isnt isn't wasnt wasn't doesnt doesn't didnt didn't smell smells
    smelled looks look looked seems seemed keeps stopped leaked leaks leaking turned got went
    lasted wore washed fits fit started also just only won't wont don't dont inside itself
    """
)
#: "the bracelet you sent", "the one they posted"
_SENT_BY_SELLER = _words("sent posted shipped made sold delivered mailed")
#: A case's condition before the item's name: "the broken lamp" is the lamp.
_CONDITION = _words(
    "broken damaged cracked smashed chipped faulty missing dented torn ripped stained scratched "
    "bent late lost wrong defective"
)
_WORD = re.compile(r"[a-z][a-z'-]*|\d+(?:\.\d+)?|[£€$]\S+")


def _noun_phrase(raw: str, *, requires_verb: bool, whole: bool = False) -> str | None:
    """The item's name at the start of ``raw`` (up to four words), or None."""
    words = raw.replace("’", "'").split()
    kept: list[str] = []
    stopped_at = len(words)
    for at, word in enumerate(words):
        bare = word.strip("\"'").lower()
        leading = all(k.lower() in _DETERMINERS or not k[0].isalpha() for k in kept)
        if leading and bare in _CONDITION:
            continue
        number = not bare[:1].isalpha()
        if (
            bare in _ITEM_STOP
            or bare in _VERB_AFTER
            or not _WORD.fullmatch(bare)
            or (number and not leading)
        ):
            stopped_at = at
            break
        kept.append(word.strip("\"'"))
        if len(kept) > 5:
            return None
    while kept and (kept[0].lower() in _DETERMINERS or not kept[0][:1].isalpha()):
        kept.pop(0)
    if not kept or len(kept) > 4 or (whole and stopped_at < len(words)):
        return None
    if requires_verb:
        stop = words[stopped_at].lower().strip("\"'") if stopped_at < len(words) else None
        after = words[stopped_at + 1].lower() if stopped_at + 1 < len(words) else None
        by_seller = stop in {"you", "they"} and after in _SENT_BY_SELLER
        if stop not in _VERB_AFTER and not by_seller:
            return None
    if kept[-1].lower() in _GENERIC or kept[-1].lower() in _NOT_NAMES:
        return None
    if any(w.lower() in {"order", "parcel", "package", "refund", "money"} for w in kept):
        return None
    return " ".join(kept).lower() if not kept[0].isupper() else " ".join(kept)
