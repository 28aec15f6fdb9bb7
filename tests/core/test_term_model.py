"""The matcher's learned second opinion: trained on exactly the shipped playbooks, used only
with them, and a scorer that still ranks alone wherever the model does not apply."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from bot.core import matcher as matcher_module
from bot.core.catalog import Catalog
from bot.core.lexicon import lexicon_path
from bot.core.loader import content_digest
from bot.core.matcher import (
    CANDIDATES,
    CANDIDATES_WITH_MODEL,
    MODEL_CANDIDATE_CHANCE,
    MODEL_CANDIDATES,
    MODEL_MIN_LEAD,
    MODEL_WEIGHT,
    MatchEntry,
    Matcher,
)
from bot.core.term_model import (
    FEATURES_VERSION,
    TermModel,
    features,
    index_digest,
    model_path,
    text_features,
    trained_with,
)

REPO = Path(__file__).resolve().parents[2]
RETRAIN = "retrain it: .venv/bin/python scripts/train_matcher_model.py"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()[0]


def test_the_shipped_model_was_trained_on_the_shipped_playbooks_and_lexicon(
    catalog: Catalog,
) -> None:
    digests = trained_with(model_path())
    assert digests is not None, f"no model at {model_path().name}: {RETRAIN}"
    index, lexicon = digests
    assert index == index_digest(catalog.matcher.index), f"the playbooks changed: {RETRAIN}"
    assert lexicon == content_digest(lexicon_path().read_bytes()), f"the lexicon changed: {RETRAIN}"
    assert catalog.matcher.model is not None


def test_a_started_bot_uses_the_model_from_the_cache_as_well(
    catalog: Catalog, tmp_path: Path
) -> None:
    first = Catalog.load(cache_dir=tmp_path)[0]
    again = Catalog.load(cache_dir=tmp_path)[0]  # the saved index, memory-mapped
    assert first.matcher.model is not None and again.matcher.model is not None
    for text in ("the parcel arrived damaged", "she wants her money back", "weather tomorrow"):
        expected = catalog.matcher.match(text).to_dict()
        assert first.matcher.match(text).to_dict() == expected
        assert again.matcher.match(text).to_dict() == expected


def test_other_playbooks_get_no_model_and_the_scorer_ranks_alone(catalog: Catalog) -> None:
    playbooks = [p for i in catalog.ids if (p := catalog.get(i)) is not None]
    changed = playbooks[0].model_copy(update={"title": playbooks[0].title + " (edited)"})
    edited = Catalog.build([changed, *playbooks[1:]])
    fewer = Catalog.build(playbooks[1:])
    assert edited.matcher.model is None and fewer.matcher.model is None
    result = edited.matcher.match("the parcel arrived damaged")
    assert result.best is not None and result.best.id == "damaged-in-transit"
    assert result.confident


def test_a_damaged_or_foreign_model_file_is_ignored(catalog: Catalog, tmp_path: Path) -> None:
    index = catalog.matcher.index
    whole = model_path().read_bytes()
    broken = tmp_path / "en-model.npz"
    broken.write_bytes(whole[:5000])  # cut short
    assert TermModel.load_for(index, broken) is None
    middle = len(whole) // 2
    broken.write_bytes(whole[:middle] + bytes(b ^ 0x5A for b in whole[middle : middle + 64]))
    assert TermModel.load_for(index, broken) is None  # damaged inside a compressed array
    assert TermModel.load_for(index, tmp_path / "missing.npz") is None
    with np.load(model_path()) as saved:
        arrays = dict(saved)
    np.savez(broken, **{**arrays, "confidence": arrays["confidence"][:-1]})
    assert TermModel.load_for(index, broken) is None  # the wrong shape
    np.savez(broken, **{k: v for k, v in arrays.items() if k != "confidence"})
    assert TermModel.load_for(index, broken) is None  # no calibration
    np.savez(broken, **{k: v for k, v in arrays.items() if k != "features"})
    assert TermModel.load_for(index, broken) is None  # made before the words were read
    np.savez(broken, **{**arrays, "features": np.array(FEATURES_VERSION + 1)})
    assert TermModel.load_for(index, broken) is None  # made with other features
    np.savez(broken, **arrays)
    assert TermModel.load_for(index, broken) is not None


def test_scoring_reproduces_the_tf_idf_weighting_the_model_was_trained_on(
    catalog: Catalog,
) -> None:
    """The numpy scoring reads a text as scikit-learn's vectorizer did in training."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    from scripts.train_matcher_model import MIN_TEXTS, development_lines, training_texts

    analyzer = catalog.matcher.analyzer
    texts, _, _ = training_texts(catalog, development_lines(set(catalog.ids)))
    vectorizer = sklearn_text.TfidfVectorizer(
        analyzer=lambda text: text_features(analyzer, text),
        sublinear_tf=True,
        min_df=MIN_TEXTS,
    )
    vectorizer.fit(texts)
    model = catalog.matcher.model
    assert model is not None
    with np.load(model_path()) as saved:
        weights = saved["weights"].astype(np.float64)
        intercept = saved["intercept"].astype(np.float64)
    for text in [*texts[::150], "the mug arrived smashed, she wants a refund asap"]:
        vector = vectorizer.transform([text]).toarray()[0]
        chances = model.probabilities(*analyzer.terms_and_words(text))
        if not vector.any():  # nothing the model knows (a line of emoji, say)
            assert chances is None, text
            continue
        logits = vector @ weights + intercept
        expected = np.exp(logits - logits.max())
        assert chances is not None
        assert chances == pytest.approx(expected / expected.sum(), abs=1e-5), text


