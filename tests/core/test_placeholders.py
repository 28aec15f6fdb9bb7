"""Placeholders: the closed set is checked, and an unfilled one is always visible."""

from __future__ import annotations

import itertools

import pytest

from bot.core.placeholders import (
    PLACEHOLDERS,
    check_placeholders,
    placeholders_in,
    placeholders_ok,
    render,
    suggest,
)


def problems(text: str) -> list[tuple[int, str]]:
    return [(p.offset, p.message) for p in check_placeholders(text)]


@pytest.mark.parametrize("name", sorted(PLACEHOLDERS))
def test_every_known_placeholder_is_accepted(name: str) -> None:
    assert problems(f"Hi {{{name}}}, thanks for your order.") == []


def test_text_without_braces_is_fine() -> None:
    assert problems("I'm so sorry, that's not how it should have arrived.") == []


def test_the_closed_set() -> None:
    assert {"customer", "item", "order", "shop", "seller"} <= set(PLACEHOLDERS)


@pytest.mark.parametrize(
    ("text", "offset", "hint"),
    [
        ("Hi {custmer}, sorry!", 3, "customer"),
        ("Your {itme} is on its way", 5, "item"),
        ("order {ordr}", 6, "order"),
        ("{Customer}", 0, "customer"),
        ("{ shop }", 0, "shop"),
    ],
)
def test_misspelt_placeholder_gets_a_suggestion(text: str, offset: int, hint: str) -> None:
    [(found_at, message)] = problems(text)
    assert found_at == offset
    assert message.startswith("unknown placeholder {")
    assert message.endswith(f"did you mean {{{hint}}}?")


def test_unknown_placeholder_without_a_close_match_lists_the_known_ones() -> None:
    [(offset, message)] = problems("Hello {zzzzzzzzzz}")
    assert offset == 6
    assert message.startswith("unknown placeholder {zzzzzzzzzz}; known: ")
    for name in PLACEHOLDERS:
        assert f"{{{name}}}" in message


def test_empty_braces_are_an_unknown_placeholder() -> None:
    [(offset, message)] = problems("Hi {}!")
    assert offset == 3
    assert message.startswith("unknown placeholder {}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi {customer", [(3, "{")]),
        ("Hi customer}", [(11, "}")]),
        ("a } b {item}", [(2, "}")]),
        ("{item} and {", [(11, "{")]),
        ("{{customer}}", [(0, "{"), (11, "}")]),
        ("} {shop} {", [(0, "}"), (9, "{")]),
    ],
)
def test_stray_braces_are_reported_at_their_offsets(
    text: str, expected: list[tuple[int, str]]
) -> None:
    found = problems(text)
    assert [offset for offset, _ in found] == [offset for offset, _ in expected]
    for (_, message), (_, brace) in zip(found, expected, strict=True):
        assert message.startswith(f"stray '{brace}'")
        assert "{customer}" in message


def test_problems_come_in_text_order() -> None:
    found = problems("} {custmer} {")
    assert [offset for offset, _ in found] == [0, 2, 12]


def test_placeholders_in() -> None:
    assert placeholders_in("Hi {customer}, your {item} (order {order}) for {customer}") == {
        "customer",
        "item",
        "order",
    }
    assert placeholders_in("no braces") == set()


def test_suggest() -> None:
    assert suggest("custmer", list(PLACEHOLDERS)) == "customer"
    assert suggest("xyzzyplugh", list(PLACEHOLDERS)) is None
    assert suggest("anything", []) is None


# -- rendering ----------------------------------------------------------------------------------


def test_render_fills_values() -> None:
    text = "Hi {customer}, your {item} from order {order} is on its way. {seller} at {shop}"
    values = {
        "customer": "Ana",
        "item": "blue mug",
        "order": "#1042",
        "seller": "Sam",
        "shop": "Clay Corner",
    }
    assert render(text, values) == (
        "Hi Ana, your blue mug from order #1042 is on its way. Sam at Clay Corner"
    )


def test_render_strips_surrounding_whitespace_of_a_value() -> None:
    assert render("Hi {customer},", {"customer": "  Ana \n"}) == "Hi Ana,"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"], ids=["none", "empty", "spaces", "ws"])
def test_unfilled_placeholder_renders_a_visible_marker(value: str | None) -> None:
    rendered = render("Hi {customer}, sorry about your {item}.", {"customer": value})
    assert rendered == "Hi [customer's name], sorry about your [item]."
    assert "Hi ," not in rendered
    assert "{" not in rendered


@pytest.mark.parametrize("name", sorted(PLACEHOLDERS))
def test_every_placeholder_has_a_visible_marker(name: str) -> None:
    rendered = render(f"Hi {{{name}}},", {})
    assert rendered == f"Hi {PLACEHOLDERS[name]},"
    assert PLACEHOLDERS[name].strip(), "a marker must not be blank"
    assert rendered != "Hi ,"


def test_a_value_is_not_rendered_again() -> None:
    assert render("Hi {customer}", {"customer": "{order}"}) == "Hi {order}"


def test_an_unknown_placeholder_stays_visible() -> None:
    assert render("Hi {custmer}", {"customer": "Ana"}) == "Hi {custmer}"


def test_text_without_placeholders_is_unchanged() -> None:
    text = "Thanks for letting me know - I'll sort this out today."
    assert render(text, {"customer": "Ana"}) == text


def test_the_quick_verdict_agrees_with_the_full_check_on_every_mix_of_braces() -> None:
    """Every text of up to four pieces, from pieces that make known, unknown, nested, empty
    and unbalanced placeholders: fine by the quick verdict exactly when no problem is found."""
    pieces = ["{", "}", "customer", "custmer", "{customer}", "{order}", "{}", " x"]
    texts = [
        "".join(parts) for size in range(5) for parts in itertools.product(pieces, repeat=size)
    ]
    disagree = [t for t in texts if placeholders_ok(t) != (not list(check_placeholders(t)))]
    assert disagree == []
    assert sum(map(placeholders_ok, texts)) > 500 and sum(map(placeholders_ok, texts)) < len(texts)
