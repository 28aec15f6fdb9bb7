"""Train the matcher's learned second opinion and write ``playbooks/lexicon/en-model.npz``.

Run from the repository root after changing the shipped playbooks or the lexicon::

    .venv/bin/python scripts/train_matcher_model.py

It needs scikit-learn (in the ``dev`` extra). Two things are learned, one after the other:

1. the model itself, from the shipped playbooks' own texts and the lexicon's off-topic lines;
2. the calibration of the ``confident`` verdict, from the development set in ``tests/data``
   (its descriptions and lines of every kind, and its off-topic lines), never the holdouts: a
   logistic regression over :class:`bot.core.term_model.Signals` that tells a customer
   situation from an off-topic line, with the threshold at which at most
   ``1 - OFF_TOPIC_AIM`` of the development set's off-topic lines are answered confidently.

The matcher uses the model only with the index it was trained on, so a test fails until it is
retrained after a playbook's texts or the lexicon change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.catalog import Catalog  # noqa: E402
from bot.core.lexicon import lexicon_path, load_lexicon  # noqa: E402
from bot.core.loader import content_digest  # noqa: E402
from bot.core.matcher import FIELD_WEIGHTS, OFF_TOPIC, MatchEntry  # noqa: E402
from bot.core.term_model import (  # noqa: E402
    SIGNALS,
    TermModel,
    features,
    model_path,
    save_model,
)

#: Regularisation of the logistic regression (larger fits the texts more closely; 3 to 30
#: measured alike on the development set).
STRENGTH = 10.0
#: Regularisation of the calibration.
CALIBRATION_STRENGTH = 1.0
#: The share of the development set's off-topic lines that must not be answered confidently.
OFF_TOPIC_AIM = 0.97
DATA = ROOT / "tests" / "data"


def development_lines(known: set[str]) -> tuple[list[str], list[str]]:
    """The development set's lines about a situation the catalogue has, and its off-topic
    lines."""

    def rows(name: str) -> list[list[str]]:
        text = (DATA / name).read_text(encoding="utf-8")
        return [line.split("\t") for line in text.splitlines() if line.strip()]

    situations = [text for expected, text in rows("match_eval.tsv") if expected in known]
    situations += [text for _, expected, text in rows("match_kinds.tsv") if expected in known]
    off_topic = [text for _, text in rows("match_offtopic_kinds.tsv")]
    plain = (DATA / "match_offtopic.txt").read_text(encoding="utf-8").splitlines()
    return situations, off_topic + [line.strip() for line in plain if line.strip()]


def calibrate(catalog: Catalog) -> np.ndarray:
    """The confidence calibration (weights, then the bias with the threshold folded in).

    Lines the verdict never trusts anyway (nothing matched, nothing the model knows, too
    little evidence) take no part in the fit, but count among the off-topic lines that the
    aim is a share of.
    """
    matcher = catalog.matcher
    situations, off_topic = development_lines(set(catalog.ids))
    rows: list[np.ndarray] = []
    labels: list[bool] = []
    for texts, label in ((situations, True), (off_topic, False)):
        for text in texts:
            signals = matcher.signals(text)
            if signals and signals.modelled and signals.evidence >= matcher.min_evidence:
                rows.append(signals.vector())
                labels.append(label)
    matrix, truth = np.vstack(rows), np.asarray(labels)
    regression = LogisticRegression(C=CALIBRATION_STRENGTH, max_iter=5000)
    regression.fit(matrix, truth)
    margins = matrix @ regression.coef_[0] + regression.intercept_[0]
    # Halfway between the margin of the off-topic line that would be one too many answered
    # confidently and the next one up.
    allowed = int((1 - OFF_TOPIC_AIM) * len(off_topic))
    highest = np.sort(margins[~truth])[::-1]
    if allowed >= len(highest):
        raise SystemExit("too few off-topic lines reach the verdict to calibrate it")
    cut = highest[0] + 1.0 if allowed == 0 else (highest[allowed] + highest[allowed - 1]) / 2
    return np.append(regression.coef_[0], regression.intercept_[0] - cut)


def training_texts(catalog: Catalog) -> tuple[list[str], list[str], list[float]]:
    """The texts the model learns from, their playbook (or the off-topic questions), and how
    much each counts (as the index weighs them)."""
    texts: list[str] = []
    labels: list[str] = []
    sample_weights: list[float] = []
    for playbook_id in catalog.ids:
        playbook = catalog.get(playbook_id)
        assert playbook is not None
        for field, text in MatchEntry.of(playbook).texts():
            texts.append(text)
            labels.append(playbook_id)
            sample_weights.append(FIELD_WEIGHTS[field])
    for line in load_lexicon(lexicon_path()).off_topic:
        texts.append(line)
        labels.append(OFF_TOPIC)
        sample_weights.append(1.0)
    return texts, labels, sample_weights


def main() -> None:
    catalog = Catalog.load()[0]
    matcher = catalog.matcher
    analyzer = matcher.analyzer
    texts, labels, sample_weights = training_texts(catalog)
    vectorizer = TfidfVectorizer(analyzer=lambda text: features(analyzer.terms(text)))
    vectorizer.set_params(sublinear_tf=True, dtype=np.float64)
    matrix = vectorizer.fit_transform(texts)
    regression = LogisticRegression(C=STRENGTH, max_iter=5000)
    regression.fit(matrix, labels, sample_weight=np.asarray(sample_weights))
    ids = list(matcher.index.ids)
    order = [list(regression.classes_).index(i) for i in ids]
    vocabulary = list(vectorizer.get_feature_names_out())
    weights = regression.coef_[order].T.astype(np.float16)  # as the file keeps them
    intercept = regression.intercept_[order]
    # Calibrated on the model as it will be read back, then written once.
    uncalibrated = np.zeros(SIGNALS + 1)
    catalog.matcher.model = TermModel(vocabulary, vectorizer.idf_, weights, intercept, uncalibrated)
    confidence = calibrate(catalog)
    lexicon = content_digest(lexicon_path().read_bytes())
    save_model(
        model_path(),
        matcher.index,
        vocabulary,
        vectorizer.idf_,
        weights,
        intercept,
        lexicon=lexicon,
        confidence=confidence,
    )
    print(f"wrote {model_path().relative_to(ROOT)}: {matrix.shape[1]} features, {len(ids)} entries")


if __name__ == "__main__":
    main()
