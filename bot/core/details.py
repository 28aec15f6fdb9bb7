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
* **item**: the thing named plainly, read as a noun phrase with its colour, material and size
  words: after "ordered", "bought", "received" and the like ("I bought the leather wallet"), as
  the subject of the problem ("my blue mug arrived broken"), with what was done with it ("the
  necklace I ordered") or under a heading ("Item: ..."). Never the parcel, the order, the money,
  people, places or times, and never a part of the thing ("the tote handle" is the tote).

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
#
# A person finds the item by where it is named: after "ordered", "bought", "received"; as the
# thing a sentence is about ("my blue mug arrived broken"); in "the lamp I ordered"; under a
# heading ("Item: ..."). The name itself is a noun phrase: the words after the determiner up to
# the first preposition, verb, pronoun or punctuation, with its modifiers (colour, material,
# size) kept and its head a thing that can be sold, not the parcel, the money, the people, the
# time, the place or a part of the thing.

#: Words that start a noun phrase and are not part of the item's name.
_DETERMINERS = _words(
    """
    the a an my our your his her their this that these those some any another each every both
    either such what which
    """
)
#: Counts: "two prints", "a third pair of the moon studs", "the set of six napkins".
_COUNTS = _words(
    """
    one two three four five six seven eight nine ten eleven twelve twenty thirty fifty hundred
    dozen half couple few several many all most none first second third fourth fifth last
    next
    """
)
#: Nouns that count or hold what follows "of": "a pair of gloves", "20 bars of your soap".
_MEASURES = _words(
    """
    pair pairs set sets pack packs piece pieces lot lots bunch bundle bundles box boxes bag bags
    bottle bottles jar jars batch batches sheet sheets roll rolls handful load loads kind kinds
    type types sort sorts variety selection collection bit bits
    """
)
#: Words before the item's name that say how it is or how the customer feels about it, not
#: what it is: "the broken clock", "the lovely scarf", "the same print", "the wrong colour".
_QUALIFIERS = _words(
    """
    broken damaged cracked smashed chipped faulty missing dented torn ripped stained scratched
    bent late lost wrong defective faded ruined leaking leaky crushed squashed melted
    lovely beautiful gorgeous stunning nice great amazing wonderful pretty cute adorable perfect
    little lil poor whole entire actual same other right correct new extra original previous
    recent latest another online spare matching
    """
)
#: Colours: "the green and gold teapot" is one name.
_COLOURS = _words(
    """
    red orange yellow green blue purple pink brown black white grey gray silver gold golden navy
    cream beige teal turquoise lilac lavender ivory maroon burgundy mustard khaki tan rose
    """
)
#: Pronouns after "bought", "got", "send": "my nan bought me one of your hats".
_OBJECTS = _words("me us him her them you")
#: Sizes: a phrase that ends on one ("you sent a small") names no item.
_SIZES = _words("small medium large xl xxl xs mini big tiny huge extra-large oversized regular")
#: Words that end an item's name: prepositions, conjunctions, pronouns, auxiliaries, adverbs.
_FUNCTION_WORDS = _words(
    """
    of in on at to from for with by about into onto over under after before since until till
    without within through across between against during near off out up down around along
    like per via than
    and or but so because as if that which who whom whose when where while though although
    unless whether nor yet
    i i'm im i've ive i'd id i'll you you're youre he she we they it its it's me him us them
    myself yourself itself themselves one's
    is are was were be been being am has have had do does did can could will would shall should
    may might must 's 're 've 'd 'll
    not never no nothing none
    still already also just only too very really even again now then today yesterday tonight
    tomorrow instead here there ago yet back away once twice inside outside underneath
    together please thanks thank pls plz ok okay fine good bad safe ready available possible
    sadly unfortunately actually literally basically anyway though btw lol tbh x xx xxx
    """
)
#: Verbs that follow an item's name: "the mug arrived", "the sign says", "the wick won't".
_VERBS = _words(
    """
    arrived arrive arrives came come comes turned turn turns got get gets went go goes gone
    broke break breaks snapped cracked smashed shattered stained ripped tore torn bent scratched
    faded melted shrank shrunk fell falls fall started starts start stopped stops keep keeps
    kept leaked leaks leaking died lasted wore worn washed fit fits fitted look looks looked
    seem seems seemed feel feels felt smell smells smelled smelt say says said show shows showed
    need needs needed want wants wanted make makes made take takes took give gives gave leave
    leaves left put puts sit sits sat stay stays stayed work works worked move moves moved
    gives isnt isn't wasnt wasn't doesnt doesn't didnt didn't wont won't cant can't dont don't
    hasnt hasn't havent haven't arent aren't werent weren't couldnt couldn't shouldnt wouldnt
    has is are was were will would should could can may might must
    taken given written seen done sent stolen chosen forgotten hidden shaken eaten fallen grown
    known shown thrown drawn begun love loves loved likes liked hate hates hated use uses used
    wear wears think thinks thought
    """
)
#: Nouns a message names that are never the item, by kind.
_NOT_ITEM_KINDS = {
    "the parcel and its journey": """
        order orders parcel parcels package packages packet delivery deliveries tracking
        shipment shipping postage post express tracked signed upgrade courier couriers
        driver postman postwoman van depot office label labels envelope envelopes packaging
        wrapping box boxes tube dispatch collection return returns exchange replacement
        replacements
    """,
    "places": """
        address door doorstep porch letterbox mailbox house home flat apartment building
        neighbour neighbours street garden car work bin bins gate shed reception hallway
        lobby mailroom place room kitchen bathroom bedroom lounge
    """,
    "money": """
        refund refunds money payment payments price prices cost costs total fee fees charge
        charges duty duties tax vat discount difference cash cheque bank account card paypal
        invoice receipt receipts deposit balance quote change coupon code voucher sale
    """,
    "messages, the shop and marketplaces": """
        message messages email emails reply replies review reviews feedback link links
        website site shop store listing listings page photo photos picture pictures video
        videos app number numbers ref reference id name names note list details info
        information question questions update updates notification confirmation chat call
        phone status etsy ebay amazon shopify vinted depop royal mail evri hermes dhl ups
        fedex usps dpd
        description instructions checkout cart form response answer
    """,
    "people and pets": """
        seller sellers customer customers wife husband partner daughter son mum mom mother
        dad father sister brother aunt uncle nan gran grandma grandad friend friends family
        kids kid baby child children boyfriend girlfriend person people someone anyone
        everyone nobody team dog dogs cat cats puppy mate colleague boss client cousin niece
        nephew grandson granddaughter sender recipient buyer owner maker staff manager lady
        man woman guy postie
    """,
    "time and occasions": """
        time day days week weeks month months year years hour hours minute minutes morning
        afternoon evening night weekend birthday wedding christmas anniversary party holiday
        holidays today moment while ages gift gifts present presents monday tuesday
        wednesday thursday friday saturday sunday january february march april june july
        august september october november december weather rain date dates deadline event
        occasion wait delay delays queue
    """,
    "the body": """
        wrist wrists arm arms hand hands finger fingers ear ears neck skin face leg legs
        foot feet head hair eye eyes nose lip lips
    """,
    "faults and what is wrong with it": """
        crack cracks crease creases tear tears scratch scratches dent dents chip chips hole
        holes stain stains mark marks rash reaction smell damage problem problems issue
        issues mistake fault error quality colour color colours colors size sizes fit shape
    """,
    "the case and its handling": """
        mind idea process policy terms situation experience option options reason point case
        help support service
    """,
    "vague words and places on a thing": """
        thing things stuff item items product products goods purchase purchases one ones lot
        rest everything anything something nothing middle side sides inside outside top
        bottom front corner corners edge edges end part parts bit bits piece pieces half way
    """,
}
_NOT_ITEMS = frozenset(word for kind in _NOT_ITEM_KINDS.values() for word in kind.split())
#: Parts of a thing, never sold alone: "the wicker basket handle came off" is the basket.
_PARTS = _words(
    """
    handle handles lid lids clasp clasps strap straps hinge hinges spout wick wicks stitching
    seam seams glaze engraving button buttons zip zipper hook hooks switch plug cord lining sole
    soles heel heels wheel wheels
    """
)
#: What a thing is made of: alone ("the leather is peeling"), it names no item.
_MATERIALS = _words(
    """
    glass leather wood metal ceramic cotton wool linen silk paint ink plastic fabric paper
    """
)
#: After the item's name, the order it came in: "my tea towel order" is the tea towel.
_ORDER = _words("order orders")
#: Words that say what kind of order it was, not what was in it: "a bulk order".
_ORDER_KINDS = _words("bulk wholesale custom trade repeat sample test standing online")
#: Words that make a phrase about the parcel or the money: "the parcel tracking page".
_ABOUT_THE_PARCEL = _words(
    "order orders parcel parcels package packages delivery refund money tracking"
)
_BOUNDARY = re.compile(r"[,;:!?()\[\]\n\"“”]|\.(?!\d)|\s[-–—]\s|\s&\s")
_WORD = re.compile(r"[a-z][a-z'-]*|[a-z]*\d+[a-z][a-z\d]*|[a-z]+\d+|\d+(?:[.,]\d+)?|[£€$]\d\S*")


def _named(raw: str) -> tuple[str | None, str]:
    """The item's name at the start of ``raw`` (None when it names no item), and what follows.

    ``raw`` is read up to its first punctuation. Determiners, counts ("two of your"), measures
    ("a pair of") and qualifiers ("the broken", "the lovely") are passed over; the name's words
    are then kept up to a function word, a verb or a number; the last of them, the head, must be
    a thing that can be sold.
    """
    boundary = _BOUNDARY.search(raw)
    clause = raw[: boundary.start()] if boundary else raw
    words = [w for w in (w.replace("’", "'").strip("'‘") for w in clause.split()) if w]
    at, one_of = _name_start(words)
    kept: list[str] = []
    while at < len(words):
        word, bare = words[at], words[at].lower()
        if bare.endswith("'s") and bare not in _FUNCTION_WORDS:
            if bare[:-2] not in _NOT_ITEMS and not word[:1].isupper():
                break  # "the parcel's at the depot": this 's is "is"
            kept = []  # "my daughter's necklace": the daughter is not the item
        elif _ends_name(bare, kept):
            colours = bare == "and" and kept and kept[-1].lower() in _COLOURS
            if not (colours and at + 1 < len(words) and words[at + 1].lower() in _COLOURS):
                break
            kept.append(word)  # "the green and gold teapot"
        else:
            kept.append(word)
        at += 1
    rest = " ".join(words[at:]) + raw[len(clause) :]
    while kept and not kept[0][:1].isalpha():
        kept.pop(0)  # "my 2 mugs", "the $25 necklace"
    if len(kept) > 1 and kept[-1].lower() in _ORDER:
        kept.pop()  # "my tea towel order", but not "a bulk order"
        if kept[-1].lower() in _ORDER_KINDS:
            return None, rest
    if len(kept) > 1 and kept[-1].lower() in _PARTS:
        kept.pop()  # "the wicker basket handle"
    if not kept or len(kept) > 6:
        return None, rest
    kept = kept[-4:]  # the head and the modifiers nearest it
    if one_of:
        kept[-1] = _singular(kept[-1])  # "one of your wool hats"
    if not _names_an_item(kept):
        return None, rest
    name = " ".join(kept)
    return (name if any(w.isupper() and len(w) > 1 for w in kept) else name.lower()), rest


def _name_start(words: list[str]) -> tuple[int, bool]:
    """Where the name starts after its determiners, counts and qualifiers; whether the words
    before it were "one of" ("one of your wool hats" names one hat)."""
    at, one_of = 0, False
    while at < len(words):
        bare = words[at].lower()
        then = words[at + 1].lower() if at + 1 < len(words) else ""
        counted = bare in _COUNTS or bare in _MEASURES or bare[:1].isdigit()
        if counted and then == "of":  # "two of your", "a pair of", "15 pieces of"
            one_of = bare == "one"
            at += 2
        elif bare == "size" and then and (then[:1].isdigit() or len(then) <= 3):
            at += 2  # "the size 12 dress"
        elif (
            bare in _DETERMINERS
            or bare in _QUALIFIERS
            or bare in _COUNTS
            or bare[:1].isdigit()
            or bare[:1] in "£$€"
            or (at == 0 and then and bare in _OBJECTS)  # "bought me one of your ..."
        ):
            at += 1
        else:
            break
    return at, one_of


def _ends_name(bare: str, kept: list[str]) -> bool:
    """Whether ``bare`` (lower case) ends the item's name that has ``kept`` so far."""
    if bare in _FUNCTION_WORDS or bare in _VERBS or "n't" in bare or not _WORD.fullmatch(bare):
        return True
    # "the teapot two weeks ago", "the mug 3 days", "the strap snapped", "the tee size L"
    return bool(kept) and (
        bare in _COUNTS or bare == "size" or not bare[:1].isalpha() or _looks_past(bare)
    )


def _names_an_item(kept: list[str]) -> bool:
    """Whether a noun phrase's words name a thing that can be sold (by its head, its last)."""
    head = kept[-1].lower()
    if len(kept) == 1 and (
        head in _MEASURES or head in _COLOURS or head in _MATERIALS or kept[0][:1].isupper()
    ):
        return False  # "a new pair", "you sent the black", "the leather is peeling", "the UK"
    return not (
        head in _NOT_ITEMS
        or head in _PARTS
        or head in _QUALIFIERS
        or head in _SIZES
        or head in _NOT_NAMES
        or _looks_past(head)
        or head.endswith("ly")
        or len(head) < 2
        or not head.replace("-", "").isalpha()
        or any(w.lower() in _ABOUT_THE_PARCEL for w in kept)
    )


def _singular(word: str) -> str:
    """``word`` as one: "sweaters" → "sweater", "boxes" → "box", "candies" → "candy"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _looks_past(word: str) -> bool:
    """A past-tense verb or participle after a noun: "the mug arrived", "the strap snapped"."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


_DETERMINER = r"(?:the|my|our|this|these|those|your)\s+"
#: "Item: Personalised chopping board", or a heading with the items listed under it.
_HEADED = re.compile(
    r"^[ \t]*(?:items?|products?|what\s+i\s+(?:ordered|bought))(?:[ \t]+(?:ordered|bought|name))?"
    r"[ \t]*:[ \t]*(?:\n[ \t]*(?:[-*•]|\d+[.)])?[ \t]*)?",
    re.I | re.M,
)
#: Where the item's name follows most surely: "I ordered the silver necklace", "my order was
#: for a linen shirt", "I paid $62 for the planter set", "about my scarf".
_NAMED_AFTER = re.compile(
    r"\b(?:order\s*(?:no\.?|number|#)?\s*#?[\w-]*\d[\w-]*\s*(?:[(,:]|[-–—](?=\s))"
    r"|order(?:\s+(?:was|is))?\s+(?:just\s+)?(?:for|of)"
    r"|order\s+(?:was|is)"
    r"|(?:paid|spent|charged|quoted|pay|offer|take|refund|money\s+back|credit|discount)"
    r"(?:\s+\S+){0,2}?\s+(?:for|on)"
    r"|[£€$]\s?\d[\d.,]*\s+(?:each\s+)?(?:for|on)"
    r"|about|regarding|re:"
    r"|(?<!\bmy\s)(?<!\bthe\s)(?<!\ban\s)(?<!\byour\s)(?<!\bthis\s)(?<!\bour\s)order"
    r"|(?:ordered|bought|buy|buying|purchased|purchase|purchasing|received|receive|"
    r"got|returned|return|returning|exchange|swap|cancel|reorder|re-order|ship|send|resend|"
    r"add|deliver|sent(?:\s+(?:you|u))?)(?:\s+(?:back|off|in))?)(?:\s+|(?<=[(,])\s*)",
    re.I,
)
#: "the lamp I ordered", "the bracelet you sent": the item by what was done with it.
_ORDERED_AFTER = re.compile(
    r"^(?:that\s+|which\s+)?(?:i|we|my\s+\w+|she|he|you|they)\s+(?:\w+\s+)?"
    r"(?:ordered|bought|purchased|received|got|paid|sent|posted|made|sold|shipped|delivered)\b",
    re.I,
)
_ASIDE = re.compile(r"\([^()\n]{0,80}\)")
#: The thing a sentence is about, or named anywhere.
_MENTIONED = re.compile(rf"\b(?:{_DETERMINER}|for\s+(?:a|an)\s+)", re.I)


def _item(text: str) -> str | None:
    """The thing the message is about, named plainly, or None (never the parcel or the order).

    Every plainly named thing is a candidate, ranked by how surely its place says it is the
    item: under a heading first; then after "ordered", "bought", "received" and the like, named
    with what was done with it ("the lamp I ordered") or as the subject of the problem ("my mug
    arrived broken"); then named anywhere else. The first of the surest wins.
    """
    candidates: list[tuple[int, int, str]] = []
    # Read with and without asides: "the oak stool (order 5512) has a crack", but also
    # "my order 7781 (three tea towels)".
    without_asides = _ASIDE.sub(lambda aside: " " * len(aside[0]), text)
    for body in (text, without_asides):
        for found in _HEADED.finditer(body):
            name, _ = _named(body[found.end() : found.end() + 100])
            if name:
                candidates.append((0, found.start(), name))
        for found in _NAMED_AFTER.finditer(body):
            name, _ = _named(body[found.end() : found.end() + 100])
            if name:
                candidates.append((1, found.start(), name))
        for found in _MENTIONED.finditer(body):
            name, rest = _named(body[found.end() : found.end() + 100])
            if not name:
                continue
            follows = rest.split(maxsplit=1)[0].lower().strip("!?.,") if rest.split() else ""
            subject = follows in _VERBS or "n't" in follows or _looks_past(follows)
            rank = 1 if subject or _ORDERED_AFTER.match(rest) else 2
            candidates.append((rank, found.start(), name))
    return min(candidates)[2] if candidates else None
