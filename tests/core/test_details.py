"""Details read out of pasted customer messages: measured on written sets, and the rules that
keep the seller's own name, phone numbers, tracking numbers and postage out of them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bot.core.details import MessageDetails, read_details

DATA = Path(__file__).resolve().parent.parent / "data"
FIELDS = ("customer", "order", "order_value", "currency", "item")


def _normal(field: str, value: object) -> object:
    if value is None:
        return None
    if field == "order_value":
        return Decimal(str(value))
    text = str(value).strip().casefold()
    return text.removeprefix("my ").removeprefix("the ") if field == "item" else text


def accuracy(path: Path) -> dict[str, float]:
    """The share of messages in ``path`` whose each detail is read right (None included)."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    right = dict.fromkeys(FIELDS, 0)
    for case in cases:
        found = read_details(case["message"])
        for field in FIELDS:
            expected = case[field] if isinstance(case[field], list) else [case[field]]
            if _normal(field, getattr(found, field)) in {_normal(field, e) for e in expected}:
                right[field] += 1
    return {field: right[field] / len(cases) for field in FIELDS}


@pytest.mark.parametrize(
    ("name", "floors"),
    [
        # The item measured 100% since it is read as a noun phrase (98.0% before).
        (
            "details/dev.yaml",
            {"customer": 0.95, "order": 0.97, "order_value": 0.95, "currency": 0.95, "item": 0.97},
        ),
        # A hundred messages written later, blind; measured 95.0%, 98.0%, 92.0%, 93.0%, 53.0%
        # before any tuning against them; the item 99.0% since (read as a noun phrase, with
        # this set's failures read).
        (
            "details/dev2.yaml",
            {"customer": 0.93, "order": 0.97, "order_value": 0.9, "currency": 0.9, "item": 0.98},
        ),
        # The item measured 86.4% before it was read as a noun phrase, 81.8% since.
        (
            "holdout/details.yaml",
            {"customer": 0.9, "order": 0.95, "order_value": 0.9, "currency": 0.9, "item": 0.8},
        ),
        # Twenty messages written later, apart from both; measured 100%, 100%, 95%, 100%, 85%;
        # the item 100% since it is read as a noun phrase.
        (
            "holdout2/details.yaml",
            {"customer": 0.95, "order": 0.95, "order_value": 0.9, "currency": 0.95, "item": 0.95},
        ),
        # Sixty messages written later still, apart from the others; measured 96.7%, 96.7%,
        # 91.7%, 93.3%, 58.3% (items are often named with words around them); the item 91.7%
        # since it is read as a noun phrase.
        (
            "holdout3/details.yaml",
            {"customer": 0.95, "order": 0.95, "order_value": 0.9, "currency": 0.9, "item": 0.9},
        ),
        # Sixty more, written apart from all the others; measured before any tuning against the
        # second development set: 95.0%, 96.7%, 93.3%, 91.7%, 43.3%; the item 75.0% since it is
        # read as a noun phrase.
        (
            "holdout4/details.yaml",
            {"customer": 0.93, "order": 0.95, "order_value": 0.9, "currency": 0.9, "item": 0.73},
        ),
    ],
)
def test_details_are_read_right_on_written_messages(name: str, floors: dict[str, float]) -> None:
    path = DATA / name
    assert len(yaml.safe_load(path.read_text(encoding="utf-8"))) >= 20
    measured = accuracy(path)
    below = {f: round(measured[f], 3) for f in FIELDS if measured[f] < floors[f]}
    assert not below, f"below the floor on {name}: {below} (floors {floors})"


def test_the_greeted_name_is_the_sellers_never_the_customers() -> None:
    assert read_details("Hi Jo,\nmy parcel hasn't come").customer is None
    assert read_details("Dear Sam\nthe vase arrived broken").customer is None
    message = "Hi Priya,\nthe replacement also came cracked.\nBest wishes,\nJo"
    assert read_details(message).customer == "Jo"


