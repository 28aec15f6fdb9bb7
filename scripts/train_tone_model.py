"""Train the tone check's learned second opinion and write ``playbooks/tone/en-model.json``.

Run from the repository root after changing a development set of the tone check or its rules::

    .venv/bin/python scripts/train_tone_model.py

It needs scikit-learn (in the ``dev`` extra). The model is trained on the development sets
named in ``tests/core/tone_corpus.py`` only; the held-out sets never train it. The threshold is
chosen with each development set left out in turn: the lowest at which the model alone flags at
most ``WARM_FLAGGED_AIM`` of the warm drafts it has not seen. Below ``warm_below`` a draft reads
warm enough that it is not asked for an apology: the highest score at which, the same way, no
hostile draft that the rules catch only by its missing apology would be let through. A draft
needs ``min_known_words`` words the model has seen before it gets an opinion at all. A test
retrains and checks that the shipped file is what this script writes: retrain after changing a
development set or the rules in ``en.yaml`` (``warm_below`` depends on what the rules catch).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.tone_model import CHAR_NGRAMS, MODEL_FORMAT, WORD_NGRAMS  # noqa: E402
from bot.core.tone_patterns import plain  # noqa: E402
from tests.core.tone_corpus import TRAINING_SETS  # noqa: E402

MODEL_FILE = ROOT / "playbooks" / "tone" / "en-model.json"

#: Regularisation of the logistic regression (larger fits the corpus more closely).
STRENGTH = 10.0
#: A feature seen in fewer drafts than this is left out.
MIN_DRAFTS = 2
#: The share of unseen warm drafts the model alone may flag, when choosing the threshold.
WARM_FLAGGED_AIM = 0.03
#: The share of hostile development drafts the model may stop flagging by asking for a few
#: words it knows before it gives an opinion.
MAX_RECALL_GIVEN_UP = 0.01
#: Significant digits kept in the file.
DIGITS = 6


def vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """The two feature extractors, as :mod:`bot.core.tone_model` reads drafts."""
    common: dict[str, Any] = {"sublinear_tf": True, "min_df": MIN_DRAFTS, "dtype": np.float64}
    words = TfidfVectorizer(ngram_range=WORD_NGRAMS, **common)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, **common)
    return words, chars


def fit(hostile: list[str], warm: list[str]) -> tuple[TfidfVectorizer, TfidfVectorizer, Any]:
    """Fit the extractors and the regression on one corpus."""
    from scipy.sparse import hstack

    texts = [plain(t) for t in hostile + warm]
    words, chars = vectorizers()
    features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    labels = [1] * len(hostile) + [0] * len(warm)
    regression = LogisticRegression(C=STRENGTH, max_iter=5000, tol=1e-8)
    regression.fit(features, labels)
    return words, chars, regression


def probabilities(model: tuple[TfidfVectorizer, TfidfVectorizer, Any], texts: list[str]) -> Any:
    """The fitted model's probability that each text reads as hostile."""
    from scipy.sparse import hstack

    words, chars, regression = model
    if not texts:
        return np.zeros(0)
    texts = [plain(t) for t in texts]
    features = hstack([words.transform(texts), chars.transform(texts)]).tocsr()
    return regression.predict_proba(features)[:, 1]


def scores_unseen() -> tuple[list[float], list[float]]:
    """Each development draft's score from a model trained with its own set left out: hostile
    drafts first, then warm ones, in the order of ``TRAINING_SETS``."""
    unseen_hostile: list[float] = []
    unseen_warm: list[float] = []
    for left_out in TRAINING_SETS:
        hostile = [t for name, (h, _) in TRAINING_SETS.items() if name != left_out for t in h]
        warm = [t for name, (_, w) in TRAINING_SETS.items() if name != left_out for t in w]
        model = fit(hostile, warm)
        held_hostile, held_warm = TRAINING_SETS[left_out]
        unseen_hostile += list(probabilities(model, held_hostile))
        unseen_warm += list(probabilities(model, held_warm))
    return unseen_hostile, unseen_warm


def choose_threshold(hostile: list[float], warm: list[float]) -> tuple[float, dict[str, float]]:
    """The lowest threshold at which the model alone flags at most the aimed share of the warm
    drafts it was not trained on; and what it flags there."""
    warm_scores = np.array(warm)
    hostile_scores = np.array(hostile)
    for step in range(50, 100):
        threshold = step / 100
        if (warm_scores >= threshold).mean() <= WARM_FLAGGED_AIM:
            return threshold, {
                "hostile_flagged": round(float((hostile_scores >= threshold).mean()), 4),
                "warm_flagged": round(float((warm_scores >= threshold).mean()), 4),
            }
    raise SystemExit("no threshold meets the aim; the corpora need looking at")