def test_probabilities_cover_every_entry_and_need_a_known_feature(catalog: Catalog) -> None:
    model = catalog.matcher.model
    assert model is not None
    chances = _chances(catalog.matcher, "the mug arrived smashed to pieces")
    assert chances is not None
    assert chances.shape == (len(catalog.matcher.index.ids),)
    assert float(chances.sum()) == pytest.approx(1.0, abs=1e-5)
    assert catalog.matcher.index.ids[int(np.argmax(chances))] == "damaged-in-transit"
    assert model.probabilities(["zxqv", "qqzz"], ["zxqv", "qqzz"]) is None
    assert features(["a", "b"], ["x", "y", "z"]) == [
        "a",
        "b",
        "a|b",
        "~x",
        "~y",
        "~z",
        "~x|y",
        "~y|z",
    ]


def test_the_words_keep_what_the_terms_leave_out(catalog: Catalog) -> None:
    """An indirect description is told in ordinary words; the terms drop most of them, the
    words keep every one, corrected and stemmed as the terms are."""
    analyzer = catalog.matcher.analyzer
    text = "it turnd up looking like someone sat on it"
    terms, words = analyzer.terms_and_words(text)
    assert len(words) == 9
    assert {"up", "on", "it", "sat"} <= set(words)
    assert words[1] == analyzer.terms_and_words("turned")[1][0]  # the typo read as the word
    assert not {"up", "on", "it"} & set(terms)
    assert terms == analyzer.terms(text)


def test_the_model_has_its_say_in_every_score(catalog: Catalog) -> None:
    """Its probability for a playbook is added to the scorer's score with its weight, the sum
    kept on the scale of 0 to 100; clear lines keep their answer (the quality tests measure
    what it does for the rest)."""

    cases = {
        "the money I refunded her still hasn't shown up in her account": "refund-status",
        "the item she sent back to me never turned up": "return-lost",
        "the jumper she sent back has makeup all over it": "return-arrived-used",
        "customer says the earrings gave her a rash": "allergic-reaction",
    }
    scorer = catalog.matcher.without_model()
    for text, expected in cases.items():
        result = catalog.matcher.match(text)
        assert result.best is not None and result.best.id == expected, (text, result)
        assert all(0.0 <= m.score <= 100.0 for m in result.matches)
        alone = {m.id: m.score for m in scorer.match(text).matches}
        model = catalog.matcher.model
        assert model is not None
        chances = _chances(catalog.matcher, text)
        assert chances is not None
        chance = float(chances[catalog.matcher.index.ids.index(expected)])
        blended = (alone[expected] + MODEL_WEIGHT * chance) * 100.0 / (100.0 + MODEL_WEIGHT)
        # Scores are shown to one decimal.
        assert result.best.score == pytest.approx(blended, abs=0.1), text
        assert chance > 0.5 and result.best.score != pytest.approx(alone[expected])


def test_a_near_tie_between_two_situations_is_never_confident(catalog: Catalog) -> None:
    """However sure the calibrated verdict is, two playbooks within a couple of points of each
    other are left for the seller to choose between. Real near ties are rarely trusted by the
    verdict alone, so each confident answer is tried with its runner-up moved close."""
    matcher = catalog.matcher
    assert matcher.model is not None
    rows = (REPO / "tests" / "data" / "match_kinds.tsv").read_text(encoding="utf-8")
    trusted_ties = 0
    for row in rows.splitlines()[::5]:
        signals = matcher.signals(row.split("\t")[2])
        if signals is None or not matcher._confident(signals):
            continue
        tie = dataclasses.replace(signals, runner_up=signals.best - MODEL_MIN_LEAD / 2)
        trusted_ties += matcher.model.confident(tie)
        assert not matcher._confident(tie), row
    assert trusted_ties > 0  # ties the calibrated verdict alone would have trusted


