"""Train the matcher's learned second opinion and write ``playbooks/lexicon/en-model.npz``.

Run from the repository root after changing the shipped playbooks or the lexicon::

    .venv/bin/python scripts/train_matcher_model.py

It needs scikit-learn (in the ``dev`` extra). Two things are learned:

1. the model itself, from the shipped playbooks' own texts, the lexicon's off-topic lines and
   the development set in ``tests/data`` (its descriptions and lines of every kind, labelled
   with their situation, and its off-topic lines), never the holdouts;
2. the calibration of the ``confident`` verdict: a logistic regression over
   :class:`bot.core.term_model.Signals` that tells a customer situation from an off-topic
   line, with the threshold at which at most ``1 - OFF_TOPIC_AIM`` of the development set's
   off-topic lines are answered confidently. Since the model learns from those lines too, the
   signals are read out of fold: the development set is cut into ``FOLDS`` parts, and each
   part is read by a model trained without it.

The matcher uses the model only with the index it was trained on, so a test fails until it is
retrained after a playbook's texts or the lexicon change.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
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
    model_path,
    save_model,
    text_features,
)

#: Regularisation of the logistic regression (larger fits the texts more closely; 3 to 30
#: measured alike on the development set).
STRENGTH = 10.0
#: Regularisation of the calibration.
CALIBRATION_STRENGTH = 1.0
#: The share of the development set's off-topic lines that must not be answered confidently.
OFF_TOPIC_AIM = 0.97
#: The model keeps only the features found in at least this many training texts (2 kept about
#: a third of them and ranked the development set's ninth part as well as keeping every one).
MIN_TEXTS = 2
#: How much a development line counts in training, beside a playbook's own texts (1.0 and
#: 2.0 measured alike out of fold; 0.5 lost half the gain).
DEVELOPMENT_WEIGHT = 1.0
#: The parts the development set is cut into for reading the calibration's signals out of
#: fold, and the seed of the cut.
FOLDS = 4
SEED = 7
DATA = ROOT / "tests" / "data"


@dataclass(frozen=True)
class Line:
    """A development line: its text and its situation (``OFF_TOPIC`` for an off-topic one)."""

    text: str
    label: str


def development_lines(known: set[str]) -> list[Line]:
    """The development set's lines about a situation the catalogue has, and its off-topic
    lines."""

    def rows(name: str) -> list[list[str]]:
        text = (DATA / name).read_text(encoding="utf-8")
        return [line.split("\t") for line in text.splitlines() if line.strip()]

    lines = [Line(text, expected) for expected, text in rows("match_eval.tsv")]
    lines += [Line(text, expected) for _, expected, text in rows("match_kinds.tsv")]
    lines = [line for line in lines if line.label in known]
    lines += [Line(text, OFF_TOPIC) for _, text in rows("match_offtopic_kinds.tsv")]
    plain = (DATA / "match_offtopic.txt").read_text(encoding="utf-8").splitlines()
    return lines + [Line(text.strip(), OFF_TOPIC) for text in plain if text.strip()]


def calibrate(catalog: Catalog, lines: list[Line]) -> np.ndarray:
    """The confidence calibration (weights, then the bias with the threshold folded in), from
    each development line's signals as read by a model trained without it.

    Lines the verdict never trusts anyway (nothing matched, nothing the model knows, too
    little evidence) take no part in the fit, but count among the off-topic lines that the
    aim is a share of.
    """
    matcher = catalog.matcher
    kept = matcher.model  # each part is read with its own model; the matcher gets it back
    order = list(range(len(lines)))
    random.Random(SEED).shuffle(order)
    rows: list[np.ndarray] = []
    labels: list[bool] = []
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        matcher.model = train(catalog, [line for n, line in enumerate(lines) if n not in held])
        for n in sorted(held):
            signals = matcher.signals(lines[n].text)
            if signals and signals.modelled and signals.evidence >= matcher.min_evidence:
                rows.append(signals.vector())
                labels.append(lines[n].label != OFF_TOPIC)
    matcher.model = kept
    matrix, truth = np.vstack(rows), np.asarray(labels)
    regression = LogisticRegression(C=CALIBRATION_STRENGTH, max_iter=5000)
    regression.fit(matrix, truth)
    margins = matrix @ regression.coef_[0] + regression.intercept_[0]
    # Halfway between the margin of the off-topic line that would be one too many answered
    # confidently and the next one up.
    off_topic = sum(line.label == OFF_TOPIC for line in lines)
    allowed = int((1 - OFF_TOPIC_AIM) * off_topic)
    highest = np.sort(margins[~truth])[::-1]
    if allowed >= len(highest):
        raise SystemExit("too few off-topic lines reach the verdict to calibrate it")
    cut = highest[0] + 1.0 if allowed == 0 else (highest[allowed] + highest[allowed - 1]) / 2
    return np.append(regression.coef_[0], regression.intercept_[0] - cut)


def training_texts(
    catalog: Catalog, lines: list[Line] | None = None
) -> tuple[list[str], list[str], list[float]]:
    """The texts the model learns from, their playbook (or the off-topic questions), and how
    much each counts: the playbooks' texts as the index weighs them, the lexicon's off-topic
    lines, and ``lines`` from the development set."""
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
    for text in load_lexicon(lexicon_path()).off_topic:
        texts.append(text)
        labels.append(OFF_TOPIC)
        sample_weights.append(1.0)
    for line in lines or []:
        texts.append(line.text)
        labels.append(line.label)
        sample_weights.append(DEVELOPMENT_WEIGHT)
    return texts, labels, sample_weights


@dataclass(frozen=True)
class Fitted:
    """A trained model's parts, in the order of the index's entries."""

    vocabulary: list[str]
    idf: np.ndarray
    weights: np.ndarray
    intercept: np.ndarray

    def model(self, confidence: np.ndarray) -> TermModel:
        return TermModel(self.vocabulary, self.idf, self.weights, self.intercept, confidence)


def fit(catalog: Catalog, lines: list[Line]) -> Fitted:
    """The model trained on the catalogue's texts and ``lines``."""
    analyzer = catalog.matcher.analyzer
    texts, labels, sample_weights = training_texts(catalog, lines)
    vectorizer = TfidfVectorizer(analyzer=lambda text: text_features(analyzer, text))
    vectorizer.set_params(sublinear_tf=True, min_df=MIN_TEXTS, dtype=np.float64)
    matrix = vectorizer.fit_transform(texts)
    regression = LogisticRegression(C=STRENGTH, max_iter=5000)
    regression.fit(matrix, labels, sample_weight=np.asarray(sample_weights))
    classes = list(regression.classes_)
    order = [classes.index(entry) for entry in catalog.matcher.index.ids]
    return Fitted(
        list(vectorizer.get_feature_names_out()),
        vectorizer.idf_,
        regression.coef_[order].T.astype(np.float16),  # as the file keeps them
        regression.intercept_[order],
    )


def train(catalog: Catalog, lines: list[Line]) -> TermModel:
    """The model trained on the catalogue's texts and ``lines``, not yet calibrated."""
    return fit(catalog, lines).model(np.zeros(SIGNALS + 1))


def main() -> None:
    catalog = Catalog.load()[0]
    lines = development_lines(set(catalog.ids))
    confidence = calibrate(catalog, lines)
    fitted = fit(catalog, lines)
    save_model(
        model_path(),
        catalog.matcher.index,
        fitted.vocabulary,
        fitted.idf,
        fitted.weights,
        fitted.intercept,
        lexicon=content_digest(lexicon_path().read_bytes()),
        confidence=confidence,
    )
    written = model_path().relative_to(ROOT)
    print(f"wrote {written}: {len(fitted.vocabulary)} features, {len(lines)} development lines")


if __name__ == "__main__":
    main()