def choose_warm_floor(hostile: list[float]) -> float:
    """The highest score below which the missing-apology check may stand down: no hostile
    development draft that the rules catch only by its missing apology scores below it when its
    own set was left out of training."""
    from bot.core.tone import ToneChecker, ToneKind, load_tone_rules

    checker = ToneChecker(load_tone_rules(), compile_all=False)
    drafts = [t for h, _ in TRAINING_SETS.values() for t in h]
    only_unapologetic = [
        score
        for draft, score in zip(drafts, hostile, strict=True)
        if {f.kind for f in checker.check(draft).findings} == {ToneKind.NO_APOLOGY}
    ]
    lowest = min(only_unapologetic, default=1.0)
    floor = 0.0
    for step in range(1, 50):
        if step / 100 <= lowest:
            floor = step / 100
    return floor


def choose_min_known_words(
    hostile: list[float], threshold: float, vocabulary: dict[str, int]
) -> int:
    """The most words a draft must share with the model before it gets an opinion, such that
    the model alone, with each set left out in turn, stops flagging at most
    ``MAX_RECALL_GIVEN_UP`` of all hostile development drafts. Known words are counted against
    the final vocabulary (a left-out model knows a few fewer, so this errs towards asking for
    more words)."""
    from bot.core.tone_model import known_words, word_features

    drafts = [plain(t) for h, _ in TRAINING_SETS.values() for t in h]
    known = [known_words(word_features(d), vocabulary) for d in drafts]
    flagged = [score >= threshold for score in hostile]
    baseline = sum(flagged)
    chosen = 1
    for least in range(1, 11):
        kept = sum(f and k >= least for f, k in zip(flagged, known, strict=True))
        if baseline - kept <= MAX_RECALL_GIVEN_UP * len(drafts):
            chosen = least
    return chosen


def _round(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")


def build() -> dict[str, Any]:
    """Train on every development set and return the contents of the model file."""
    hostile = [t for h, _ in TRAINING_SETS.values() for t in h]
    warm = [t for _, w in TRAINING_SETS.values() for t in w]
    unseen_hostile, unseen_warm = scores_unseen()
    threshold, left_out = choose_threshold(unseen_hostile, unseen_warm)
    warm_below = choose_warm_floor(unseen_hostile)
    words, chars, regression = fit(hostile, warm)
    min_known_words = choose_min_known_words(unseen_hostile, threshold, words.vocabulary_)
    coefficients = regression.coef_[0]
    blocks: dict[str, dict[str, list[float]]] = {}
    offset = 0
    for name, vectorizer in (("words", words), ("chars", chars)):
        vocabulary = vectorizer.vocabulary_
        idf = vectorizer.idf_
        blocks[name] = {
            feature: [_round(idf[index]), _round(coefficients[offset + index])]
            for feature, index in sorted(vocabulary.items())
        }
        offset += len(vocabulary)
    return {
        "format": MODEL_FORMAT,
        "trained_on": {name: [len(h), len(w)] for name, (h, w) in TRAINING_SETS.items()},
        "left_out_in_turn": left_out,
        "threshold": threshold,
        "warm_below": warm_below,
        "min_known_words": min_known_words,
        "intercept": _round(regression.intercept_[0]),
        **blocks,
    }


def render(model: dict[str, Any]) -> str:
    """The model file's text: one feature per line, so a change reads well in a diff."""
    head = {key: value for key, value in model.items() if key not in ("words", "chars")}
    lines = ["{"]
    lines += [f"  {json.dumps(key)}: {json.dumps(value)}," for key, value in head.items()]
    for position, name in enumerate(("words", "chars")):
        lines.append(f"  {json.dumps(name)}: {{")
        entries = [
            f"    {json.dumps(feature, ensure_ascii=False)}: {json.dumps(pair)}"
            for feature, pair in model[name].items()
        ]
        lines.append(",\n".join(entries))
        lines.append("  }" + ("," if position == 0 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    model = build()
    MODEL_FILE.write_text(render(model), encoding="utf-8")
    print(
        f"wrote {MODEL_FILE.relative_to(ROOT)}: {len(model['words'])} word and "
        f"{len(model['chars'])} character features, threshold {model['threshold']}, "
        f"warm below {model['warm_below']}, at least {model['min_known_words']} known words, "
        f"with each set left out in turn: {model['left_out_in_turn']}"
    )


if __name__ == "__main__":
    main()