@pytest.mark.parametrize(
    ("message", "customer"),
    [
        ("the mug is chipped. Thanks, Priya", "Priya"),
        ("the mug is chipped.\nKind regards\nTom Baker", "Tom Baker"),
        ("the mug is chipped\n- Ana", "Ana"),
        ("Hello, I'm Zainab and my mug is chipped", "Zainab"),
        ("hi its rachel, the mug is chipped", "rachel"),
        ("My name is Chen Wei. The mug is chipped.", "Chen Wei"),
        ("the mug is chipped. Thanks so much!", None),
        ("I'm really upset, the mug is chipped", None),
    ],
)
def test_the_customers_name(message: str, customer: str | None) -> None:
    assert read_details(message).customer == customer


@pytest.mark.parametrize(
    ("message", "order"),
    [
        ("Order #4471 arrived broken", "4471"),
        ("order 123-4567890-1234567 never came", "123-4567890-1234567"),
        ("eBay order 12-34567-89012", "12-34567-89012"),
        ("order no. 2213 is late", "2213"),
        ("Etsy receipt 3019284756", "3019284756"),
        ("call me on 07700 900123 about the lamp", None),
        ("tracking 1Z999AA10123456784 hasn't moved", None),
        ("tracking number RN123456789GB since 12/03/2026", None),
        ("I ordered 3 weeks ago and paid $45.50", None),
        ("my order from 14/02 hasn't come", None),
    ],
)
def test_the_order_number(message: str, order: str | None) -> None:
    assert read_details(message).order == order


@pytest.mark.parametrize(
    ("message", "value", "currency"),
    [
        ("I paid £40 and it never came", "40", "GBP"),
        ("the $25 necklace went green", "25", "USD"),
        ("my €30 order never turned up", "30", "EUR"),
        ("the teapot was £28 and postage was £4.95", "28", "GBP"),
        ("shipping was £4.95 and the teapot was £28", "28", "GBP"),
        ("I paid $62 for the set; I'd like a refund of $20", "62", "USD"),
        ("still waiting for my refund of £35", "35", "GBP"),
        ("free shipping over £50 but my order was £54", "54", "GBP"),
        ("I paid CAD 120 including delivery", "120", "CAD"),
        ("it was 45 euros", "45", "EUR"),
        ("I waited 3 weeks for 2 mugs", None, None),
        ("I was charged £15 for shipping", None, None),
    ],
)
def test_the_order_value(message: str, value: str | None, currency: str | None) -> None:
    found = read_details(message)
    assert found.order_value == (Decimal(value) if value else None)
    assert found.currency == currency


@pytest.mark.parametrize(
    ("message", "item"),
    [
        ("my blue mug arrived broken", "blue mug"),
        ("the necklace I ordered has gone green", "necklace"),
        ("I bought the leather wallet last week", "leather wallet"),
        ("still waiting for a refund for the broken clock", "clock"),
        ("where is my parcel?", None),
        ("the courier left it in the rain", None),
        # modifiers kept, counts and parts left out, "one of" read as one
        ("the green and gold teapot has a chip", "green and gold teapot"),
        ("I bought three of your beeswax candles", "beeswax candles"),
        ("my nan bought me one of your wool hats", "wool hat"),
        ("the wicker basket handle came off", "wicker basket"),
        ("thanks so much for the lovely tea towel", "tea towel"),
        # the surest place wins over the first mention: a heading, then "ordered" and the like
        ("Hi, the tracking is stuck.\nItem: walnut serving board", "walnut serving board"),
        ("my sister says the shop is great, so I ordered the jute rug", "jute rug"),
        # what is not the item: the order, the money, people, places, time, the text itself
        ("my order hasn't arrived and my daughter's birthday is Sunday", None),
        ("the courier left my parcel by the bin", None),
        ("the listing says free returns, I'd like a refund", None),
    ],
)
def test_the_item(message: str, item: str | None) -> None:
    assert read_details(message).item == item


def test_details_as_json_and_as_found() -> None:
    found = read_details("I paid £18.50 for the wallet. Order #2210. Thanks, Mark")
    assert found.to_dict() == {
        "customer": "Mark",
        "order": "2210",
        "order_value": 18.5,
        "currency": "GBP",
        "item": "wallet",
    }
    assert found.found()["order_value"] == Decimal("18.50")
    empty = read_details("where is it")
    assert not empty and empty == MessageDetails()
    assert empty.to_dict() == dict.fromkeys(FIELDS)