def test_with_the_model_fewer_playbooks_are_compared_by_their_texts(catalog: Catalog) -> None:
    """The string comparison is most of a match: with the model, the scorer's three best
    candidates are compared (the model's likeliest join them), without it six."""
    scorer = catalog.matcher.without_model()
    for text in (
        "my buyer wants a refund because the order never arrived",
        "the buyer says the item arrived broken and wants a refund or a replacement",
        "customer is angry the order is late and threatens a bad review",
    ):
        alone = scorer.match(text, top=100).matches
        modelled = catalog.matcher.match(text, top=100).matches
        assert len(alone) == CANDIDATES, text
        assert len(modelled) <= CANDIDATES_WITH_MODEL + MODEL_CANDIDATES, text


def test_a_query_scored_again_with_the_models_candidates_compares_each_text_once(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the model's likeliest playbooks join the candidates, the query is scored again;
    the string comparisons made the first time are not made again."""
    matcher = catalog.matcher
    text = "the buyer says the item arrived broken and wants a refund or a replacement"
    first = matcher.match(text, top=100)
    scored = {m.id for m in first.matches}
    outsider = next(
        i
        for i, entry in enumerate(matcher.index.ids)
        if entry not in scored and i != matcher.index.off_topic
    )
    monkeypatch.setattr(Matcher, "_model_candidates", lambda self, chances, scores: [outsider])
    compared: list[tuple[str, tuple[str, ...]]] = []
    best_of = matcher_module._best_of

    def counted(normalised: str, texts: list[str]) -> float:
        compared.append((normalised, tuple(texts)))
        return best_of(normalised, texts)

    monkeypatch.setattr(matcher_module, "_best_of", counted)
    again = matcher.match(text, top=100)
    assert matcher.index.ids[outsider] in {m.id for m in again.matches}  # scored again
    assert compared and len(compared) == len(set(compared))


def test_without_the_model_the_verdict_follows_the_scorers_rules(catalog: Catalog) -> None:
    scorer = catalog.matcher.without_model()
    assert scorer.model is None and catalog.matcher.model is not None
    result = scorer.match("my buyer opened a chargeback")
    assert result.best is not None and result.best.id == "payment-dispute" and result.confident
    assert not scorer.match("what should I cook for dinner tonight").confident


def test_the_verdict_is_the_calibrated_reading_of_the_signals(catalog: Catalog) -> None:
    matcher: Matcher = catalog.matcher
    lines = [
        "the parcel arrived damaged",
        "order is late",
        "what should I cook for dinner tonight",
        "just hit 100 sales, so happy",
        "1 2 3 4 5",
        "she wants her money back, the mug came chipped",
    ]
    modelled = 0
    for text in lines:
        signals = matcher.signals(text)
        if signals is None:  # no playbook scored at all
            assert not matcher.match(text).confident, text
            continue
        modelled += signals.modelled
        expected = (
            signals.evidence >= matcher.min_evidence
            and signals.modelled
            and signals.best - signals.runner_up >= MODEL_MIN_LEAD
            and catalog.matcher.model.confident(signals)  # type: ignore[union-attr]
        )
        assert matcher.match(text).confident == expected, text
    assert modelled >= 4
    assert matcher.signals("") is None
    entry = MatchEntry("x", "Title", "Summary", ("an example",))
    assert Matcher.build([entry], matcher.analyzer).model is None


def test_text_still_being_typed_is_ranked_with_the_model(catalog: Catalog) -> None:
    result = catalog.matcher.match("the parcel arrived smash", partial=True)
    assert result.best is not None and result.best.id == "damaged-in-transit"
    assert catalog.matcher.match("", partial=True).matches == ()


def test_a_playbook_the_model_finds_likely_is_scored_even_when_the_scorer_missed_it(
    catalog: Catalog,
) -> None:
    """The scorer picks a few candidates by their words; a playbook the model rates among its
    likeliest joins them, scored by the scorer like any other."""
    matcher, plain = catalog.matcher, catalog.matcher.without_model()
    assert matcher.model is not None
    rows = (REPO / "tests" / "data" / "match_eval.tsv").read_text(encoding="utf-8").splitlines()
    joined = 0
    for row in rows:
        text = row.split("\t", 1)[1]
        everything = len(matcher.index.ids)
        found = {m.id: m.score for m in matcher.match(text, top=everything).matches}
        alone = {m.id for m in plain.match(text, top=everything).matches}
        added = found.keys() - alone
        if not added:
            continue
        joined += 1
        chances = _chances(matcher, text)
        assert chances is not None
        likeliest = np.argsort(chances)[::-1][:MODEL_CANDIDATES]
        named = {matcher.index.ids[i] for i in likeliest if chances[i] >= MODEL_CANDIDATE_CHANCE}
        assert added <= named, text
        assert all(found[playbook] > 0 for playbook in added)
    # Rare, but it happens: the words chose other playbooks.
    assert 0 < joined < len(rows) / 50, joined


def _chances(matcher: Matcher, text: str) -> np.ndarray | None:
    """The matcher's model's probabilities for ``text``, as the matcher reads it."""
    assert matcher.model is not None
    return matcher.model.probabilities(*matcher.analyzer.terms_and_words(text))
