"""The shipped playbooks: the catalogue's situations, all valid, with a current JSON Schema."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.core.lexicon import Lexicon, load_lexicon
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.models import MAX_TITLE, Playbook
from bot.core.schema import playbook_schema_text
from bot.core.text import Analyzer

SHIPPED = Path(__file__).resolve().parents[2] / "playbooks"

#: The situations that must ship, one playbook each: the product's contract.
CATALOGUE_IDS = {
    "abusive-customer",
    "address-problem",
    "allergic-reaction",
    "arrived-too-late",
    "batch-recall",
    "cancel-order",
    "change-order",
    "changed-mind",
    "charged-twice",
    "custom-order-issue",
    "customs-fees",
    "damaged-in-transit",
    "delay-notice",
    "delivered-not-received",
    "delivery-follow-up",
    "digital-download",
    "discount-request",
    "exchange-request",
    "gift-deadline",
    "gift-recipient",
    "hygiene-return",
    "lost-in-transit",
    "missing-item",
    "negative-review",
    "not-as-described",
    "order-confirmation",
    "out-of-stock",
    "payment-dispute",
    "policy-pushback",
    "price-error",
    "quality-defect",
    "refund-request",
    "refund-status",
    "return-arrived-used",
    "return-lost",
    "returned-to-sender",
    "shipped-notice",
    "shipping-delay",
    "slow-seller-reply",
    "suspected-scam",
    "wrong-item",
}

PLAYBOOK_FILES = sorted(SHIPPED.glob("*.yaml"))


@pytest.fixture(scope="module")
def playbooks() -> list[Playbook]:
    result = load_playbooks([SHIPPED])
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.playbooks


def test_the_shipped_folder_is_found() -> None:
    assert shipped_playbooks_dir().resolve() == SHIPPED.resolve()


def test_the_catalogue_has_41_situations() -> None:
    assert len(CATALOGUE_IDS) == 41


def test_every_shipped_playbook_loads_without_problems() -> None:
    result = load_playbooks([SHIPPED])
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert len(result.playbooks) == len(PLAYBOOK_FILES)


def test_the_ids_are_exactly_the_catalogue(playbooks: list[Playbook]) -> None:
    ids = [p.id for p in playbooks]
    assert len(ids) == len(set(ids))
    assert set(ids) == CATALOGUE_IDS, (
        f"missing: {sorted(CATALOGUE_IDS - set(ids))}; extra: {sorted(set(ids) - CATALOGUE_IDS)}"
    )


def test_each_file_is_named_after_its_id() -> None:
    assert {path.stem for path in PLAYBOOK_FILES} == CATALOGUE_IDS


def test_each_playbook_has_at_least_ten_examples(playbooks: list[Playbook]) -> None:
    few = {p.id: len(p.match.examples) for p in playbooks if len(p.match.examples) < 10}
    assert few == {}


def test_each_ladder_is_cheapest_first(playbooks: list[Playbook]) -> None:
    for playbook in playbooks:
        costs = [offer.cost for offer in playbook.steps.compensate.ladder]
        assert costs == sorted(costs), playbook.id


def test_no_two_playbooks_share_an_example(playbooks: list[Playbook]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for playbook in playbooks:
        for example in playbook.match.examples:
            owners[" ".join(example.casefold().split())].add(playbook.id)
    shared = {text: sorted(ids) for text, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_no_playbook_lists_an_example_twice(playbooks: list[Playbook]) -> None:
    repeated = {}
    for playbook in playbooks:
        seen = Counter(" ".join(e.casefold().split()) for e in playbook.match.examples)
        twice = sorted(text for text, count in seen.items() if count > 1)
        if twice:
            repeated[playbook.id] = twice
    assert repeated == {}


def test_titles_are_short_and_unique(playbooks: list[Playbook]) -> None:
    assert MAX_TITLE <= 60
    long = [p.title for p in playbooks if len(p.title) > 60]
    assert long == []
    titles = [p.title.casefold() for p in playbooks]
    assert len(titles) == len(set(titles))


def test_schema_json_is_current() -> None:
    written = (SHIPPED / "schema.json").read_text(encoding="utf-8")
    assert written == playbook_schema_text(), (
        "playbooks/schema.json is out of date: run `seller-coach schema --write`"
    )


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SHIPPED / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", PLAYBOOK_FILES, ids=[p.stem for p in PLAYBOOK_FILES])
def test_each_playbook_file_validates_against_the_schema(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Arrived damaged", "titel: Arrived damaged"),
        ("category: delivery", "category: shipping"),
        ("after_days: 5", "after_days: soon"),
        ("title: Arrived damaged", "title: yes"),
        ("cost: 1.0", "cost: 5"),
        ("\n  follow_up:\n", "\n  follow_upp:\n"),
    ],
)
def test_the_schema_catches_mistakes(
    validator: jsonschema.Draft202012Validator, old: str, new: str
) -> None:
    text = (SHIPPED / "damaged-in-transit.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    assert validator.is_valid(yaml.safe_load(text))
    assert not validator.is_valid(yaml.safe_load(text.replace(old, new)))


def test_the_lexicon_loads_and_the_analyzer_accepts_it() -> None:
    lexicon = load_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert lexicon.language == "en"
    assert "the" in lexicon.stopwords
    analyzer = Analyzer(lexicon)
    terms = analyzer.terms("the parcel never arrived")
    assert terms
    assert "the" not in terms
