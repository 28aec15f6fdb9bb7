"""`seller-coach draft`: the composer on the command line, for proofreading and for tools."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.cli import main
from bot.core.loader import load_playbooks, shipped_playbooks_dir

SHIPPED = {p.id: p for p in load_playbooks([shipped_playbooks_dir()]).playbooks}
DETAILS = [
    "--customer",
    "Priya",
    "--item",
    "blue mug",
    "--order",
    "#4471",
    "--order-value",
    "40",
    "--currency",
    "GBP",
    "--seller",
    "Sam",
    "--shop",
    "Clay Corner",
    "--code",
    "THANKS10",
    "--tracking",
    "RM123456785GB",
    "--date",
    "Friday",
]


def drafts(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    assert main(["draft", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_without_an_offer_each_playbook_gets_its_recommended_draft(
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = drafts(capsys, *DETAILS)
    assert [r["playbook"] for r in records] == sorted(SHIPPED)
    for record in records:
        playbook = SHIPPED[record["playbook"]]
        assert record["recommended"] is True
        assert record["offer"]["id"] == playbook.steps.compensate.recommended
        assert set(record) == {"playbook", "offer", "recommended", "draft", "follow_up", "missing"}
        assert set(record["offer"]) == {"id", "label", "kind", "cost", "returns_item", "status"}
        assert record["draft"].startswith("Hi Priya,")
        assert record["follow_up"].startswith("Hi Priya,")
        assert record["missing"] == []


def test_all_offers_and_none(capsys: pytest.CaptureFixture[str]) -> None:
    records = drafts(capsys, "damaged-in-transit", "--offer", "all", *DETAILS)
    ladder = SHIPPED["damaged-in-transit"].steps.compensate.ladder
    assert [r["offer"]["id"] if r["offer"] else None for r in records] == [
        *(o.id for o in ladder),
        None,
    ]
    assert [r["recommended"] for r in records].count(True) == 1
    replacement = next(r for r in records if r["offer"] and r["offer"]["id"] == "replacement")
    assert replacement["offer"]["kind"] == "replacement"
    assert replacement["offer"]["returns_item"] is False
    assert "RM123456785GB" in replacement["draft"]


def test_the_sellers_choices_shape_the_draft(capsys: pytest.CaptureFixture[str]) -> None:
    (record,) = drafts(
        capsys,
        "damaged-in-transit",
        "--offer",
        "none",
        "--apology",
        "2",
        "--questions",
        "none",
        "--follow-up-days",
        "none",
        *DETAILS,
    )
    steps = SHIPPED["damaged-in-transit"].steps
    assert record["offer"] is None and record["recommended"] is False
    assert steps.apologise.lines[1].split(".")[0] in record["draft"]
    assert "?" not in record["draft"]
    assert "check in" not in record["draft"]
    assert record["follow_up"] is None


def test_policy_and_insurance_choose_the_starting_offer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    (insured,) = drafts(capsys, "lost-in-transit", "--insured", *DETAILS)
    assert insured["offer"]["id"] == "replacement"
    (tight,) = drafts(capsys, "damaged-in-transit", "--max-goodwill", "10", *DETAILS)
    assert tight["offer"]["id"] == "keep-with-discount"
    assert tight["recommended"] is False
    (over,) = drafts(
        capsys, "damaged-in-transit", "--offer", "full-refund", "--max-goodwill", "10", *DETAILS
    )
    assert over["offer"]["status"] == "over"


def test_postage_follows_policy_and_fault(capsys: pytest.CaptureFixture[str]) -> None:
    (buyer,) = drafts(capsys, "changed-mind", "--return-shipping", "buyer", *DETAILS)
    (seller,) = drafts(capsys, "changed-mind", "--return-shipping", "seller", *DETAILS)
    assert "yours to cover" in buyer["draft"]
    assert "prepaid return label" in seller["draft"]
    (wrong,) = drafts(
        capsys,
        "wrong-item",
        "--offer",
        "swap-prepaid-return",
        "--return-shipping",
        "buyer",
        *DETAILS,
    )
    assert "prepaid return label" in wrong["draft"]


def test_missing_details_are_listed_as_markers(capsys: pytest.CaptureFixture[str]) -> None:
    (record,) = drafts(capsys, "out-of-stock", "--offer", "wait-with-code")
    assert {"[customer's name]", "[discount code]", "[date]", "[your name]"} <= set(
        record["missing"]
    )
    assert all(marker in record["draft"] for marker in record["missing"])


def test_the_text_output_names_each_draft(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "damaged-in-transit", "--offer", "all", *DETAILS]) == 0
    out = capsys.readouterr().out
    assert out.count("=== damaged-in-transit") == 5
    assert "Send a replacement (replacement, replacement), recommended" in out
    assert out.count("Hi Priya,") == 10  # each draft and its follow-up message


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no-such-playbook"], "no playbook called 'no-such-playbook'"),
        (["damaged-in-transit", "--offer", "free-car"], "no offer called 'free-car'"),
        (["damaged-in-transit", "--apology", "9"], "apology lines"),
        (["damaged-in-transit", "--questions", "0"], "--questions"),
        (["damaged-in-transit", "--follow-up-days", "soon"], "--follow-up-days"),
        (["damaged-in-transit", "--currency", "pounds"], "currency"),
    ],
)
def test_unknown_ids_and_bad_values_exit_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert main(["draft", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("seller-coach draft: ")
    assert says in lines[0]


def test_the_marketplace_is_named_where_a_playbook_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asks = "Could you send it to me in a message on {}, so the change is on record"
    for given, says in (
        ([], "the marketplace"),
        (["--marketplace", "ebay"], "eBay"),
        (["--marketplace", "Own-Website"], "my website"),
        (["--marketplace", "own website"], "my website"),
    ):
        (record,) = drafts(capsys, "address-problem", "--questions", "2", *given)
        assert asks.format(says) in record["draft"]
        assert not any("marketplace" in marker for marker in record["missing"])


def test_an_unknown_marketplace_exits_2_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["draft", "address-problem", "--marketplace", "amazon"])
    assert exited.value.code == 2
    assert "one of etsy, ebay, shopify, vinted, own-website, other" in capsys.readouterr().err
