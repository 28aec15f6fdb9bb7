"""The terminal coach: details asked only when the reply needs them, the seller's policy kept."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.engine import Policy, ReturnShipping
from bot.terminal import POLICY_FILE, load_policy, save_policy

DETAILS = ["--customer", "Priya", "--item", "blue mug", "--order", "#4471", "--order-value", "40"]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("SELLER_COACH_DATA_DIR", str(folder))
    return folder


def coach(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    answers: str,
) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert main(["coach", *args]) == 0
    return capsys.readouterr().out


def test_the_seller_is_asked_once_for_name_and_shop_then_remembered(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--playbook", "damaged-in-transit", *DETAILS, "--return-shipping", "seller"]
    first = coach(monkeypatch, capsys, args, "Sam\nClay Corner\n" + "\n" * 10)
    assert "Your name, to sign the reply" in first
    assert first.count("Warm wishes,\nSam\nClay Corner") >= 1
    kept = json.loads((data_dir / POLICY_FILE).read_text(encoding="utf-8"))
    assert kept["seller_name"] == "Sam" and kept["return_shipping"] == "seller"
    assert "Priya" not in (data_dir / POLICY_FILE).read_text(encoding="utf-8")

    second = coach(monkeypatch, capsys, ["--playbook", "changed-mind", *DETAILS], "\n" * 10)
    assert "Your name, to sign the reply" not in second
    assert "Warm wishes,\nSam\nClay Corner" in second
    assert "prepaid return label" in second  # the remembered return-postage policy


def test_flags_given_this_time_win_over_the_remembered_policy(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    save_policy(data_dir, Policy(seller_name="Sam", shop_name="Clay Corner"))
    args = ["--playbook", "changed-mind", *DETAILS, "--seller", "Jo"]
    out = coach(monkeypatch, capsys, args, "\n" * 10)
    assert "Warm wishes,\nJo\nClay Corner" in out
    assert "yours to cover" in out  # the default policy: the buyer pays return postage
    assert load_policy(data_dir) == Policy(seller_name="Jo", shop_name="Clay Corner")


def test_insurance_can_be_turned_off_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    save_policy(data_dir, Policy(seller_name="Sam", shop_name="Clay", insures_parcels=True))
    args = ["--playbook", "lost-in-transit", *DETAILS, "--no-insured"]
    coach(monkeypatch, capsys, args, "\n" * 10)
    kept = load_policy(data_dir)
    assert kept is not None and kept.insures_parcels is False and kept.seller_name == "Sam"


def test_a_code_and_a_date_are_asked_only_when_the_chosen_offer_needs_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--playbook", "out-of-stock", *DETAILS, "--seller", "Sam", "--shop", "Clay Corner"]
    plain = coach(monkeypatch, capsys, args, "\n" * 10)
    assert "discount code to give" not in plain
    # questions, apology: default; offer 3 (wait for restock, plus a code); follow-up: default
    out = coach(monkeypatch, capsys, args, "\n\n3\n\nSAVE5\nFriday\n\n")
    assert "The discount code to give" in out and "The date to name" in out
    draft = out[out.index("Hi Priya,") :]
    assert "SAVE5" in draft and "by Friday" in draft
    assert "[discount code]" not in draft


def test_flags_fill_the_code_tracking_and_date_without_asking(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "--playbook",
        "out-of-stock",
        *DETAILS,
        "--seller",
        "Sam",
        "--shop",
        "Clay Corner",
        "--code",
        "SAVE5",
        "--date",
        "Friday",
    ]
    out = coach(monkeypatch, capsys, args, "\n\n3\n\n\n")
    assert "The discount code to give" not in out
    assert "SAVE5" in out and "by Friday" in out


def test_an_unreadable_remembered_policy_is_ignored(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / POLICY_FILE).write_text("{not json", encoding="utf-8")
    assert load_policy(data_dir) is None
    save_policy(data_dir, Policy(return_shipping=ReturnShipping.CASE_BY_CASE))
    assert load_policy(data_dir) == Policy(return_shipping=ReturnShipping.CASE_BY_CASE)


def test_the_marketplace_given_is_named_where_the_playbook_says_so(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--playbook", "address-problem", *DETAILS, "--seller", "Sam", "--shop", "Clay"]
    out = coach(monkeypatch, capsys, [*args, "--marketplace", "vinted"], "\n" * 8)
    assert "in a message on Vinted" in out and "the marketplace" not in out
    out = coach(monkeypatch, capsys, args, "\n" * 8)
    assert "in a message on the marketplace" in out
