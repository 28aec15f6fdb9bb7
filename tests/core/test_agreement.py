"""Number agreement for the item the seller gives: plural items get plural verbs and pronouns."""

from __future__ import annotations

import pytest

from bot.core.agreement import agree, is_plural


@pytest.mark.parametrize(
    ("item", "plural"),
    [
        ("silver hoops", True),
        ("earrings", True),
        ("linen napkins", True),
        ("two prints", True),
        ("3 mugs", True),
        ("glasses", True),
        ("jeans", True),
        ("blue mug", False),
        ("1 mug", False),
        ("pair of earrings", False),
        ("a set of coasters", False),
        ("silk dress", False),
        ("canvas", False),
        ("cactus", False),
        ("iris print", False),
        ("", False),
    ],
)
def test_is_plural_reads_the_head_noun(item: str, plural: bool) -> None:
    assert is_plural(item) is plural


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I'm sorry your silver hoops is taking longer than it should.",
            "I'm sorry your silver hoops are taking longer than they should.",
        ),
        ("Has your silver hoops reached you?", "Have your silver hoops reached you?"),
        (
            "I'd like to send you a replacement silver hoops today.",
            "I'd like to send you replacement silver hoops today.",
        ),
        ("I'll make another silver hoops for you.", "I'll make more silver hoops for you."),
        (
            "Your silver hoops will be on its way as planned.",
            "Your silver hoops will be on their way as planned.",
        ),
        (
            "Once your silver hoops is back, I'll check it over. It was posted on Monday.",
            "Once your silver hoops are back, I'll check them over. It was posted on Monday.",
        ),
        (
            "I hope your silver hoops reached you and that it's what you ordered.",
            "I hope your silver hoops reached you and that they're what you ordered.",
        ),
        (
            "Here are care tips for your silver hoops so it stays at its best.",
            "Here are care tips for your silver hoops so they stay at their best.",
        ),
        (
            "I wanted to make sure your silver hoops reached you and that it's what you ordered.",
            "I wanted to make sure your silver hoops reached you and that they're what you "
            "ordered.",
        ),
        (
            "As your silver hoops still isn't there, I'll send a new one.",
            "As your silver hoops still aren't there, I'll send a new one.",
        ),
    ],
)
def test_agree_makes_what_follows_a_plural_item_plural(text: str, expected: str) -> None:
    assert agree(text, "silver hoops") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The price of your silver hoops is a little higher than what you paid.",
        "Once a piece like your silver hoops has been worn, I can't sell it.",
        "I'll keep back a little for the cleaning it needs after your silver hoops arrive.",
        "I'm glad your silver hoops found their way to you, and I'd like to make it right.",
    ],
)
def test_agree_leaves_verbs_and_pronouns_that_belong_to_something_else(text: str) -> None:
    assert agree(text, "silver hoops") == text


def test_agree_leaves_a_singular_item_alone() -> None:
    text = "Has your blue mug reached you? I'll send a replacement blue mug if it hasn't."
    assert agree(text, "blue mug") == text
    assert agree(text, "") == text
