"""``{marketplace}``: the server's marketplace in a reply, and natural words without one."""

from __future__ import annotations

import pytest

from bot.core import composer, engine, presenter
from bot.core.engine import CaseDetails, CoachState, Step
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.marketplace import Marketplace, marketplace_text
from bot.core.placeholders import PLACEHOLDERS, check_placeholders, render

SHIPPED = {p.id: p for p in load_playbooks([shipped_playbooks_dir()]).playbooks}
ADDRESS = SHIPPED["address-problem"]
ASKS = "Could you send it to me in a message on {}, so the change is on record with order 1042?"


def with_questions(marketplace: Marketplace | None) -> CoachState:
    state = engine.start(ADDRESS, CaseDetails(order="1042"), marketplace=marketplace)
    return engine.choose_questions(state, ADDRESS, [1])


@pytest.mark.parametrize(
    ("marketplace", "says"),
    [
        (Marketplace.ETSY, "Etsy"),
        (Marketplace.EBAY, "eBay"),
        (Marketplace.SHOPIFY, "Shopify"),
        (Marketplace.VINTED, "Vinted"),
        (Marketplace.OWN_SITE, "my website"),
        (Marketplace.OTHER, "the marketplace"),
        (None, "the marketplace"),
    ],
)
def test_the_reply_names_the_marketplace_or_reads_naturally_without(
    marketplace: Marketplace | None, says: str
) -> None:
    assert marketplace_text(marketplace) == says
    draft = engine.draft(with_questions(marketplace), ADDRESS)
    assert ASKS.format(says) in draft
    assert "{" not in draft and "[marketplace" not in draft


def test_it_is_never_a_detail_left_to_fill_in() -> None:
    state = with_questions(None)
    assert not any("marketplace" in m for m in engine.missing_details(state, ADDRESS))
    assert "[order number]" not in engine.missing_details(state, ADDRESS)  # 1042 is given
    # Even left without a value, the marker of {marketplace} reads naturally, so is not missing.
    marker = PLACEHOLDERS["marketplace"]
    assert composer.missing_markers(f"a message on {marker}", {}) == ()


def test_the_walkthrough_keeps_it_through_json_and_shows_it_at_each_step() -> None:
    state = with_questions(Marketplace.VINTED)
    again = CoachState.from_json(state.to_json())
    assert again.marketplace is Marketplace.VINTED
    listen = presenter.present(again, ADDRESS)
    assert any("a message on Vinted" in option.label for option in listen.options)
    drafted = engine.go_to(again, ADDRESS, Step.DRAFT)
    assert ASKS.format("Vinted") in engine.draft(drafted, ADDRESS)
    assert '"marketplace"' not in with_questions(None).to_json()  # old states read the same


def test_it_is_a_known_placeholder_with_a_natural_stand_in() -> None:
    assert list(check_placeholders("on {marketplace}")) == []
    assert render("on {marketplace}", {}) == "on the marketplace"
    assert render("on {marketplace}", {"marketplace": "eBay"}) == "on eBay"
